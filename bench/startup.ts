// Start-up of the command as users run it, against bare Node on the same machine: the
// wall time of `amlnet --version` and the CPU time (user + system) of `amlnet check` on an
// example, each the median of 21 runs. Each run goes through bash so `times` can report the
// child's CPU; the baseline pays the same. All are run in turn, round after round, so a
// change in the machine's speed (this VM's moves by a third within minutes) reaches the baseline
// and the command alike instead of skewing their ratio. Also, for the record, `amlnet check` as
// a Node that can't use the build's code cache starts it (another Node version): from a copy of
// the package without the cache. Prints JSON.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../bin/amlnet.js", import.meta.url));
const example = fileURLToPath(new URL("../examples/private-link-workspace.yaml", import.meta.url));

function run(args: string[]): { wallMs: number; cpuMs: number } {
  const t = performance.now();
  const r = spawnSync("bash", ["-c", `"$0" "$@" >/dev/null 2>&1; times`, process.execPath, ...args], { encoding: "utf8" });
  const wallMs = performance.now() - t;
  // `times` prints the shell's user and system time, then its children's: "0m0.123s 0m0.045s".
  const children = r.stdout.trim().split("\n")[1] ?? "";
  const cpuMs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + (Number(m[1]) * 60 + Number(m[2])) * 1000, 0);
  return { wallMs, cpuMs };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const node: { wallMs: number; cpuMs: number }[] = [];
const version: { wallMs: number; cpuMs: number }[] = [];
const check: { wallMs: number; cpuMs: number }[] = [];
const uncached: { wallMs: number; cpuMs: number }[] = [];
const copy = mkdtempSync(join(tmpdir(), "amlnet-startup-"));
for (const f of ["package.json", "bin/amlnet.js", "bin/load-cli.js", "dist/cli.cjs"]) {
  mkdirSync(join(copy, f, ".."), { recursive: true });
  copyFileSync(fileURLToPath(new URL(`../${f}`, import.meta.url)), join(copy, f));
}
for (let round = 0; round < 21; round++) {
  node.push(run(["-e", "0"]));
  version.push(run([bin, "--version"]));
  check.push(run([bin, "check", example]));
  uncached.push(run([join(copy, "bin", "amlnet.js"), "check", example]));
}
rmSync(copy, { recursive: true, force: true });
// Whether a bare node (as the runs above) starts the command line from its code cache (bin/load-cli.js).
const loader = new URL("../bin/load-cli.js", import.meta.url).href;
const probe = spawnSync(process.execPath, ["--input-type=module", "-e", `const { script, cached } = (await import(${JSON.stringify(loader)})).loadCli(); console.log(cached && !script.cachedDataRejected);`], { encoding: "utf8" });
console.log(
  JSON.stringify({
    codeCache: probe.stdout.trim() === "true",
    nodeWallMs: median(node.map((r) => r.wallMs)),
    nodeCpuMs: median(node.map((r) => r.cpuMs)),
    versionWallMs: median(version.map((r) => r.wallMs)),
    checkCpuMs: median(check.map((r) => r.cpuMs)),
    uncachedCheckCpuMs: median(uncached.map((r) => r.cpuMs)),
  }),
);
