import { test } from "node:test";
import assert from "node:assert/strict";
import { Analysis, memoTable } from "./analysis.ts";
import { Model } from "./model.ts";
import type { Resource } from "./types.ts";

const vnet: Resource = { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v", type: "Microsoft.Network/virtualNetworks", name: "v", properties: {} };
const analysis = (known: boolean) => new Analysis(new Model({ cloud: "AzureCloud", region: "eastus", resources: [vnet], clients: [], dnsServers: [], features: { roleAssignments: "auto" }, known }));

const ONE = memoTable<string, string | undefined>("test: one key");
const TWO = memoTable<readonly [string, string], string>("test: two keys");

for (const known of [true, false])
  test(`${known ? "a blueprint's" : "an imported model's"} memo computes each key once, whichever key was asked before`, () => {
    const a = analysis(known);
    const computed: string[] = [];
    const ask = (key: string) => a.memo(ONE, key, () => (computed.push(key), key === "none" ? undefined : key.toUpperCase()));
    // The same key twice in a row, another between, and a value that is undefined.
    assert.deepEqual(["x", "x", "y", "x", "none", "none", "y"].map(ask), ["X", "X", "Y", "X", undefined, undefined, "Y"]);
    assert.deepEqual(computed, ["x", "y", "none"]);
    const computed2: string[] = [];
    const ask2 = (k1: string, k2: string) => a.memo2(TWO, k1, k2, () => (computed2.push(`${k1}/${k2}`), `${k1}${k2}`));
    assert.deepEqual([ask2("a", "1"), ask2("a", "1"), ask2("a", "2"), ask2("b", "1"), ask2("a", "1"), ask2("b", "1")], ["a1", "a1", "a2", "b1", "a1", "b1"]);
    assert.deepEqual(computed2, ["a/1", "a/2", "b/1"]);
  });

test("an imported model's memo replays what an entry read as unknown on every ask, the entry asked last too", () => {
  const a = analysis(false);
  const reasons = (fn: () => unknown) => a.record(fn).reads.map((r) => r.unknown.reason);
  const ask = (key: string) => a.memo(ONE, key, () => (key === "unknown" ? a.notGiven(vnet, `what ${key} rests on`) : undefined, key));
  assert.deepEqual(reasons(() => ask("unknown")), ["what unknown rests on"], "computed");
  assert.deepEqual(reasons(() => ask("unknown")), ["what unknown rests on"], "the entry asked last");
  assert.deepEqual(reasons(() => ask("known")), [], "another entry reads nothing");
  assert.deepEqual(reasons(() => ask("known")), [], "nor does it asked again");
  assert.deepEqual(reasons(() => ask("unknown")), ["what unknown rests on"], "found in the map after another entry");
  assert.deepEqual(
    reasons(() => a.memo2(TWO, "k", "unknown", () => (a.notGiven(vnet, "two keys"), "v"))),
    ["two keys"],
  );
  assert.deepEqual(
    reasons(() => a.memo2(TWO, "k", "unknown", () => "computed again")),
    ["two keys"],
  );
});
