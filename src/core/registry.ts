// The Azure types amlnet models, in one table: per type its ARM name, the API version the back
// ends write, the official schema that checks it (a file of ../shared/arm-schemas, from that
// folder's README), how it is deployed and the short word that starts its symbols in Bicep and
// Terraform. Adding a type is one entry here; a type that is not here is a programming error,
// never an "unknown" API version in a generated file.

export type Deploy =
  /** Written into main.json / main.bicep and checked against the schema. */
  | "template"
  /** Created through the service's own data plane (az CLI), which ARM has no resource for. */
  | "data-plane";

export interface AzureType {
  readonly type: string;
  readonly apiVersion: string;
  /** The schema file under ../shared/arm-schemas, when one exists for this version. */
  readonly schema?: string;
  /**
   * For an extension resource the schema file lists only in an index it doesn't ship: the
   * definition its `properties` must satisfy (the envelope is checked by hand).
   */
  readonly propertiesDefinition?: string;
  /**
   * A later (preview) version for the resources that set a property only it has, with its schema:
   * written for those resources alone, everything else stays on the pinned version.
   */
  readonly preview?: { readonly apiVersion: string; readonly schema: string; readonly properties: readonly string[] };
  readonly deploy: Deploy;
  /** First word of the names back ends give resources of this type (`vnet`, `pe`, `kv`). */
  readonly symbol: string;
}

const NET = "2025-05-01/Microsoft.Network.NRP.json";
const DNS = "2024-06-01/Microsoft.Network.privateDns.json";
const RESOLVER = "2025-05-01/Microsoft.Network.DnsResolver.json";
const ML = "2025-06-01/Microsoft.MachineLearningServices.json";
const ADF = "2018-06-01/Microsoft.DataFactory.json";
const AMPLS = "2023-06-01-preview/Microsoft.Insights.PrivateLinkScopes.json";

const t = (type: string, apiVersion: string, symbol: string, schema: string | undefined, deploy: Deploy = "template"): AzureType => ({
  type,
  apiVersion,
  symbol,
  deploy,
  ...(schema ? { schema } : {}),
});

export const TYPES = {
  workspace: {
    ...t("Microsoft.MachineLearningServices/workspaces", "2025-06-01", "workspace", ML),
    // F45: the workspace's IP allow list exists only in the preview versions.
    preview: { apiVersion: "2025-10-01-preview", schema: "2025-10-01-preview/Microsoft.MachineLearningServices.json", properties: ["networkAcls", "ipAllowlist"] },
  },
  compute: t("Microsoft.MachineLearningServices/workspaces/computes", "2025-06-01", "compute", ML),
  onlineEndpoint: t("Microsoft.MachineLearningServices/workspaces/onlineEndpoints", "2025-06-01", "onlineEndpoints", ML),
  outboundRule: t("Microsoft.MachineLearningServices/workspaces/outboundRules", "2025-06-01", "outboundRules", ML),
  amlRegistry: t("Microsoft.MachineLearningServices/registries", "2025-06-01", "mlRegistry", ML),
  storage: t("Microsoft.Storage/storageAccounts", "2025-06-01", "storage", "2025-06-01/Microsoft.Storage.json"),
  keyVault: t("Microsoft.KeyVault/vaults", "2024-11-01", "kv", "2024-11-01/Microsoft.KeyVault.json"),
  acr: t("Microsoft.ContainerRegistry/registries", "2025-04-01", "acr", "2025-04-01/Microsoft.ContainerRegistry.json"),
  appInsights: t("Microsoft.Insights/components", "2020-02-02", "appInsights", "2020-02-02/Microsoft.Insights.Application.json"),
  logAnalytics: t("Microsoft.OperationalInsights/workspaces", "2023-09-01", "logAnalytics", "2023-09-01/Microsoft.OperationalInsights.json"),
  identity: t("Microsoft.ManagedIdentity/userAssignedIdentities", "2023-01-31", "identity", "2023-01-31/Microsoft.ManagedIdentity.json"),
  roleAssignment: t("Microsoft.Authorization/roleAssignments", "2022-04-01", "role", "2022-04-01/Microsoft.Authorization.json"),
  vnet: t("Microsoft.Network/virtualNetworks", "2025-05-01", "vnet", NET),
  subnet: t("Microsoft.Network/virtualNetworks/subnets", "2025-05-01", "snet", NET),
  peering: t("Microsoft.Network/virtualNetworks/virtualNetworkPeerings", "2025-05-01", "peering", NET),
  nsg: t("Microsoft.Network/networkSecurityGroups", "2025-05-01", "nsg", NET),
  asg: t("Microsoft.Network/applicationSecurityGroups", "2025-05-01", "applicationSecurityGroups", NET),
  routeTable: t("Microsoft.Network/routeTables", "2025-05-01", "routeTables", NET),
  natGateway: t("Microsoft.Network/natGateways", "2025-05-01", "natGateways", NET),
  publicIp: t("Microsoft.Network/publicIPAddresses", "2025-05-01", "pip", NET),
  nic: t("Microsoft.Network/networkInterfaces", "2025-05-01", "networkInterfaces", NET),
  bastion: t("Microsoft.Network/bastionHosts", "2025-05-01", "bastion", NET),
  firewall: t("Microsoft.Network/azureFirewalls", "2025-05-01", "firewall", NET),
  gateway: t("Microsoft.Network/virtualNetworkGateways", "2025-05-01", "virtualNetworkGateways", NET),
  localGateway: t("Microsoft.Network/localNetworkGateways", "2025-05-01", "localNetworkGateways", NET),
  pe: t("Microsoft.Network/privateEndpoints", "2025-05-01", "pe", NET),
  zoneGroup: t("Microsoft.Network/privateEndpoints/privateDnsZoneGroups", "2025-05-01", "zoneGroup", NET),
  zone: t("Microsoft.Network/privateDnsZones", "2024-06-01", "zone", DNS),
  zoneLink: t("Microsoft.Network/privateDnsZones/virtualNetworkLinks", "2024-06-01", "zoneLink", DNS),
  // Record sets written by hand (imported templates); a blueprint's records come from zone groups.
  aRecord: t("Microsoft.Network/privateDnsZones/A", "2024-06-01", "aRecord", DNS),
  resolver: t("Microsoft.Network/dnsResolvers", "2025-05-01", "dnsResolvers", RESOLVER),
  inboundEndpoint: t("Microsoft.Network/dnsResolvers/inboundEndpoints", "2025-05-01", "inboundEndpoints", RESOLVER),
  outboundEndpoint: t("Microsoft.Network/dnsResolvers/outboundEndpoints", "2025-05-01", "outboundEndpoints", RESOLVER),
  ruleset: t("Microsoft.Network/dnsForwardingRulesets", "2025-05-01", "dnsForwardingRulesets", RESOLVER),
  forwardingRule: t("Microsoft.Network/dnsForwardingRulesets/forwardingRules", "2025-05-01", "forwardingRules", RESOLVER),
  rulesetLink: t("Microsoft.Network/dnsForwardingRulesets/virtualNetworkLinks", "2025-05-01", "virtualNetworkLinks", RESOLVER),
  aks: t("Microsoft.ContainerService/managedClusters", "2025-05-01", "aks", "2025-05-01/Microsoft.ContainerService.Aks.json"),
  vm: t("Microsoft.Compute/virtualMachines", "2025-04-01", "virtualMachines", "2025-04-01/Microsoft.Compute.json"),
  aiServices: t("Microsoft.CognitiveServices/accounts", "2025-06-01", "ai", "2025-06-01/Microsoft.CognitiveServices.json"),
  synapse: t("Microsoft.Synapse/workspaces", "2021-06-01", "synapse", "2021-06-01/Microsoft.Synapse.json"),
  synapseFirewallRule: t("Microsoft.Synapse/workspaces/firewallRules", "2021-06-01", "synapseFirewall", "2021-06-01/Microsoft.Synapse.json"),
  synapseMpe: t("Microsoft.Synapse/workspaces/managedVirtualNetworks/managedPrivateEndpoints", "2021-06-01", "managedPrivateEndpoints", undefined, "data-plane"),
  dataFactory: t("Microsoft.DataFactory/factories", "2018-06-01", "adf", ADF),
  dataFactoryVnet: t("Microsoft.DataFactory/factories/managedVirtualNetworks", "2018-06-01", "adfVnet", ADF),
  dataFactoryMpe: t("Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints", "2018-06-01", "adfEndpoint", ADF),
  aksExtension: {
    ...t("Microsoft.KubernetesConfiguration/extensions", "2024-11-01", "extension", "2024-11-01/Microsoft.KubernetesConfiguration.json"),
    propertiesDefinition: "ExtensionProperties",
  },
  linkScope: t("Microsoft.Insights/privateLinkScopes", "2023-06-01-preview", "ampls", AMPLS),
  linkScoped: t("Microsoft.Insights/privateLinkScopes/scopedResources", "2023-06-01-preview", "scoped", AMPLS),
} as const satisfies Record<string, AzureType>;

type TypeKey = keyof typeof TYPES;

/** ARM type names by key (`T.vnet` is `Microsoft.Network/virtualNetworks`). */
export const T = Object.fromEntries(Object.entries(TYPES).map(([k, v]) => [k, v.type])) as { readonly [K in TypeKey]: (typeof TYPES)[K]["type"] };

const BY_TYPE: ReadonlyMap<string, AzureType> = new Map(Object.values(TYPES).map((v) => [v.type.toLowerCase(), v]));

/** The registry entry of an ARM type; throws for a type amlnet does not know (a programming error). */
export function azureType(type: string): AzureType {
  const entry = BY_TYPE.get(type.toLowerCase());
  if (!entry) throw new Error(`${type} is not in the Azure type registry (core/registry.ts)`);
  return entry;
}

/** The API version (and schema) a resource is written with: its type's, or the preview one its properties need. */
export function versionFor(r: { readonly type: string; readonly properties: object }): { readonly apiVersion: string; readonly schema?: string } {
  const t = azureType(r.type);
  if (t.preview && t.preview.properties.some((p) => p in r.properties)) return t.preview;
  return t;
}

/** Whether amlnet knows an ARM type (imported templates may hold others). */
export function isKnownType(type: string): boolean {
  return BY_TYPE.has(type.toLowerCase());
}

/** A type as the registry spells it (Resource Graph writes them in lower case); others as given. */
export function azureTypeName(type: string): string {
  return BY_TYPE.get(type.toLowerCase())?.type ?? type;
}
