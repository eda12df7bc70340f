// SARIF as GitHub code scanning takes it, checked by Microsoft's own validator (the SARIF
// 2.1.0 schema and GitHub's rules: sarif-multitool validate --rule-kind "Sarif;Gh"), plus what the
// validator leaves to us: relative URIs, distinct fingerprints, and a valid document for bad input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/cli/main.ts";

const root = new URL("..", import.meta.url).pathname;
const multitool = createRequire(import.meta.url)("@microsoft/sarif-multitool") as string;
const dir = mkdtempSync(join(tmpdir(), "amlnet-sarif-"));

function sarifOf(file: string): { code: number; text: string } {
  let out = "";
  const code = main(["check", file, "--format", "sarif", "--sarif-root", root], { out: (s) => (out += s), err: () => {}, isTTY: false, env: {} }) as number;
  return { code, text: out };
}

/** The validator's findings (rule ids and messages) for a SARIF text. */
function validate(name: string, text: string): string[] {
  const input = join(dir, `${name}.sarif`);
  const output = join(dir, `${name}.validation.sarif`);
  writeFileSync(input, text);
  const r = spawnSync(multitool, ["validate", "--rule-kind", "Sarif;Gh", "--output", output, input], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const log = JSON.parse(readFileSync(output, "utf8"));
  return (log.runs[0].results ?? []).map((x: { ruleId: string; message: { text?: string; arguments?: string[] } }) => `${x.ruleId}: ${x.message.text ?? x.message.arguments?.join(" ")}`);
}

test("the validator rejects a SARIF file GitHub would refuse (it can fail)", () => {
  const bad = JSON.stringify({ version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ message: { text: "m" } }] }] });
  assert.ok(validate("bad", bad).some((x) => x.startsWith("GH")));
});

for (const example of ["broken/unreachable-workspace.yaml", "broken/missing-notebooks-zone.yaml", "public-workspace-secured-resources.yaml"])
  test(`SARIF of ${example} passes the SARIF and GitHub rules, with relative URIs and one fingerprint per finding`, () => {
    const { text } = sarifOf(join(root, "examples", example));
    assert.deepEqual(validate(example.replace(/\W/g, "-"), text), []);
    const run = JSON.parse(text).runs[0];
    assert.equal(run.invocations[0].executionSuccessful, true);
    for (const rule of run.tool.driver.rules.filter((r: { id: string }) => /^AML0/.test(r.id))) {
      assert.match(rule.helpUri, /^https:\/\/learn\.microsoft\.com\//, rule.id);
      assert.match(rule.help.markdown, new RegExp(`^\\*\\*${rule.id}: `));
      assert.ok(rule.properties.tags.includes("security"));
      assert.match(rule.properties["security-severity"], /^\d+\.\d$/);
    }
    const uris = run.results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri);
    for (const uri of uris) assert.equal(uri, `examples/${example}`);
    const prints = run.results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints["amlnetFinding/v1"]);
    assert.equal(new Set(prints).size, prints.length, "distinct findings have distinct fingerprints");
  });

test("bad input still writes a valid SARIF document: the run failed, each problem a located notification", () => {
  const file = join(dir, "bad.yaml");
  writeFileSync(file, "region: eastus\nworkspace: 5\nstorage: {name: stml}\nkeyVault: {name: kv-ml}\n");
  const { code, text } = sarifOf(file);
  assert.equal(code, 2);
  assert.deepEqual(validate("input-error", text), []);
  const invocation = JSON.parse(text).runs[0].invocations[0];
  assert.equal(invocation.executionSuccessful, false);
  assert.deepEqual(
    invocation.toolExecutionNotifications.map((n: { descriptor: { id: string }; message: { text: string }; locations: { physicalLocation: { region: { startLine: number } } }[] }) => [n.descriptor.id, n.message.text, n.locations[0].physicalLocation.region.startLine]),
    [["BP005", "workspace: expected a mapping, got a number (5)", 2]],
  );
  let out = "";
  assert.equal(main(["check", file, "--format", "json"], { out: (s) => (out += s), err: () => {}, isTTY: false, env: {} }), 2);
  assert.deepEqual(JSON.parse(out), { schemaVersion: 1, file, ok: false, errors: [{ code: "BP005", message: "workspace: expected a mapping, got a number (5)", line: 2, column: 12 }] });
});
