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
  | "refObject";

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

export const AZURERM_ARGUMENTS: Readonly<Record<string, readonly ArgumentMapping[]>> = {
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
  const out: [string, V | unknown][] = [];
  for (const m of AZURERM_ARGUMENTS[tfType] ?? []) {
    const value = get(body, m.path) ?? m.written;
    if (value === undefined) continue;
    const as = m.as ?? "value";
    if (as === "enabled") out.push([m.argument, value === "Enabled"]);
    else if (as === "ref") out.push([m.argument, ref(String(value))]);
    else if (as === "refObject") {
      const id = (value as { id?: unknown }).id;
      if (typeof id === "string") out.push([m.argument, ref(id)]);
    } else out.push([m.argument, value]);
  }
  return out;
}

/**
 * The ARM body parts a configuration's arguments give (`{ properties: {...}, sku: {...}, kind }`);
 * `isUnknown` keeps a value the configuration can't know as it is, for the analyses to name.
 */
export function bodyOfArguments(tfType: string, args: Readonly<Record<string, unknown>>, isUnknown: (v: unknown) => boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of AZURERM_ARGUMENTS[tfType] ?? []) {
    const given = [m.argument, ...(m.aliases ?? [])].map((a) => args[a]).find((v) => v !== undefined && v !== null);
    let value: unknown;
    if (given === undefined) value = m.read;
    else if (isUnknown(given)) value = given;
    else if (m.as === "enabled") value = given === true ? "Enabled" : given === false ? "Disabled" : given;
    else if (m.as === "refObject") value = { id: given };
    else value = given;
    if (value === undefined) continue;
    let at = out;
    for (const k of m.path.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
    at[m.path[m.path.length - 1]] = value;
  }
  return out;
}
