// The package as users get it: npm pack (which runs the prepack build), install the
// tarball into a temporary prefix, and run the installed `amlnet` through npm's link, the way a
// CI step would; then use it as a library from a fresh project, types included.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { parse } from "yaml";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const example = (f: string) => join(root, "examples", f);
const npm = (args: string[], cwd: string) => spawnSync("npm", [...args, "--no-audit", "--no-fund", "--prefer-offline"], { cwd, encoding: "utf8" });

const work = mkdtempSync(join(tmpdir(), "amlnet-pack-"));
const packed = npm(["pack", "--json", "--pack-destination", work], root);
const manifest = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("["))) as { filename: string; files: { path: string }[] }[];
const tarball = join(work, manifest[0].filename);

test("the package holds the compiled code, examples, schema and licence, and nothing of the project's own", () => {
  assert.equal(packed.status, 0, packed.stderr);
  const files = manifest[0].files.map((f) => f.path);
  for (const needed of ["bin/amlnet.js", "dist/cli.js", "dist/index.js", "dist/types/api/index.d.ts", "examples/private-link-workspace.yaml", "schema/blueprint.schema.json", "LICENSE", "README.md", "package.json"])
    assert.ok(files.includes(needed), needed);
  assert.deepEqual(files.filter((f) => /^(src|test|bench|scripts|\.ci)\//.test(f)), []);
});

test("the installed amlnet runs through npm's link: exit 1 on a broken example, 0 on a clean one, no tsx needed", () => {
  const prefix = join(work, "global");
  const installed = npm(["install", "--global", "--prefix", prefix, tarball], work);
  assert.equal(installed.status, 0, installed.stderr);
  const amlnet = join(prefix, "bin", "amlnet");
  const run = (...args: string[]) => spawnSync(amlnet, args, { encoding: "utf8", cwd: work });
  assert.equal(run("--version").stdout, `${JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version}\n`);
  const broken = run("check", example("broken/basic-registry-endpoint.yaml"));
  assert.equal(broken.status, 1, broken.stderr);
  assert.match(broken.stdout, /error AML022/);
  assert.equal(run("check", example("private-link-workspace.yaml")).status, 0);
  assert.equal(run("init", "--scenario", "private-link-workspace", "--output", join(work, "amlnet.yaml")).status, 0);
  assert.equal(run("check", join(work, "amlnet.yaml")).status, 0);
  const modules = join(prefix, "lib", "node_modules");
  assert.equal(spawnSync("test", ["-e", join(modules, "tsx")]).status, 1, "tsx is not installed with amlnet");
});

test("a project imports amlnet as a typed library", () => {
  const project = join(work, "consumer");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
  assert.equal(npm(["install", tarball], project).status, 0);
  writeFileSync(
    join(project, "check.ts"),
    `import { openBlueprint, formatSummary, type Finding } from "amlnet";
import { readFileSync } from "node:fs";
const text = readFileSync(${JSON.stringify(example("broken/basic-registry-endpoint.yaml"))}, "utf8");
const opened = openBlueprint("bp.yaml", text);
if (!opened.ok) throw new Error("does not load");
const findings: readonly Finding[] = opened.project.findings;
console.log(findings.map((f) => f.ruleId).join(","));
void formatSummary;
`,
  );
  writeFileSync(
    join(project, "tsconfig.json"),
    // A Node project as users set one up: Node's types (this checkout's @types/node), strict, and
    // every declaration checked (no skipLibCheck), amlnet's own included.
    JSON.stringify({
      compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", strict: true, noEmit: true, types: ["node"], typeRoots: [join(root, "node_modules/@types")], skipLibCheck: false },
      files: ["check.ts"],
    }),
  );
  const tsc = spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", project], { encoding: "utf8" });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  writeFileSync(join(project, "check.mjs"), readFileSync(join(project, "check.ts"), "utf8").replace(", type Finding", "").replace(": readonly Finding[]", ""));
  const ran = spawnSync(process.execPath, [join(project, "check.mjs")], { encoding: "utf8", cwd: project });
  assert.equal(ran.status, 0, ran.stderr);
  assert.match(ran.stdout, /AML022/);
});

test("the README's library example runs as written against an init blueprint, and typechecks", () => {
  const project = join(work, "consumer");
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const code = /## As a library[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)![1];
  const init = spawnSync(process.execPath, [join(project, "node_modules/amlnet/bin/amlnet.js"), "init", "--scenario", "private-link-workspace", "--output", join(project, "amlnet.yaml"), "--force"], { encoding: "utf8" });
  assert.equal(init.status, 0, init.stderr);
  writeFileSync(join(project, "readme.mjs"), `${code}console.log(JSON.stringify({ findings: project.findings.length, blocked: blocked.length, files: files.size, traced: "hops" in trace }));\n`);
  const ran = spawnSync(process.execPath, [join(project, "readme.mjs")], { encoding: "utf8", cwd: project });
  assert.equal(ran.status, 0, ran.stderr);
  const last = JSON.parse(ran.stdout.trim().split("\n").pop()!);
  // main.json/.parameters.json/.bicep/.bicepparam/.tf, variables.tf, outputs.tf, deploy.sh,
  // verify.sh, verify.ps1 (no jump box deployed: its OS is the user's), workspace.yml, README.md.
  assert.equal(last.files, 12);
  assert.equal(last.blocked, 0);
  writeFileSync(join(project, "readme.ts"), code);
  writeFileSync(join(project, "tsconfig.json"), readFileSync(join(project, "tsconfig.json"), "utf8").replace('"files":["check.ts"]', '"files":["readme.ts"]'));
  const tsc = spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", project], { encoding: "utf8" });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
});

test("every command of the README's Use section runs as written, in order, with the installed package", () => {
  const project = join(work, "readme-commands");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "readme-commands", type: "module", private: true }));
  assert.equal(npm(["install", tarball], project).status, 0);
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const block = /## Use\n\n```sh\n([\s\S]*?)```/.exec(readme)![1];
  const commands = block.split("\n").filter((l) => l.trim()).map((l) => l.replace(/\s+#.*$/, ""));
  assert.ok(commands.length >= 10);
  const results = commands.map((command) => {
    // npx finds the project's own amlnet (node_modules/.bin): nothing is downloaded.
    const r = spawnSync("bash", ["-c", command], { cwd: project, encoding: "utf8", env: { ...process.env, npm_config_offline: "true" } });
    return { command, code: r.status, out: r.stdout, err: r.stderr };
  });
  for (const r of results) {
    assert.ok(r.code === 0 || (r.code === 1 && /--fail-level warning/.test(r.command)), `${r.command}: exit ${r.code}\n${r.err}`);
    assert.doesNotMatch(r.err, /internal error|not found|ERR!/, r.command);
  }
  const by = (prefix: string) => results.find((r) => r.command.startsWith(prefix))!;
  assert.match(by("npx amlnet trace").out, /^jumpbox -> stamlprivate\.blob\.core\.windows\.net:443\n/);
  assert.match(by("npx amlnet diff").out, /0 flows gained, 0 lost, 0 removed\./);
  assert.equal(JSON.parse(readFileSync(join(project, "amlnet.sarif"), "utf8")).version, "2.1.0");
  assert.ok(readFileSync(join(project, "deploy", "main.json"), "utf8").length > 1000);
  assert.match(by("npx amlnet explain").out, /AML002/);
});

test("the README's serve command runs as written with the installed package: a page on 127.0.0.1, stopped by a signal", async () => {
  const project = join(work, "readme-serve");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "readme-serve", type: "module", private: true }));
  assert.equal(npm(["install", tarball], project).status, 0);
  writeFileSync(join(project, "amlnet.yaml"), readFileSync(example("private-link-workspace.yaml"), "utf8"));
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const command = /## See it\n\n```sh\n(.*?)\n```/.exec(readme)![1].replace(/\s+#.*$/, "");
  assert.equal(command, "npx amlnet serve amlnet.yaml");
  // Its own process group, signalled as a terminal's Ctrl-C signals npx and the amlnet it runs.
  const child = spawn("bash", ["-c", `exec ${command}`], { cwd: project, detached: true, env: { ...process.env, npm_config_offline: "true" } });
  const exited = new Promise((done) => child.on("exit", (code, signal) => done(code ?? signal)));
  let url = "";
  try {
    url = await new Promise<string>((done, fail) => {
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) done(m[1]);
      });
      child.on("exit", (code) => fail(new Error(`serve exited ${code}`)));
    });
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-security-policy") ?? "", /default-src 'none'/);
    assert.match(await page.text(), /<script type="module" src="\/app\.js"><\/script>/);
    assert.equal((await fetch(`${url}app.js`)).status, 200);
  } finally {
    process.kill(-child.pid!, "SIGINT");
  }
  await exited;
  child.stdout.destroy();
  // Stopped: nothing listens there any more.
  await new Promise((done) => setTimeout(done, 300));
  await assert.rejects(fetch(url));
});

/** Runs the run-steps of action.yml as the Actions runner would (bash -eo pipefail, its files). */
function runAction(inputs: Record<string, string>, cwd: string): { outputs: Record<string, string>; results: { name: string; code: number | null; out: string }[] } {
  const action = parse(readFileSync(join(root, "action.yml"), "utf8")) as {
    inputs: Record<string, { default?: string }>;
    runs: { steps: { id?: string; name?: string; uses?: string; run?: string; env?: Record<string, string> }[] };
  };
  const values = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? ""])), ...inputs };
  const temp = mkdtempSync(join(tmpdir(), "amlnet-runner-"));
  const outputs: Record<string, string> = {};
  const path: string[] = [];
  const results: { name: string; code: number | null; out: string }[] = [];
  const expand = (text: string) =>
    text.replace(/\$\{\{\s*(inputs\.([\w-]+)|steps\.(\w+)\.outputs\.(\w+))\s*\}\}/g, (_, _all, input, step, out) => (input ? (values[input] ?? "") : (outputs[`${step}.${out}`] ?? "")));
  for (const step of action.runs.steps) {
    if (!step.run) continue;
    const githubOutput = join(temp, "output");
    const githubPath = join(temp, "path");
    writeFileSync(githubOutput, "");
    writeFileSync(githubPath, "");
    const env = { ...process.env, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)])), RUNNER_TEMP: temp, GITHUB_OUTPUT: githubOutput, GITHUB_PATH: githubPath, PATH: [...path, process.env.PATH].join(":") };
    const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", expand(step.run)], { cwd, env, encoding: "utf8" });
    results.push({ name: step.name ?? "", code: r.status, out: r.stdout + r.stderr });
    for (const line of readFileSync(githubOutput, "utf8").split("\n").filter(Boolean)) {
      const [k, ...v] = line.split("=");
      outputs[`${step.id}.${k}`] = v.join("=");
    }
    path.unshift(...readFileSync(githubPath, "utf8").split("\n").filter(Boolean));
  }
  return { outputs, results };
}

test("the GitHub Action's steps run locally: install, SARIF and annotations, and the check's exit code as the result", () => {
  const action = parse(readFileSync(join(root, "action.yml"), "utf8")) as { inputs: Record<string, { default?: string }> };
  const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
  assert.equal(action.inputs.package.default, `amlnet@${version}`, "the action installs this version by default");
  const broken = runAction({ blueprint: example("broken/basic-registry-endpoint.yaml"), package: tarball }, work);
  assert.deepEqual(broken.results.map((r) => [r.name, r.code]), [["Install amlnet", 0], ["Check", 0], ["Result", 1]], broken.results.map((r) => r.out).join("\n"));
  assert.match(broken.results[1].out, /^::error file=.*basic-registry-endpoint\.yaml,line=7,col=\d+,title=AML022 /m);
  assert.equal(broken.outputs["check.code"], "1");
  assert.equal(JSON.parse(readFileSync(broken.outputs["check.sarif"], "utf8")).version, "2.1.0");
  const clean = runAction({ blueprint: example("private-link-workspace.yaml"), package: tarball }, work);
  assert.deepEqual(clean.results.map((r) => r.code), [0, 0, 0]);
});

test("the README's Azure DevOps pipeline scripts run as written, with the package installed", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const pipeline = parse(/```yaml\n(# Azure DevOps[\s\S]*?)```/.exec(readme)![1]) as { steps: { script?: string }[] };
  const project = join(work, "ado");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "ado", private: true }));
  assert.equal(npm(["install", tarball], project).status, 0);
  writeFileSync(join(project, "amlnet.yaml"), readFileSync(example("private-link-workspace.yaml"), "utf8"));
  const scripts = pipeline.steps.filter((s) => s.script).map((s) => s.script!);
  assert.ok(scripts.length >= 1);
  for (const script of scripts) {
    // npx resolves the project's installed amlnet first; the pinned version is the published one.
    const r = spawnSync("bash", ["-eo", "pipefail", "-c", script], { cwd: project, encoding: "utf8", env: { ...process.env, npm_config_offline: "true" } });
    assert.equal(r.status, 0, `${script}\n${r.stdout}${r.stderr}`);
  }
  assert.match(readFileSync(join(project, "amlnet-junit.xml"), "utf8"), /^<\?xml version="1\.0"/);
});
