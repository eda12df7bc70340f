// The Azure types amlnet models, in one table: per type its ARM name, the API version the back
// ends write, the official schema that checks it (a file of ../shared/arm-schemas, from that
// folder's README), how it is deployed, the short word that starts its symbols in Bicep and
// Terraform, and what analyses need to know of it: its private-link sub-resources and zones, its
// public DNS names and the records its endpoints write, its service tag and service-endpoint
// name, the diagram's label and the azurerm types that stand for it. Adding a type is one entry
// here (README "Adding an Azure resource type"); a type that is not here is a programming error,
// never an "unknown" API version in a generated file.
import type { Cloud } from "./types.ts";
import type { ShapeField } from "./shapes.ts";
import { suffixes, workspaceIdFor, workspaceNames } from "./knowledge/dns-names.ts";
import {
  AI_SERVICES_OPTIONAL_ZONES,
  AI_SERVICES_ZONES,
  CONTAINER_REGISTRY_ZONES,
  KEY_VAULT_ZONES,
  ML_REGISTRY_ZONES,
  MONITOR_ZONES,
  STORAGE_ZONES,
  SYNAPSE_HUB_ZONES,
  SYNAPSE_ZONES,
  WORKSPACE_ZONES,
  type ZonesByGroup,
} from "./knowledge/private-link.ts";

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
  /** Private-link sub-resources (lower-case groupIds) and their zones; zones a kind adds (F01-F08). */
  readonly privateLink?: { readonly zones: ZonesByGroup; readonly byKind?: Readonly<Record<string, ZonesByGroup>> };
  /** The public names of the type's sub-resources and the records its private endpoints write (F09, F11). */
  readonly dns?: DnsFacts;
  /** The service tag its public endpoint is in (NSG and firewall rules name it); `regional` adds `.<region>`. */
  readonly serviceTag?: { readonly name: string; readonly regional: boolean };
  /** The service a subnet enables as a service endpoint to reach it through a VNet rule (lower case). */
  readonly serviceEndpoint?: string;
  /** What the diagram calls a service of this type; types without one aren't drawn as services. */
  readonly label?: string;
  /** The azurerm resource types that stand for it (the first is the one amlnet writes by default). */
  readonly azurerm?: readonly string[];
  /** The attribute of the azurerm resource that is the ARM id, when it isn't `id`. */
  readonly azurermIdAttribute?: string;
  /** The properties analyses compute with and the shape each must have (checked on input, shapes.ts). */
  readonly shape?: readonly ShapeField[];
  /**
   * Lists in its properties whose elements ARM writes as {name, id, properties}: exports that
   * flatten properties (the az service commands) write the elements' at their top too.
   */
  readonly childLists?: readonly string[];
}

/** What a resource's names are made of. */
export interface NameContext {
  readonly cloud: Cloud;
  /** The resource's location, else the model's region, as written. */
  readonly region: string;
  /** Its own name (the last segment), as written. */
  readonly name: string;
  /** The sub-resource (groupId) asked about, when there is one. */
  readonly group?: string;
  /** An AI Services account's custom subdomain, when it has one (read only by the types that use it). */
  readonly customSubDomain?: () => string | undefined;
}

export interface DnsFacts {
  /** The name clients use for a sub-resource (or the resource), when amlnet knows it. */
  fqdn?(n: NameContext): string | undefined;
  /**
   * The A records (relative to `zone`) a private endpoint to the resource writes, with the index
   * of the endpoint address each uses; by default one record, the resource's name.
   */
  records?(n: NameContext, zone: string): readonly (readonly [string, number])[];
}

const lower = (n: NameContext) => n.name.toLowerCase();

// F09: the workspace answers on <id>.workspace.<region>.<api> (and .cert), its notebooks on the
// notebooks label, its online endpoints on *.<id>.inference.<region>.
const WORKSPACE_DNS: Readonly<DnsFacts> = {
  fqdn: (n) => {
    const names = workspaceNames(n.cloud, n.region, n.name, workspaceIdFor(n.name));
    return n.group === "notebooks" ? names.notebooks : names.api[0];
  },
  records: (n, zone) => {
    const region = n.region.toLowerCase();
    const id = workspaceIdFor(lower(n));
    if (zone.startsWith("privatelink.notebooks."))
      // The public name with its cloud suffix cut off: the label workspaceNames builds (F09).
      return [[workspaceNames(n.cloud, region, lower(n), id).notebooks.split(".").slice(0, 2).join("."), 1]];
    return [
      [`${id}.workspace.${region}`, 0],
      [`${id}.workspace.${region}.cert`, 0],
      [`*.${id}.inference.${region}`, 2],
    ];
  },
};

// F07: a Synapse name is its zone's name without "privatelink."; SqlOnDemand adds "-ondemand".
const SYNAPSE_DNS: Readonly<DnsFacts> = {
  fqdn: (n) => {
    const zone = SYNAPSE_ZONES[(n.group ?? "Dev").toLowerCase()]?.[n.cloud]?.[0];
    const label = n.group?.toLowerCase() === "sqlondemand" ? `${n.name}-ondemand` : n.name;
    return zone && `${label.toLowerCase()}.${zone.replace(/^privatelink\./, "")}`;
  },
  records: (n) => [[n.group?.toLowerCase() === "sqlondemand" ? `${lower(n)}-ondemand` : lower(n), 0]],
};

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
    privateLink: { zones: WORKSPACE_ZONES },
    dns: WORKSPACE_DNS,
    serviceTag: { name: "AzureMachineLearning", regional: false },
    label: "ML workspace",
    azurerm: ["azurerm_machine_learning_workspace"],
    // F45: the workspace's IP allow list exists only in the preview versions.
    preview: { apiVersion: "2025-10-01-preview", schema: "2025-10-01-preview/Microsoft.MachineLearningServices.json", properties: ["networkAcls", "ipAllowlist"] },
  },
  compute: t("Microsoft.MachineLearningServices/workspaces/computes", "2025-06-01", "compute", ML),
  onlineEndpoint: {
    ...t("Microsoft.MachineLearningServices/workspaces/onlineEndpoints", "2025-06-01", "onlineEndpoints", ML),
    // F09: scoring names are <endpoint>.<region>.<inference suffix>.
    dns: { fqdn: (n) => `${lower(n)}.${n.region.toLowerCase()}.${suffixes(n.cloud).inference}` },
  },
  outboundRule: t("Microsoft.MachineLearningServices/workspaces/outboundRules", "2025-06-01", "outboundRules", ML),
  // A hub's connection to another service: under its managed network, one to a supported resource
  // gets a private endpoint ("How to configure a managed network for Azure AI Foundry hubs").
  hubConnection: t("Microsoft.MachineLearningServices/workspaces/connections", "2025-06-01", "connections", ML),
  amlRegistry: { ...t("Microsoft.MachineLearningServices/registries", "2025-06-01", "mlRegistry", ML), privateLink: { zones: ML_REGISTRY_ZONES }, label: "ML registry" },
  storage: {
    ...t("Microsoft.Storage/storageAccounts", "2025-06-01", "storage", "2025-06-01/Microsoft.Storage.json"),
    privateLink: { zones: STORAGE_ZONES },
    dns: { fqdn: (n) => `${n.name}.${n.group ?? "blob"}.${suffixes(n.cloud).storage}` },
    serviceTag: { name: "Storage", regional: true },
    serviceEndpoint: "microsoft.storage",
    label: "Storage",
    azurerm: ["azurerm_storage_account"],
  },
  keyVault: {
    ...t("Microsoft.KeyVault/vaults", "2024-11-01", "kv", "2024-11-01/Microsoft.KeyVault.json"),
    privateLink: { zones: KEY_VAULT_ZONES },
    dns: { fqdn: (n) => `${n.name}.${suffixes(n.cloud).vault}` },
    serviceTag: { name: "AzureKeyVault", regional: true },
    serviceEndpoint: "microsoft.keyvault",
    label: "Key Vault",
    azurerm: ["azurerm_key_vault"],
  },
  acr: {
    ...t("Microsoft.ContainerRegistry/registries", "2025-04-01", "acr", "2025-04-01/Microsoft.ContainerRegistry.json"),
    privateLink: { zones: CONTAINER_REGISTRY_ZONES },
    // F05: the registry's name and its regional data endpoint.
    dns: {
      fqdn: (n) => `${lower(n)}.${suffixes(n.cloud).acr}`,
      records: (n) => [
        [lower(n), 0],
        [`${lower(n)}.${n.region.toLowerCase()}.data`, 0],
      ],
    },
    serviceTag: { name: "AzureContainerRegistry", regional: true },
    serviceEndpoint: "microsoft.containerregistry",
    label: "Container registry",
    azurerm: ["azurerm_container_registry"],
  },
  appInsights: { ...t("Microsoft.Insights/components", "2020-02-02", "appInsights", "2020-02-02/Microsoft.Insights.Application.json"), label: "App Insights", azurerm: ["azurerm_application_insights"] },
  logAnalytics: { ...t("Microsoft.OperationalInsights/workspaces", "2023-09-01", "logAnalytics", "2023-09-01/Microsoft.OperationalInsights.json"), azurerm: ["azurerm_log_analytics_workspace"] },
  identity: { ...t("Microsoft.ManagedIdentity/userAssignedIdentities", "2023-01-31", "identity", "2023-01-31/Microsoft.ManagedIdentity.json"), azurerm: ["azurerm_user_assigned_identity"] },
  roleAssignment: { ...t("Microsoft.Authorization/roleAssignments", "2022-04-01", "role", "2022-04-01/Microsoft.Authorization.json"), azurerm: ["azurerm_role_assignment"] },
  // A custom role: its id is the subscription's (`/subscriptions/x/providers/...`), its scope the
  // resource group it is deployed to and assignable in; azurerm's `id` is not the role's id.
  roleDefinition: {
    ...t("Microsoft.Authorization/roleDefinitions", "2022-04-01", "customRole", "2022-04-01/Microsoft.Authorization.json"),
    azurerm: ["azurerm_role_definition"],
    azurermIdAttribute: "role_definition_resource_id",
  },
  vnet: {
    ...t("Microsoft.Network/virtualNetworks", "2025-05-01", "vnet", NET),
    azurerm: ["azurerm_virtual_network"],
    shape: [
      { path: ["addressSpace", "addressPrefixes"], kind: "prefixes" },
      { path: ["dhcpOptions", "dnsServers"], kind: "strings" },
      { path: ["subnets"], kind: "objects" },
      { path: ["virtualNetworkPeerings"], kind: "objects" },
    ],
    childLists: ["subnets", "virtualNetworkPeerings"],
  },
  subnet: {
    ...t("Microsoft.Network/virtualNetworks/subnets", "2025-05-01", "snet", NET),
    azurerm: ["azurerm_subnet"],
    shape: [
      { path: ["addressPrefix"], kind: "prefix" },
      { path: ["addressPrefixes"], kind: "prefixes" },
      { path: ["delegations"], kind: "objects" },
      { path: ["serviceEndpoints"], kind: "objects" },
    ],
  },
  peering: { ...t("Microsoft.Network/virtualNetworks/virtualNetworkPeerings", "2025-05-01", "peering", NET), azurerm: ["azurerm_virtual_network_peering"] },
  nsg: { ...t("Microsoft.Network/networkSecurityGroups", "2025-05-01", "nsg", NET), azurerm: ["azurerm_network_security_group"], shape: [{ path: ["securityRules"], kind: "objects" }], childLists: ["securityRules"] },
  asg: { ...t("Microsoft.Network/applicationSecurityGroups", "2025-05-01", "applicationSecurityGroups", NET), azurerm: ["azurerm_application_security_group"] },
  routeTable: { ...t("Microsoft.Network/routeTables", "2025-05-01", "routeTables", NET), azurerm: ["azurerm_route_table"], shape: [{ path: ["routes"], kind: "objects" }], childLists: ["routes"] },
  natGateway: { ...t("Microsoft.Network/natGateways", "2025-05-01", "natGateways", NET), azurerm: ["azurerm_nat_gateway"] },
  publicIp: { ...t("Microsoft.Network/publicIPAddresses", "2025-05-01", "pip", NET), azurerm: ["azurerm_public_ip"] },
  nic: { ...t("Microsoft.Network/networkInterfaces", "2025-05-01", "networkInterfaces", NET), azurerm: ["azurerm_network_interface"] },
  bastion: { ...t("Microsoft.Network/bastionHosts", "2025-05-01", "bastion", NET), azurerm: ["azurerm_bastion_host"] },
  firewall: t("Microsoft.Network/azureFirewalls", "2025-05-01", "firewall", NET),
  // Read from templates, estates and Terraform (the back ends write classic rule collections).
  firewallPolicy: t("Microsoft.Network/firewallPolicies", "2025-05-01", "firewallPolicies", NET),
  ruleCollectionGroup: t("Microsoft.Network/firewallPolicies/ruleCollectionGroups", "2025-05-01", "ruleCollectionGroups", NET),
  gateway: t("Microsoft.Network/virtualNetworkGateways", "2025-05-01", "virtualNetworkGateways", NET),
  localGateway: { ...t("Microsoft.Network/localNetworkGateways", "2025-05-01", "localNetworkGateways", NET), shape: [{ path: ["localNetworkAddressSpace", "addressPrefixes"], kind: "prefixes" }] },
  pe: { ...t("Microsoft.Network/privateEndpoints", "2025-05-01", "pe", NET), azurerm: ["azurerm_private_endpoint"], childLists: ["privateLinkServiceConnections", "manualPrivateLinkServiceConnections"] },
  zoneGroup: t("Microsoft.Network/privateEndpoints/privateDnsZoneGroups", "2025-05-01", "zoneGroup", NET),
  zone: { ...t("Microsoft.Network/privateDnsZones", "2024-06-01", "zone", DNS), azurerm: ["azurerm_private_dns_zone"] },
  zoneLink: { ...t("Microsoft.Network/privateDnsZones/virtualNetworkLinks", "2024-06-01", "zoneLink", DNS), azurerm: ["azurerm_private_dns_zone_virtual_network_link"] },
  // Record sets written by hand (imported templates); a blueprint's records come from zone groups.
  aRecord: t("Microsoft.Network/privateDnsZones/A", "2024-06-01", "aRecord", DNS),
  resolver: t("Microsoft.Network/dnsResolvers", "2025-05-01", "dnsResolvers", RESOLVER),
  inboundEndpoint: t("Microsoft.Network/dnsResolvers/inboundEndpoints", "2025-05-01", "inboundEndpoints", RESOLVER),
  outboundEndpoint: t("Microsoft.Network/dnsResolvers/outboundEndpoints", "2025-05-01", "outboundEndpoints", RESOLVER),
  ruleset: t("Microsoft.Network/dnsForwardingRulesets", "2025-05-01", "dnsForwardingRulesets", RESOLVER),
  forwardingRule: t("Microsoft.Network/dnsForwardingRulesets/forwardingRules", "2025-05-01", "forwardingRules", RESOLVER),
  rulesetLink: t("Microsoft.Network/dnsForwardingRulesets/virtualNetworkLinks", "2025-05-01", "virtualNetworkLinks", RESOLVER),
  aks: t("Microsoft.ContainerService/managedClusters", "2025-05-01", "aks", "2025-05-01/Microsoft.ContainerService.Aks.json"),
  vm: { ...t("Microsoft.Compute/virtualMachines", "2025-04-01", "virtualMachines", "2025-04-01/Microsoft.Compute.json"), azurerm: ["azurerm_windows_virtual_machine", "azurerm_linux_virtual_machine"] },
  aiServices: {
    ...t("Microsoft.CognitiveServices/accounts", "2025-06-01", "ai", "2025-06-01/Microsoft.CognitiveServices.json"),
    privateLink: { zones: AI_SERVICES_ZONES, byKind: AI_SERVICES_OPTIONAL_ZONES },
    // F06: an account's records carry its custom subdomain.
    dns: { records: (n) => [[(n.customSubDomain?.() ?? n.name).toLowerCase(), 0]] },
    serviceTag: { name: "CognitiveServicesManagement", regional: false },
    serviceEndpoint: "microsoft.cognitiveservices",
    label: "AI Services",
  },
  synapse: { ...t("Microsoft.Synapse/workspaces", "2021-06-01", "synapse", "2021-06-01/Microsoft.Synapse.json"), privateLink: { zones: SYNAPSE_ZONES }, dns: SYNAPSE_DNS, label: "Synapse" },
  // Known for its private-link zone (the Synapse Studio hub); amlnet doesn't create one.
  synapseHub: { ...t("Microsoft.Synapse/privateLinkHubs", "2021-06-01", "synapseHub", "2021-06-01/Microsoft.Synapse.json"), privateLink: { zones: SYNAPSE_HUB_ZONES } },
  synapseFirewallRule: t("Microsoft.Synapse/workspaces/firewallRules", "2021-06-01", "synapseFirewall", "2021-06-01/Microsoft.Synapse.json"),
  synapseMpe: t("Microsoft.Synapse/workspaces/managedVirtualNetworks/managedPrivateEndpoints", "2021-06-01", "managedPrivateEndpoints", undefined, "data-plane"),
  dataFactory: { ...t("Microsoft.DataFactory/factories", "2018-06-01", "adf", ADF), label: "Data Factory", azurerm: ["azurerm_data_factory"] },
  dataFactoryVnet: t("Microsoft.DataFactory/factories/managedVirtualNetworks", "2018-06-01", "adfVnet", ADF),
  // "Azure Data Factory managed virtual network": activities use the managed VNet (and its private
  // endpoints) only when they run on an Azure integration runtime created in it.
  dataFactoryIr: { ...t("Microsoft.DataFactory/factories/integrationRuntimes", "2018-06-01", "adfRuntime", ADF), azurerm: ["azurerm_data_factory_integration_runtime_azure"] },
  dataFactoryMpe: { ...t("Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints", "2018-06-01", "adfEndpoint", ADF), azurerm: ["azurerm_data_factory_managed_private_endpoint"] },
  aksExtension: {
    ...t("Microsoft.KubernetesConfiguration/extensions", "2024-11-01", "extension", "2024-11-01/Microsoft.KubernetesConfiguration.json"),
    propertiesDefinition: "ExtensionProperties",
    azurerm: ["azurerm_kubernetes_cluster_extension"],
  },
  linkScope: { ...t("Microsoft.Insights/privateLinkScopes", "2023-06-01-preview", "ampls", AMPLS), privateLink: { zones: MONITOR_ZONES }, azurerm: ["azurerm_monitor_private_link_scope"] },
  linkScoped: { ...t("Microsoft.Insights/privateLinkScopes/scopedResources", "2023-06-01-preview", "scoped", AMPLS), azurerm: ["azurerm_monitor_private_link_scoped_service"] },
} as const satisfies Record<string, AzureType>;

type TypeKey = keyof typeof TYPES;

/** ARM type names by key (`T.vnet` is `Microsoft.Network/virtualNetworks`). */
export const T = Object.fromEntries(Object.entries(TYPES).map(([k, v]) => [k, v.type])) as { readonly [K in TypeKey]: (typeof TYPES)[K]["type"] };

const BY_TYPE: ReadonlyMap<string, AzureType> = new Map(Object.values(TYPES).map((v) => [v.type.toLowerCase(), v]));
// The two spellings nearly every input uses (the registry's, and Resource Graph's lower case),
// found without lower-casing: types are looked up for each of an estate's hundred thousand resources.
const BY_SPELLING: ReadonlyMap<string, AzureType> = new Map(Object.values(TYPES).flatMap((v) => [[v.type, v] as const, [v.type.toLowerCase(), v] as const]));
const entryOf = (type: string): AzureType | undefined => BY_SPELLING.get(type) ?? BY_TYPE.get(type.toLowerCase());

/** The registry entry of an ARM type; throws for a type amlnet does not know (a programming error). */
export function azureType(type: string): AzureType {
  const entry = entryOf(type);
  if (!entry) throw new Error(`${type} is not in the Azure type registry (core/registry.ts)`);
  return entry;
}

/** The API version (and schema) a resource is written with: its type's, or the preview one its properties need. */
export function versionFor(r: { readonly type: string; readonly properties: object }): { readonly apiVersion: string; readonly schema?: string } {
  const t = azureType(r.type);
  if (t.preview && t.preview.properties.some((p) => p in r.properties)) return t.preview;
  return t;
}

/** The registry entry of an ARM type, or undefined for a type amlnet doesn't model. */
export function typeFacts(type: string): AzureType | undefined {
  return entryOf(type);
}

/** Every entry of the registry. */
export function registeredTypes(): readonly AzureType[] {
  return [...BY_TYPE.values()];
}

/** The shape of the properties analyses compute with, for a type amlnet knows (case-insensitive). */
export function shapeOf(type: string): readonly ShapeField[] | undefined {
  return typeFacts(type)?.shape;
}

const BY_AZURERM: ReadonlyMap<string, string> = new Map(Object.values(TYPES).flatMap((v) => ("azurerm" in v ? (v.azurerm ?? []) : []).map((a) => [a, v.type] as const)));

/** The ARM type an azurerm resource type stands for (the Terraform reader reads it as that). */
export function azurermArmType(azurerm: string): string | undefined {
  return BY_AZURERM.get(azurerm);
}

/** Whether amlnet knows an ARM type (imported templates may hold others). */
export function isKnownType(type: string): boolean {
  return entryOf(type) !== undefined;
}

/** A type as the registry spells it (Resource Graph writes them in lower case); others as given. */
export function azureTypeName(type: string): string {
  return entryOf(type)?.type ?? type;
}
