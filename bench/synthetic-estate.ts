// A synthetic estate for the benchmark: `units` copies of a secured workspace (200 resources
// each) in the neutral model's shape: two peered VNets, 40 private endpoints with zone groups,
// 120 NSG rules, a NAT gateway, two clusters, a client VM, zone links to every VNet, Reader for
// the workspace on each endpoint (F44). At 500 units: 1,000 VNets, 20,000 endpoints, 60,000 NSG
// rules, 100k resources.
import type { ModelInput, Resource, Client } from "../src/core/types.ts";

const SUB = "/subscriptions/00000000-0000-0000-0000-000000000000";
const ZONES = ["privatelink.api.azureml.ms", "privatelink.notebooks.azure.net", "privatelink.blob.core.windows.net", "privatelink.file.core.windows.net", "privatelink.vaultcore.azure.net", "privatelink.azurecr.io"];
const EXTRA_ACCOUNTS = 33;
const RULES_PER_NSG = 60;

export function syntheticEstate(units: number): ModelInput {
  const region = "eastus";
  const resources: Resource[] = [];
  const clients: Client[] = [];
  const add = (r: Omit<Resource, "properties"> & { properties?: Resource["properties"] }) => resources.push({ properties: {}, ...r } as Resource);
  const rgOf = (i: number) => `${SUB}/resourceGroups/rg-${i}`;
  const zoneId = (z: string) => `${SUB}/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/${z}`;
  for (const z of ZONES) add({ id: zoneId(z), type: "Microsoft.Network/privateDnsZones", name: z, location: "global" });

  for (let i = 0; i < units; i++) {
    const rg = rgOf(i);
    const p = (type: string, name: string) => `${rg}/providers/${type}/${name}`;
    const a = Math.floor(i / 250);
    const b = i % 250;
    const vnet = p("Microsoft.Network/virtualNetworks", `vnet-w${i}`);
    const users = p("Microsoft.Network/virtualNetworks", `vnet-c${i}`);
    const nsgs = [p("Microsoft.Network/networkSecurityGroups", `nsg-pe-${i}`), p("Microsoft.Network/networkSecurityGroups", `nsg-train-${i}`)];
    const nat = p("Microsoft.Network/natGateways", `nat-${i}`);
    const pip = p("Microsoft.Network/publicIPAddresses", `pip-${i}`);
    add({ id: pip, type: "Microsoft.Network/publicIPAddresses", name: `pip-${i}`, location: region, sku: { name: "Standard" }, properties: { publicIPAllocationMethod: "Static" } });
    add({ id: nat, type: "Microsoft.Network/natGateways", name: `nat-${i}`, location: region, sku: { name: "Standard" }, properties: { publicIpAddresses: [{ id: pip }] } });
    nsgs.forEach((id, k) =>
      add({
        id,
        type: "Microsoft.Network/networkSecurityGroups",
        name: id.split("/").pop()!,
        location: region,
        properties: {
          securityRules: Array.from({ length: RULES_PER_NSG }, (_, r) => ({
            name: `r${r}`,
            properties: { priority: 100 + r * 10, direction: r % 2 ? "Inbound" : "Outbound", access: r === RULES_PER_NSG - 1 && k === 0 ? "Deny" : "Allow", protocol: "Tcp", sourceAddressPrefix: `172.${16 + (r % 16)}.${r}.0/24`, sourcePortRange: "*", destinationAddressPrefix: "VirtualNetwork", destinationPortRange: String(1000 + r) },
          })),
        },
      }),
    );
    add({ id: vnet, type: "Microsoft.Network/virtualNetworks", name: `vnet-w${i}`, location: region, properties: { addressSpace: { addressPrefixes: [`10.${a}.${b}.0/24`] } } });
    add({ id: users, type: "Microsoft.Network/virtualNetworks", name: `vnet-c${i}`, location: region, properties: { addressSpace: { addressPrefixes: [`10.${100 + a}.${b}.0/24`] } } });
    const pe = `${vnet}/subnets/snet-pe`;
    const train = `${vnet}/subnets/snet-train`;
    const vm = `${users}/subnets/snet-vm`;
    add({ id: pe, type: "Microsoft.Network/virtualNetworks/subnets", name: `vnet-w${i}/snet-pe`, properties: { addressPrefix: `10.${a}.${b}.0/26`, networkSecurityGroup: { id: nsgs[0] }, privateEndpointNetworkPolicies: "Disabled" } });
    add({ id: train, type: "Microsoft.Network/virtualNetworks/subnets", name: `vnet-w${i}/snet-train`, properties: { addressPrefix: `10.${a}.${b}.64/26`, networkSecurityGroup: { id: nsgs[1] }, natGateway: { id: nat }, defaultOutboundAccess: false } });
    add({ id: vm, type: "Microsoft.Network/virtualNetworks/subnets", name: `vnet-c${i}/snet-vm`, properties: { addressPrefix: `10.${100 + a}.${b}.0/26` } });
    for (const [from, to, fromName, toName] of [[vnet, users, `vnet-w${i}`, `vnet-c${i}`], [users, vnet, `vnet-c${i}`, `vnet-w${i}`]])
      add({ id: `${from}/virtualNetworkPeerings/to-${toName}`, type: "Microsoft.Network/virtualNetworks/virtualNetworkPeerings", name: `${fromName}/to-${toName}`, properties: { remoteVirtualNetwork: { id: to }, allowVirtualNetworkAccess: true } });
    for (const z of ZONES)
      for (const [v, n] of [[vnet, `vnet-w${i}`], [users, `vnet-c${i}`]])
        add({ id: `${zoneId(z)}/virtualNetworkLinks/${n}`, type: "Microsoft.Network/privateDnsZones/virtualNetworkLinks", name: `${z}/${n}`, location: "global", properties: { virtualNetwork: { id: v }, registrationEnabled: false } });

    const ws = p("Microsoft.MachineLearningServices/workspaces", `mlw-${i}`);
    const st = p("Microsoft.Storage/storageAccounts", `st${i}`);
    const kv = p("Microsoft.KeyVault/vaults", `kv-${i}`);
    const acr = p("Microsoft.ContainerRegistry/registries", `cr${i}`);
    const closed = { publicNetworkAccess: "Disabled", networkAcls: { defaultAction: "Deny", bypass: "AzureServices" } };
    add({ id: st, type: "Microsoft.Storage/storageAccounts", name: `st${i}`, location: region, kind: "StorageV2", sku: { name: "Standard_ZRS" }, properties: closed });
    add({ id: kv, type: "Microsoft.KeyVault/vaults", name: `kv-${i}`, location: region, properties: closed });
    add({ id: acr, type: "Microsoft.ContainerRegistry/registries", name: `cr${i}`, location: region, sku: { name: "Premium" }, properties: { publicNetworkAccess: "Disabled" } });
    add({ id: ws, type: "Microsoft.MachineLearningServices/workspaces", name: `mlw-${i}`, location: region, properties: { storageAccount: st, keyVault: kv, containerRegistry: acr, publicNetworkAccess: "Disabled", systemDatastoresAuthMode: "Identity" } });
    const targets: [string, string, string[]][] = [
      [ws, "amlworkspace", ZONES.slice(0, 2)],
      [st, "blob", [ZONES[2]]],
      [st, "file", [ZONES[3]]],
      [kv, "vault", [ZONES[4]]],
      [acr, "registry", [ZONES[5]]],
    ];
    for (let x = 0; x < EXTRA_ACCOUNTS; x++) {
      const extra = p("Microsoft.Storage/storageAccounts", `st${i}x${x}`);
      add({ id: extra, type: "Microsoft.Storage/storageAccounts", name: `st${i}x${x}`, location: region, kind: "StorageV2", sku: { name: "Standard_LRS" }, properties: closed });
      targets.push([extra, x % 2 ? "file" : "blob", [ZONES[x % 2 ? 3 : 2]]]);
    }
    for (const [target, group, zones] of targets.slice(0, 40)) {
      const name = `pe-${target.split("/").pop()}-${group}`;
      const id = p("Microsoft.Network/privateEndpoints", name);
      add({ id, type: "Microsoft.Network/privateEndpoints", name, location: region, properties: { subnet: { id: pe }, privateLinkServiceConnections: [{ name, properties: { privateLinkServiceId: target, groupIds: [group] } }] } });
      add({
        id: `${id}/providers/Microsoft.Authorization/roleAssignments/${name}-reader`,
        type: "Microsoft.Authorization/roleAssignments",
        name: `${name}-reader`,
        scope: id,
        properties: { roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`, principalId: ws, principalType: "ServicePrincipal" },
      });
      add({ id: `${id}/privateDnsZoneGroups/default`, type: "Microsoft.Network/privateEndpoints/privateDnsZoneGroups", name: `${name}/default`, properties: { privateDnsZoneConfigs: zones.map((z) => ({ name: z.replace(/\./g, "-"), properties: { privateDnsZoneId: zoneId(z) } })) } });
    }
    // Network Connection Approver (F35) for the workspace on each of its endpoint targets' groups,
    // to round the unit to 200 resources.
    for (let x = 0; x < 22; x++)
      add({
        id: `${rg}/providers/Microsoft.Authorization/roleAssignments/approver-${x}`,
        type: "Microsoft.Authorization/roleAssignments",
        name: `approver-${x}`,
        scope: targets[x][0],
        properties: { roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/b556d68e-0be0-4f35-a333-ad7ee1ce17ea`, principalId: ws, principalType: "ServicePrincipal" },
      });
    for (const c of ["cpu", "gpu"])
      add({ id: `${ws}/computes/${c}`, type: "Microsoft.MachineLearningServices/workspaces/computes", name: `mlw-${i}/${c}`, location: region, properties: { computeType: "AmlCompute", properties: { vmSize: "Standard_DS3_v2", enableNodePublicIp: false, subnet: { id: train } } } });
    clients.push({ name: `desk-${i}`, kind: "vm", subnet: vm });
  }
  return { cloud: "AzureCloud", region, resources, clients, dnsServers: [], features: { roleAssignments: "manual" } };
}
