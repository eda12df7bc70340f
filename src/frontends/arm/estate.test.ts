import { test } from "node:test";
import assert from "node:assert/strict";
import { estateBodies } from "./estate.ts";
import { mapResources } from "../../core/bodies.ts";

const vnet = {
  id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-ml",
  name: "vnet-ml",
  type: "microsoft.network/virtualnetworks",
  location: "eastus",
  properties: { addressSpace: { addressPrefixes: ["10.0.0.0/16"] }, subnets: [{ id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/pe", name: "pe", properties: { addressPrefix: "10.0.1.0/24" } }] },
};
const link = { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/privateDnsZones/privatelink.api.azureml.ms/virtualNetworkLinks/l1", name: "l1", type: "microsoft.network/privatednszones/virtualnetworklinks", properties: {} };

test("a Resource Graph result, pages of one, or a list of bodies give the same bodies", () => {
  for (const input of [{ count: 2, data: [vnet, link] }, [{ count: 1, data: [vnet] }, { count: 1, data: [link] }], [vnet, link]]) {
    const r = estateBodies(input);
    assert.ok("bodies" in r);
    // Types as the registry spells them (Resource Graph writes lower case); a child's name with
    // its parent's, from the id.
    assert.deepEqual(r.bodies.map((b) => `${b.type} ${b.name}`), ["Microsoft.Network/virtualNetworks vnet-ml", "Microsoft.Network/privateDnsZones/virtualNetworkLinks privatelink.api.azureml.ms/l1"]);
    // Mapped, the link's zone, which the export doesn't hold, is a placeholder (its parent, known
    // by id only).
    assert.deepEqual(
      mapResources(r.bodies).resources.map((x) => `${x.type}${x.unknown ? " (placeholder)" : ""}`).sort(),
      ["Microsoft.Network/privateDnsZones (placeholder)", "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "Microsoft.Network/virtualNetworks", "Microsoft.Network/virtualNetworks/subnets"],
    );
  }
});

test("subnets nested in a VNet become child resources; unknown types are kept and listed", () => {
  const r = estateBodies({ count: 2, data: [vnet, { id: "/subscriptions/s/resourceGroups/rg/providers/Contoso.Appliances/boxes/b1", type: "contoso.appliances/boxes", properties: {} }] });
  assert.ok("bodies" in r);
  const m = mapResources(r.bodies);
  assert.deepEqual(m.resources.map((x) => x.name).sort(), ["b1", "vnet-ml", "vnet-ml/pe"]);
  assert.equal(m.resources.find((x) => x.name === "vnet-ml")!.properties.subnets, undefined);
  assert.deepEqual(m.unrecognised, [{ type: "contoso.appliances/boxes", count: 1 }]);
});

test("content that is none of them says so", () => {
  assert.deepEqual(estateBodies({ hello: 1 }), { error: "not a deployment template (no deploymentTemplate.json $schema), an Azure Resource Graph result ({count, data}) or a list of resource bodies: amlnet can't tell what this file is" });
  const r = estateBodies([{ name: "x" }]);
  assert.deepEqual(r, { error: "item 0 has no id (or ResourceId): a resource body has a string id and type", path: [0] });
  assert.deepEqual(estateBodies({ count: 1, data: [{ id: "/x", type: 3 }] }), { error: "item data.0 has a non-string type (or ResourceType): a resource body has a string id and type", path: ["data", 0, "type"] });
});

test("a role assignment from authorizationresources names its principal by the resource holding that identity", () => {
  const ws = { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw", type: "microsoft.machinelearningservices/workspaces", identity: { type: "SystemAssigned", principalId: "11111111-2222-3333-4444-555555555555" }, properties: {} };
  const ra = { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st/providers/Microsoft.Authorization/roleAssignments/r1", type: "microsoft.authorization/roleassignments", properties: { principalId: "11111111-2222-3333-4444-555555555555", roleDefinitionId: "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7" } };
  const r = estateBodies([{ count: 1, data: [ws] }, { count: 1, data: [ra] }]);
  assert.ok("bodies" in r);
  assert.equal((r.bodies[1].body.properties as { principalId: string }).principalId, ws.id);
});

test("PowerShell's and PSRule's objects, and the service commands' flattened ones, read as the same bodies", () => {
  const subnetId = `${vnet.id}/subnets/pe`;
  // Export-AzRuleData / Get-AzResource -ExpandProperties: PascalCase envelope, children under `resources`.
  const psrule = { ResourceId: vnet.id, Name: "vnet-ml", ResourceType: "Microsoft.Network/virtualNetworks", Location: "eastus", Properties: vnet.properties, resources: [{ ResourceId: link.id, ResourceType: link.type, Properties: {} }] };
  // `az network vnet list`: properties at the top, a subnet's at the subnet's top.
  const flattened = { id: vnet.id, name: "vnet-ml", type: "Microsoft.Network/virtualNetworks", location: "eastus", resourceGroup: "rg", addressSpace: { addressPrefixes: ["10.0.0.0/16"] }, subnets: [{ id: subnetId, name: "pe", addressPrefix: "10.0.1.0/24", resourceGroup: "rg" }] };
  const summary = (input: unknown) => {
    const r = estateBodies(input);
    assert.ok("bodies" in r, JSON.stringify(r));
    return mapResources(r.bodies)
      .resources.filter((x) => !x.unknown)
      .map((x) => `${x.type} ${x.name} ${JSON.stringify(x.properties.addressSpace ?? x.properties.addressPrefix ?? null)}`)
      .sort();
  };
  const expected = summary([vnet]);
  assert.deepEqual(expected, ['Microsoft.Network/virtualNetworks vnet-ml {"addressPrefixes":["10.0.0.0/16"]}', 'Microsoft.Network/virtualNetworks/subnets vnet-ml/pe "10.0.1.0/24"']);
  assert.deepEqual(summary([flattened]), expected);
  assert.deepEqual(summary([psrule]), [...expected, "Microsoft.Network/privateDnsZones/virtualNetworkLinks privatelink.api.azureml.ms/l1 null"].sort());
  // An item that really lacks one is located at the item, naming the key.
  assert.deepEqual(estateBodies([{ ResourceType: "Microsoft.Network/virtualNetworks", Properties: {} }]), { error: "item 0 has no id (or ResourceId): a resource body has a string id and type", path: [0] });
  assert.deepEqual(estateBodies([{ ResourceId: "/x", ResourceType: 3 }]), { error: "item 0 has a non-string type (or ResourceType): a resource body has a string id and type", path: [0, "ResourceType"] });
});

test("references to what an export doesn't hold become placeholders, however each is spelled, and frozen values are read as they are", () => {
  const sub = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network";
  const vnet = (name: string) => `${sub}/virtualNetworks/${name}`;
  const nic = { id: `${sub}/networkInterfaces/n1`, type: "Microsoft.Network/networkInterfaces", properties: { ipConfigurations: [{ name: "c", properties: { subnet: { id: `${vnet("hub")}/subnets/a` } } }] } };
  // A reference of the same text inside a frozen value (a shared constant), and one spelled in other case.
  const frozen = Object.freeze({ subnet: Object.freeze({ id: `${vnet("hub")}/subnets/a` }) });
  const pe = { id: `${sub}/privateEndpoints/p1`, type: "Microsoft.Network/privateEndpoints", properties: frozen };
  const vm = { id: `${sub}/networkInterfaces/n2`, type: "Microsoft.Network/networkInterfaces", properties: { ipConfigurations: [{ name: "c", properties: { subnet: { id: `${vnet("HUB")}/subnets/b` } } }] } };
  const r = estateBodies([nic, pe, vm]);
  assert.ok("bodies" in r);
  const m = mapResources(r.bodies);
  const placeholders = m.resources.filter((x) => x.unknown).map((x) => `${x.type} ${x.id.toLowerCase()}`).sort();
  assert.deepEqual(placeholders, [
    `Microsoft.Network/virtualNetworks ${vnet("hub").toLowerCase()}`,
    `Microsoft.Network/virtualNetworks/subnets ${vnet("hub").toLowerCase()}/subnets/a`,
    `Microsoft.Network/virtualNetworks/subnets ${vnet("hub").toLowerCase()}/subnets/b`,
  ]);
  assert.equal(frozen.subnet.id, `${vnet("hub")}/subnets/a`);
});
