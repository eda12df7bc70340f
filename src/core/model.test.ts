import { test } from "node:test";
import assert from "node:assert/strict";
import { Model } from "./model.ts";
import { resourceId } from "./ids.ts";
import type { Resource } from "./types.ts";

const scope = { subscription: "s", resourceGroup: "rg" };
const vnet = resourceId(scope, "Microsoft.Network/virtualNetworks", "v");
const subnet = resourceId(scope, "Microsoft.Network/virtualNetworks/subnets", "v", "a");
const pe = resourceId(scope, "Microsoft.Network/privateEndpoints", "pe");
const ws = resourceId(scope, "Microsoft.MachineLearningServices/workspaces", "w");

const resources: Resource[] = [
  { id: vnet, type: "Microsoft.Network/virtualNetworks", name: "v", properties: {} },
  { id: subnet, type: "Microsoft.Network/virtualNetworks/subnets", name: "v/a", properties: {} },
  {
    id: pe,
    type: "Microsoft.Network/privateEndpoints",
    name: "pe",
    properties: {
      subnet: { id: subnet.toUpperCase() },
      privateLinkServiceConnections: [{ name: "c", properties: { privateLinkServiceId: ws, groupIds: ["amlworkspace"] } }],
    },
  },
];

test("derives edges from ids in properties, case-insensitively, and children from ids", () => {
  const m = new Model({ cloud: "AzureCloud", region: "eastus", resources, clients: [], dnsServers: [], features: { roleAssignments: "auto" } });
  assert.equal(m.refsFrom(pe, "subnet")[0].target?.id, subnet);
  const link = m.refsFrom(pe, "privateLinkServiceId")[0];
  assert.equal(link.via, "privateLinkServiceConnections.properties.privateLinkServiceId");
  assert.equal(link.target, undefined, "the workspace is not in this model: a dangling reference");
  assert.equal(m.refsTo(ws).length, 1);
  assert.deepEqual(m.children(vnet).map((r) => r.name), ["v/a"]);
  assert.equal(m.parent(m.get(subnet)!)?.id, vnet);
  assert.equal(m.ofType("microsoft.network/PRIVATEENDPOINTS").length, 1);
});

test("a lookup by any spelling of an id finds the resource, and a child id finds its parent", () => {
  const m = new Model({ cloud: "AzureCloud", region: "eastus", resources, clients: [], dnsServers: [], features: { roleAssignments: "auto" } });
  // Asked twice in each spelling: the model learns spellings, and must keep answering the same.
  for (const spelling of [vnet, vnet.toUpperCase(), vnet.toLowerCase(), vnet, vnet.toUpperCase()]) assert.equal(m.get(spelling)?.name, "v");
  assert.equal(m.get(`${vnet}/nothing`), undefined);
  assert.equal(m.get(`${vnet}/nothing`), undefined);
  for (const id of [subnet, subnet.toUpperCase(), subnet]) assert.equal(m.parentOf(id)?.name, "v");
  assert.equal(m.parentOf(vnet), undefined);
  assert.equal(m.parentOf(undefined), undefined);
});

test("a front end's index by lower-case id is taken only when it holds exactly the resources, in order", () => {
  const base = { cloud: "AzureCloud", region: "eastus", resources, clients: [], dnsServers: [], features: { roleAssignments: "auto" } } as const;
  const byKey = new Map(resources.map((r) => [r.id.toLowerCase(), r]));
  const reversed = new Map([...byKey].reverse());
  const short = new Map([...byKey].slice(1));
  for (const index of [byKey, reversed, short, undefined]) {
    const m = new Model({ ...base, byKey: index });
    // Whatever index was given, the model answers as one built from its resources alone.
    assert.deepEqual(m.resources.map((r) => m.get(r.id.toUpperCase())?.id), resources.map((r) => r.id));
    assert.deepEqual(m.children(vnet).map((r) => r.name), ["v/a"]);
    assert.deepEqual(m.ofType("microsoft.network/privateendpoints").map((r) => r.name), ["pe"]);
  }
});

test("the mapping's spellings of ids are taken with its index only, so a look-up never answers with a resource the model doesn't hold", () => {
  const base = { cloud: "AzureCloud", region: "eastus", clients: [], dnsServers: [], features: { roleAssignments: "auto" } } as const;
  const byKey = new Map(resources.map((r) => [r.id.toLowerCase(), r]));
  const stale = new Map(resources.map((r) => [r.id, { ...r, name: "stale" }]));
  // Taken with the index it came with: the very resources the model holds.
  const exact = new Map(resources.map((r) => [r.id, r]));
  const adopted = new Model({ ...base, resources, byKey, exactIds: exact });
  assert.ok(resources.every((r) => adopted.get(r.id) === adopted.resources[resources.indexOf(r)]));
  // A model that doesn't adopt the index (here: a type respelled, so its resources are copies) ignores the spellings too.
  const respelled = resources.map((r) => (r.id === vnet ? { ...r, type: r.type.toLowerCase() } : r));
  const copied = new Model({ ...base, resources: respelled, byKey: new Map(respelled.map((r) => [r.id.toLowerCase(), r])), exactIds: stale });
  assert.deepEqual(copied.resources.map((r) => copied.get(r.id)?.name), resources.map((r) => r.name));
  assert.ok(copied.resources.every((r) => copied.get(r.id) === r));
});
