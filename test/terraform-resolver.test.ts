// Azure DNS Private Resolver written with azurerm ("Terraform Registry: hashicorp/azurerm",
// azurerm_private_dns_resolver and its endpoints, rulesets, rules and links): a spoke whose DNS
// server is the hub resolver's inbound endpoint resolves the workspace's privatelink names through
// the zones linked to the hub ("Azure DNS Private Resolver"), so its user reaches the workspace
// through the hub's endpoint; without the resolver read, that DNS server was one amlnet couldn't place.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTerraform, terraformReader } from "../src/api/index.ts";

const ZONES = ["privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"];

function configuration(resolver: boolean): string {
  return `
resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub"
  resource_group_name = "rg"
  location            = "eastus"
  address_space       = ["10.0.0.0/16"]
}
resource "azurerm_subnet" "inbound" {
  name                 = "snet-dns-in"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["10.0.0.0/28"]
}
resource "azurerm_subnet" "pe" {
  name                 = "snet-pe"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["10.0.1.0/24"]
}
resource "azurerm_virtual_network" "spoke" {
  name                = "vnet-spoke"
  resource_group_name = "rg"
  location            = "eastus"
  address_space       = ["10.1.0.0/16"]
  dns_servers         = ["10.0.0.4"]
}
resource "azurerm_subnet" "jump" {
  name                 = "snet-jump"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.spoke.name
  address_prefixes     = ["10.1.0.0/24"]
}
resource "azurerm_virtual_network_peering" "hub_spoke" {
  name                      = "hub-to-spoke"
  resource_group_name       = "rg"
  virtual_network_name      = azurerm_virtual_network.hub.name
  remote_virtual_network_id = azurerm_virtual_network.spoke.id
}
resource "azurerm_virtual_network_peering" "spoke_hub" {
  name                      = "spoke-to-hub"
  resource_group_name       = "rg"
  virtual_network_name      = azurerm_virtual_network.spoke.name
  remote_virtual_network_id = azurerm_virtual_network.hub.id
}
${
  resolver
    ? `resource "azurerm_private_dns_resolver" "hub" {
  name                = "dnspr-hub"
  resource_group_name = "rg"
  location            = "eastus"
  virtual_network_id  = azurerm_virtual_network.hub.id
}
resource "azurerm_private_dns_resolver_inbound_endpoint" "in" {
  name                    = "in"
  private_dns_resolver_id = azurerm_private_dns_resolver.hub.id
  location                = "eastus"
  ip_configurations {
    private_ip_allocation_method = "Static"
    private_ip_address           = "10.0.0.4"
    subnet_id                    = azurerm_subnet.inbound.id
  }
}
resource "azurerm_subnet" "outbound" {
  name                 = "snet-dns-out"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["10.0.0.16/28"]
}
resource "azurerm_private_dns_resolver_outbound_endpoint" "out" {
  name                    = "out"
  private_dns_resolver_id = azurerm_private_dns_resolver.hub.id
  location                = "eastus"
  subnet_id               = azurerm_subnet.outbound.id
}
resource "azurerm_private_dns_resolver_dns_forwarding_ruleset" "onprem" {
  name                                       = "rs-onprem"
  resource_group_name                        = "rg"
  location                                   = "eastus"
  private_dns_resolver_outbound_endpoint_ids = [azurerm_private_dns_resolver_outbound_endpoint.out.id]
}
resource "azurerm_private_dns_resolver_forwarding_rule" "corp" {
  name                      = "corp"
  dns_forwarding_ruleset_id = azurerm_private_dns_resolver_dns_forwarding_ruleset.onprem.id
  domain_name               = "corp.contoso.com."
  enabled                   = true
  target_dns_servers {
    ip_address = "192.168.0.4"
    port       = 53
  }
}
resource "azurerm_private_dns_resolver_virtual_network_link" "hub" {
  name                      = "hub"
  dns_forwarding_ruleset_id = azurerm_private_dns_resolver_dns_forwarding_ruleset.onprem.id
  virtual_network_id        = azurerm_virtual_network.hub.id
}`
    : ""
}
resource "azurerm_machine_learning_workspace" "w" {
  name                          = "mlw"
  resource_group_name           = "rg"
  location                      = "eastus"
  storage_account_id            = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"
  key_vault_id                  = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  application_insights_id       = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Insights/components/ai"
  public_network_access_enabled = false
  identity { type = "SystemAssigned" }
}
${ZONES.map(
  (z, i) => `resource "azurerm_private_dns_zone" "z${i}" {
  name                = "${z}"
  resource_group_name = "rg"
}
resource "azurerm_private_dns_zone_virtual_network_link" "z${i}" {
  name                  = "hub"
  resource_group_name   = "rg"
  private_dns_zone_name = azurerm_private_dns_zone.z${i}.name
  virtual_network_id    = azurerm_virtual_network.hub.id
}`,
).join("\n")}
resource "azurerm_private_endpoint" "ws" {
  name                = "pe-mlw"
  resource_group_name = "rg"
  location            = "eastus"
  subnet_id           = azurerm_subnet.pe.id
  private_service_connection {
    name                           = "mlw"
    private_connection_resource_id = azurerm_machine_learning_workspace.w.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [azurerm_private_dns_zone.z0.id, azurerm_private_dns_zone.z1.id]
  }
}
`;
}

test("a spoke asking the hub's DNS Private Resolver reaches the workspace through the hub's endpoint", async () => {
  const reader = await terraformReader();
  const clientsFile = { file: "clients.yaml", text: "- { kind: vm, name: jump, subnet: vnet-spoke/snet-jump }\n" };
  const verdicts = (resolver: boolean) => {
    const dir = mkdtempSync(join(tmpdir(), "amlnet-resolver-"));
    writeFileSync(join(dir, "main.tf"), configuration(resolver));
    const o = openTerraform(dir, { reader, clientsFile });
    assert.ok(o.ok, JSON.stringify(!o.ok && o));
    return { project: o.project, flow: o.project.flows().find((f) => f.id === "jump -> workspace API")! };
  };
  const withResolver = verdicts(true);
  assert.ok(withResolver.flow, withResolver.project.flows().map((f) => f.id).join(", "));
  assert.equal(withResolver.flow.trace.verdict, "pass", JSON.stringify(withResolver.flow.trace.hops));
  assert.match(withResolver.flow.trace.hops[0].detail, /dnspr-hub/);
  // Its ruleset, rule and link are read as ARM has them.
  const m = withResolver.project.model;
  const rule = m.ofType("Microsoft.Network/dnsForwardingRulesets/forwardingRules")[0];
  assert.deepEqual([rule?.properties.domainName, rule?.properties.targetDnsServers], ["corp.contoso.com.", [{ ipAddress: "192.168.0.4", port: 53 }]]);
  assert.match(String((m.ofType("Microsoft.Network/dnsForwardingRulesets/virtualNetworkLinks")[0]?.properties.virtualNetwork as { id?: string })?.id), /virtualNetworks\/vnet-hub$/);
  assert.match(String((m.ofType("Microsoft.Network/dnsForwardingRulesets")[0]?.properties.dnsResolverOutboundEndpoints as { id: string }[])?.[0]?.id), /dnsResolvers\/dnspr-hub\/outboundEndpoints\/out$/);
  // The resolver is read, not kept aside as a type amlnet doesn't analyse.
  assert.ok(!withResolver.project.findings.some((f) => f.ruleId === "AML903" && /dnsResolvers/i.test(f.message)));
  // Without it, 10.0.0.4 is a DNS server nothing in the input describes: not a pass.
  assert.notEqual(verdicts(false).flow.trace.verdict, "pass");
});
