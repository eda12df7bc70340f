// Azure Firewall with a Firewall Policy ("Azure Firewall rule processing logic", "Azure Firewall
// Policy rule sets"): the policy's rule collection groups hold the rules a classic firewall holds
// itself. Network rules are processed before application rules, groups then collections by
// priority, a parent policy's rules before the child's; the first match decides, nothing matched
// denies. A policy the input only names leaves the verdict unknown, never BLOCKED.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { openBlueprint, openInput } from "../src/api/index.ts";

const blueprint = readFileSync(new URL("../examples/secure-training-inference.yaml", import.meta.url), "utf8");
const opened = openBlueprint("secure-training-inference.yaml", blueprint);
assert.ok(opened.ok);
const template = JSON.parse(opened.project.build().get("main.json")!) as { resources: Record<string, unknown>[]; parameters: Record<string, unknown> };
const POLICY = "Microsoft.Network/firewallPolicies";
const GROUP = "Microsoft.Network/firewallPolicies/ruleCollectionGroups";

type Collection = { name: string; properties: { priority: number; action: { type: string }; rules: Record<string, unknown>[] } };

/** The example's template with its firewall's classic collections moved into a policy (and `extra` resources). */
function withPolicy(change: (groups: Record<string, unknown>[]) => Record<string, unknown>[] = (g) => g, policyProps: Record<string, unknown> = {}, policyId?: string): string {
  const resources = template.resources.map((r) => structuredClone(r));
  const fw = resources.find((r) => r.type === "Microsoft.Network/azureFirewalls") as { properties: Record<string, unknown>; dependsOn?: string[] };
  const network = (fw.properties.networkRuleCollections ?? []) as Collection[];
  const application = (fw.properties.applicationRuleCollections ?? []) as Collection[];
  delete fw.properties.networkRuleCollections;
  delete fw.properties.applicationRuleCollections;
  fw.properties.firewallPolicy = { id: policyId ?? `[resourceId('${POLICY}', 'fwp-hub')]` };
  const collection = (c: Collection, ruleType: string) => ({
    ruleCollectionType: "FirewallPolicyFilterRuleCollection",
    name: c.name,
    priority: c.properties.priority,
    action: c.properties.action,
    rules: c.properties.rules.map((r) =>
      ruleType === "NetworkRule"
        ? { ruleType, name: r.name, ipProtocols: r.protocols, sourceAddresses: r.sourceAddresses, destinationAddresses: r.destinationAddresses, destinationPorts: r.destinationPorts }
        : { ruleType, name: r.name, protocols: r.protocols, sourceAddresses: r.sourceAddresses, targetFqdns: r.targetFqdns },
    ),
  });
  const groups = change([
    {
      type: GROUP,
      apiVersion: "2025-05-01",
      name: "fwp-hub/amlnet",
      dependsOn: [`[resourceId('${POLICY}', 'fwp-hub')]`],
      properties: { priority: 200, ruleCollections: [...network.map((c) => collection(c, "NetworkRule")), ...application.map((c) => collection(c, "ApplicationRule"))] },
    },
  ]);
  const policy = { type: POLICY, apiVersion: "2025-05-01", name: "fwp-hub", location: "[parameters('location')]", properties: { sku: { tier: "Standard" }, ...policyProps } };
  return JSON.stringify({ ...template, resources: [...(policyId ? [] : [policy]), ...groups, ...resources] });
}

const verdicts = (text: string) => {
  const o = openInput("main.json", text, { location: "eastus" });
  assert.ok(o.ok, JSON.stringify(!o.ok && o.errors));
  return new Map(o.project.flows().map((f) => [f.id, f.trace]));
};
const classic = verdicts(JSON.stringify(template));
const egress = [...classic.keys()].filter((id) => classic.get(id)!.hops.some((h) => h.step === "firewall"));

test("a firewall whose rules are in its policy gives the verdicts of the same rules written classic", () => {
  assert.ok(egress.length > 10, `${egress.length} flows through the firewall`);
  const policy = verdicts(withPolicy());
  for (const id of egress) assert.equal(policy.get(id)!.verdict, classic.get(id)!.verdict, id);
  const allowed = policy.get(egress.find((id) => policy.get(id)!.verdict === "pass")!)!;
  assert.match(allowed.hops.find((h) => h.step === "firewall")!.detail, /^firewall fw-hub: policy fwp-hub: amlnet\/amlnet-(network|application)\/[\w-]+ allows /);
});

test("network rules before application rules; a parent policy's deny before the child's allow", () => {
  // A deny of everything in a low-priority network group still comes before any application rule.
  const denyAll = { ruleCollectionType: "FirewallPolicyFilterRuleCollection", name: "deny-all", priority: 65000, action: { type: "Deny" }, rules: [{ ruleType: "NetworkRule", name: "any", ipProtocols: ["Any"], sourceAddresses: ["*"], destinationAddresses: ["*"], destinationPorts: ["*"] }] };
  const late = verdicts(withPolicy((groups) => [...groups, { type: GROUP, apiVersion: "2025-05-01", name: "fwp-hub/last", dependsOn: [`[resourceId('${POLICY}', 'fwp-hub')]`], properties: { priority: 60000, ruleCollections: [denyAll] } }]));
  const fqdnFlow = egress.find((id) => classic.get(id)!.verdict === "pass" && /application rule/.test(classic.get(id)!.hops.find((h) => h.step === "firewall")!.detail))!;
  assert.ok(fqdnFlow, "a flow the application rules allow");
  assert.equal(late.get(fqdnFlow)!.verdict, "fail");
  assert.match(late.get(fqdnFlow)!.hops.find((h) => h.step === "firewall")!.detail, /policy fwp-hub: last\/deny-all\/any denies/);
  // A parent policy's deny comes first, whatever the child's priorities.
  const parent = { type: POLICY, apiVersion: "2025-05-01", name: "fwp-base", location: "[parameters('location')]", properties: {} };
  const parentGroup = { type: GROUP, apiVersion: "2025-05-01", name: "fwp-base/central", dependsOn: [`[resourceId('${POLICY}', 'fwp-base')]`], properties: { priority: 65000, ruleCollections: [denyAll] } };
  const inherited = verdicts(withPolicy((groups) => [parent, parentGroup, ...groups], { basePolicy: { id: `[resourceId('${POLICY}', 'fwp-base')]` } }));
  const networkFlow = egress.find((id) => classic.get(id)!.verdict === "pass")!;
  assert.equal(inherited.get(networkFlow)!.verdict, "fail");
  assert.match(inherited.get(networkFlow)!.hops.find((h) => h.step === "firewall")!.detail, /policy fwp-base: central\/deny-all\/any denies/);
});

test("a policy the input only names (another deployment's) leaves the firewall's flows unknown, not BLOCKED", () => {
  const elsewhere = "/subscriptions/00000000-0000-0000-0000-000000000009/resourceGroups/rg-central/providers/Microsoft.Network/firewallPolicies/fwp-central";
  const unknown = verdicts(withPolicy(() => [], {}, elsewhere));
  for (const id of egress) {
    const t = unknown.get(id)!;
    assert.equal(t.verdict, "unknown", id);
    assert.ok(t.unknowns?.some((u) => /firewall policy fwp-central/.test(u)), id);
  }
});

test("Terraform: azurerm_firewall with a policy's rule collection group, or with classic rule collections, decides compute's egress", async () => {
  const { openTerraform, terraformReader } = await import("../src/api/index.ts");
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const reader = await terraformReader();
  const base = `
resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub"
  resource_group_name = "rg"
  location            = "eastus"
  address_space       = ["10.0.0.0/16"]
}
resource "azurerm_subnet" "fw" {
  name                 = "AzureFirewallSubnet"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["10.0.1.0/26"]
}
resource "azurerm_subnet" "train" {
  name                 = "snet-train"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["10.0.2.0/24"]
}
resource "azurerm_route_table" "egress" {
  name                = "rt-egress"
  resource_group_name = "rg"
  location            = "eastus"
  route {
    name                   = "default"
    address_prefix         = "0.0.0.0/0"
    next_hop_type          = "VirtualAppliance"
    next_hop_in_ip_address = "10.0.1.4"
  }
}
resource "azurerm_subnet_route_table_association" "train" {
  subnet_id      = azurerm_subnet.train.id
  route_table_id = azurerm_route_table.egress.id
}
resource "azurerm_machine_learning_workspace" "w" {
  name                    = "mlw"
  resource_group_name     = "rg"
  location                = "eastus"
  storage_account_id      = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"
  key_vault_id            = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  application_insights_id = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Insights/components/ai"
  identity { type = "SystemAssigned" }
}
resource "azurerm_machine_learning_compute_cluster" "cpu" {
  name                          = "cpu"
  location                      = "eastus"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.w.id
  vm_priority                   = "Dedicated"
  vm_size                       = "STANDARD_DS3_V2"
  subnet_resource_id            = azurerm_subnet.train.id
  node_public_ip_enabled        = false
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30S"
  }
  identity { type = "SystemAssigned" }
}
`;
  // The same firewall and the same rule, written either way.
  const firewall = (policy: string) => `resource "azurerm_firewall" "fw" {
  name                = "fw-hub"
  resource_group_name = "rg"
  location            = "eastus"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
${policy}  ip_configuration {
    name      = "ipconfig"
    subnet_id = azurerm_subnet.fw.id
  }
}
`;
  const rule = (indent: string) =>
    ["rule {", '  name                  = "aml-443"', '  protocols             = ["TCP"]', '  source_addresses      = ["10.0.2.0/24"]', '  destination_addresses = ["AzureMachineLearning"]', '  destination_ports     = ["443"]', "}"].map((l) => `${indent}${l}\n`).join("");
  const withPolicyTf = `${base}
resource "azurerm_firewall_policy" "p" {
  name                = "fwp-hub"
  resource_group_name = "rg"
  location            = "eastus"
}
resource "azurerm_firewall_policy_rule_collection_group" "aml" {
  name               = "aml"
  firewall_policy_id = azurerm_firewall_policy.p.id
  priority           = 200
  network_rule_collection {
    name     = "aml-network"
    priority = 100
    action   = "Allow"
${rule("    ")}  }
}
${firewall("  firewall_policy_id  = azurerm_firewall_policy.p.id\n")}`;
  const classicTf = `${base}
${firewall("")}resource "azurerm_firewall_network_rule_collection" "aml" {
  name                = "aml-network"
  azure_firewall_name = azurerm_firewall.fw.name
  resource_group_name = "rg"
  priority            = 100
  action              = "Allow"
${rule("  ")}}
`;
  for (const [label, text, rule] of [
    ["policy", withPolicyTf, /policy fwp-hub: aml\/aml-network\/aml-443 allows AzureMachineLearning/],
    ["classic", classicTf, /network rule aml-network\/aml-443 allows AzureMachineLearning/],
  ] as const) {
    const dir = mkdtempSync(join(tmpdir(), "amlnet-fwp-"));
    writeFileSync(join(dir, "main.tf"), text);
    const o = openTerraform(dir, { reader });
    assert.ok(o.ok, JSON.stringify(!o.ok && o));
    const flows = o.project.flows();
    const on443 = flows.find((f) => /cpu -> AzureMachineLearning/.test(f.id) && !/8787|18881|5831/.test(f.id))!;
    assert.ok(on443, `${label}: ${flows.map((f) => f.id).join(", ")}`);
    assert.equal(on443.trace.verdict, "pass", label);
    assert.match(on443.trace.hops.find((h) => h.step === "firewall")!.detail, rule, label);
    // Port 18881 has no rule: blocked at the firewall, named.
    const on18881 = flows.find((f) => /cpu -> AzureMachineLearning/.test(f.id) && /18881/.test(f.id))!;
    assert.equal(on18881.trace.verdict, "fail", label);
    assert.match(on18881.trace.hops.find((h) => !h.ok)!.detail, /firewall fw-hub has no rule for AzureMachineLearning:18881\/tcp/, label);
  }
});
