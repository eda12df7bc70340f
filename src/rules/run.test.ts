import { test } from "node:test";
import assert from "node:assert/strict";
import { checkBlueprint } from "../api/index.ts";
import { BASE_CASE, mergeCase } from "./cases.ts";
import { RULES } from "./catalog.ts";
import { rule } from "./rule.ts";

const withAcrStandard = (suppress: string) => mergeCase(BASE_CASE, `containerRegistry: { sku: Standard${suppress} }`);

test("a suppression with a reason silences its rule at and under its object", () => {
  const r = checkBlueprint("t.yaml", withAcrStandard(", suppress: [{rule: AML022, reason: 'Premium upgrade scheduled for Q3'}]"));
  assert.ok(r.ok);
  const f = r.findings.find((x) => x.ruleId === "AML022");
  assert.equal(f?.suppressed, "Premium upgrade scheduled for Q3");
  assert.equal(r.findings.filter((x) => !x.suppressed).length, 0);
});

test("a suppression elsewhere does not silence, and an unused one is reported", () => {
  const r = checkBlueprint("t.yaml", mergeCase(withAcrStandard(""), "keyVault: { suppress: [{rule: AML022, reason: 'wrong place'}] }"));
  assert.ok(r.ok);
  assert.ok(r.findings.some((x) => x.ruleId === "AML022" && !x.suppressed));
  assert.ok(r.findings.some((x) => x.ruleId === "AML900"));
});

test("a suppression without a reason is bad input", () => {
  const r = checkBlueprint("t.yaml", mergeCase(BASE_CASE, "keyVault: { suppress: [{rule: AML022}] }"));
  assert.ok(!r.ok);
  assert.match(r.errors[0].message, /missing required key 'reason'/);
});

test("a rule that throws becomes a diagnostic and the others still run", () => {
  const broken = rule({
    ...RULES[0],
    id: "AML999",
    check: () => {
      throw new Error("boom");
    },
  });
  const r = checkBlueprint("t.yaml", withAcrStandard(""), [broken, ...RULES]);
  assert.ok(r.ok);
  const crash = r.findings.find((x) => x.ruleId === "AML901");
  assert.match(crash?.message ?? "", /AML999 .* failed: boom/);
  assert.ok(r.findings.some((x) => x.ruleId === "AML022"));
});
