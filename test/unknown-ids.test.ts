// An id an input can't tell (a template parameter without a value, a Terraform value known only
// after apply) is read as naming nothing: the rules that rest on it say so (AML904), none fails.
// A private endpoint whose subnet id was an unset parameter used to make 20 rules fail (AML901).
import { test } from "node:test";
import assert from "node:assert/strict";
import { openJson } from "../src/api/index.ts";

const template = JSON.stringify({
  $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  contentVersion: "1.0.0.0",
  parameters: { subnetId: { type: "string" }, zoneId: { type: "string" } },
  resources: [
    { type: "Microsoft.Storage/storageAccounts", apiVersion: "2023-01-01", name: "st1", location: "eastus", kind: "StorageV2", sku: { name: "Standard_LRS" }, properties: { publicNetworkAccess: "Disabled" } },
    {
      type: "Microsoft.Network/privateEndpoints",
      apiVersion: "2023-11-01",
      name: "pe1",
      location: "eastus",
      properties: { subnet: { id: "[parameters('subnetId')]" }, privateLinkServiceConnections: [{ name: "c", properties: { privateLinkServiceId: "[resourceId('Microsoft.Storage/storageAccounts', 'st1')]", groupIds: ["blob"] } }] },
    },
    { type: "Microsoft.Network/privateEndpoints/privateDnsZoneGroups", apiVersion: "2023-11-01", name: "pe1/default", dependsOn: ["pe1"], properties: { privateDnsZoneConfigs: [{ name: "blob", properties: { privateDnsZoneId: "[parameters('zoneId')]" } }] } },
  ],
});

test("an endpoint whose subnet and zone ids are unset parameters: no rule fails, what rests on them is unknown", () => {
  const r = openJson("t.json", template, { location: "eastus" });
  assert.ok(r.ok);
  const fs = r.project.findings;
  assert.deepEqual(fs.filter((f) => f.ruleId === "AML901").map((f) => f.message), []);
  assert.deepEqual(fs.filter((f) => f.severity === "error").map((f) => f.ruleId), []);
  assert.ok(fs.some((f) => f.ruleId === "AML904" && /parameters\('subnetId'\)/.test(f.message)));
  assert.ok(fs.some((f) => f.ruleId === "AML904" && /parameters\('zoneId'\)/.test(f.message)));
  // Flows and traces run over it too.
  assert.doesNotThrow(() => r.project.flows());
});
