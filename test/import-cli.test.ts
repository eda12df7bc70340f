// From the command line: check, flows, trace, studio and diff take templates and exported
// estates (told apart by content), with --parameters, --param, --cloud, --location and --clients;
// bad input is one located message each and exit 2.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/cli/main.ts";

function run(argv: string[]) {
  let out = "";
  let err = "";
  const code = main(argv, { out: (s) => (out += s), err: (s) => (err += s), isTTY: false, env: {} });
  return { code, out, err };
}

const real = (f: string) => new URL(`../../shared/realworld/${f}`, import.meta.url).pathname;
const E2E = real("qs_ml-end-to-end-secure_azuredeploy.json");
const E2E_PARAMS = ["--param", "prefix=mlw", "--param", "dsvmJumpboxUsername=azureuser"];
const dir = mkdtempSync(join(tmpdir(), "amlnet-import-"));
const write = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

test("check: a real template with --param gives located findings and exit 1", () => {
  const r = run(["check", E2E, ...E2E_PARAMS, "--location", "eastus"]);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, new RegExp(`${E2E}:584:13 error AML003 Private DNS zone privatelink.vault.azure.net is not a zone Azure uses; it looks like privatelink.vaultcore.azure.net`));
});

test("check: the same parameters from a parameters file", () => {
  const p = write("e2e.parameters.json", JSON.stringify({ $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", parameters: { prefix: { value: "mlw" }, dsvmJumpboxUsername: { value: "azureuser" } } }));
  const r = run(["check", E2E, "--parameters", p, "--format", "json"]);
  assert.equal(r.code, 1, r.err);
  assert.ok(JSON.parse(r.out).findings.some((f: { ruleId: string }) => f.ruleId === "AML003"));
});

test("bad input: malformed JSON, an expression that doesn't parse, a missing parameter, a wrong --param: located, exit 2", () => {
  const broken = write("broken.json", '{\n  "$schema": "x",\n  "resources": [,]\n}');
  assert.deepEqual(run(["check", broken]), { code: 2, out: "", err: `${broken}:3:17 error AR001 JSON: ValueExpected\n` });
  const expr = write("expr.json", JSON.stringify({ $schema: SCHEMA, resources: [{ type: "Microsoft.Network/virtualNetworks", name: "[concat('a', ]" }] }, null, 2));
  const e = run(["check", expr]);
  assert.equal(e.code, 2);
  assert.match(e.err, new RegExp(`^${expr}:6:\\d+ error AR003 `));
  // Parameters without a value don't stop the run: they are unknown, named in one note.
  const missing = run(["check", E2E]);
  assert.equal(missing.code, 0, missing.err);
  assert.equal(missing.out.match(/ info AML908 /g)?.length, 1);
  assert.match(missing.out, new RegExp(`${E2E}:\\d+:\\d+ info AML908 parameters 'prefix', .* without a value: taken as unknown`));
  assert.match(run(["check", E2E, ...E2E_PARAMS, "--param", "nope=1"]).err, /error AR005 --param nope: the template has no parameter 'nope'/);
  assert.match(run(["check", E2E, ...E2E_PARAMS, "--cloud", "Mars"]).err, /--cloud is AzureCloud, AzureUSGovernment, AzureChinaCloud, not 'Mars'/);
  const unknown = write("unknown.json", JSON.stringify([{ hello: 1 }]));
  assert.match(run(["check", unknown]).err, /error AR002 item 0 has no id \(or ResourceId\): a resource body has a string id and type/);
  // Located at the item that lacks it (the third, on its own line), not at 1:1.
  const third = write("third.json", `[\n  {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a", "type": "Microsoft.Storage/storageAccounts"},\n  {"id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/b", "type": "Microsoft.Storage/storageAccounts"},\n  {"name": "c"}\n]\n`);
  assert.match(run(["check", third]).err, /third\.json:4:3 error AR002 item 2 has no id/);
});

test("an unknown function in one property makes that value unknown and the run goes on, with a warning", () => {
  const t = write("future.json", JSON.stringify({ $schema: SCHEMA, resources: [{ type: "Microsoft.Network/networkSecurityGroups", name: "nsg", location: "eastus", properties: { securityRules: "[futureRules()]" } }] }, null, 2));
  const r = run(["check", t, "--fail-level", "error"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, new RegExp(`${t}:\\d+:\\d+ warning AML902 futureRules\\(\\) is not a function amlnet evaluates: the value is unknown`));
});

test("--cloud sets environment(): a Government template gets its own suffixes", () => {
  const t = write("cloud.json", JSON.stringify({ $schema: SCHEMA, resources: [{ type: "Microsoft.Network/privateDnsZones", name: "[format('privatelink{0}', environment().suffixes.keyvaultDns)]", location: "global" }] }));
  const r = run(["check", t, "--cloud", "AzureUSGovernment", "--format", "json"]);
  const f = JSON.parse(r.out);
  assert.ok(f.findings.every((x: { message: string }) => !/vault\.azure\.net/.test(x.message)));
  // The zone the template builds is Government's twin of the quickstarts' mistake: AML003 names
  // the Government vaultcore zone it was meant to be.
  assert.equal(r.code, 1, r.err);
  assert.ok(f.findings.some((x: { ruleId: string; message: string }) => x.ruleId === "AML003" && /privatelink\.vault\.usgovcloudapi\.net .* looks like privatelink\.vaultcore\.usgovcloudapi\.net/.test(x.message)));
});

test("an exported estate (Resource Graph result) is checked like a template; clients come from --clients", () => {
  const sub = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers";
  const estate = write("estate.json", JSON.stringify({
    count: 4,
    data: [
      { id: `${sub}/Microsoft.MachineLearningServices/workspaces/mlw`, name: "mlw", type: "microsoft.machinelearningservices/workspaces", location: "eastus", properties: { publicNetworkAccess: "Disabled" } },
      { id: `${sub}/Microsoft.Network/virtualNetworks/vnet`, name: "vnet", type: "microsoft.network/virtualnetworks", location: "eastus", properties: { addressSpace: { addressPrefixes: ["10.0.0.0/16"] }, subnets: [{ id: `${sub}/Microsoft.Network/virtualNetworks/vnet/subnets/vm`, name: "vm", properties: { addressPrefix: "10.0.1.0/24" } }] } },
    ],
  }, null, 2));
  const clients = write("clients.yaml", "clients:\n  - {kind: vm, name: desk, subnet: vnet/vm}\n");
  const r = run(["check", estate, "--clients", clients]);
  assert.equal(r.code, 1, r.err);
  // At the property the finding is about, in the exported body.
  assert.match(r.out, new RegExp(`${estate}:10:32 error AML026 Workspace mlw has public access disabled and no private endpoint`));
  const bad = write("bad-clients.yaml", "clients:\n  - {kind: vm, name: desk, subnet: vnet/nope}\n");
  assert.deepEqual(run(["check", estate, "--clients", bad]), { code: 2, out: "", err: `${bad}:2:36 error BP010 clients.0.subnet: the input has no subnet vnet/nope\n` });
  const flows = run(["flows", estate, "--clients", clients]);
  assert.match(flows.out, /desk -> workspace API/);
  // A bare list (the section's contents) is the same clients; its errors point into the list.
  const list = write("list-clients.yaml", "- {kind: vm, name: desk, subnet: vnet/vm}\n");
  assert.equal(run(["flows", estate, "--clients", list]).out, flows.out);
  const badList = write("bad-list-clients.yaml", "- {kind: vm, name: desk, subnet: vnet/nope}\n");
  assert.deepEqual(run(["check", estate, "--clients", badList]), { code: 2, out: "", err: `${badList}:1:34 error BP010 clients.0.subnet: the input has no subnet vnet/nope\n` });
});

test("flows, trace, studio and diff take templates; build refuses one", () => {
  assert.equal(run(["flows", E2E, ...E2E_PARAMS, "--location", "eastus"]).code, 1);
  // Without the region the blocked flows rest on unknown values: not BLOCKED, exit 0.
  const unknownFlows = run(["flows", E2E, ...E2E_PARAMS]);
  assert.equal(unknownFlows.code, 0);
  assert.match(unknownFlows.out, /^UNKNOWN  cluster001 -> key vault +rests on resourceGroup\(\)\.location/m);
  const t = run(["trace", E2E, ...E2E_PARAMS, "--location", "eastus", "--from", "cluster001", "--to", "kv-mlw-3438"]);
  assert.match(t.out, /verdict: BLOCKED/);
  assert.equal(t.code, 1);
  // Without the region, a value on the path (an NSG rule's regional tag) is unknown: UNKNOWN, exit 0,
  // what it rests on listed, never BLOCKED.
  const unknown = run(["trace", E2E, ...E2E_PARAMS, "--from", "cluster001", "--to", "kv-mlw-3438"]);
  assert.match(unknown.out, /^verdict: UNKNOWN \(rests on resourceGroup\(\)\.location \(give --location\); give those values, or trace after deployment\)$/m);
  assert.equal(unknown.code, 0);
  // The inferred jump box can't preview data: no Reader on the storage endpoints (F44, as AML035 says).
  const studio = run(["studio", E2E, ...E2E_PARAMS]);
  assert.equal(studio.code, 1);
  assert.match(studio.out, /BLOCKED {2}Data preview, designer, AutoML submit, labeling: the workspace identity lacks Reader on endpoint ple-mlw-3438-st-blob/);
  // What-if for a template change: the KV zone fixed gains the compute -> key vault flows.
  const fixed = write("fixed.json", readFileSync(E2E, "utf8").replace(/\[format\('privatelink\{0\}', environment\(\)\.suffixes\.keyvaultDns\)\]/g, "privatelink.vaultcore.azure.net"));
  const d = run(["diff", E2E, fixed, ...E2E_PARAMS, "--location", "eastus", "--fail-on", "none"]);
  assert.equal(d.code, 0, d.err);
  assert.match(d.out, /cluster001 -> key vault/);
  assert.match(run(["build", E2E, "-o", join(dir, "out")]).err, /is JSON \(a template or an estate\): build takes a blueprint/);
  // Template options make no sense for a blueprint.
  assert.match(run(["check", new URL("../examples/private-link-workspace.yaml", import.meta.url).pathname, "--param", "a=b"]).err, /are for templates and estates/);
});

test("the README's estate recipe: two az graph results appended to one file are one estate", () => {
  const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
  assert.match(readme, /az graph query -q "resources \| where resourceGroup in~ \('rg-aml', 'rg-net'\)" --first 1000 -o json > estate\.json/);
  assert.match(readme, /az graph query -q "authorizationresources \| .*" --first 1000 -o json >> estate\.json/);
  const sub = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aml/providers";
  // `az graph query -o json` prints {count, data, skip_token, total_records}; `>>` appends the second.
  const resources = { count: 1, data: [{ id: `${sub}/Microsoft.MachineLearningServices/workspaces/mlw`, name: "mlw", type: "microsoft.machinelearningservices/workspaces", location: "eastus", identity: { type: "SystemAssigned", principalId: "aaaaaaaa-0000-0000-0000-000000000001" }, properties: { publicNetworkAccess: "Enabled" } }], skip_token: null, total_records: 1 };
  const roles = { count: 1, data: [{ id: `${sub}/Microsoft.MachineLearningServices/workspaces/mlw/providers/Microsoft.Authorization/roleAssignments/r1`, name: "r1", type: "microsoft.authorization/roleassignments", properties: { principalId: "aaaaaaaa-0000-0000-0000-000000000001", roleDefinitionId: "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7", scope: `${sub}/Microsoft.MachineLearningServices/workspaces/mlw` } }], skip_token: null, total_records: 1 };
  const estate = write("readme-estate.json", `${JSON.stringify(resources, null, 2)}\n${JSON.stringify(roles, null, 2)}\n`);
  const r = run(["check", estate]);
  assert.equal(r.code, 0, r.err);
  // Both pages made it in: the workspace and its role assignment.
  assert.match(r.out, /checked .*readme-estate\.json: 2 resources after expansion/);
});

test("import writes a best-effort blueprint that loads, with a comment for each guess", () => {
  const out = join(dir, "migrated.yaml");
  const r = run(["import", E2E, ...E2E_PARAMS, "--location", "eastus", "-o", out]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Wrote .*migrated\.yaml with 4 guess\(es\) marked in comments/);
  const text = readFileSync(out, "utf8");
  assert.match(text, /# guess: subnet snet-training holds endpoints and training and jumpbox/);
  // What amlnet models but the blueprint doesn't carry is said, never dropped silently.
  assert.match(text, /# guess: not carried over \(describe them in the blueprint to check them\): .*1 Microsoft\.ContainerService\/managedClusters/);
  // DNS as the template has it: the misspelled vault zone stays misspelled, linked where it was,
  // so the blueprint amlnet reads keeps the template's bug (AML003) instead of hiding it.
  assert.match(text, /dns:\n {2}zones: manual\n {2}privateZones:\n {4}- name: privatelink\.vault\.azure\.net\n {6}links:\n {8}- vnet-mlw-3438\n/);
  const checked = run(["check", out]);
  assert.equal(checked.code, 1, checked.out + checked.err);
  assert.match(checked.out, /error AML003 Private DNS zone privatelink\.vault\.azure\.net is not a zone Azure uses/);
  // import takes templates, not blueprints.
  assert.match(run(["import", out]).err, /is a blueprint already: import takes a template or an estate/);
});

test("import escapes what the template holds: a name is a YAML value, never YAML", async () => {
  const { parse } = await import("yaml");
  const hostile = "vnet\n# injected: true\nworkspace: {name: evil}";
  const t = write("hostile.json", JSON.stringify({ $schema: SCHEMA, resources: [{ type: "Microsoft.Network/virtualNetworks", name: hostile, location: "eastus", properties: { addressSpace: { addressPrefixes: ["10.0.0.0/16"] }, subnets: [{ name: "s: x", properties: { addressPrefix: "10.0.0.0/24" } }] } }] }));
  const r = run(["import", t]);
  assert.equal(r.code, 0, r.err);
  const parsed = parse(r.out) as { networks: { vnets: { name: string; subnets: { name: string }[] }[] }; workspace: { name: string } };
  assert.equal(parsed.networks.vnets[0].name, hostile);
  assert.equal(parsed.networks.vnets[0].subnets[0].name, "s: x");
  assert.equal(parsed.workspace.name, "mlw");
});

test("an export without zone groups (Resource Graph has none): what rests on them is unknown, never a finding", async () => {
  const { openBlueprint } = await import("../src/api/index.ts");
  const opened = openBlueprint("p.yaml", readFileSync(new URL("../examples/private-link-workspace.yaml", import.meta.url), "utf8"));
  assert.ok(opened.ok);
  const bodies = opened.project.model.resources
    .filter((r) => r.type !== "Microsoft.Network/privateEndpoints/privateDnsZoneGroups")
    .map((r) => ({ id: r.id, name: r.name.split("/").pop(), type: r.type.toLowerCase(), location: r.location, kind: r.kind, sku: r.sku, identity: r.identity, properties: r.properties }));
  const estate = write("no-zone-groups.json", JSON.stringify({ count: bodies.length, data: bodies }));
  const clients = write("plw-clients.yaml", "clients:\n  - {kind: vm, name: jumpbox, subnet: vnet-aml/snet-jumpbox, via: bas-aml}\n");
  const r = run(["check", estate, "--clients", clients, "--format", "json"]);
  const findings = JSON.parse(r.out).findings as { ruleId: string; severity: string; message: string }[];
  // The blueprint is clean; its export, minus what Resource Graph can't show, has no errors either...
  assert.deepEqual(findings.filter((f) => f.severity === "error").map((f) => `${f.ruleId} ${f.message}`), []);
  // ...and says what it couldn't judge.
  assert.ok(findings.some((f) => f.ruleId === "AML904" && /zone groups of pe-stamlprivate-blob-vnet-aml, which Resource Graph doesn't export/.test(f.message)));
  assert.equal(r.code, 0);
  // Appending the zone groups (az network private-endpoint dns-zone-group list ... >> estate.json) makes them known.
  const groups = opened.project.model.ofType("Microsoft.Network/privateEndpoints/privateDnsZoneGroups").map((g) => ({ id: g.id, name: g.name.split("/").pop(), type: g.type, properties: g.properties }));
  const whole = write("with-zone-groups.json", `${JSON.stringify({ count: bodies.length, data: bodies })}\n${JSON.stringify(groups)}\n`);
  const known = JSON.parse(run(["check", whole, "--clients", clients, "--format", "json"]).out).findings as { ruleId: string }[];
  assert.ok(!known.some((f) => f.ruleId === "AML904"));
});

test("explain knows the template input errors", () => {
  const r = run(["explain", "AR005"]);
  assert.equal(r.code, 0);
  assert.match(r.out, /^AR005: Parameter value \(input error, exit 2\)/);
});

test("a finding about a property the template computes points at the expression computing it", () => {
  const text = [
    "{",
    `  "$schema": "${SCHEMA}",`,
    '  "parameters": { "access": { "type": "string", "defaultValue": "Disabled" } },',
    '  "resources": [',
    "    {",
    '      "type": "Microsoft.MachineLearningServices/workspaces",',
    '      "name": "mlw",',
    '      "location": "eastus",',
    '      "properties": {',
    '        "friendlyName": "ML",',
    "        \"publicNetworkAccess\": \"[parameters('access')]\"",
    "      }",
    "    }",
    "  ]",
    "}",
  ].join("\n");
  const t = write("computed.json", text);
  const r = run(["check", t]);
  assert.equal(r.code, 1);
  assert.match(r.out, new RegExp(`${t}:11:32 error AML026 Workspace mlw has public access disabled`));
});

test("--location fills a template's required location parameter, and says so (AML906)", () => {
  const t = new URL("../../shared/realworld/qs_ml-workspace_azuredeploy.json", import.meta.url).pathname;
  const without = run(["check", t, "--param", "name=mlw", "--param", "environment=dev"]);
  assert.match(without.out, /info AML908 parameter 'location' without a value: taken as unknown/);
  const r = run(["check", t, "--param", "name=mlw", "--param", "environment=dev", "--location", "eastus", "--format", "json"]);
  const notes = (JSON.parse(r.out).findings as { ruleId: string; message: string }[]).filter((f) => f.ruleId === "AML906");
  assert.deepEqual(notes.map((f) => f.message), ["parameter 'location' has no default and wasn't given: it takes --location's value, eastus"]);
});
