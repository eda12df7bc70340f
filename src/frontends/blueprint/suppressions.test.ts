import { test } from "node:test";
import assert from "node:assert/strict";
import { collectSuppressions, unknownSuppressions } from "./suppressions.ts";

const blueprint = {
  storage: { name: "st", suppress: [{ rule: "AML020", reason: "blob only" }, { rule: "AML998", reason: "typo" }] },
  networks: { vnets: [{ name: "v", subnets: [{ name: "a" }, { name: "b", suppress: [{ rule: "AML999", reason: "typo" }] }] }] },
};

test("unknown suppressions are reported at their rule value, in document order, each once", () => {
  assert.deepEqual(unknownSuppressions(blueprint, new Set(["AML020"])), [
    { path: ["storage", "suppress", 1, "rule"], rule: "AML998" },
    { path: ["networks", "vnets", 0, "subnets", 1, "suppress", 0, "rule"], rule: "AML999" },
  ]);
  assert.deepEqual(unknownSuppressions(blueprint, new Set(["AML020", "AML998", "AML999"])), []);
});

test("suppressions are collected with the path of the object holding them", () => {
  assert.deepEqual(
    collectSuppressions(blueprint).map((s) => [s.rule, s.at]),
    [
      ["AML020", ["storage"]],
      ["AML998", ["storage"]],
      ["AML999", ["networks", "vnets", 0, "subnets", 1]],
    ],
  );
});
