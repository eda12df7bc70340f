import { test } from "node:test";
import assert from "node:assert/strict";
import { mapResources, type Body } from "./bodies.ts";

const rg = "/subscriptions/s/resourceGroups/rg/providers";
const body = (id: string, type: string, properties: Record<string, unknown>): Body => ({ id, type, name: id.split("/").pop()!, body: { properties }, existing: false, source: [] });

test("a null property reads as one not given, at any depth, and the input's own objects are left as they are", () => {
  const unknown = { unknown: true, reason: "a parameter without a value", at: 3, path: ["parameters", "x"] };
  const clean = { addressPrefixes: ["10.0.0.0/16"] };
  const input = { addressSpace: clean, dhcpOptions: null, encryption: { enabled: null, enforcement: "AllowUnencrypted" }, tags: [null, "a"], flowTimeoutInMinutes: unknown };
  const before = structuredClone(input);
  const [vnet] = mapResources([body(`${rg}/Microsoft.Network/virtualNetworks/v`, "Microsoft.Network/virtualNetworks", input)]).resources;
  assert.deepEqual(vnet.properties, { addressSpace: clean, encryption: { enforcement: "AllowUnencrypted" }, tags: [null, "a"], flowTimeoutInMinutes: unknown });
  // What held no null is the input's own object; what did is a copy, and the input is unchanged.
  assert.equal(vnet.properties.addressSpace, clean);
  assert.equal(vnet.properties.flowTimeoutInMinutes, unknown);
  assert.deepEqual(input, before);
});
