// Endpoint rules to targets the Azure AI Enterprise Network Connection Approver role doesn't cover
// (Data Factory, Databricks, Function Apps: "Workspace managed virtual network isolation"): build
// gives the workspace identity a custom role with the targets' approve actions, one per resource
// group and assignable there only. In the deployment's group it is in every template (ARM and Bicep
// with names unique in the tenant, Terraform's azurerm_role_definition); outside it deploy.sh
// creates it and the README says so. The blueprint and the configuration read back are clean.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkBlueprint, openTerraform, terraformReader, type TerraformReader } from "../src/api/index.ts";
import { buildFiles } from "../src/backends/build.ts";
import { ArmSchemas } from "./support/arm-schemas.ts";

// The deployment's group is the placeholder subscription's rg-ml; rg-data is someone else's.
const HERE = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ml";
const THERE = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-data";
const BLUEPRINT = `
region: eastus
resourceGroup: rg-ml
workspace:
  name: mlw
  network:
    mode: managed
    isolationMode: AllowInternetOutbound
    outboundRules:
      - { type: PrivateEndpoint, name: dbw, target: ${HERE}/providers/Microsoft.Databricks/workspaces/dbw1, subresource: databricks_ui_api }
      - { type: PrivateEndpoint, name: adf, target: ${THERE}/providers/Microsoft.DataFactory/factories/adf1, subresource: dataFactory }
      - { type: PrivateEndpoint, name: func, target: ${THERE}/providers/Microsoft.Web/sites/func1, subresource: sites }
      - { type: PrivateEndpoint, name: st2, target: ${THERE}/providers/Microsoft.Storage/storageAccounts/st2, subresource: blob }
storage: { name: stml }
keyVault: { name: kv-ml }
containerRegistry: { name: crml01 }
networks:
  vnets:
    - { name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{ name: snet-pe, purpose: endpoints, size: 24 }] }
endpoints:
  - { subnet: vnet-ml/snet-pe, targets: [workspace, storage, keyVault, containerRegistry] }
compute:
  clusters: [{ name: cpu }]
`;
const DATABRICKS = ["Microsoft.Databricks/workspaces/privateEndpointConnections/read", "Microsoft.Databricks/workspaces/privateEndpointConnections/write", "Microsoft.Databricks/workspaces/read"];

let reader: TerraformReader;
before(async () => {
  reader = await terraformReader();
});

const built = () => {
  const bp = checkBlueprint("approvers.yaml", BLUEPRINT);
  assert.ok(bp.ok);
  return { bp, files: buildFiles(bp.model, { blueprint: "approvers.yaml", version: "test" }) };
};

test("the blueprint is clean: each target's approver is the role that can approve it", () => {
  const { bp } = built();
  assert.deepEqual(bp.findings.filter((f) => f.ruleId === "AML060" || f.ruleId === "AML078").map((f) => f.message), []);
  const roles = bp.model.ofType("Microsoft.Authorization/roleDefinitions");
  assert.deepEqual(roles.map((r) => r.scope).sort(), [HERE, THERE].sort(), "one custom role per resource group with uncovered targets");
  const there = roles.find((r) => r.scope === THERE)!;
  const actions = (there.properties as { permissions: { actions: string[] }[] }).permissions[0].actions;
  assert.ok(actions.includes("Microsoft.DataFactory/factories/privateEndpointConnections/write") && actions.includes("Microsoft.Web/sites/PrivateEndpointConnectionsApproval/action"), actions.join());
  assert.deepEqual((there.properties as { assignableScopes: string[] }).assignableScopes, [THERE]);
});

test("ARM: the custom role in the deployment's group is a template resource named uniquely from the real group, and the assignment waits for it", () => {
  const { files } = built();
  const template = JSON.parse(files.get("main.json")!) as { resources: { type: string; name: string; dependsOn?: string[]; properties: Record<string, unknown> }[] };
  const roles = template.resources.filter((r) => r.type === "Microsoft.Authorization/roleDefinitions");
  assert.equal(roles.length, 1, "the other group's role is deploy.sh's");
  const [role] = roles;
  assert.deepEqual(new ArmSchemas().validate(role as never), []);
  const name = /^\[(guid\(resourceGroup\(\)\.id, '[0-9a-f-]+'\))\]$/.exec(role.name)?.[1];
  assert.ok(name, role.name);
  assert.equal(role.properties.roleName, `[format('{0} {1}', 'Private endpoint approver in rg-ml', ${name})]`);
  assert.deepEqual(role.properties.assignableScopes, ["[resourceGroup().id]"]);
  assert.deepEqual((role.properties.permissions as { actions: string[] }[])[0].actions, DATABRICKS);
  const assignment = template.resources.find((r) => r.type === "Microsoft.Authorization/roleAssignments" && String(r.properties.roleDefinitionId).includes(name))!;
  assert.equal(assignment.properties.roleDefinitionId, `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ${name})]`);
  assert.ok(assignment.dependsOn?.includes(`[resourceId('Microsoft.Authorization/roleDefinitions', ${name})]`), JSON.stringify(assignment.dependsOn));
});

test("Bicep: the custom role by symbol, its id the subscription's", () => {
  const bicep = built().files.get("main.bicep")!;
  const block = /resource (\w+) 'Microsoft\.Authorization\/roleDefinitions@2022-04-01' = \{\n {2}name: (guid\(resourceGroup\(\)\.id, '[0-9a-f-]+'\))\n/.exec(bicep);
  assert.ok(block, bicep.slice(bicep.indexOf("roleDefinitions") - 200, bicep.indexOf("roleDefinitions") + 300));
  assert.ok(bicep.includes(`roleName: format('{0} {1}', 'Private endpoint approver in rg-ml', ${block[2]})`));
  assert.ok(bicep.includes(`roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ${block[1]}.name)`));
  assert.equal(bicep.match(/'Microsoft\.Authorization\/roleDefinitions@/g)?.length, 1);
});

test("Terraform: azurerm_role_definition for both groups, assigned by its role_definition_resource_id; read back clean", () => {
  const { bp, files } = built();
  const tf = files.get("main.tf")!;
  assert.equal(tf.match(/resource "azurerm_role_definition"/g)?.length, 2);
  assert.equal(tf.match(/role_definition_id = azurerm_role_definition\.\w+\.role_definition_resource_id/g)?.length, 2);
  assert.ok(tf.includes('uuidv5("url", format("%s/%s", data.azurerm_resource_group.this.id, '), "the GUID and name come from the real group's id");
  const folder = mkdtempSync(join(tmpdir(), "amlnet-approvers-"));
  for (const [name, content] of files) if (name.endsWith(".tf")) writeFileSync(join(folder, name), content);
  execFileSync("terraform", ["fmt", "-check", folder], { stdio: "pipe" });
  const read = openTerraform(folder, { reader });
  assert.ok(read.ok);
  const findings = read.project.findings;
  assert.deepEqual(findings.filter((f) => ["AML060", "AML901", "AML903"].includes(f.ruleId)).map((f) => `${f.ruleId} ${f.message}`), []);
  assert.equal(read.project.model.ofType("Microsoft.Authorization/roleDefinitions").length, bp.model.ofType("Microsoft.Authorization/roleDefinitions").length);
});

test("deploy.sh creates the other group's role once and assigns it by the GUID it gets back; the README covers only that group", () => {
  const { files } = built();
  const sh = files.get("deploy.sh")!;
  execFileSync("bash", ["-n"], { input: sh });
  assert.equal(sh.match(/az role definition create/g)?.length, 1);
  assert.match(sh, /custom_role_1_scope="\/subscriptions\/00000000-0000-0000-0000-000000000001\/resourceGroups\/rg-data"/);
  assert.match(sh, /--role "\$custom_role_1" --scope "\/subscriptions\/00000000-0000-0000-0000-000000000001\/resourceGroups\/rg-data"/);
  assert.ok(!sh.includes("Microsoft.Databricks"), "the deployment's own group's role is the template's");
  const readme = files.get("README.md")!;
  const approvals = readme.slice(readme.indexOf("## Approvals"));
  assert.match(approvals, /custom role `Private endpoint approver in rg-data`/);
  assert.ok(!readme.includes("Private endpoint approver in rg-ml"), "the template's own role needs no step");
});
