// Generated inputs for the import benchmark: a template of nested deployments with
// copy loops, a template with a large copy loop, and the blueprint benchmark's estate exported as
// Azure Resource Graph prints it, each of a chosen size.
import { loadBlueprint } from "../src/frontends/blueprint/load.ts";
import { expand } from "../src/frontends/blueprint/lower/expand.ts";
import { hubAndSpokes } from "./blueprint-estate.ts";
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
  const model = expand(loaded.blueprint);
  const subnetType = "microsoft.network/virtualnetworks/subnets";
  const subnetsOf = new Map<string, object[]>();
  for (const r of model.resources)
    if (r.type.toLowerCase() === subnetType) {
      const vnet = r.id.slice(0, r.id.toLowerCase().lastIndexOf("/subnets/"));
      subnetsOf.set(vnet.toLowerCase(), [...(subnetsOf.get(vnet.toLowerCase()) ?? []), { id: r.id, name: r.name.split("/").pop(), properties: r.properties }]);
    }
  const data = model.resources
    .filter((r) => r.type.toLowerCase() !== subnetType)
    .map((r) => {
      const type = r.type.toLowerCase();
      const properties = type === "microsoft.network/virtualnetworks" ? { ...r.properties, subnets: subnetsOf.get(r.id.toLowerCase()) ?? [] } : r.properties;
      return { id: r.id, name: r.name, type, location: r.location ?? "global", resourceGroup: r.id.split("/")[4], ...(r.kind ? { kind: r.kind } : {}), ...(r.sku ? { sku: r.sku } : {}), properties };
    });
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
