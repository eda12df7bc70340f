// Hubs and projects ("How to configure a private link for Azure AI Foundry hubs"): a project (a
// workspace of kind Project with hubResourceId) has no endpoints of its own. The hub's endpoint
// writes the project's names (<project-guid>.workspace.<region>.api.azureml.ms and its notebooks
// name), and the project has the hub's public access and default resources. So a project whose
// hub has an approved endpoint is reachable (no AML026), its flows go through the hub's endpoint,
// and a hub the input only refers to leaves the project's verdicts unknown.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openJson } from "../src/api/index.ts";
import { trace } from "../src/engine/trace.ts";
import { planeOf } from "../src/engine/plane.ts";

const SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
const WS = "Microsoft.MachineLearningServices/workspaces";
const id = (type: string, name: string) => `[resourceId('${type}', '${name}')]`;
const ZONES = ["privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"];

function template(options: { hubInInput?: boolean; hubPublic?: boolean; hubEndpoint?: boolean; projectAccess?: string } = {}): string {
  const { hubInInput = true, hubPublic = false, hubEndpoint = true, projectAccess = "Disabled" } = options;
  const hubId = hubInInput ? id(WS, "hub-ai") : "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-other/providers/Microsoft.MachineLearningServices/workspaces/hub-elsewhere";
  const resources: object[] = [
    { type: "Microsoft.Network/virtualNetworks", apiVersion: "2023-11-01", name: "vnet-ai", location: "eastus", properties: { addressSpace: { addressPrefixes: ["10.0.0.0/16"] }, subnets: [{ name: "snet-pe", properties: { addressPrefix: "10.0.1.0/24" } }] } },
    { type: "Microsoft.Storage/storageAccounts", apiVersion: "2023-01-01", name: "sthub", location: "eastus", kind: "StorageV2", sku: { name: "Standard_LRS" }, properties: {} },
    { type: WS, apiVersion: "2024-04-01", name: "proj-ai", location: "eastus", kind: "Project", identity: { type: "SystemAssigned" }, properties: { hubResourceId: hubId, publicNetworkAccess: projectAccess } },
    ...ZONES.flatMap((z) => [
      { type: "Microsoft.Network/privateDnsZones", apiVersion: "2020-06-01", name: z, location: "global" },
      { type: "Microsoft.Network/privateDnsZones/virtualNetworkLinks", apiVersion: "2020-06-01", name: `${z}/link`, location: "global", properties: { registrationEnabled: false, virtualNetwork: { id: id("Microsoft.Network/virtualNetworks", "vnet-ai") } } },
    ]),
  ];
  if (hubInInput)
    resources.push({ type: WS, apiVersion: "2024-04-01", name: "hub-ai", location: "eastus", kind: "Hub", identity: { type: "SystemAssigned" }, properties: { storageAccount: id("Microsoft.Storage/storageAccounts", "sthub"), publicNetworkAccess: hubPublic ? "Enabled" : "Disabled" } });
  if (hubInInput && hubEndpoint)
    resources.push(
      { type: "Microsoft.Network/privateEndpoints", apiVersion: "2023-11-01", name: "pe-hub", location: "eastus", properties: { subnet: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-ai', 'snet-pe')]" }, privateLinkServiceConnections: [{ name: "hub", properties: { privateLinkServiceId: hubId, groupIds: ["amlworkspace"] } }] } },
      { type: "Microsoft.Network/privateEndpoints/privateDnsZoneGroups", apiVersion: "2023-11-01", name: "pe-hub/default", properties: { privateDnsZoneConfigs: ZONES.map((z) => ({ name: z.replaceAll(".", "-"), properties: { privateDnsZoneId: id("Microsoft.Network/privateDnsZones", z) } })) } },
    );
  return JSON.stringify({ $schema: SCHEMA, contentVersion: "1.0.0.0", resources });
}

const clients = { file: "clients.yaml", text: "clients:\n  - { kind: vm, name: jump, subnet: vnet-ai/snet-pe }\n" };
function open(text: string) {
  const r = openJson("hub.json", text, { clientsFile: clients });
  assert.ok(r.ok, r.ok ? "" : JSON.stringify(r.errors));
  return r.project;
}
const codes = (p: ReturnType<typeof open>) => p.findings.map((f) => f.ruleId).sort();

test("a private project whose hub has an approved endpoint is reached through the hub's endpoint: no AML026, every flow passes", () => {
  const p = open(template());
  assert.deepEqual(codes(p).filter((c) => !c.startsWith("AML9")), []);
  const flows = p.flows();
  assert.deepEqual(flows.map((f) => f.id).filter((i) => i.includes("proj-ai")).sort(), ["jump -> notebooks of proj-ai", "jump -> storage blob (studio) of proj-ai", "jump -> storage file (studio) of proj-ai", "jump -> workspace API of proj-ai"]);
  assert.ok(flows.every((f) => f.trace.verdict === "pass"), flows.filter((f) => f.trace.verdict !== "pass").map((f) => f.id).join(", "));
  // The project's own name resolves to the hub endpoint's address: the hub's zone group wrote it.
  const api = flows.find((f) => f.id === "jump -> workspace API of proj-ai")!;
  assert.match(api.trace.hops[0].detail, /^\{id-of-proj-ai\}\.workspace\.eastus\.api\.azureml\.ms -> 10\.0\.1\.\d+/);
  assert.match(api.trace.hops.find((h) => h.step === "endpoint")!.detail, /is endpoint pe-hub \(amlworkspace\) of hub-ai, Approved/);
  // The studio works from the client for the hub and the project, each judged by its own flows.
  const studio = p.studio();
  assert.deepEqual([...new Set(studio.map((r) => `${r.client} ${r.workspace}`))].sort(), ["jump hub-ai", "jump proj-ai"]);
  assert.deepEqual(studio.filter((r) => !r.works).map((r) => `${r.workspace}: ${r.feature}: ${r.why}`), []);
});

test("a project has its hub's access: a public hub makes the project public whatever the project says", () => {
  const p = open(template({ hubPublic: true, hubEndpoint: false, projectAccess: "Disabled" }));
  assert.ok(!codes(p).includes("AML026"));
  const plane = planeOf(p.analysis);
  const proj = p.model.resources.find((r) => r.name === "proj-ai")!;
  const hop = trace(plane, { kind: "internet", name: "laptop", ip: "203.0.113.7" }, { kind: "name", fqdn: "x", port: 443, protocol: "Tcp", target: proj }).hops.at(-1)!;
  assert.equal(hop.step, "service");
  assert.equal(hop.ok, true);
  assert.equal(hop.resourceId?.endsWith("/workspaces/hub-ai"), true);
});

test("a private hub without endpoints is one AML026, on the hub, not one more on each project", () => {
  const p = open(template({ hubEndpoint: false }));
  const found = p.findings.filter((f) => f.ruleId === "AML026");
  assert.deepEqual(found.map((f) => f.message), ["Workspace hub-ai has public access disabled and no private endpoint: nobody can reach it."]);
});

test("a project whose hub the input only refers to is unknown (a note), never AML026", () => {
  const p = open(template({ hubInInput: false }));
  assert.ok(!codes(p).includes("AML026"));
  const note = p.findings.find((f) => f.ruleId === "AML904");
  assert.ok(note, codes(p).join(", "));
  assert.match(note.message, /AML026.*can't judge hub-elsewhere/);
});

test("under a hub's managed network, a connection to a supported resource is a private endpoint: AML069 counts it, the flows trace it", () => {
  // "How to configure a managed network for Azure AI Foundry hubs", Private endpoints: "A private
  // endpoint is automatically created for a connection if the target resource is an Azure resource
  // listed above"; its ARM id (or a parent's) in the target or in metadata.ResourceId.
  const account = "[resourceId('Microsoft.CognitiveServices/accounts', 'ais-hub')]";
  const hubTemplate = (connection?: object) =>
    JSON.stringify({
      $schema: SCHEMA,
      contentVersion: "1.0.0.0",
      resources: [
        { type: "Microsoft.CognitiveServices/accounts", apiVersion: "2024-10-01", name: "ais-hub", location: "eastus", kind: "AIServices", sku: { name: "S0" }, properties: { publicNetworkAccess: "Disabled", customSubDomainName: "ais-hub" } },
        { type: WS, apiVersion: "2024-04-01", name: "hub-ai", location: "eastus", kind: "Hub", identity: { type: "SystemAssigned" }, properties: { publicNetworkAccess: "Enabled", managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" } } },
        ...(connection ? [{ type: `${WS}/connections`, apiVersion: "2024-04-01", name: "hub-ai/aiservices", dependsOn: [id(WS, "hub-ai")], properties: connection }] : []),
      ],
    });
  const opened = (text: string) => {
    const r = openJson("hub.json", text);
    assert.ok(r.ok);
    return r.project;
  };
  assert.deepEqual(opened(hubTemplate()).findings.filter((f) => f.ruleId === "AML069").length, 1);
  // By metadata.ResourceId (an account's deployment names its account as parent), and by target.
  for (const connection of [
    { category: "AIServices", authType: "AAD", target: "https://ais-hub.cognitiveservices.azure.com/", metadata: { ApiType: "Azure", ResourceId: `[concat(${account.slice(1, -1)}, '/deployments/gpt')]` } },
    { category: "AIServices", authType: "AAD", target: account, metadata: {} },
  ]) {
    const p = opened(hubTemplate(connection));
    assert.deepEqual(p.findings.filter((f) => f.ruleId === "AML069"), [], JSON.stringify(connection));
    const flow = p.flows().find((f) => f.id.startsWith("managed network of hub-ai -> ais-hub"));
    assert.ok(flow, p.flows().map((f) => f.id).join(", "));
    assert.equal(flow.trace.verdict, "pass");
  }
  // A connection to a type the managed network can't reach privately (a URL only) adds nothing.
  assert.equal(opened(hubTemplate({ category: "CustomKeys", authType: "CustomKeys", target: "https://example.com/", metadata: {} })).findings.filter((f) => f.ruleId === "AML069").length, 1);
});

test("a blueprint's hub declares its projects: built as workspaces of kind Project naming the hub, in every back end; import keeps them", async () => {
  const { openBlueprint, openInput } = await import("../src/api/index.ts");
  const { readFileSync } = await import("node:fs");
  const text = readFileSync(new URL("../examples/hub-projects.yaml", import.meta.url), "utf8");
  const opened = openBlueprint("hub-projects.yaml", text);
  assert.ok(opened.ok);
  const projects = opened.project.model.ofType(WS).filter((w) => w.kind === "Project");
  assert.deepEqual(projects.map((p) => [p.name, String(p.properties.hubResourceId).split("/").pop()]), [["proj-forecast", "hub-ai"], ["proj-vision", "hub-ai"]]);
  const files = opened.project.build();
  const arm = JSON.parse(files.get("main.json")!) as { resources: { type: string; kind?: string; properties: { hubResourceId?: string } }[] };
  assert.deepEqual(arm.resources.filter((r) => r.kind === "Project").map((r) => r.properties.hubResourceId), [`[resourceId('${WS}', 'hub-ai')]`, `[resourceId('${WS}', 'hub-ai')]`]);
  assert.match(files.get("main.bicep")!, /kind: 'Project'[\s\S]*hubResourceId: workspaceHubAi\.id/);
  assert.match(files.get("main.tf")!, /kind = "Project"[\s\S]*hubResourceId\s+= azapi_resource\.hub_ai\.id/);
  // Back through import: the hub with its projects, nothing said lost.
  const imported = openInput("main.json", files.get("main.json")!, { location: "eastus" });
  assert.ok(imported.ok);
  const { blueprintFromModel } = await import("../src/backends/blueprint/from-model.ts");
  const { text: yaml, guesses } = blueprintFromModel(imported.project.model, "main.json");
  assert.ok(!guesses.some((g) => /project|workspaces/.test(g)), guesses.join("\n"));
  assert.match(yaml, /workspace:\n {2}name: hub-ai\n {2}kind: Hub\n {2}projects:\n {4}- name: proj-forecast\n {4}- name: proj-vision\n/);
});

test("projects need a hub, and share the workspaces' names: each a located BP010", async () => {
  const { openBlueprint } = await import("../src/api/index.ts");
  const { readFileSync } = await import("node:fs");
  const text = readFileSync(new URL("../examples/hub-projects.yaml", import.meta.url), "utf8");
  const noHub = openBlueprint("bp.yaml", text.replace("  kind: Hub\n", ""));
  assert.ok(!noHub.ok);
  assert.deepEqual(noHub.errors.map((e) => [e.code, e.message]), [["BP010", "projects belong to a hub: set workspace.kind: Hub"]]);
  const dup = openBlueprint("bp.yaml", text.replace("{ name: proj-vision }", "{ name: HUB-AI }"));
  assert.ok(!dup.ok);
  assert.deepEqual(dup.errors.map((e) => [e.code, e.message, e.position.line]), [["BP010", "duplicate workspace or project name 'HUB-AI' (Azure names ignore case: 'hub-ai' is the same name)", 13]]);
});

test("import of a project whose hub the input doesn't hold says so", async () => {
  const { blueprintFromModel } = await import("../src/backends/blueprint/from-model.ts");
  const o = openJson("main.json", template({ hubInInput: false }), { location: "eastus" });
  assert.ok(o.ok);
  const { text, guesses } = blueprintFromModel(o.project.model, "main.json");
  assert.match(text, /guess: proj-ai is a project of hub hub-elsewhere, which the input doesn't hold/);
  assert.ok(guesses.some((g) => /^proj-ai is a project of hub hub-elsewhere/.test(g)));
});
