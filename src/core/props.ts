// Typed views of the ARM properties analyses and back ends read, one interface a type. Every
// field is optional: an imported template may leave any of them out, so a read is always safe
// and the compiler makes the reader say what happens when a value is missing. `props.subnet(r)`
// gives a subnet's properties (or `{}` when there is no resource); nothing else in amlnet reads
// `resource.properties.<field>` directly (a test holds everyone to it).
import type { Resource } from "./types.ts";

export interface Ref {
  readonly id: string;
}

type View<P> = Readonly<Partial<P>>;

export interface VnetProps {
  addressSpace: { readonly addressPrefixes?: readonly string[] };
  dhcpOptions: { readonly dnsServers?: readonly string[] };
}

export interface SubnetProps {
  addressPrefix: string;
  addressPrefixes: readonly string[];
  delegations: readonly { readonly name: string; readonly properties: { readonly serviceName: string } }[];
  networkSecurityGroup: Ref;
  routeTable: Ref;
  natGateway: Ref;
  serviceEndpoints: readonly { readonly service: string }[];
  privateEndpointNetworkPolicies: string;
  defaultOutboundAccess: boolean;
}

export interface RouteProps {
  readonly addressPrefix: string;
  readonly nextHopType: string;
  readonly nextHopIpAddress?: string;
}

export interface RouteTableProps {
  disableBgpRoutePropagation: boolean;
  routes: readonly { readonly name: string; readonly properties: RouteProps }[];
}

export interface SecurityRuleProps {
  readonly priority: number;
  readonly direction: string;
  readonly access: "Allow" | "Deny";
  readonly protocol?: string;
  readonly [field: string]: unknown;
}

export interface NsgProps {
  securityRules: readonly { readonly name: string; readonly properties: SecurityRuleProps }[];
}

export interface PeeringProps {
  remoteVirtualNetwork: Ref;
  allowVirtualNetworkAccess: boolean;
  allowForwardedTraffic: boolean;
  useRemoteGateways: boolean;
  allowGatewayTransit: boolean;
}

export interface IpConfiguration {
  readonly name?: string;
  readonly properties?: {
    readonly subnet?: Ref;
    readonly publicIPAddress?: Ref;
    readonly applicationSecurityGroups?: readonly Ref[];
    readonly privateIPAddress?: string;
    readonly privateIPAllocationMethod?: string;
  };
}

export interface PublicIpProps {
  publicIPAllocationMethod: string;
}

export interface NatGatewayProps {
  publicIpAddresses: readonly Ref[];
}

/** Gateways, firewalls and Bastion hosts: where they sit. */
export interface ApplianceProps {
  ipConfigurations: readonly IpConfiguration[];
}

export interface FirewallRuleCollection {
  readonly name: string;
  readonly properties: { readonly priority: number; readonly action: { readonly type: string }; readonly rules: readonly Record<string, unknown>[] };
}

export interface FirewallProps extends ApplianceProps {
  additionalProperties: Readonly<Record<string, string>>;
  networkRuleCollections: readonly FirewallRuleCollection[];
  applicationRuleCollections: readonly FirewallRuleCollection[];
  /** A Firewall Policy holding the rules instead of (or besides) classic collections. */
  firewallPolicy: Ref;
}

/** A Firewall Policy: the policy it inherits rules from. */
export interface FirewallPolicyProps {
  basePolicy: Ref;
  /** DNS proxy set on the policy (a policy-managed firewall's DNS settings live here). */
  dnsSettings: { readonly enableProxy?: boolean; readonly servers?: readonly string[] };
}

/** A Firewall Policy's rule collection group: its priority and its rule collections. */
export interface RuleCollectionGroupProps {
  priority: number;
  ruleCollections: readonly {
    readonly name?: string;
    readonly priority?: number;
    readonly ruleCollectionType?: string;
    readonly action?: { readonly type?: string };
    readonly rules?: readonly (Record<string, unknown> & { readonly name?: string; readonly ruleType?: string })[];
  }[];
}

/** A site-to-site connection: the VNet gateway and the on-premises (local) gateway it joins. */
export interface ConnectionProps {
  virtualNetworkGateway1: Ref;
  localNetworkGateway2: Ref;
}

export interface LocalGatewayProps {
  localNetworkAddressSpace: { readonly addressPrefixes?: readonly string[] };
}

export interface NicProps {
  ipConfigurations: readonly IpConfiguration[];
  networkSecurityGroup: Ref;
}

export interface PrivateLinkConnection {
  readonly name: string;
  readonly properties: {
    readonly privateLinkServiceId?: string;
    readonly groupIds?: readonly string[];
    readonly requestMessage?: string;
    readonly privateLinkServiceConnectionState?: { readonly status?: string };
  };
}

export interface PrivateEndpointProps {
  subnet: Ref;
  customNetworkInterfaceName: string;
  applicationSecurityGroups: readonly Ref[];
  privateLinkServiceConnections: readonly PrivateLinkConnection[];
  manualPrivateLinkServiceConnections: readonly PrivateLinkConnection[];
}

/** DNS resolvers and forwarding-ruleset or zone links: the VNet they belong to. */
export interface VnetBoundProps {
  virtualNetwork: Ref;
  registrationEnabled: boolean;
  resolutionPolicy: string;
}

export interface ZoneGroupProps {
  privateDnsZoneConfigs: readonly { readonly name?: string; readonly properties?: { readonly privateDnsZoneId?: string } }[];
}

export interface InboundEndpointProps {
  ipConfigurations: readonly { readonly privateIpAddress?: string; readonly subnet?: Ref }[];
}

export interface ForwardingRuleProps {
  domainName: string;
  targetDnsServers: readonly { readonly ipAddress: string; readonly port?: number }[];
}

export interface OutboundRule {
  readonly type: string;
  readonly destination: unknown;
  readonly category?: string;
}

/** A Data Factory integration runtime: Managed (Azure) ones may run in the factory's managed VNet. */
export interface IntegrationRuntimeProps {
  type: string;
  managedVirtualNetwork: { readonly type?: string; readonly referenceName?: string };
  typeProperties: { readonly computeProperties?: { readonly location?: string } };
}

/** A hub's connection: its target (a URL or an ARM id) and metadata (ResourceId, ApiType, ...). */
export interface HubConnectionProps {
  category: string;
  target: string;
  metadata: Readonly<Record<string, unknown>>;
}

export interface WorkspaceProps {
  /** A project's hub (kind Project): the hub's endpoints, access and resources serve it. */
  hubResourceId: string;
  storageAccount: string;
  keyVault: string;
  containerRegistry: string;
  imageBuildCompute: string;
  publicNetworkAccess: string;
  provisionNetworkNow: boolean;
  systemDatastoresAuthMode: string;
  primaryUserAssignedIdentity: string;
  friendlyName: string;
  applicationInsights: string;
  hbiWorkspace: boolean;
  networkAcls: NetworkAcls;
  serverlessComputeSettings: { readonly serverlessComputeCustomSubnet?: string; readonly serverlessComputeNoPublicIP?: boolean };
  managedNetwork: {
    readonly isolationMode?: string;
    readonly outboundRules?: Readonly<Record<string, OutboundRule>>;
    readonly firewallSku?: string;
  };
}

export interface NetworkAcls {
  readonly defaultAction?: string;
  readonly bypass?: string;
  readonly ipRules?: readonly { readonly value: string }[];
  readonly virtualNetworkRules?: readonly Ref[];
  readonly resourceAccessRules?: readonly { readonly resourceId?: string; readonly tenantId?: string }[];
}

/** Storage, Key Vault, AI services: the public switch and the service firewall. */
export interface GatedProps {
  publicNetworkAccess: string;
  networkAcls: NetworkAcls;
  customSubDomainName: string;
}

export interface StorageProps extends GatedProps {
  allowBlobPublicAccess: boolean;
  allowSharedKeyAccess: boolean;
  minimumTlsVersion: string;
  supportsHttpsTrafficOnly: boolean;
  isHnsEnabled: boolean;
}

export interface KeyVaultProps extends GatedProps {
  enablePurgeProtection: boolean;
  enableRbacAuthorization: boolean;
  sku: { readonly name?: string };
}

export interface LogAnalyticsProps {
  publicNetworkAccessForIngestion: string;
  publicNetworkAccessForQuery: string;
  retentionInDays: number;
  sku: { readonly name?: string };
}

export interface AppInsightsProps {
  Application_Type: string;
  WorkspaceResourceId: string;
  publicNetworkAccessForIngestion: string;
  publicNetworkAccessForQuery: string;
}

export interface RegistryProps {
  publicNetworkAccess: string;
  /** Premium only: the firewall (defaultAction Deny puts the registry behind the VNet). */
  networkRuleSet: { readonly defaultAction?: string; readonly ipRules?: readonly { readonly value?: string }[] };
  networkRuleBypassOptions: string;
  adminUserEnabled: boolean;
  dataEndpointEnabled: boolean;
}

export interface AksProps {
  agentPoolProfiles: readonly { readonly vnetSubnetID?: string }[];
  apiServerAccessProfile: { readonly enablePrivateCluster?: boolean; readonly enablePrivateClusterPublicFQDN?: boolean };
  networkProfile: { readonly outboundType?: string };
}

export interface ComputeProps {
  computeType: string;
  computeLocation: string;
  resourceId: string;
  properties: {
    readonly subnet?: Ref;
    readonly enableNodePublicIp?: boolean;
    readonly scaleSettings?: { readonly maxNodeCount?: number };
    readonly namespace?: string;
    /** An AKS compute's TLS for scoring (v1 AKS computes); null or Disabled: plain HTTP. */
    readonly sslConfiguration?: { readonly status?: string } | null;
    readonly [field: string]: unknown;
  };
}

export interface OnlineEndpointProps {
  publicNetworkAccess: string;
}

export interface SynapseProps {
  managedVirtualNetwork: string;
  managedVirtualNetworkSettings: { readonly preventDataExfiltration?: boolean };
  publicNetworkAccess: string;
}

export interface SynapseFirewallRuleProps {
  startIpAddress: string;
  endIpAddress: string;
}

export interface ManagedPrivateEndpointProps {
  privateLinkResourceId: string;
  groupId: string;
}

export interface ScopedResourceProps {
  linkedResourceId: string;
}

export interface AksExtensionProps {
  extensionType: string;
  autoUpgradeMinorVersion: boolean;
  configurationSettings: Readonly<Record<string, string>>;
  /** Values that are secrets (TLS certificate and key). */
  configurationProtectedSettings: Readonly<Record<string, unknown>>;
}

export interface ARecordProps {
  aRecords: readonly { readonly ipv4Address?: string }[];
  ttl: number;
}

export interface LinkScopeProps {
  accessModeSettings: { readonly ingestionAccessMode?: string; readonly queryAccessMode?: string };
}

export interface RoleAssignmentProps {
  principalId: string;
  roleDefinitionId: string;
  description: string;
  principalType: string;
}

export interface RoleDefinitionProps {
  roleName: string;
  description: string;
  type: string;
  permissions: readonly { readonly actions?: readonly string[]; readonly notActions?: readonly string[] }[];
  assignableScopes: readonly string[];
}

export interface VmProps {
  networkProfile: { readonly networkInterfaces?: readonly Ref[] };
  hardwareProfile: { readonly vmSize?: string };
  osProfile: {
    readonly computerName?: string;
    readonly adminUsername?: string;
    readonly adminPassword?: unknown;
    readonly windowsConfiguration?: { readonly enableAutomaticUpdates?: boolean };
  };
  storageProfile: {
    readonly imageReference?: Readonly<Record<string, string>>;
    readonly osDisk?: { readonly managedDisk?: { readonly storageAccountType?: string } };
  };
  securityProfile: { readonly uefiSettings?: { readonly secureBootEnabled?: boolean; readonly vTpmEnabled?: boolean } };
}

/** How a view hands out a resource's properties: as they are, or through an analysis's recording view. */
export type Watch = <T extends object>(r: Resource, value: T) => T;

/**
 * Typed properties by the kind of resource; each takes `undefined` and gives `{}` then. An
 * analysis makes its own (core/analysis.ts), recording unknown reads; back ends and front ends,
 * which judge nothing, use `props`.
 */
export function makeProps(watch: Watch | undefined) {
  const view =
    <P>() =>
    (r: Resource | undefined): View<P> =>
      (r ? (watch ? watch(r, r.properties ?? {}) : (r.properties ?? {})) : {}) as View<P>;
  return Object.freeze({
    vnet: view<VnetProps>(),
    subnet: view<SubnetProps>(),
    routeTable: view<RouteTableProps>(),
    nsg: view<NsgProps>(),
    peering: view<PeeringProps>(),
    appliance: view<ApplianceProps>(),
    connection: view<ConnectionProps>(),
    localGateway: view<LocalGatewayProps>(),
    firewall: view<FirewallProps>(),
    firewallPolicy: view<FirewallPolicyProps>(),
    ruleCollectionGroup: view<RuleCollectionGroupProps>(),
    nic: view<NicProps>(),
    pe: view<PrivateEndpointProps>(),
    zoneGroup: view<ZoneGroupProps>(),
    vnetBound: view<VnetBoundProps>(),
    inboundEndpoint: view<InboundEndpointProps>(),
    forwardingRule: view<ForwardingRuleProps>(),
    workspace: view<WorkspaceProps>(),
    hubConnection: view<HubConnectionProps>(),
    integrationRuntime: view<IntegrationRuntimeProps>(),
    gated: view<GatedProps>(),
    storage: view<StorageProps>(),
    keyVault: view<KeyVaultProps>(),
    acr: view<RegistryProps>(),
    logAnalytics: view<LogAnalyticsProps>(),
    appInsights: view<AppInsightsProps>(),
    publicIp: view<PublicIpProps>(),
    natGateway: view<NatGatewayProps>(),
    scopedResource: view<ScopedResourceProps>(),
    aksExtension: view<AksExtensionProps>(),
    registry: view<RegistryProps>(),
    aks: view<AksProps>(),
    compute: view<ComputeProps>(),
    onlineEndpoint: view<OnlineEndpointProps>(),
    synapse: view<SynapseProps>(),
    synapseFirewallRule: view<SynapseFirewallRuleProps>(),
    managedPrivateEndpoint: view<ManagedPrivateEndpointProps>(),
    linkScope: view<LinkScopeProps>(),
    aRecord: view<ARecordProps>(),
    roleAssignment: view<RoleAssignmentProps>(),
    roleDefinition: view<RoleDefinitionProps>(),
    vm: view<VmProps>(),
  });
}

export type Props = ReturnType<typeof makeProps>;

/** The plain views: properties as written, for code that judges nothing (front ends, back ends). */
export const props: Props = makeProps(undefined);
