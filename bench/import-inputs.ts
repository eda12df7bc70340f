// Generated inputs for the import benchmark: a template of nested deployments with
// copy loops, and an exported estate as Azure Resource Graph prints it, both of a chosen size.
const SUB = "00000000-0000-0000-0000-000000000000";
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

/** `n` resources as `az graph query -o json` prints them: VNets with nested subnets, NSGs, endpoints, zones and links. */
export function resourceGraphEstate(n: number): string {
  const data: object[] = [];
  const rg = `/subscriptions/${SUB}/resourceGroups/rg-estate/providers`;
  for (let i = 0; data.length < n; i++) {
    const vnet = `${rg}/Microsoft.Network/virtualNetworks/vnet-${i}`;
    const space = `10.${i >> 6}.${(i & 63) << 2}.0/22`;
    data.push({ id: `${rg}/Microsoft.Network/networkSecurityGroups/nsg-${i}`, name: `nsg-${i}`, type: "microsoft.network/networksecuritygroups", location: "eastus", resourceGroup: "rg-estate", properties: { securityRules: [{ name: "allow-443", properties: { priority: 100, direction: "Outbound", access: "Allow", protocol: "Tcp", sourceAddressPrefix: "VirtualNetwork", sourcePortRange: "*", destinationAddressPrefix: "AzureMachineLearning", destinationPortRange: "443" } }] } });
    data.push({ id: vnet, name: `vnet-${i}`, type: "microsoft.network/virtualnetworks", location: "eastus", resourceGroup: "rg-estate", properties: { addressSpace: { addressPrefixes: [space] }, subnets: [0, 1].map((k) => ({ id: `${vnet}/subnets/snet-${k}`, name: `snet-${k}`, properties: { addressPrefix: `10.${i >> 6}.${((i & 63) << 2) + k}.0/24`, networkSecurityGroup: { id: `${rg}/Microsoft.Network/networkSecurityGroups/nsg-${i}` } } })) } });
    data.push({ id: `${rg}/Microsoft.Network/privateEndpoints/pe-${i}`, name: `pe-${i}`, type: "microsoft.network/privateendpoints", location: "eastus", resourceGroup: "rg-estate", properties: { subnet: { id: `${vnet}/subnets/snet-0` }, privateLinkServiceConnections: [{ name: "c", properties: { privateLinkServiceId: `${rg}/Microsoft.Storage/storageAccounts/st${i}`, groupIds: ["blob"] } }] } });
    data.push({ id: `${rg}/Microsoft.Storage/storageAccounts/st${i}`, name: `st${i}`, type: "microsoft.storage/storageaccounts", location: "eastus", resourceGroup: "rg-estate", kind: "StorageV2", sku: { name: "Standard_LRS" }, properties: { publicNetworkAccess: "Disabled" } });
    data.push({ id: `${rg}/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net/virtualNetworkLinks/link-${i}`, name: `link-${i}`, type: "microsoft.network/privatednszones/virtualnetworklinks", location: "global", resourceGroup: "rg-estate", properties: { virtualNetwork: { id: vnet }, registrationEnabled: false } });
  }
  data.push({ id: `${rg}/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net`, name: "privatelink.blob.core.windows.net", type: "microsoft.network/privatednszones", location: "global", resourceGroup: "rg-estate", properties: {} });
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
