// Generated inputs for the import benchmark: a template of nested deployments with
// copy loops, a template with a large copy loop, the blueprint benchmark's estate exported as
// Azure Resource Graph prints it, the same shape as a template with copy loops over the spokes,
// an export whose endpoints all sit in one hub subnet, and one of VNets that all reuse one address
// space, each of a chosen size.
import { readFileSync } from "node:fs";
import { loadBlueprint } from "../src/frontends/blueprint/load.ts";
import { expand } from "../src/frontends/blueprint/lower/expand.ts";
import { hubAndSpokes } from "./blueprint-estate.ts";
import { resourceGraphOf, stampedCopies } from "../test/support/resource-graph.ts";
const SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

/**
 * A template of `teams` nested deployments (inner scope, written out one by one as compiled Bicep
 * modules are), each a VNet with looped subnets, NSG rules and endpoints, and a storage account.
 */
export function nestedTemplate(teams: number): string {
  const team = (index: number) => ({
    type: "Microsoft.Resources/deployments",
    apiVersion: "2022-09-01",
    name: `team-${index}`,
    properties: {
      expressionEvaluationOptions: { scope: "inner" },
      mode: "Incremental",
      parameters: { index: { value: index }, prefix: { value: "[parameters('prefix')]" } },
      template: {
        $schema: SCHEMA,
        contentVersion: "1.0.0.0",
        parameters: { index: { type: "int" }, prefix: { type: "string" } },
        variables: {
          name: "[format('{0}-{1}', parameters('prefix'), parameters('index'))]",
          space: "[format('10.{0}.{1}.0/22', div(parameters('index'), 64), mul(mod(parameters('index'), 64), 4))]",
          copy: [{ name: "rules", count: 20, input: { name: "[format('rule-{0}', copyIndex('rules'))]", properties: { priority: "[add(100, copyIndex('rules'))]", direction: "Outbound", access: "Allow", protocol: "Tcp", sourceAddressPrefix: "VirtualNetwork", sourcePortRange: "*", destinationAddressPrefix: "AzureMachineLearning", destinationPortRange: "443" } } }],
        },
        resources: [
          { type: "Microsoft.Network/networkSecurityGroups", apiVersion: "2023-11-01", name: "[format('nsg-{0}', variables('name'))]", location: "eastus", properties: { securityRules: "[variables('rules')]" } },
          {
            type: "Microsoft.Network/virtualNetworks",
            apiVersion: "2023-11-01",
            name: "[format('vnet-{0}', variables('name'))]",
            location: "eastus",
            properties: {
              addressSpace: { addressPrefixes: ["[variables('space')]"] },
              copy: [{ name: "subnets", count: 4, input: { name: "[format('snet-{0}', copyIndex('subnets'))]", properties: { addressPrefix: "[cidrSubnet(variables('space'), 24, copyIndex('subnets'))]", networkSecurityGroup: { id: "[resourceId('Microsoft.Network/networkSecurityGroups', format('nsg-{0}', variables('name')))]" } } } }],
            },
          },
          {
            type: "Microsoft.Network/privateEndpoints",
            apiVersion: "2023-11-01",
            name: "[format('pe-{0}-{1}', variables('name'), copyIndex())]",
            copy: { name: "endpoints", count: 3 },
            location: "eastus",
            properties: {
              subnet: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', format('vnet-{0}', variables('name')), 'snet-0')]" },
              privateLinkServiceConnections: [{ name: "c", properties: { privateLinkServiceId: "[resourceId('Microsoft.Storage/storageAccounts', format('st{0}{1}', replace(parameters('prefix'), '-', ''), parameters('index')))]", groupIds: ["blob"] } }],
            },
          },
          { type: "Microsoft.Storage/storageAccounts", apiVersion: "2023-01-01", name: "[format('st{0}{1}', replace(parameters('prefix'), '-', ''), parameters('index'))]", location: "eastus", kind: "StorageV2", sku: { name: "Standard_LRS" }, properties: { publicNetworkAccess: "Disabled" } },
        ],
        outputs: { vnetId: { type: "string", value: "[resourceId('Microsoft.Network/virtualNetworks', format('vnet-{0}', variables('name')))]" } },
      },
    },
  });
  const resources = Array.from({ length: teams }, (_, i) => team(i));
  return JSON.stringify({ $schema: SCHEMA, contentVersion: "1.0.0.0", parameters: { prefix: { type: "string", defaultValue: "ml" } }, resources }, null, 2);
}

/**
 * The benchmark's hub-and-spoke estate (bench/blueprint-estate.ts, `spokes` spokes) as
 * `az graph query -o json` prints it once deployed: the same model the blueprint path checks, each
 * resource with its lower-case type, resource group and properties, and subnets inside their VNet
 * as Resource Graph holds them.
 */
export function resourceGraphEstate(spokes: number): string {
  const loaded = loadBlueprint("bench.yaml", hubAndSpokes(spokes), { maxBytes: 512 * 2 ** 20, maxValues: 500_000_000 });
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("\n"));
  const data = resourceGraphOf(expand(loaded.blueprint));
  return JSON.stringify({ count: data.length, data, skip_token: null, total_records: data.length });
}

/**
 * An export of the other common landing zone: every private endpoint in one subnet of the hub
 * (`n` storage accounts, an endpoint to each there, the blob zone linked to the hub), as
 * Resource Graph prints it (no zone groups: what rests on them is unknown).
 */
export function centralEndpointsEstate(n: number): string {
  const rg = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-hub/providers";
  const hub = `${rg}/Microsoft.Network/virtualNetworks/vnet-hub`;
  const subnet = `${hub}/subnets/snet-pe`;
  const zone = `${rg}/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net`;
  const item = (id: string, type: string, properties: object, extra: object = {}) => ({ id, name: id.split("/").pop(), type, location: "eastus", resourceGroup: "rg-hub", ...extra, properties });
  const data = [
    item(hub, "microsoft.network/virtualnetworks", { addressSpace: { addressPrefixes: ["10.0.0.0/16"] }, subnets: [{ id: subnet, name: "snet-pe", properties: { addressPrefix: "10.0.0.0/16" } }] }),
    item(zone, "microsoft.network/privatednszones", {}, { location: "global" }),
    item(`${zone}/virtualNetworkLinks/hub`, "microsoft.network/privatednszones/virtualnetworklinks", { virtualNetwork: { id: hub }, registrationEnabled: false }, { location: "global" }),
  ];
  for (let i = 0; i < n; i++) {
    const st = `${rg}/Microsoft.Storage/storageAccounts/st${i}`;
    data.push(item(st, "microsoft.storage/storageaccounts", { publicNetworkAccess: "Disabled", networkAcls: { defaultAction: "Deny", bypass: "AzureServices" } }, { kind: "StorageV2", sku: { name: "Standard_LRS" } }));
    data.push(
      item(`${rg}/Microsoft.Network/privateEndpoints/pe-st${i}`, "microsoft.network/privateendpoints", {
        subnet: { id: subnet },
        privateLinkServiceConnections: [{ name: "blob", properties: { privateLinkServiceId: st, groupIds: ["blob"], privateLinkServiceConnectionState: { status: "Approved" } } }],
      }),
    );
  }
  return JSON.stringify({ count: data.length, data, skip_token: null, total_records: data.length });
}

/**
 * An export of `n` VNets that all reuse one address space (spokes stamped from one template),
 * each with a subnet of the same prefix, as spokes of hubs of 500 (Azure's limit of peerings a
 * VNet): every two spokes of a hub overlap, and the hub can't route to both.
 */
export function sameSpaceEstate(n: number): string {
  const rg = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-sandboxes/providers";
  const vnet = (id: string, name: string, prefix: string, subnet: string, peers: readonly string[]) => ({
    id,
    name,
    type: "microsoft.network/virtualnetworks",
    location: "eastus",
    resourceGroup: "rg-sandboxes",
    properties: {
      addressSpace: { addressPrefixes: [prefix] },
      subnets: [{ id: `${id}/subnets/default`, name: "default", properties: { addressPrefix: subnet } }],
      virtualNetworkPeerings: peers.map((remote) => ({ id: `${id}/virtualNetworkPeerings/to-${remote.split("/").pop()}`, name: `to-${remote.split("/").pop()}`, properties: { remoteVirtualNetwork: { id: remote }, peeringState: "Connected", allowVirtualNetworkAccess: true } })),
    },
  });
  const hubOf = (i: number) => `${rg}/Microsoft.Network/virtualNetworks/vnet-hub-${Math.floor(i / 500)}`;
  const spokes = Array.from({ length: n }, (_, i) => `${rg}/Microsoft.Network/virtualNetworks/vnet-sandbox-${i}`);
  const data = [
    ...Array.from({ length: Math.ceil(n / 500) }, (_, h) => {
      const id = hubOf(h * 500);
      return vnet(id, `vnet-hub-${h}`, `172.16.${h}.0/24`, `172.16.${h}.0/26`, spokes.slice(h * 500, (h + 1) * 500));
    }),
    ...spokes.map((id, i) => vnet(id, `vnet-sandbox-${i}`, "10.0.0.0/16", "10.0.0.0/24", [hubOf(i)])),
  ];
  return JSON.stringify({ count: data.length, data, skip_token: null, total_records: data.length });
}

/**
 * One VNet whose `subnets` property is a copy loop of `n` subnets (cidrSubnet of the VNet's
 * space, a /28 each), an NSG for each through a resource copy loop, and an endpoint in every
 * tenth subnet: the shape of a large landing zone written as one template.
 */
export function loopTemplate(n: number): string {
  return JSON.stringify({
    $schema: SCHEMA,
    contentVersion: "1.0.0.0",
    parameters: { count: { type: "int", defaultValue: n } },
    variables: { space: "10.0.0.0/12" },
    resources: [
      {
        type: "Microsoft.Network/networkSecurityGroups",
        apiVersion: "2023-11-01",
        name: "[format('nsg-{0}', copyIndex())]",
        copy: { name: "nsgs", count: "[parameters('count')]" },
        location: "eastus",
        properties: { securityRules: [] },
      },
      {
        type: "Microsoft.Network/virtualNetworks",
        apiVersion: "2023-11-01",
        name: "vnet-big",
        location: "eastus",
        dependsOn: ["nsgs"],
        properties: {
          addressSpace: { addressPrefixes: ["[variables('space')]"] },
          copy: [
            {
              name: "subnets",
              count: "[parameters('count')]",
              input: {
                name: "[format('snet-{0}', copyIndex('subnets'))]",
                properties: { addressPrefix: "[cidrSubnet(variables('space'), 28, copyIndex('subnets'))]", networkSecurityGroup: { id: "[resourceId('Microsoft.Network/networkSecurityGroups', format('nsg-{0}', copyIndex('subnets')))]" } },
              },
            },
          ],
        },
      },
      {
        type: "Microsoft.Network/privateEndpoints",
        apiVersion: "2023-11-01",
        name: "[format('pe-{0}', copyIndex())]",
        copy: { name: "endpoints", count: "[div(parameters('count'), 10)]" },
        location: "eastus",
        dependsOn: ["vnet-big"],
        properties: {
          subnet: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-big', format('snet-{0}', mul(copyIndex(), 10)))]" },
          privateLinkServiceConnections: [{ name: "c", properties: { privateLinkServiceId: "[resourceId('Microsoft.Storage/storageAccounts', format('st{0}', copyIndex()))]", groupIds: ["blob"] } }],
        },
      },
    ],
  });
}

/**
 * The blueprint benchmark's shape written as a template author would, with copy loops over the
 * spokes: a hub VNet with the workspace's endpoints, and per spoke a VNet (endpoint, training and
 * jump-box subnets, an NSG on each of the last two), peerings both ways, a workspace endpoint and
 * a SQL endpoint with their zone groups, links from every zone to the VNet, a cluster, and a jump
 * box's NIC and VM. Far past ARM's copy limits, raised as --max-copy and --max-resources raise them.
 */
export function hubAndSpokesTemplate(spokes: number): string {
  const net = "2023-11-01";
  const zones = ["privatelink.api.azureml.ms", "privatelink.notebooks.azure.net", "privatelink.blob.core.windows.net", "privatelink.file.core.windows.net", "privatelink.vaultcore.azure.net", "privatelink.azurecr.io", "privatelink.database.windows.net"];
  const subnetId = (vnet: string, subnet: string) => `resourceId('Microsoft.Network/virtualNetworks/subnets', ${vnet}, '${subnet}')`;
  const endpoint = (name: string, subnet: string, target: string, group: string, copy?: object) => ({
    type: "Microsoft.Network/privateEndpoints",
    apiVersion: net,
    name,
    location: "eastus",
    ...(copy ? { copy } : {}),
    dependsOn: ["spokes", "vnet-hub"],
    properties: { subnet: { id: `[${subnet}]` }, privateLinkServiceConnections: [{ name: "c", properties: { privateLinkServiceId: `[${target}]`, groupIds: [group] } }] },
  });
  const zoneGroup = (pe: string, zoneNames: string[], copy?: object) => ({
    type: "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
    apiVersion: net,
    name: `[format('{0}/default', ${pe})]`,
    ...(copy ? { copy } : {}),
    dependsOn: ["endpoints", "hubEndpoints", "zones"],
    properties: { privateDnsZoneConfigs: zoneNames.map((z) => ({ name: z.replace(/\./g, "-"), properties: { privateDnsZoneId: `[resourceId('Microsoft.Network/privateDnsZones', '${z}')]` } })) },
  });
  const storage = "resourceId('Microsoft.Storage/storageAccounts', 'stbench')";
  return JSON.stringify({
    $schema: SCHEMA,
    contentVersion: "1.0.0.0",
    parameters: { spokes: { type: "int", defaultValue: spokes } },
    variables: { zones },
    resources: [
      { type: "Microsoft.Storage/storageAccounts", apiVersion: "2023-05-01", name: "stbench", location: "eastus", kind: "StorageV2", sku: { name: "Standard_LRS" }, properties: { publicNetworkAccess: "Disabled" } },
      { type: "Microsoft.KeyVault/vaults", apiVersion: "2023-07-01", name: "kv-bench", location: "eastus", properties: { tenantId: "[subscription().tenantId]", sku: { family: "A", name: "standard" }, publicNetworkAccess: "Disabled" } },
      { type: "Microsoft.ContainerRegistry/registries", apiVersion: "2023-07-01", name: "crbench", location: "eastus", sku: { name: "Premium" }, properties: { publicNetworkAccess: "Disabled" } },
      {
        type: "Microsoft.MachineLearningServices/workspaces",
        apiVersion: "2024-10-01",
        name: "mlw-bench",
        location: "eastus",
        identity: { type: "SystemAssigned" },
        properties: { storageAccount: `[${storage}]`, keyVault: "[resourceId('Microsoft.KeyVault/vaults', 'kv-bench')]", containerRegistry: "[resourceId('Microsoft.ContainerRegistry/registries', 'crbench')]", publicNetworkAccess: "Disabled" },
      },
      { type: "Microsoft.Network/privateDnsZones", apiVersion: "2020-06-01", name: "[variables('zones')[copyIndex()]]", location: "global", copy: { name: "zones", count: zones.length } },
      { type: "Microsoft.Network/virtualNetworks", apiVersion: net, name: "vnet-hub", location: "eastus", properties: { addressSpace: { addressPrefixes: ["172.16.0.0/16"] }, subnets: [{ name: "snet-pe", properties: { addressPrefix: "172.16.0.0/24" } }] } },
      ...["train", "jump"].map((s) => ({ type: "Microsoft.Network/networkSecurityGroups", apiVersion: net, name: `[format('nsg-s{0}-${s}', copyIndex())]`, location: "eastus", copy: { name: `nsgs-${s}`, count: "[parameters('spokes')]" }, properties: { securityRules: [] } })),
      {
        type: "Microsoft.Network/virtualNetworks",
        apiVersion: net,
        name: "[format('vnet-s{0}', copyIndex('spokes'))]",
        location: "eastus",
        copy: { name: "spokes", count: "[parameters('spokes')]" },
        dependsOn: ["nsgs-train", "nsgs-jump"],
        properties: {
          addressSpace: { addressPrefixes: ["[cidrSubnet('10.0.0.0/8', 22, copyIndex('spokes'))]"] },
          subnets: [
            { name: "snet-pe", properties: { addressPrefix: "[cidrSubnet(cidrSubnet('10.0.0.0/8', 22, copyIndex('spokes')), 24, 0)]" } },
            ...["train", "jump"].map((s, i) => ({
              name: `snet-${s}`,
              properties: { addressPrefix: `[cidrSubnet(cidrSubnet('10.0.0.0/8', 22, copyIndex('spokes')), 24, ${i + 1})]`, networkSecurityGroup: { id: `[resourceId('Microsoft.Network/networkSecurityGroups', format('nsg-s{0}-${s}', copyIndex('spokes')))]` } },
            })),
          ],
        },
      },
      ...[
        ["vnet-hub", "format('peer-s{0}', copyIndex('toSpokes'))", "toSpokes", "format('vnet-s{0}', copyIndex('toSpokes'))"],
        ["format('vnet-s{0}', copyIndex('toHub'))", "'peer-hub'", "toHub", "'vnet-hub'"],
      ].map(([vnet, name, copy, remote]) => ({
        type: "Microsoft.Network/virtualNetworks/virtualNetworkPeerings",
        apiVersion: net,
        name: `[format('{0}/{1}', ${vnet.startsWith("format") ? vnet : `'${vnet}'`}, ${name})]`,
        copy: { name: copy, count: "[parameters('spokes')]" },
        dependsOn: ["spokes", "vnet-hub"],
        properties: { remoteVirtualNetwork: { id: `[resourceId('Microsoft.Network/virtualNetworks', ${remote})]` }, allowVirtualNetworkAccess: true },
      })),
      ...zones.map((z, i) => ({
        type: "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
        apiVersion: "2020-06-01",
        name: `[format('{0}/link-s{1}', '${z}', copyIndex('links${i}'))]`,
        location: "global",
        copy: { name: `links${i}`, count: "[parameters('spokes')]" },
        dependsOn: ["zones", "spokes"],
        properties: { registrationEnabled: false, virtualNetwork: { id: `[resourceId('Microsoft.Network/virtualNetworks', format('vnet-s{0}', copyIndex('links${i}')))]` } },
      })),
      ...zones.map((z) => ({
        type: "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
        apiVersion: "2020-06-01",
        name: `${z}/link-hub`,
        location: "global",
        dependsOn: ["zones", "vnet-hub"],
        properties: { registrationEnabled: false, virtualNetwork: { id: "[resourceId('Microsoft.Network/virtualNetworks', 'vnet-hub')]" } },
      })),
      ...(
        [
          ["pe-hub-ws", "resourceId('Microsoft.MachineLearningServices/workspaces', 'mlw-bench')", "amlworkspace", [zones[0], zones[1]]],
          ["pe-hub-blob", storage, "blob", [zones[2]]],
          ["pe-hub-file", storage, "file", [zones[3]]],
          ["pe-hub-kv", "resourceId('Microsoft.KeyVault/vaults', 'kv-bench')", "vault", [zones[4]]],
          ["pe-hub-acr", "resourceId('Microsoft.ContainerRegistry/registries', 'crbench')", "registry", [zones[5]]],
        ] as const
      ).flatMap(([name, target, group, z]) => [{ ...endpoint(name, subnetId("'vnet-hub'", "snet-pe"), target, group), dependsOn: ["vnet-hub"] }, { ...zoneGroup(`'${name}'`, [...z]), dependsOn: [name, "zones"] }]),
      endpoint("[format('pe-s{0}-ws', copyIndex('endpoints'))]", subnetId("format('vnet-s{0}', copyIndex('endpoints'))", "snet-pe"), "resourceId('Microsoft.MachineLearningServices/workspaces', 'mlw-bench')", "amlworkspace", { name: "endpoints", count: "[parameters('spokes')]" }),
      endpoint(
        "[format('pe-s{0}-sql', copyIndex('sqlEndpoints'))]",
        subnetId("format('vnet-s{0}', copyIndex('sqlEndpoints'))", "snet-pe"),
        "format('/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-s{0}/providers/Microsoft.Sql/servers/sql-s{0}', copyIndex('sqlEndpoints'))",
        "sqlServer",
        { name: "sqlEndpoints", count: "[parameters('spokes')]" },
      ),
      zoneGroup("format('pe-s{0}-ws', copyIndex('wsGroups'))", [zones[0], zones[1]], { name: "wsGroups", count: "[parameters('spokes')]" }),
      zoneGroup("format('pe-s{0}-sql', copyIndex('sqlGroups'))", [zones[6]], { name: "sqlGroups", count: "[parameters('spokes')]" }),
      {
        type: "Microsoft.MachineLearningServices/workspaces/computes",
        apiVersion: "2024-10-01",
        name: "[format('mlw-bench/cpu-s{0}', copyIndex())]",
        location: "eastus",
        copy: { name: "clusters", count: "[parameters('spokes')]" },
        dependsOn: ["mlw-bench", "spokes"],
        properties: { computeType: "AmlCompute", properties: { vmSize: "Standard_DS3_v2", enableNodePublicIp: false, subnet: { id: `[${subnetId("format('vnet-s{0}', copyIndex())", "snet-train")}]` }, scaleSettings: { minNodeCount: 0, maxNodeCount: 4 } } },
      },
      {
        type: "Microsoft.Network/networkInterfaces",
        apiVersion: net,
        name: "[format('nic-jump-s{0}', copyIndex())]",
        location: "eastus",
        copy: { name: "nics", count: "[parameters('spokes')]" },
        dependsOn: ["spokes"],
        properties: { ipConfigurations: [{ name: "ip", properties: { privateIPAllocationMethod: "Dynamic", subnet: { id: `[${subnetId("format('vnet-s{0}', copyIndex())", "snet-jump")}]` } } }] },
      },
      {
        type: "Microsoft.Compute/virtualMachines",
        apiVersion: "2024-07-01",
        name: "[format('jump-s{0}', copyIndex())]",
        location: "eastus",
        copy: { name: "vms", count: "[parameters('spokes')]" },
        dependsOn: ["nics"],
        properties: { hardwareProfile: { vmSize: "Standard_B2s" }, networkProfile: { networkInterfaces: [{ id: "[resourceId('Microsoft.Network/networkInterfaces', format('nic-jump-s{0}', copyIndex()))]" }] } },
      },
    ],
  });
}

/**
 * An export of `n` isolated environments stamped from one template (the private-link workspace
 * example, 41 resources each, in a resource group of its own): `n` workspaces, each with its
 * storage, Key Vault, registry, endpoints, zones and compute, every copy on one address plan.
 */
export function workspacesEstate(n: number): string {
  const loaded = loadBlueprint("example.yaml", readFileSync(new URL("../examples/private-link-workspace.yaml", import.meta.url), "utf8"));
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("\n"));
  const data = stampedCopies(JSON.stringify(resourceGraphOf(expand(loaded.blueprint))), ["rg-aml-private", "mlw-private", "stamlprivate", "kv-aml-private", "cramlprivate"], n);
  return JSON.stringify({ count: data.length, data, skip_token: null, total_records: data.length });
}
