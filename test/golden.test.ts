// Golden outputs: every example and broken example through every user-facing command (check in
// each format, build, flows, studio), compared byte for byte with the files under test/golden/.
// They pin behaviour across refactors; a change to them must be a named fix in its commit.
// Regenerate with `UPDATE_GOLDEN=1 npm test` and review the diff before committing it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../src/cli/main.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const goldenDir = join(root, "test/golden");
const update = !!process.env.UPDATE_GOLDEN;
process.chdir(root);

function run(argv: string[]): string {
  let out = "";
  let err = "";
  const code = main(argv, { out: (s) => (out += s), err: (s) => (err += s), isTTY: false, env: {} });
  return `exit ${code}\n--- stdout\n${out}--- stderr\n${err}`;
}

const examples = [
  ...readdirSync(join(root, "examples")).filter((f) => f.endsWith(".yaml")).map((f) => `examples/${f}`),
  ...readdirSync(join(root, "examples/broken")).filter((f) => f.endsWith(".yaml")).map((f) => `examples/broken/${f}`),
].sort();

function outputs(file: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const format of ["text", "json", "sarif"]) files.set(`check.${format}`, run(["check", file, "--format", format]));
  for (const format of ["text", "json"]) {
    files.set(`flows.${format}`, run(["flows", file, "--format", format]));
    files.set(`studio.${format}`, run(["studio", file, "--format", format]));
  }
  const dir = mkdtempSync(join(tmpdir(), "amlnet-golden-"));
  const out = join(dir, "deploy");
  main(["build", file, "--output", out, "--ignore-findings"], { out: () => {}, err: () => {}, isTTY: false, env: {} });
  for (const f of readdirSync(out).sort()) files.set(`build/${f}`, readFileSync(join(out, f), "utf8"));
  rmSync(dir, { recursive: true, force: true });
  return files;
}

for (const file of examples) {
  const key = file.replace(/^examples\//, "").replace(/\.yaml$/, "").replace("/", "--");
  test(`golden: ${file}`, () => {
    const dir = join(goldenDir, key);
    const got = outputs(file);
    if (update) {
      rmSync(dir, { recursive: true, force: true });
      for (const [name, content] of got) {
        mkdirSync(join(dir, name, ".."), { recursive: true });
        writeFileSync(join(dir, name), content);
      }
      return;
    }
    const want = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
      .sort();
    assert.deepEqual([...got.keys()].sort(), want, "the same files");
    for (const [name, content] of got) assert.equal(content, readFileSync(join(dir, name), "utf8"), `${key}/${name}`);
  });
}
