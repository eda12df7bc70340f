import { Analysis } from "../../../core/analysis.ts";
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadBlueprint } from "../load.ts";
import { expand } from "./expand.ts";
import { BASE_CASE, mergeCase } from "../../../rules/cases.ts";
import { ROLES } from "../../../core/knowledge/roles.ts";
import { endpoints, linkedVnets, roleAssignments, zoneGroupZones } from "../../../core/views.ts";
import { T } from "../../../core/registry.ts";

function model(patch = "") {
  const r = loadBlueprint("t.yaml", mergeCase(BASE_CASE, patch));
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  return new Analysis(expand(r.blueprint));
}

test("one endpoint per sub-resource, each with a zone group naming its zones (F01, F03)", () => {
  const m = model();
  const eps = endpoints(m);
  assert.deepEqual(eps.map((e) => e.groupIds[0]).sort(), ["amlworkspace", "blob", "file", "registry", "vault"]);
  const ws = eps.find((e) => e.groupIds[0] === "amlworkspace")!;
  assert.deepEqual(zoneGroupZones(m, ws.pe).sort(), ["privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"]);
});

test("sovereign clouds get their own zones (F11)", () => {
  const zones = model("cloud: AzureUSGovernment\nregion: usgovvirginia").ofType(T.zone).map((z) => z.name).sort();
  assert.ok(zones.includes("privatelink.api.ml.azure.us") && zones.includes("privatelink.notebooks.usgovcloudapi.net"), zones.join());
  assert.ok(!zones.includes("privatelink.api.azureml.ms"));
});

test("zones are linked to every VNet holding endpoints, compute or clients (F67)", () => {
  const m = model(`networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-users, addressSpace: [10.1.0.0/16], subnets: [{name: snet-vm, size: 24}]}, {name: vnet-idle, addressSpace: [10.2.0.0/16]}] }
clients: [{kind: vm, name: desk, subnet: vnet-users/snet-vm}]`);
  for (const z of m.ofType(T.zone)) {
    const linked = [...linkedVnets(m, z)].map((id) => id.slice(id.lastIndexOf("/") + 1)).sort();
    assert.deepEqual(linked, ["vnet-ml", "vnet-users"], z.name);
  }
});

test("compute subnets get the documented NSG rules, 44224 only with public IPs (F20, F21)", () => {
  const rulesOf = (patch: string) =>
    model(patch)
      .ofType(T.nsg)
      .find((n) => n.name === "nsg-vnet-ml-snet-train")!
      .properties.securityRules.map((r: { name: string }) => r.name);
  assert.ok(rulesOf("").includes("AllowAzureMachineLearningUdp"));
  assert.ok(!rulesOf("").includes("AllowAzureMachineLearningInbound"));
  assert.ok(rulesOf("compute: { clusters: [{name: cpu, subnet: vnet-ml/snet-train, publicIp: true}] }").includes("AllowAzureMachineLearningInbound"));
});

test("no-public-IP compute gets a NAT gateway unless a route table is given (F23)", () => {
  const subnet = (patch: string) => model(patch).ofType(T.subnet).find((s) => s.name === "vnet-ml/snet-train")!;
  assert.ok(subnet("").properties.natGateway?.id.endsWith("/natGateways/nat-vnet-ml-snet-train"));
  const withRt = subnet(`networks: { routeTables: [{name: rt, routes: [{name: d, prefix: 0.0.0.0/0, nextHop: VirtualAppliance, nextHopIp: 10.9.0.4}]}], vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24, routeTable: rt}]}] }`);
  assert.equal(withRt.properties.natGateway, undefined);
});

test("a private registry brings an image build cluster (F42)", () => {
  const m = model();
  const ws = m.ofType(T.workspace)[0];
  assert.equal(ws.properties.imageBuildCompute, "image-build");
  assert.ok(m.get(`${ws.id}/computes/image-build`));
  assert.equal(model("containerRegistry: { publicNetworkAccess: Enabled }").ofType(T.workspace)[0].properties.imageBuildCompute, undefined);
});

test("roles: Reader on storage endpoints, approver for managed endpoint rules, Contributor for Synapse", () => {
  const m = model(`workspace: { identity: {type: UserAssigned, name: id-ws}, network: { mode: managed, outboundRules: [{type: PrivateEndpoint, name: oai, target: aiServices/oai1, subresource: account}] } }
integrations: { aiServices: [{name: oai1}], synapse: [{name: syn1}] }
endpoints: [{subnet: vnet-ml/snet-pe}]
compute: { clusters: [{name: cpu}] }`);
  const roles = roleAssignments(m).map((r) => `${r.roleDefinition} ${r.principal.slice(r.principal.lastIndexOf("/") + 1)} ${r.scope.slice(r.scope.lastIndexOf("/") + 1)}`);
  assert.ok(roles.includes(`${ROLES.networkConnectionApprover.id} id-ws rg-aml`), roles.join("\n"));
  assert.ok(roles.includes(`${ROLES.reader.id} id-ws pe-stml-blob-vnet-ml`), roles.join("\n"));
  assert.ok(roles.includes(`${ROLES.contributor.id} syn1 mlw`), roles.join("\n"));
  assert.equal(model("roleAssignments: []").ofType(T.roleAssignment).length, 0);
});

test("Pending approval makes a manual connection", () => {
  const pe = model("endpoints: [{subnet: vnet-ml/snet-pe, approval: Pending}]").ofType(T.pe)[0];
  assert.ok(pe.properties.manualPrivateLinkServiceConnections?.length === 1 && !pe.properties.privateLinkServiceConnections);
  assert.equal(endpoints(model("endpoints: [{subnet: vnet-ml/snet-pe, approval: Pending}]"))[0].status, "Pending");
});

test("expansion is deterministic", () => {
  assert.equal(JSON.stringify(model().resources), JSON.stringify(model().resources));
});

test("Data Factory gets a managed private endpoint to the workspace; PaaS endpoints use the zones they name", () => {
  const sql = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-data/providers/Microsoft.Sql/servers/sql-sales";
  const m = model(`integrations: { dataFactory: [{name: adf1, managedPrivateEndpoint: Pending}], paas: [{name: sales, resourceId: ${sql}, subresources: [sqlServer], zones: [privatelink.database.windows.net]}] }
endpoints: [{subnet: vnet-ml/snet-pe}, {subnet: vnet-ml/snet-pe, name: pe-data, targets: [paas/sales]}]`);
  const mpe = m.ofType(T.dataFactoryMpe)[0];
  assert.equal(mpe.properties.privateLinkResourceId, m.ofType(T.workspace)[0].id);
  assert.equal(mpe.intent?.approval, "Pending");
  // "Azure Data Factory managed virtual network": an Azure integration runtime in the managed VNet
  // is what uses it (and the endpoint), created after the managed VNet.
  const [ir] = m.ofType(T.dataFactoryIr);
  assert.deepEqual(ir.properties.managedVirtualNetwork, { type: "ManagedVirtualNetworkReference", referenceName: "default" });
  assert.equal(ir.properties.type, "Managed");
  assert.deepEqual(ir.dependsOn, [m.ofType(T.dataFactoryVnet)[0].id]);
  const ep = endpoints(m).find((e) => e.groupIds[0] === "sqlServer")!;
  assert.equal(ep.targetId, sql);
  assert.equal(ep.target?.existing, true);
  assert.deepEqual(zoneGroupZones(m, ep.pe), ["privatelink.database.windows.net"]);
});

test("AI services endpoints get the openai and cognitiveservices zones; an AIServices account also services.ai (F06)", () => {
  const zonesOf = (kind: string) => {
    const m = model(`integrations: { aiServices: [{name: ai1, kind: ${kind}}] }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [aiServices/ai1]}]`);
    return zoneGroupZones(m, endpoints(m)[0].pe).sort();
  };
  assert.deepEqual(zonesOf("OpenAI"), ["privatelink.cognitiveservices.azure.com", "privatelink.openai.azure.com"]);
  assert.deepEqual(zonesOf("AIServices"), ["privatelink.cognitiveservices.azure.com", "privatelink.openai.azure.com", "privatelink.services.ai.azure.com"]);
});

test("sovereign clouds get the AI services, Synapse and Monitor zones [PEDNS] lists for them (F11)", () => {
  const zonesOf = (cloud: string, patch: string, match: string) => {
    const m = model(`cloud: ${cloud}\nregion: ${cloud === "AzureChinaCloud" ? "chinanorth3" : "usgovvirginia"}\n${patch}`);
    return [...new Set(endpoints(m).filter((e) => e.targetId?.includes(match)).flatMap((e) => zoneGroupZones(m, e.pe)))].sort();
  };
  const openai = "integrations: { aiServices: [{name: ai1, kind: OpenAI}] }\nendpoints: [{subnet: vnet-ml/snet-pe}, {subnet: vnet-ml/snet-pe, targets: [aiServices/ai1]}]";
  // Government lists cognitiveservices.azure.us; the openai twin is created for an OpenAI account's own name.
  assert.deepEqual(zonesOf("AzureUSGovernment", openai, "CognitiveServices"), ["privatelink.cognitiveservices.azure.us", "privatelink.openai.azure.us"]);
  // China lists no AI services zone: none is created (AML082 says so).
  assert.deepEqual(zonesOf("AzureChinaCloud", openai, "CognitiveServices"), []);
  const synapse = "integrations: { synapse: [{name: syn-one, access: private}] }";
  assert.deepEqual(zonesOf("AzureUSGovernment", synapse, "Microsoft.Synapse"), [
    "privatelink.dev.azuresynapse.usgovcloudapi.net",
    "privatelink.sql.azuresynapse.usgovcloudapi.net",
  ]);
});

test("the approver role goes where user-defined endpoint rules point, never for the workspace's own storage, vault and registry (F35, MVNET)", () => {
  const shared = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stshared";
  const approverGroups = (m: ReturnType<typeof model>) =>
    roleAssignments(m)
      .filter((r) => r.roleDefinition === ROLES.networkConnectionApprover.id)
      .map((r) => r.scope.slice(r.scope.lastIndexOf("/") + 1))
      .sort();
  // A user-assigned identity whose storage is in another group: the required rules need no role.
  const uai = model(`workspace: { identity: {type: UserAssigned, name: id-ws}, network: { mode: managed } }
storage: { name: stshared, existing: ${shared} }
endpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]
compute: { clusters: [{name: cpu}] }`);
  assert.deepEqual(approverGroups(uai), []);
  // A user-defined rule to a storage account elsewhere: the approver role on its group.
  const rule = model(`workspace: { network: { mode: managed, outboundRules: [{type: PrivateEndpoint, name: shared, target: ${shared}, subresource: blob}] } }
endpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]
compute: { clusters: [{name: cpu}] }`);
  assert.deepEqual(approverGroups(rule), ["rg-data"]);
});

test("Synapse gets a data lake of its own; the workspace's default storage never has a hierarchical namespace", () => {
  const m = model("integrations: { synapse: [{name: syn-one}] }");
  const st = m.ofType(T.storage);
  const byName = new Map(st.map((s) => [s.name, s]));
  assert.equal(byName.get("stml")!.properties.isHnsEnabled, false);
  assert.equal(byName.get("synonedl")!.properties.isHnsEnabled, true);
  const syn = m.ofType(T.synapse)[0];
  assert.equal(syn.properties.defaultDataLakeStorage.resourceId, byName.get("synonedl")!.id);
  const roles = roleAssignments(m).map((r) => `${r.roleDefinition} ${r.principal.slice(r.principal.lastIndexOf("/") + 1)} ${r.scope.slice(r.scope.lastIndexOf("/") + 1)}`);
  assert.ok(roles.includes(`${ROLES.storageBlobDataContributor.id} syn-one synonedl`), roles.join("\n"));
  assert.equal(model("integrations: { synapse: [{name: syn-one, dataLake: lakeone}] }").ofType(T.storage).some((s) => s.name === "lakeone"), true);
});

test("a user-assigned workspace identity gets the roles the authentication article lists, on each resource", () => {
  const m = model("workspace: { identity: {type: UserAssigned, name: id-ws} }");
  const roles = roleAssignments(m)
    .filter((r) => r.principal.endsWith("/id-ws"))
    .map((r) => `${r.roleDefinition} ${r.scope.slice(r.scope.lastIndexOf("/") + 1)}`)
    .sort();
  for (const want of [`${ROLES.contributor.id} mlw`, `${ROLES.storageBlobDataContributor.id} stml`, `${ROLES.keyVaultAdministrator.id} kv-ml`, `${ROLES.contributor.id} crml01`])
    assert.ok(roles.includes(want), `${want} in\n${roles.join("\n")}`);
  assert.equal(roleAssignments(model()).filter((r) => r.roleDefinition === ROLES.keyVaultAdministrator.id).length, 0, "a system-assigned identity gets them from Azure");
});

test("people and groups of workspace.users get the data roles on the default storage, as themselves", () => {
  const m = model("workspace: { users: [{ name: data-scientists, objectId: 11111111-2222-3333-4444-555555555555 }] }");
  const mine = roleAssignments(m).filter((r) => r.principal === "11111111-2222-3333-4444-555555555555");
  assert.deepEqual(mine.map((r) => r.roleDefinition).sort(), [ROLES.storageBlobDataContributor.id, ROLES.storageFileDataPrivilegedContributor.id].sort());
  assert.ok(mine.every((r) => r.scope.endsWith("/storageAccounts/stml") && r.r.properties.principalType === "Group"));
});

test("computes follow the workspace endpoint, its zone group and (managed network) the approver role", () => {
  const m = model();
  const cpu = m.ofType(T.compute).find((c) => c.name.endsWith("/cpu"))!;
  const after = (cpu.dependsOn ?? []).map((d) => d.slice(d.indexOf("/providers/") + 11));
  assert.ok(after.some((d) => /^Microsoft\.Network\/privateEndpoints\/[^/]*amlworkspace[^/]*$/.test(d)), after.join("\n"));
  assert.ok(after.some((d) => /privateDnsZoneGroups\/default$/.test(d)), after.join("\n"));
  const managed = model(`workspace: { network: { mode: managed, outboundRules: [{type: PrivateEndpoint, name: oai, target: aiServices/oai1, subresource: account}] } }
integrations: { aiServices: [{name: oai1}] }
endpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]
compute: { clusters: [{name: cpu}] }`);
  const first = managed.ofType(T.compute)[0];
  assert.ok((first.dependsOn ?? []).some((d) => d.includes("/roleAssignments/")), "the first compute waits for the approver role (F34, F35)");
});

test("serverless compute in a subnet of the blueprint: settings written, the subnet prepared as for compute (F20, F23)", () => {
  const m = model("networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-sl, purpose: other, size: 24}]}] }\nworkspace: { serverless: { subnet: vnet-ml/snet-sl } }");
  const ws = m.ofType(T.workspace)[0];
  assert.deepEqual(ws.properties.serverlessComputeSettings, { serverlessComputeCustomSubnet: m.ofType(T.subnet).find((s) => s.name === "vnet-ml/snet-sl")!.id, serverlessComputeNoPublicIP: true });
  const subnet = m.ofType(T.subnet).find((s) => s.name === "vnet-ml/snet-sl")!;
  assert.ok(subnet.properties.natGateway, "no public IP: a NAT gateway");
  const nsg = m.get(subnet.properties.networkSecurityGroup.id)!;
  assert.ok(nsg.properties.securityRules.some((r: { name: string }) => r.name === "AllowAzureMachineLearning"), "the required outbound rules");
});

test("a Synapse workspace keeps public access behind a firewall of the named ranges, or goes private with its own endpoints", () => {
  const open = model("integrations: { synapse: [{name: syn-one, allowedRanges: [203.0.113.0/24, 198.51.100.7]}] }");
  assert.equal(open.ofType(T.synapse)[0].properties.publicNetworkAccess, "Enabled");
  assert.deepEqual(
    open.ofType(T.synapseFirewallRule).map((r) => [r.name, r.properties.startIpAddress, r.properties.endIpAddress]),
    [
      ["syn-one/amlnet-1", "203.0.113.0", "203.0.113.255"],
      ["syn-one/amlnet-2", "198.51.100.7", "198.51.100.7"],
    ],
  );
  assert.equal(endpoints(open).filter((e) => e.targetId?.includes("Microsoft.Synapse")).length, 0);

  const closed = model("integrations: { synapse: [{name: syn-one, access: private}] }");
  assert.equal(closed.ofType(T.synapse)[0].properties.publicNetworkAccess, "Disabled");
  assert.equal(closed.ofType(T.synapseFirewallRule).length, 0);
  const syn = endpoints(closed).filter((e) => e.targetId?.includes("Microsoft.Synapse"));
  assert.deepEqual(syn.map((e) => e.groupIds[0]).sort(), ["Dev", "Sql", "SqlOnDemand"]);
  assert.deepEqual([...new Set(syn.flatMap((e) => zoneGroupZones(closed, e.pe)))].sort(), ["privatelink.dev.azuresynapse.net", "privatelink.sql.azuresynapse.net"]);
});

test("Synapse access mistakes are input errors with their place", () => {
  // Each error's message, with the text at its position (the flow-style YAML puts the key there).
  const errors = (patch: string) => {
    const text = mergeCase(BASE_CASE, patch);
    const r = loadBlueprint("t.yaml", text);
    const lines = text.split("\n");
    return r.ok ? "" : r.errors.map((e) => `${e.message} @ ${lines[e.position.line - 1]?.slice(e.position.col - 1)}`).join("\n");
  };
  assert.match(errors("integrations: { synapse: [{name: s1, allowedRanges: [10.0.0.1/24]}] }"), /'10\.0\.0\.1\/24' is not an IPv4 address or prefix with its host bits zero @ 10\.0\.0\.1\/24/);
  assert.match(errors("integrations: { synapse: [{name: s1, access: private, allowedRanges: [203.0.113.0/24]}] }"), /Synapse 's1' is private: its firewall is closed.* @ (\[|- )203/);
  assert.match(
    errors("integrations: { synapse: [{name: s1, access: private}] }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace, storage, keyVault]}]"),
    /Synapse 's1' is private but no endpoint targets synapse\/s1.* @ private/,
  );
});

test("generated compute NSGs follow the current outbound list: Front Door outside 21Vianet, VirtualNetwork only near endpoints", () => {
  const ruleNames = (m: ReturnType<typeof model>) =>
    m.ofType(T.nsg).find((n) => n.name === "nsg-vnet-ml-snet-train")!.properties.securityRules.map((r: { name: string }) => r.name);
  const base = ruleNames(model());
  assert.ok(base.includes("AllowAzureFrontDoorFrontEnd") && base.includes("AllowVirtualNetwork"), base.join());
  assert.ok(!ruleNames(model("cloud: AzureChinaCloud\nregion: chinanorth3")).includes("AllowAzureFrontDoorFrontEnd"));
  const apart = model(
    "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-train, purpose: training, size: 24}]}, {name: vnet-pe, addressSpace: [10.1.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}]}] }\nendpoints: [{subnet: vnet-pe/snet-pe}]\ncompute: { clusters: [{name: cpu, subnet: vnet-ml/snet-train}] }",
  );
  assert.ok(!ruleNames(apart).includes("AllowVirtualNetwork"), "no endpoints in the VNet or a peered one");
});
