// amlnet failing on an input (a bug) still writes the json or sarif report it was asked for, saying
// the run failed (AML907), so a CI step uploading amlnet.sarif never meets an empty or stale file.
// The failure is a rule of the test's own whose finding can't be read: outside the rule's own
// guard (a rule that throws is AML901), so it reaches the command as a bug in amlnet would.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { check } from "../src/cli/commands/check.ts";
import { RULES } from "../src/rules/catalog.ts";
import type { Rule } from "../src/rules/rule.ts";

const example = new URL("../examples/private-link-workspace.yaml", import.meta.url).pathname;
const broken: Rule = {
  ...RULES[0],
  check: () => [
    {
      fix: "none",
      get message(): string {
        throw new Error("a finding that can't be read");
      },
    },
  ],
};

for (const format of ["sarif", "json"]) {
  test(`--format ${format} --output-file: the report is written when amlnet fails`, () => {
    const dir = mkdtempSync(join(tmpdir(), "amlnet-failure-"));
    const out = join(dir, `amlnet.${format}`);
    writeFileSync(out, "a stale report from an earlier run\n");
    let stdout = "";
    assert.throws(() => check([example, "--format", format, "--output-file", out], { out: (s) => void (stdout += s), err: () => {}, isTTY: false, env: {} }, [broken]), /a finding that can't be read/);
    const report = JSON.parse(readFileSync(out, "utf8"));
    assert.equal(stdout, "");
    if (format === "sarif") {
      const invocation = report.runs[0].invocations[0];
      assert.equal(invocation.executionSuccessful, false);
      assert.deepEqual(invocation.toolExecutionNotifications.map((n: { descriptor: { id: string } }) => n.descriptor.id), ["AML907"]);
      assert.match(invocation.toolExecutionNotifications[0].message.text, /amlnet failed: a finding that can't be read/);
      assert.deepEqual(report.runs[0].results, []);
    } else {
      assert.equal(report.ok, false);
      assert.deepEqual(report.errors.map((e: { code: string }) => e.code), ["AML907"]);
    }
  });
}
