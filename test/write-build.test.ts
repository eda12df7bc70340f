// A rebuild never loses a file amlnet didn't write, two builds never mix in one folder,
// and every file-system failure is one message (exit 2), never a stack trace. The test machines
// run as root, so failures are injected into the file-system layer writeBuild takes.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { writeBuild, writeTextFile, type FileSystem } from "../src/api/index.ts";
import { main } from "../src/cli/main.ts";

const files = (...names: string[]) => new Map(names.map((n) => [n, `content of ${n}\n`]));
const tempDir = () => mkdtempSync(join(tmpdir(), "amlnet-write-"));

test("a rebuild replaces its own files, removes the ones it no longer writes, and keeps everything else", () => {
  const out = join(tempDir(), "deploy");
  assert.deepEqual(writeBuild(out, files("main.json", "main.tf", "old.sh")), { ok: true, removed: [] });
  // What a user adds after running Terraform there, as the generated README says to.
  writeFileSync(join(out, "terraform.tfstate"), "{state}");
  mkdirSync(join(out, ".terraform"));
  writeFileSync(join(out, ".terraform", "lock"), "x");
  writeFileSync(join(out, "notes.md"), "mine");
  const again = writeBuild(out, new Map([["main.json", "new\n"], ["main.tf", "new tf\n"]]));
  assert.deepEqual(again, { ok: true, removed: ["old.sh"] });
  assert.equal(readFileSync(join(out, "main.json"), "utf8"), "new\n");
  assert.equal(readFileSync(join(out, "terraform.tfstate"), "utf8"), "{state}");
  assert.ok(existsSync(join(out, ".terraform", "lock")));
  assert.equal(readFileSync(join(out, "notes.md"), "utf8"), "mine");
  assert.ok(!existsSync(join(out, "old.sh")));
  assert.deepEqual(JSON.parse(readFileSync(join(out, ".amlnet-build"), "utf8")).files, ["main.json", "main.tf"]);
  assert.deepEqual(readdirSync(out).sort(), [".amlnet-build", ".terraform", "main.json", "main.tf", "notes.md", "terraform.tfstate"]);
});

test("a folder amlnet didn't write is refused without --force; with it, other files stay", () => {
  const out = tempDir();
  writeFileSync(join(out, "keep.txt"), "k");
  const refused = writeBuild(out, files("main.json"));
  assert.equal(refused.ok, false);
  assert.match(!refused.ok ? refused.error : "", /not empty and was not written by amlnet build; pass --force/);
  assert.deepEqual(readdirSync(out), ["keep.txt"]);
  assert.equal(writeBuild(out, files("main.json"), { force: true }).ok, true);
  assert.equal(readFileSync(join(out, "keep.txt"), "utf8"), "k");
});

test("a folder holding the blueprint is refused, even with --force", () => {
  const out = tempDir();
  const blueprint = join(out, "amlnet.yaml");
  writeFileSync(blueprint, "x");
  for (const force of [false, true]) {
    const r = writeBuild(out, files("main.json"), { force, input: blueprint });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : "", /holds the blueprint .*amlnet\.yaml; write the build to a folder of its own/);
  }
  assert.deepEqual(readdirSync(out), ["amlnet.yaml"]);
  // A sibling folder is fine.
  assert.equal(writeBuild(join(out, "deploy"), files("main.json"), { input: blueprint }).ok, true);
});

test("an output path that is a file or a dangling symbolic link is one message", () => {
  const dir = tempDir();
  writeFileSync(join(dir, "file"), "x");
  symlinkSync(join(dir, "nowhere"), join(dir, "dangling"));
  const asFile = writeBuild(join(dir, "file"), files("main.json"));
  assert.deepEqual(asFile, { ok: false, error: `${join(dir, "file")} is a file, not a folder` });
  const asLink = writeBuild(join(dir, "dangling"), files("main.json"));
  assert.deepEqual(asLink, { ok: false, error: `${join(dir, "dangling")} is a symbolic link to nothing` });
});

/** node:fs with one call failing as the system would. */
function failing(call: keyof FileSystem, errorCode: string, when: (args: unknown[]) => boolean = () => true): FileSystem {
  return {
    ...fs,
    [call]: (...args: unknown[]) => {
      if (when(args)) throw Object.assign(new Error(`${errorCode}: injected`), { code: errorCode, path: String(args[0]) });
      return (fs[call] as (...a: unknown[]) => unknown)(...args);
    },
  } as FileSystem;
}

test("a full disk or a folder you may not write is one line, and the previous build stays whole", () => {
  const out = join(tempDir(), "deploy");
  writeBuild(out, files("main.json", "main.tf"));
  const before = readFileSync(join(out, "main.json"), "utf8");
  // The disk fills after the build's first write (its marker).
  let writes = 0;
  const full = writeBuild(out, new Map([["main.json", "NEW"], ["main.tf", "NEW"]]), { fs: failing("writeSync", "ENOSPC", (a) => typeof a[1] !== "string" && ++writes > 1) });
  assert.equal(full.ok, false);
  assert.match(!full.ok ? full.error : "", /^no space left on the device writing /);
  assert.equal(readFileSync(join(out, "main.json"), "utf8"), before, "the old file is still there");
  // The folder says it is not one build's: the marker stays until a build completes.
  assert.ok(existsSync(join(out, ".amlnet-build.incomplete")), "a failed build leaves its marker");
  const denied = writeBuild(join(out, "sub"), files("main.json"), { fs: failing("mkdirSync", "EACCES") });
  assert.deepEqual(denied, { ok: false, error: `permission denied writing ${join(out, "sub")}` });
  // The next good build cleans up what the failed one left and holds the lock no longer.
  assert.equal(writeBuild(out, files("main.json", "main.tf")).ok, true);
  assert.deepEqual(readdirSync(out).sort(), [".amlnet-build", "main.json", "main.tf"], "a completed build removes the marker");
});

test("a lock held by a live process refuses the build; one left by a dead process is taken over", () => {
  const out = join(tempDir(), "deploy");
  writeBuild(out, files("main.json"));
  writeFileSync(join(out, ".amlnet-build.lock"), `${process.ppid}\n`);
  const busy = writeBuild(out, files("main.json"));
  assert.deepEqual(busy, { ok: false, error: `another amlnet build (pid ${process.ppid}) is writing ${out}; try again when it is done` });
  // A pid no process has (above the kernel's limit).
  writeFileSync(join(out, ".amlnet-build.lock"), "4194305\n");
  assert.equal(writeBuild(out, files("main.json")).ok, true);
  assert.ok(!existsSync(join(out, ".amlnet-build.lock")));
});

test("builds racing into one folder: each one wins whole or fails with exit 2, never a mixed folder", async () => {
  const dir = tempDir();
  const out = join(dir, "deploy");
  const cli = new URL("../bin/amlnet.js", import.meta.url).pathname;
  const examples = ["private-link-workspace.yaml", "secure-training-inference.yaml"].map((f) => new URL(`../examples/${f}`, import.meta.url).pathname);
  const expected = examples.map((e) => {
    const o = join(dir, `expected-${examples.indexOf(e)}`);
    assert.equal(main(["build", e, "--output", o], { out: () => {}, err: () => {}, isTTY: false, env: {} }), 0);
    return readFileSync(join(o, "main.json"), "utf8");
  });
  const runOne = (example: string) =>
    new Promise<number>((done) => spawn(process.execPath, [cli, "build", example, "--output", out], { stdio: "ignore" }).on("exit", (c) => done(c ?? -1)));
  for (let round = 0; round < 6; round++) {
    const codes = await Promise.all([runOne(examples[0]), runOne(examples[1]), runOne(examples[0]), runOne(examples[1])]);
    assert.ok(codes.every((c) => c === 0 || c === 2), `exit codes ${codes}`);
    assert.ok(codes.includes(0));
    const json = readFileSync(join(out, "main.json"), "utf8");
    const manifest = JSON.parse(readFileSync(join(out, ".amlnet-build"), "utf8")).files as string[];
    assert.ok(expected.includes(json), "main.json is one build's, whole");
    const which = expected.indexOf(json);
    const deploy = readFileSync(join(out, "deploy.sh"), "utf8");
    assert.match(deploy, which === 0 ? /private-link-workspace\.yaml/ : /secure-training-inference\.yaml/, "deploy.sh from the same build");
    assert.ok(manifest.every((f) => existsSync(join(out, f))));
    assert.ok(!readdirSync(out).some((n) => n.endsWith(".amlnet-tmp") || n === ".amlnet-build.lock"), "nothing left behind");
  }
});

test("init: a missing folder, a folder, and an existing file are one message each (exit 2)", () => {
  const dir = tempDir();
  const messages: string[] = [];
  const init = (output: string, ...more: string[]) =>
    main(["init", "--scenario", "private-link-workspace", "--output", output, ...more], { out: () => {}, err: (s) => messages.push(s), isTTY: false, env: {} });
  assert.equal(init(join(dir, "missing", "a.yaml")), 2);
  assert.equal(init(dir), 2);
  assert.equal(init(join(dir, "a.yaml")), 0);
  assert.equal(init(join(dir, "a.yaml")), 2);
  assert.equal(init(join(dir, "a.yaml"), "--force"), 0);
  assert.deepEqual(messages, [
    `amlnet: the folder ${join(dir, "missing")} does not exist\n`,
    `amlnet: ${dir} is a folder; name the file to write\n`,
    `amlnet: ${join(dir, "a.yaml")} exists; pass --force to replace it\n`,
  ]);
  // Beside the blueprint, the editor schema init copies (outside amlnet's project).
  assert.deepEqual(readdirSync(dir).sort(), ["a.yaml", "amlnet.schema.json"], "no temporary file left");
  const full = writeTextFile(join(dir, "b.yaml"), "x", { fs: failing("openSync", "ENOSPC") });
  assert.match(!full.ok ? full.error : "", new RegExp(`^no space left on the device writing ${join(dir, ".b.yaml.").replace(/[.]/g, "\\.")}[0-9a-f]{16}\\.amlnet-tmp$`));
  // A write that fails half way (a full disk) leaves no temporary file.
  assert.equal(writeTextFile(join(dir, "c.yaml"), "x", { fs: failing("writeSync", "ENOSPC") }).ok, false);
  assert.deepEqual(readdirSync(dir).sort(), ["a.yaml", "amlnet.schema.json"]);
});

test("what an older version left after a kill is recovered: the previous build comes back from -old, -tmp goes", () => {
  const dir = tempDir();
  const out = join(dir, "deploy");
  mkdirSync(join(dir, ".deploy.amlnet-old"));
  writeFileSync(join(dir, ".deploy.amlnet-old", "main.json"), "previous");
  writeFileSync(join(dir, ".deploy.amlnet-old", ".amlnet-build"), "amlnet 0.1.0\n");
  writeFileSync(join(dir, ".deploy.amlnet-old", "terraform.tfstate"), "state");
  mkdirSync(join(dir, ".deploy.amlnet-tmp"));
  writeFileSync(join(dir, ".deploy.amlnet-tmp", "main.json"), "half");
  assert.equal(writeBuild(out, files("main.json")).ok, true);
  assert.deepEqual(readdirSync(dir), ["deploy"]);
  assert.equal(readFileSync(join(out, "terraform.tfstate"), "utf8"), "state", "the previous build's folder, with the user's state, is back");
  assert.equal(readFileSync(join(out, "main.json"), "utf8"), "content of main.json\n");
});

test("a link planted where a temporary file goes is never written through, whatever name it has", () => {
  const dir = tempDir();
  const secret = join(dir, "secret.txt");
  writeFileSync(secret, "precious");
  const out = join(dir, "deploy");
  mkdirSync(out);
  // The names earlier versions used (the pid), planted before the build...
  for (const name of ["main.json", ".amlnet-build"]) symlinkSync(secret, join(out, `.${name}.${process.pid}.amlnet-tmp`));
  // ...and, as an attacker who guessed the random name would, at the very name about to be opened.
  const planted: string[] = [];
  const racing: FileSystem = {
    ...fs,
    openSync: ((path: string, flags: number, mode?: number) => {
      if (String(path).endsWith(".amlnet-tmp") && planted.length < 3) {
        symlinkSync(secret, path);
        planted.push(String(path));
      }
      return fs.openSync(path, flags, mode);
    }) as FileSystem["openSync"],
  };
  assert.equal(writeBuild(out, files("main.json"), { fs: racing, force: true }).ok, true);
  assert.equal(readFileSync(secret, "utf8"), "precious", "the link's target is untouched");
  assert.equal(readFileSync(join(out, "main.json"), "utf8"), "content of main.json\n");
  assert.equal(planted.length, 3);
  for (const p of planted) assert.ok(lstatSync(p).isSymbolicLink(), "a planted link stays a link, never opened");
  // A file written by init, import or --output-file the same way.
  const report = join(dir, "report.txt");
  assert.equal(writeTextFile(report, "r", { fs: racing }).ok, true);
  assert.equal(readFileSync(secret, "utf8"), "precious");
  assert.equal((statSync(report).mode & 0o777).toString(8), "644");
});
