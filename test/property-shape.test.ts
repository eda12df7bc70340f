// A network property written in a shape Azure doesn't take is an input error where it is written
// (AR007), never a rule that trips over it and leaves its findings out: a VNet's addressPrefixes as
// one string, a prefix like 10.0.0.0/33, a null in a list of subnets, rules that aren't a list.
// What ARM takes passes: IPv6 prefixes, host bits, values the template can't tell (unknowns).
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadJson } from "../src/frontends/arm/load.ts";

const SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
const vnet = (properties: object) => ({ type: "Microsoft.Network/virtualNetworks", apiVersion: "2023-09-01", name: "vnet", location: "eastus", properties });
const template = (resources: object[], parameters: object = {}) => JSON.stringify({ $schema: SCHEMA, contentVersion: "1.0.0.0", parameters, resources }, null, 1);

/** Each error as `line:col code message`, or ["ok"]. */
function outcome(text: string): string[] {
  const r = loadJson("t.json", text, { location: "eastus" });
  return r.ok ? ["ok"] : r.errors.map((e) => `${e.position.line}:${e.position.col} ${e.code} ${e.message}`);
}
const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

test("addressPrefixes written as one string is AR007 at the string", () => {
  const t = template([vnet({ addressSpace: { addressPrefixes: "10.0.0.0/16" } })]);
  const [error] = outcome(t);
  assert.match(error, /^\d+:\d+ AR007 properties\.addressSpace\.addressPrefixes is a list of address prefixes, not '10\.0\.0\.0\/16'$/);
  assert.equal(Number(error.split(":")[0]), lineOf(t, '"addressPrefixes"'));
});

test("a subnet's prefix that isn't one is AR007 at the subnet, inline or declared on its own", () => {
  const inline = template([vnet({ addressSpace: { addressPrefixes: ["10.0.0.0/16"] }, subnets: [{ name: "a", properties: { addressPrefix: "10.0.0.0/33" } }] })]);
  assert.deepEqual(outcome(inline), [`${lineOf(inline, "/33")}:${inline.split("\n")[lineOf(inline, "/33") - 1].indexOf('"10.0.0.0/33"') + 1} AR007 properties.addressPrefix is an address prefix (a.b.c.d/n, n at most 32), not '10.0.0.0/33'`]);
  const own = template([vnet({ addressSpace: { addressPrefixes: ["10.0.0.0/16"] } }), { type: "Microsoft.Network/virtualNetworks/subnets", apiVersion: "2023-09-01", name: "vnet/b", properties: { addressPrefixes: ["10.0.1.0/24", "ten"] }, dependsOn: ["vnet"] }]);
  assert.deepEqual(outcome(own).map((e) => e.replace(/^\d+:\d+ /, "")), ["AR007 properties.addressPrefixes[1] is an address prefix (a.b.c.d/n, n at most 32), not 'ten'"]);
});

test("lists of subnets, rules and routes hold objects", () => {
  assert.deepEqual(outcome(template([vnet({ addressSpace: { addressPrefixes: ["10.0.0.0/16"] }, subnets: [null, 3] })])).map((e) => e.replace(/^\d+:\d+ /, "")), [
    "AR007 properties.subnets[0] is an object, not null",
    "AR007 properties.subnets[1] is an object, not number 3",
  ]);
  assert.deepEqual(outcome(template([{ type: "Microsoft.Network/networkSecurityGroups", apiVersion: "2023-09-01", name: "nsg", location: "eastus", properties: { securityRules: "allow all" } }])).map((e) => e.replace(/^\d+:\d+ /, "")), [
    "AR007 properties.securityRules is a list of objects, not 'allow all'",
  ]);
  assert.deepEqual(outcome(template([vnet({ dhcpOptions: { dnsServers: ["10.0.0.4", 5] } })])).map((e) => e.replace(/^\d+:\d+ /, "")), ["AR007 properties.dhcpOptions.dnsServers[1] is a string, not number 5"]);
});

test("what ARM takes passes: IPv6, host bits, nulls for 'not set', and values not known before deployment", () => {
  assert.deepEqual(outcome(template([vnet({ addressSpace: { addressPrefixes: ["10.0.0.0/16", "fd00:db8::/48"] }, subnets: [{ name: "a", properties: { addressPrefixes: ["10.0.0.0/24", "fd00:db8::/64"] } }] })])), ["ok"]);
  assert.deepEqual(outcome(template([vnet({ addressSpace: { addressPrefixes: ["10.0.0.1/16"] }, dhcpOptions: null, subnets: [{ name: "a", properties: { addressPrefix: "10.0.0.0/24", delegations: null } }] })])), ["ok"]);
  // A prefix read from another deployment's VNet is unknown here: not an error.
  const unknown = template([vnet({ addressSpace: { addressPrefixes: "[reference(resourceId('other-rg', 'Microsoft.Network/virtualNetworks', 'hub'), '2023-09-01').addressSpace.addressPrefixes]" }, subnets: [{ name: "a", properties: { addressPrefix: "[reference(resourceId('other-rg', 'Microsoft.Network/virtualNetworks', 'hub'), '2023-09-01').subnets[0].properties.addressPrefix]" } }] })]);
  assert.deepEqual(outcome(unknown), ["ok"]);
});

test("a parameter given a value of another type than declared is AR005 at the value, as ARM refuses it", () => {
  const t = template([vnet({ addressSpace: { addressPrefixes: "[parameters('prefixes')]" } })], { prefixes: { type: "array", defaultValue: ["10.0.0.0/16"] }, n: { type: "int", defaultValue: 1 }, tags: { type: "object", nullable: true } });
  const load = (parameters: object, params?: string[]) => {
    const r = loadJson("t.json", t, { location: "eastus", parametersFile: { file: "p.json", text: JSON.stringify({ parameters }) }, params });
    return r.ok ? ["ok"] : r.errors.map((e) => `${e.position.file} ${e.code} ${e.message}`);
  };
  assert.deepEqual(load({ prefixes: { value: "10.0.0.0/16" }, n: { value: "1" }, tags: { value: [] } }), [
    "p.json AR005 parameter 'prefixes': the value's type is not valid: expected Array, got String",
    "p.json AR005 parameter 'n': the value's type is not valid: expected Integer, got String",
    "p.json AR005 parameter 'tags': the value's type is not valid: expected Object, got Array",
  ]);
  assert.deepEqual(load({ prefixes: { value: ["10.1.0.0/16"] }, n: { value: 2 }, tags: { value: null } }), ["ok"]);
  assert.deepEqual(load({}, ['prefixes="10.0.0.0/16"']), ['t.json AR005 --param prefixes: an array is written as JSON, e.g. ["a","b"]']);
});
