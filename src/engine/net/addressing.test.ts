import { Analysis } from "../../core/analysis.ts";
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadBlueprint } from "../../frontends/blueprint/load.ts";
import { expand } from "../../frontends/blueprint/lower/expand.ts";
import { BASE_CASE, mergeCase } from "../../rules/cases.ts";
import { allocateEndpointAddresses } from "./addressing.ts";
import { endpoints } from "../../core/views.ts";

function model(patch = "") {
  const r = loadBlueprint("t.yaml", mergeCase(BASE_CASE, patch));
  assert.ok(r.ok);
  return new Analysis(expand(r.blueprint));
}

test("endpoints take consecutive addresses after Azure's reserved ones; the workspace takes three", () => {
  const m = model();
  const { byEndpoint, overflow } = allocateEndpointAddresses(m);
  const byGroup = Object.fromEntries(endpoints(m).map((e) => [e.groupIds[0], byEndpoint.get(e.pe.id.toLowerCase())]));
  assert.deepEqual(byGroup, {
    amlworkspace: ["10.0.0.4", "10.0.0.5", "10.0.0.6"],
    blob: ["10.0.0.7"],
    file: ["10.0.0.8"],
    vault: ["10.0.0.9"],
    registry: ["10.0.0.10"],
  });
  assert.deepEqual(overflow, []);
});

test("endpoints that don't fit are reported, not given addresses outside the subnet", () => {
  const m = model("networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 29}, {name: snet-train, purpose: training, size: 24}]}] }");
  const { byEndpoint, overflow } = allocateEndpointAddresses(m);
  // A /29 has 8 addresses: .4, .5 and .6 are usable after the reserved ones (the last is broadcast).
  assert.equal(byEndpoint.size, 1);
  assert.equal(overflow.length, 4);
});
