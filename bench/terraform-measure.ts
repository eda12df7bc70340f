// One Terraform benchmark measurement, in its own process: a hub-and-spoke configuration written
// with for_each over a map of spokes (each spoke a VNet with endpoint, training and jump-box
// subnets, an NSG on the training subnet, peerings both ways, a workspace endpoint in the spoke and
// a compute cluster), read from a folder and checked with every rule and flow. Prints JSON.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { openTerraform, terraformReader } from "../src/api/index.ts";

export function spokeConfiguration(spokes: number): string {
  const map = Array.from({ length: spokes }, (_, i) => `    s${i} = "10.${(i >> 6) + 1}.${(i & 63) << 2}.0/22"`).join("\n");
  return `
locals {
  rg = "rg-bench"
  spokes = {
${map}
  }
}
resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub"
  resource_group_name = local.rg
  location            = "eastus"
  address_space       = ["172.16.0.0/16"]
}
resource "azurerm_subnet" "hub_pe" {
  name                 = "snet-pe"
  resource_group_name  = local.rg
  virtual_network_name = azurerm_virtual_network.hub.name
  address_prefixes     = ["172.16.1.0/24"]
}
resource "azurerm_storage_account" "st" {
  name                          = "stbench"
  resource_group_name           = local.rg
  location                      = "eastus"
  account_tier                  = "Standard"
  account_replication_type      = "LRS"
  public_network_access_enabled = false
}
resource "azurerm_key_vault" "kv" {
  name                          = "kv-bench"
  resource_group_name           = local.rg
  location                      = "eastus"
  tenant_id                     = "00000000-0000-0000-0000-000000000000"
  sku_name                      = "standard"
  public_network_access_enabled = false
}
resource "azurerm_application_insights" "ai" {
  name                = "appi-bench"
  resource_group_name = local.rg
  location            = "eastus"
  application_type    = "web"
}
resource "azurerm_machine_learning_workspace" "w" {
  name                          = "mlw-bench"
  resource_group_name           = local.rg
  location                      = "eastus"
  storage_account_id            = azurerm_storage_account.st.id
  key_vault_id                  = azurerm_key_vault.kv.id
  application_insights_id       = azurerm_application_insights.ai.id
  public_network_access_enabled = false
  identity { type = "SystemAssigned" }
}
resource "azurerm_private_dns_zone" "zones" {
  for_each            = toset(["privatelink.api.azureml.ms", "privatelink.notebooks.azure.net", "privatelink.blob.core.windows.net", "privatelink.file.core.windows.net", "privatelink.vaultcore.azure.net"])
  name                = each.key
  resource_group_name = local.rg
}
resource "azurerm_private_dns_zone_virtual_network_link" "hub" {
  for_each              = azurerm_private_dns_zone.zones
  name                  = "hub"
  resource_group_name   = local.rg
  private_dns_zone_name = each.value.name
  virtual_network_id    = azurerm_virtual_network.hub.id
}
resource "azurerm_private_endpoint" "deps" {
  for_each            = { blob = azurerm_storage_account.st.id, file = azurerm_storage_account.st.id, vault = azurerm_key_vault.kv.id }
  name                = "pe-\${each.key}"
  resource_group_name = local.rg
  location            = "eastus"
  subnet_id           = azurerm_subnet.hub_pe.id
  private_service_connection {
    name                           = each.key
    private_connection_resource_id = each.value
    subresource_names              = [each.key]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [azurerm_private_dns_zone.zones[each.key == "vault" ? "privatelink.vaultcore.azure.net" : "privatelink.\${each.key}.core.windows.net"].id]
  }
}
resource "azurerm_virtual_network" "spoke" {
  for_each            = local.spokes
  name                = "vnet-\${each.key}"
  resource_group_name = local.rg
  location            = "eastus"
  address_space       = [each.value]
}
resource "azurerm_subnet" "pe" {
  for_each             = local.spokes
  name                 = "snet-pe"
  resource_group_name  = local.rg
  virtual_network_name = azurerm_virtual_network.spoke[each.key].name
  address_prefixes     = [cidrsubnet(each.value, 2, 0)]
}
resource "azurerm_subnet" "train" {
  for_each             = local.spokes
  name                 = "snet-train"
  resource_group_name  = local.rg
  virtual_network_name = azurerm_virtual_network.spoke[each.key].name
  address_prefixes     = [cidrsubnet(each.value, 2, 1)]
}
resource "azurerm_network_security_group" "train" {
  for_each            = local.spokes
  name                = "nsg-train-\${each.key}"
  resource_group_name = local.rg
  location            = "eastus"
  security_rule {
    name                       = "aml"
    priority                   = 100
    direction                  = "Outbound"
    access                     = "Allow"
    protocol                   = "*"
    source_port_range          = "*"
    destination_port_range     = "*"
    source_address_prefix      = "VirtualNetwork"
    destination_address_prefix = "AzureMachineLearning"
  }
}
resource "azurerm_subnet_network_security_group_association" "train" {
  for_each                  = local.spokes
  subnet_id                 = azurerm_subnet.train[each.key].id
  network_security_group_id = azurerm_network_security_group.train[each.key].id
}
resource "azurerm_virtual_network_peering" "to_hub" {
  for_each                  = local.spokes
  name                      = "to-hub"
  resource_group_name       = local.rg
  virtual_network_name      = azurerm_virtual_network.spoke[each.key].name
  remote_virtual_network_id = azurerm_virtual_network.hub.id
}
resource "azurerm_virtual_network_peering" "from_hub" {
  for_each                  = local.spokes
  name                      = "to-\${each.key}"
  resource_group_name       = local.rg
  virtual_network_name      = azurerm_virtual_network.hub.name
  remote_virtual_network_id = azurerm_virtual_network.spoke[each.key].id
}
resource "azurerm_private_endpoint" "ws" {
  for_each            = local.spokes
  name                = "pe-mlw-\${each.key}"
  resource_group_name = local.rg
  location            = "eastus"
  subnet_id           = azurerm_subnet.pe[each.key].id
  private_service_connection {
    name                           = "ws"
    private_connection_resource_id = azurerm_machine_learning_workspace.w.id
    subresource_names              = ["amlworkspace"]
    is_manual_connection           = false
  }
  private_dns_zone_group {
    name                 = "default"
    private_dns_zone_ids = [azurerm_private_dns_zone.zones["privatelink.api.azureml.ms"].id, azurerm_private_dns_zone.zones["privatelink.notebooks.azure.net"].id]
  }
}
resource "azurerm_private_dns_zone_virtual_network_link" "spoke" {
  for_each              = local.spokes
  name                  = each.key
  resource_group_name   = local.rg
  private_dns_zone_name = "privatelink.api.azureml.ms"
  virtual_network_id    = azurerm_virtual_network.spoke[each.key].id
}
resource "azurerm_machine_learning_compute_cluster" "cpu" {
  for_each                      = local.spokes
  name                          = "cpu-\${each.key}"
  location                      = "eastus"
  machine_learning_workspace_id = azurerm_machine_learning_workspace.w.id
  vm_size                       = "Standard_DS3_v2"
  vm_priority                   = "Dedicated"
  subnet_resource_id            = azurerm_subnet.train[each.key].id
  node_public_ip_enabled        = false
  scale_settings {
    min_node_count                       = 0
    max_node_count                       = 2
    scale_down_nodes_after_idle_duration = "PT30S"
  }
}
`;
}

const spokes = Number(process.argv[2]);
const dir = mkdtempSync(join(tmpdir(), "amlnet-bench-tf-"));
writeFileSync(join(dir, "main.tf"), spokeConfiguration(spokes));
const reader = await terraformReader();
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const c0 = cpu();
const t0 = performance.now();
const opened = openTerraform(dir, { reader, limits: { maxInstances: 100_000 } });
if (!opened.ok) throw new Error(JSON.stringify(opened).slice(0, 500));
const readMs = performance.now() - t0;
const findings = opened.project.findings.length;
const flows = opened.project.flows().length;
const checkMs = performance.now() - t0;
console.log(JSON.stringify({ spokes, resources: opened.project.model.resources.length, findings, flows, readMs, checkMs, cpuMs: cpu() - c0, peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
