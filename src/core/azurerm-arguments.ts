// The azurerm arguments that stand for one ARM property each, read both ways from this one table:
// the Terraform back end writes them from the model, the Terraform reader writes the model from
// them ("Terraform Registry: hashicorp/azurerm" resource pages name the arguments; the ARM
// template reference pages name the properties). Blocks, associations and anything with a shape
// of its own stay code on each side; a scalar that is here is never mapped twice.

/** How an argument's value becomes the property's and back. */
export type Conversion =
  /** The same value. */
  | "value"
  /** azurerm's boolean, ARM's "Enabled" / "Disabled". */
  | "enabled"
  /** A resource id, the same string (a reference in Terraform). */
  | "ref"
  /** A resource id in Terraform, `{ id }` in ARM. */
  | "refObject"
  /** A list of resource ids in Terraform, `[{ id }]` in ARM (left out when empty). */
  | "refObjects";

export interface ArgumentMapping {
  readonly argument: string;
  /** Where the property sits in the ARM body: `properties.x`, or top-level like `sku.name`, `kind`. */
  readonly path: readonly string[];
  readonly as?: Conversion;
  /** What the back end writes when the model leaves the property out (the value the model means). */
  readonly written?: unknown;
  /** What the property is when the configuration leaves the argument out (the provider's default). */
  readonly read?: unknown;
  /** Older names of the argument a configuration may still use (azurerm 3.x). */
  readonly aliases?: readonly string[];
}

const p = (...path: string[]) => ["properties", ...path];
const publicAccess: Readonly<ArgumentMapping> = Object.freeze({ argument: "public_network_access_enabled", path: p("publicNetworkAccess"), as: "enabled", read: "Enabled" });

/** An NSG rule's properties: the same arguments in a `security_rule` block and in an azurerm_network_security_rule. */
const SECURITY_RULE: readonly ArgumentMapping[] = [
  { argument: "priority", path: p("priority") },
  { argument: "direction", path: p("direction") },
  { argument: "access", path: p("access") },
  { argument: "protocol", path: p("protocol") },
  { argument: "description", path: p("description") },
  { argument: "source_address_prefix", path: p("sourceAddressPrefix") },
  { argument: "source_application_security_group_ids", path: p("sourceApplicationSecurityGroups"), as: "refObjects" },
  { argument: "source_address_prefixes", path: p("sourceAddressPrefixes") },
  { argument: "source_port_range", path: p("sourcePortRange") },
  { argument: "source_port_ranges", path: p("sourcePortRanges") },
  { argument: "destination_address_prefix", path: p("destinationAddressPrefix") },
  { argument: "destination_application_security_group_ids", path: p("destinationApplicationSecurityGroups"), as: "refObjects" },
  { argument: "destination_address_prefixes", path: p("destinationAddressPrefixes") },
  { argument: "destination_port_range", path: p("destinationPortRange") },
  { argument: "destination_port_ranges", path: p("destinationPortRanges") },
];

/** A route's properties: the same arguments in a `route` block and in an azurerm_route. */
const ROUTE: readonly ArgumentMapping[] = [
  { argument: "address_prefix", path: p("addressPrefix") },
  { argument: "next_hop_type", path: p("nextHopType") },
  { argument: "next_hop_in_ip_address", path: p("nextHopIpAddress") },
];

const NAME: ArgumentMapping = Object.freeze({ argument: "name", path: ["name"] });

/** A block of arguments standing for the items of one ARM list property. */
export interface BlockMapping {
  readonly block: string;
  readonly path: readonly string[];
  readonly item: readonly ArgumentMapping[];
}

export const AZURERM_BLOCKS: Readonly<Record<string, readonly BlockMapping[]>> = {
  azurerm_network_security_group: [{ block: "security_rule", path: p("securityRules"), item: [NAME, ...SECURITY_RULE] }],
  azurerm_route_table: [{ block: "route", path: p("routes"), item: [NAME, ...ROUTE] }],
};

export const AZURERM_ARGUMENTS: Readonly<Record<string, readonly ArgumentMapping[]>> = {
  azurerm_network_security_rule: SECURITY_RULE,
  azurerm_route: ROUTE,
  azurerm_virtual_network: [
    { argument: "address_space", path: p("addressSpace", "addressPrefixes"), written: [] },
    { argument: "dns_servers", path: p("dhcpOptions", "dnsServers") },
  ],
  azurerm_subnet: [{ argument: "default_outbound_access_enabled", path: p("defaultOutboundAccess") }],
  azurerm_storage_account: [
    { argument: "account_kind", path: ["kind"], read: "StorageV2" },
    publicAccess,
    { argument: "allow_nested_items_to_be_public", path: p("allowBlobPublicAccess") },
    { argument: "shared_access_key_enabled", path: p("allowSharedKeyAccess") },
    { argument: "min_tls_version", path: p("minimumTlsVersion") },
    { argument: "https_traffic_only_enabled", path: p("supportsHttpsTrafficOnly"), aliases: ["enable_https_traffic_only"] },
    { argument: "is_hns_enabled", path: p("isHnsEnabled") },
  ],
  azurerm_key_vault: [
    { argument: "rbac_authorization_enabled", path: p("enableRbacAuthorization"), aliases: ["enable_rbac_authorization"] },
    { argument: "purge_protection_enabled", path: p("enablePurgeProtection") },
    publicAccess,
  ],
  azurerm_container_registry: [
    { argument: "sku", path: ["sku", "name"] },
    { argument: "admin_enabled", path: p("adminUserEnabled"), written: false },
    publicAccess,
    { argument: "network_rule_bypass_option", path: p("networkRuleBypassOptions") },
    { argument: "data_endpoint_enabled", path: p("dataEndpointEnabled") },
  ],
  azurerm_log_analytics_workspace: [
    { argument: "sku", path: p("sku", "name") },
    { argument: "retention_in_days", path: p("retentionInDays") },
    { argument: "internet_ingestion_enabled", path: p("publicNetworkAccessForIngestion"), as: "enabled", read: "Enabled" },
    { argument: "internet_query_enabled", path: p("publicNetworkAccessForQuery"), as: "enabled", read: "Enabled" },
  ],
  azurerm_application_insights: [
    { argument: "application_type", path: p("Application_Type"), written: "web" },
    { argument: "workspace_id", path: p("WorkspaceResourceId"), as: "ref" },
    { argument: "internet_ingestion_enabled", path: p("publicNetworkAccessForIngestion"), as: "enabled", read: "Enabled" },
    { argument: "internet_query_enabled", path: p("publicNetworkAccessForQuery"), as: "enabled", read: "Enabled" },
  ],
  azurerm_virtual_network_peering: [
    { argument: "remote_virtual_network_id", path: p("remoteVirtualNetwork"), as: "refObject" },
    { argument: "allow_virtual_network_access", path: p("allowVirtualNetworkAccess"), read: true },
    { argument: "allow_forwarded_traffic", path: p("allowForwardedTraffic") },
    { argument: "allow_gateway_transit", path: p("allowGatewayTransit") },
    { argument: "use_remote_gateways", path: p("useRemoteGateways") },
  ],
  azurerm_private_dns_zone_virtual_network_link: [
    { argument: "virtual_network_id", path: p("virtualNetwork"), as: "refObject" },
    { argument: "registration_enabled", path: p("registrationEnabled"), written: false, read: false },
    { argument: "resolution_policy", path: p("resolutionPolicy") },
  ],
  azurerm_public_ip: [
    { argument: "sku", path: ["sku", "name"] },
    { argument: "allocation_method", path: p("publicIPAllocationMethod"), written: "Static" },
  ],
  azurerm_nat_gateway: [{ argument: "sku_name", path: ["sku", "name"] }],
  azurerm_machine_learning_workspace: [
    { argument: "friendly_name", path: p("friendlyName") },
    { argument: "kind", path: ["kind"], read: "Default" },
    { argument: "sku_name", path: ["sku", "name"], read: "Basic" },
    { argument: "storage_account_id", path: p("storageAccount"), as: "ref" },
    { argument: "key_vault_id", path: p("keyVault"), as: "ref" },
    { argument: "container_registry_id", path: p("containerRegistry"), as: "ref" },
    { argument: "application_insights_id", path: p("applicationInsights"), as: "ref" },
    publicAccess,
    { argument: "high_business_impact", path: p("hbiWorkspace") },
    { argument: "image_build_compute_name", path: p("imageBuildCompute") },
    { argument: "primary_user_assigned_identity", path: p("primaryUserAssignedIdentity"), as: "ref" },
  ],
};

const get = (o: unknown, path: readonly string[]): unknown => path.reduce<unknown>((x, k) => (x && typeof x === "object" ? (x as Record<string, unknown>)[k] : undefined), o);

/**
 * The arguments of an ARM body (a model resource: `properties`, `sku`, `kind` at the top), in the
 * table's order; `ref` turns an id into what Terraform writes for it (a reference).
 */
export function argumentsOf<V>(tfType: string, body: unknown, ref: (id: string) => V): [string, V | unknown][] {
  return toArguments(AZURERM_ARGUMENTS[tfType] ?? [], body, ref);
}

/** The type's blocks (NSG rules, routes): per block, its arguments for each item of the list. */
export function blocksOf<V>(tfType: string, body: unknown, ref: (id: string) => V): [string, [string, V | unknown][]][] {
  return (AZURERM_BLOCKS[tfType] ?? []).flatMap((b) => {
    const items = get(body, b.path);
    return Array.isArray(items) ? items.map((x): [string, [string, V | unknown][]] => [b.block, toArguments(b.item, x, ref)]) : [];
  });
}

function toArguments<V>(mappings: readonly ArgumentMapping[], body: unknown, ref: (id: string) => V): [string, V | unknown][] {
  const out: [string, V | unknown][] = [];
  for (const m of mappings) {
    const value = get(body, m.path) ?? m.written;
    if (value === undefined) continue;
    const as = m.as ?? "value";
    if (as === "enabled") out.push([m.argument, value === "Enabled"]);
    else if (as === "ref") out.push([m.argument, ref(String(value))]);
    else if (as === "refObject") {
      const id = (value as { id?: unknown }).id;
      if (typeof id === "string") out.push([m.argument, ref(id)]);
    } else if (as === "refObjects") {
      const ids = Array.isArray(value) ? value.map((x) => (x as { id?: unknown })?.id).filter((id): id is string => typeof id === "string") : [];
      if (ids.length) out.push([m.argument, ids.map(ref)]);
    } else out.push([m.argument, value]);
  }
  return out;
}

/**
 * The ARM body parts a configuration's arguments give (`{ properties: {...}, sku: {...}, kind }`),
 * its blocks' lists included; `isUnknown` keeps a value the configuration can't know as it is, for
 * the analyses to name.
 */
export function bodyOfArguments(tfType: string, args: Readonly<Record<string, unknown>>, isUnknown: (v: unknown) => boolean): Record<string, unknown> {
  const out = fromArguments(AZURERM_ARGUMENTS[tfType] ?? [], args, isUnknown);
  for (const b of AZURERM_BLOCKS[tfType] ?? []) {
    const given = args[b.block];
    if (!Array.isArray(given)) continue;
    const items = given.filter((x): x is Record<string, unknown> => !!x && typeof x === "object" && !isUnknown(x)).map((x) => fromArguments(b.item, x, isUnknown));
    put(out, b.path, items);
  }
  return out;
}

function fromArguments(mappings: readonly ArgumentMapping[], args: Readonly<Record<string, unknown>>, isUnknown: (v: unknown) => boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of mappings) {
    const given = [m.argument, ...(m.aliases ?? [])].map((a) => args[a]).find((v) => v !== undefined && v !== null);
    let value: unknown;
    if (given === undefined) value = m.read;
    else if (isUnknown(given)) value = given;
    else if (m.as === "enabled") value = given === true ? "Enabled" : given === false ? "Disabled" : given;
    else if (m.as === "refObject") value = { id: given };
    else if (m.as === "refObjects") value = Array.isArray(given) ? given.map((id) => ({ id })) : given;
    else value = given;
    if (value !== undefined) put(out, m.path, value);
  }
  return out;
}

function put(o: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = o;
  for (const k of path.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
  at[path[path.length - 1]] = value;
}
