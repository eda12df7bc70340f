// Suppressions for templates, estates and Terraform: a resource's tag `amlnet:suppress` (or its
// template metadata) holds `AML037=reason; AML026=reason`, as Checkov's skip comments and PSRule's
// suppression groups do. The finding stays in the report as suppressed, with its reason (SARIF
// records it as a suppression with that justification); one that silences nothing is AML900.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatSarif, openJson, openTerraform, RULES, terraformReader, type TerraformReader } from "../src/api/index.ts";

const SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
const storageId = "[resourceId('Microsoft.Storage/storageAccounts', 'stpriv')]";
const template = (tags: Record<string, string>) =>
  JSON.stringify({
    $schema: SCHEMA,
    contentVersion: "1.0.0.0",
    resources: [
      { type: "Microsoft.Storage/storageAccounts", apiVersion: "2023-01-01", name: "stpriv", location: "eastus", kind: "StorageV2", sku: { name: "Standard_LRS" }, properties: { publicNetworkAccess: "Disabled" } },
      { type: "Microsoft.MachineLearningServices/workspaces", apiVersion: "2024-04-01", name: "mlw", location: "eastus", tags, identity: { type: "SystemAssigned" }, properties: { storageAccount: storageId, publicNetworkAccess: "Enabled" } },
    ],
  });

let reader: TerraformReader;
before(async () => {
  reader = await terraformReader();
});

test("a template resource's amlnet:suppress tag silences its findings with the reason; SARIF records the justification", () => {
  const plain = openJson("t.json", template({}));
  assert.ok(plain.ok);
  assert.ok(plain.project.findings.some((f) => f.ruleId === "AML037" && !f.suppressed));
  const tagged = openJson("t.json", template({ "amlnet:suppress": "AML037=studio is used from the office over the public endpoint" }));
  assert.ok(tagged.ok);
  const f = tagged.project.findings.find((x) => x.ruleId === "AML037")!;
  assert.equal(f.suppressed, "studio is used from the office over the public endpoint");
  const sarif = JSON.parse(formatSarif("t.json", tagged.project.findings, RULES, "test")) as { runs: { results: { ruleId: string; suppressions?: { justification: string }[] }[] }[] };
  assert.deepEqual(sarif.runs[0].results.find((r) => r.ruleId === "AML037")?.suppressions, [{ kind: "inSource", justification: "studio is used from the office over the public endpoint" }]);
  // One that silences nothing says so (AML900); one without a reason is no suppression.
  const stale = openJson("t.json", template({ "amlnet:suppress": "AML026=no longer needed; AML037=" }));
  assert.ok(stale.ok);
  assert.ok(stale.project.findings.some((x) => x.ruleId === "AML900" && /AML026/.test(x.message)), stale.project.findings.map((x) => x.ruleId).join(","));
  assert.ok(stale.project.findings.some((x) => x.ruleId === "AML037" && !x.suppressed));
});

test("a Terraform resource's tags hold suppressions too", () => {
  const dir = mkdtempSync(join(tmpdir(), "amlnet-tf-suppress-"));
  writeFileSync(
    join(dir, "main.tf"),
    `resource "azurerm_machine_learning_workspace" "w" {
  name                          = "mlw"
  resource_group_name           = "rg"
  location                      = "eastus"
  storage_account_id            = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"
  key_vault_id                  = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  application_insights_id       = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Insights/components/ai"
  public_network_access_enabled = false
  identity { type = "SystemAssigned" }
  tags = { "amlnet:suppress" = "AML026=endpoints come from the platform team's landing zone" }
}
`,
  );
  const r = openTerraform(dir, { reader });
  assert.ok(r.ok);
  assert.equal(r.project.findings.find((f) => f.ruleId === "AML026")?.suppressed, "endpoints come from the platform team's landing zone");
});
