// azurerm and azapi resources written as the ARM bodies the model speaks (core/bodies.ts then maps
// them as it maps a template's): each azurerm type's arguments ("Terraform Registry: hashicorp/
// azurerm" resource pages) become the ARM properties the analyses read, with the ARM type the
// registry names for it. Ids are built from the arguments as Azure builds them, so a reference
// (`azurerm_subnet.pe.id`) resolves to the resource it names; a part the configuration can't tell
// (a name from random_string, a resource group from a data source) is the resource's address in
// braces, the same every time it is read.
import { isUnknown } from "../../core/types.ts";
import { T, azurermArmType } from "../../core/registry.ts";
import { DEFAULT_SUBSCRIPTION } from "../../core/ids.ts";
import { ROLES } from "../../core/knowledge/roles.ts";
import type { Body } from "../../core/bodies.ts";
import type { SourcePath } from "../../core/source.ts";
import { isList, isObject, type TfObject, type TfValue } from "./values.ts";
import { bodyOfArguments } from "../../core/azurerm-arguments.ts";

/**
 * What a data source tells that the configuration can know: the subscription the model places
 * resources in (azurerm_client_config, azurerm_subscription). Everything else it reads is unknown.
 */
export function dataValues(tfType: string, subscriptionId: string): Record<string, TfValue> {
  if (tfType === "azurerm_client_config") return { subscription_id: subscriptionId };
  if (tfType === "azurerm_subscription") return { subscription_id: subscriptionId, id: `/subscriptions/${subscriptionId}` };
  return {};
}

/**
 * The attributes Azure computes that stand for an id: a managed identity's principal id, as the
 * model writes it (the id of the resource that holds the identity; back ends turn it back into
 * that resource's principalId), so a role assignment to `azapi_resource.ws.identity[0].principal_id`
 * is the workspace's; a custom role's `role_definition_resource_id`, its ARM id.
 */
export function withComputedIds(tfType: string, values: Record<string, TfValue>, id: string | undefined): Record<string, TfValue> {
  if (!id) return values;
  if (tfType === "azurerm_user_assigned_identity") return { principal_id: id, ...values };
  if (tfType === "azurerm_role_definition") return { role_definition_resource_id: id, ...values };
  if (!isList(values.identity)) return values;
  return { ...values, identity: values.identity.map((i) => (isObject(i) && !("principal_id" in i) ? Object.assign(Object.create(Object.getPrototypeOf(i)), i, { principal_id: id }) : i)) };
}

/** The id of an azurerm or azapi resource from its arguments. */
export function idOf(tfType: string, v: TfObject, address = tfType, subscriptionId = DEFAULT_SUBSCRIPTION): string | undefined {
  const shape = ID_SHAPES[tfType];
  if (tfType === "azapi_resource") return azapiId(v, address);
  if (!shape) return undefined;
  const armType = azurermArmType(tfType) ?? shape.armType;
  if (!armType) return undefined;
  const name = (k: string) => text(v[k]) ?? `{${address}.${k}}`;
  if (tfType === "azurerm_resource_group") return `/subscriptions/${subscriptionId}/resourceGroups/${name("name")}`;
  // A custom role's id is its subscription's, named by its GUID.
  if (tfType === "azurerm_role_definition") return `/subscriptions/${subscriptionId}/providers/${T.roleDefinition}/${name("role_definition_id")}`;
  if (shape.parentId) {
    const parent = text(v[shape.parentId]) ?? `{${address}.${shape.parentId}}`;
    // A factory's managed private endpoints live in its managed VNet, which azurerm calls default.
    const via = tfType === "azurerm_data_factory_managed_private_endpoint" ? "/managedVirtualNetworks/default" : "";
    return `${parent}${via}/${armType.split("/").pop()}/${name("name")}`;
  }
  const rg = name("resource_group_name");
  const [namespace, ...types] = armType.split("/");
  const names = [...(shape.parents ?? []).map(name), name("name")];
  return `/subscriptions/${subscriptionId}/resourceGroups/${rg}/providers/${namespace}/${types.map((t, i) => `${t}/${names[i]}`).join("/")}`;
}

interface IdShape {
  /** Arguments naming the parents, outermost first (a subnet's virtual_network_name). */
  readonly parents?: readonly string[];
  /** The argument holding the parent's id (a compute's machine_learning_workspace_id). */
  readonly parentId?: string;
  /** The ARM type when the registry doesn't name this azurerm type (children the back end writes inside their parent). */
  readonly armType?: string;
}

const ID_SHAPES: Readonly<Record<string, IdShape>> = {
  azurerm_resource_group: { armType: "Microsoft.Resources/resourceGroups" },
  azurerm_role_definition: {},
  azurerm_virtual_network: {},
  azurerm_subnet: { parents: ["virtual_network_name"] },
  azurerm_virtual_network_peering: { parents: ["virtual_network_name"] },
  azurerm_network_security_group: {},
  azurerm_network_security_rule: { parents: ["network_security_group_name"], armType: "Microsoft.Network/networkSecurityGroups/securityRules" },
  azurerm_route_table: {},
  azurerm_route: { parents: ["route_table_name"], armType: "Microsoft.Network/routeTables/routes" },
  azurerm_application_security_group: {},
  azurerm_nat_gateway: {},
  azurerm_public_ip: {},
  azurerm_network_interface: {},
  azurerm_bastion_host: {},
  azurerm_private_endpoint: {},
  azurerm_private_dns_zone: {},
  azurerm_private_dns_zone_virtual_network_link: { parents: ["private_dns_zone_name"] },
  azurerm_private_dns_a_record: { parents: ["zone_name"], armType: "Microsoft.Network/privateDnsZones/A" },
  azurerm_storage_account: {},
  azurerm_key_vault: {},
  azurerm_container_registry: {},
  azurerm_application_insights: {},
  azurerm_log_analytics_workspace: {},
  azurerm_user_assigned_identity: {},
  azurerm_machine_learning_workspace: {},
  azurerm_machine_learning_compute_cluster: { parentId: "machine_learning_workspace_id", armType: "Microsoft.MachineLearningServices/workspaces/computes" },
  azurerm_machine_learning_compute_instance: { parentId: "machine_learning_workspace_id", armType: "Microsoft.MachineLearningServices/workspaces/computes" },
  azurerm_windows_virtual_machine: {},
  azurerm_linux_virtual_machine: {},
  azurerm_firewall: { armType: "Microsoft.Network/azureFirewalls" },
  azurerm_firewall_policy: { armType: "Microsoft.Network/firewallPolicies" },
  // Azure DNS Private Resolver: the resolver, its endpoints, forwarding rulesets, rules and links.
  azurerm_private_dns_resolver: { armType: "Microsoft.Network/dnsResolvers" },
  azurerm_private_dns_resolver_inbound_endpoint: { parentId: "private_dns_resolver_id", armType: "Microsoft.Network/dnsResolvers/inboundEndpoints" },
  azurerm_private_dns_resolver_outbound_endpoint: { parentId: "private_dns_resolver_id", armType: "Microsoft.Network/dnsResolvers/outboundEndpoints" },
  azurerm_private_dns_resolver_dns_forwarding_ruleset: { armType: "Microsoft.Network/dnsForwardingRulesets" },
  azurerm_private_dns_resolver_forwarding_rule: { parentId: "dns_forwarding_ruleset_id", armType: "Microsoft.Network/dnsForwardingRulesets/forwardingRules" },
  azurerm_private_dns_resolver_virtual_network_link: { parentId: "dns_forwarding_ruleset_id", armType: "Microsoft.Network/dnsForwardingRulesets/virtualNetworkLinks" },
  azurerm_firewall_policy_rule_collection_group: { parentId: "firewall_policy_id", armType: "Microsoft.Network/firewallPolicies/ruleCollectionGroups" },
  azurerm_virtual_network_gateway: { armType: "Microsoft.Network/virtualNetworkGateways" },
  azurerm_monitor_private_link_scope: {},
  azurerm_cognitive_account: { armType: "Microsoft.CognitiveServices/accounts" },
  azurerm_data_factory: {},
  azurerm_data_factory_integration_runtime_azure: { parentId: "data_factory_id" },
  azurerm_data_factory_managed_private_endpoint: { parentId: "data_factory_id", armType: "Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints" },
  azurerm_monitor_private_link_scoped_service: { parents: ["scope_name"] },
};

function azapiId(v: TfObject, address: string): string | undefined {
  const type = text(v.type)?.split("@")[0];
  if (!type) return undefined;
  const name = text(v.name) ?? `{${address}.name}`;
  const parent = text(v.parent_id) ?? `{${address}.parent_id}`;
  const last = type.split("/").pop()!;
  // A top-level type sits under a resource group id; a child under its parent's id.
  return type.split("/").length > 2 ? `${parent}/${last}/${name}` : `${parent}/providers/${type}/${name}`;
}

const text = (v: TfValue | undefined): string | undefined => (typeof v === "string" ? v : undefined);
const bool = (v: TfValue | undefined): boolean | undefined => (typeof v === "boolean" ? v : undefined);
const strings = (v: TfValue | undefined): string[] | undefined => (isList(v) ? v.filter((x): x is string => typeof x === "string") : undefined);
/** Ids in a list, unknown ones kept (what rests on them is then said to be unknown, not absent). */
const ids = (v: TfValue | undefined): unknown[] => (isList(v) ? v.filter((x) => typeof x === "string" || isUnknown(x)) : isUnknown(v) ? [v] : []);
const blocks = (v: TfValue | undefined): TfObject[] => (isList(v) ? v.filter(isObject) : []);
const first = (v: TfValue | undefined): TfObject | undefined => blocks(v)[0];
/** An unknown stays unknown in the body (the analyses say what rests on it); undefined leaves it out. */
const keep = (v: TfValue | undefined): unknown => (v === undefined || v === null ? undefined : v);
const enabled = (v: TfValue | undefined, byDefault: boolean): unknown => (isUnknown(v) ? v : (bool(v) ?? byDefault) ? "Enabled" : "Disabled");
const ref = (id: TfValue | undefined): { id: unknown } | undefined => (id === undefined || id === null ? undefined : { id });
const clean = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));

/** A Firewall Policy rule collection block as ARM writes it (FirewallPolicyFilterRuleCollection). */
function policyCollection(c: TfObject, ruleType: "NetworkRule" | "ApplicationRule"): Record<string, unknown> {
  return clean({
    name: text(c.name),
    priority: keep(c.priority),
    ruleCollectionType: "FirewallPolicyFilterRuleCollection",
    action: { type: keep(c.action) },
    rules: blocks(c.rule).map((r) =>
      clean({
        name: text(r.name),
        ruleType,
        sourceAddresses: keep(r.source_addresses),
        ...(ruleType === "NetworkRule"
          ? { ipProtocols: keep(r.protocols), destinationAddresses: keep(r.destination_addresses), destinationFqdns: keep(r.destination_fqdns), destinationPorts: keep(r.destination_ports) }
          : { targetFqdns: keep(r.destination_fqdns), fqdnTags: keep(r.destination_fqdn_tags), protocols: blocks(r.protocols).map((x) => clean({ protocolType: keep(x.type), port: keep(x.port) })) }),
      }),
    ),
  });
}

/** What an instance adds to another resource's properties (an association, an update, a child kept in its parent). */
export interface Patch {
  readonly id: string;
  readonly apply: (properties: Record<string, unknown>) => Record<string, unknown>;
}

/** A patch that sets properties of the resource `id` names. */
const set = (id: TfValue | undefined, values: Record<string, unknown>): Written => (typeof id === "string" ? { bodies: [], patches: [{ id, apply: (p) => ({ ...p, ...values }) }] } : NOTHING);

/** Merges `extra` into `base`, objects key by key (an update's body over the resource's). */
function deepMerge(base: unknown, extra: unknown): unknown {
  if (!extra || typeof extra !== "object" || Array.isArray(extra) || isUnknown(extra as TfValue)) return extra;
  if (!base || typeof base !== "object" || Array.isArray(base)) return extra;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(extra)) out[k] = deepMerge(out[k], v);
  return out;
}

/** A managed network outbound rule joining its workspace's managedNetwork.outboundRules. */
const outboundRule = (workspaceId: TfValue | undefined, name: string, rule: Record<string, unknown>): Written =>
  typeof workspaceId === "string"
    ? {
        bodies: [],
        patches: [
          {
            id: workspaceId,
            apply: (p) => {
              const mn = (p.managedNetwork as Record<string, unknown> | undefined) ?? {};
              return { ...p, managedNetwork: { ...mn, outboundRules: { ...((mn.outboundRules as Record<string, unknown> | undefined) ?? {}), [name]: rule } } };
            },
          },
        ],
      }
    : NOTHING;

/** An instance written as an ARM body, and what it adds to others (an association's subnet property). */
export interface Written {
  readonly bodies: readonly Body[];
  /** Properties to set on another resource, by id (associations). */
  readonly patches: readonly Patch[];
}

const NOTHING: Readonly<Written> = Object.freeze({ bodies: [], patches: [] });

/** The ARM bodies of one azurerm or azapi instance; undefined for a type amlnet doesn't read. */
export function written(tfType: string, v: TfObject, address: string, source: SourcePath, subscriptionId: string): Written | undefined {
  const id = idOf(tfType, v, address, subscriptionId);
  const body = (armType: string, properties: Record<string, unknown>, extra: Record<string, unknown> = {}): Body => ({
    id: id!,
    type: armType,
    name: nameFromId(id!, armType),
    body: clean({ location: text(v.location), properties: clean(properties), tags: isObject(v.tags) ? v.tags : undefined, ...extra }),
    existing: false,
    source,
  });
  const one = (b: Body): Written => ({ bodies: [b], patches: [] });
  // The arguments the shared table maps one-to-one, under what this type writes by hand.
  const shared = (b: Body): Body => ({ ...b, body: deepMerge(bodyOfArguments(tfType, v, (x) => isUnknown(x as TfValue)), b.body) as Body["body"] });
  const acls = (n: TfObject | undefined) =>
    n && clean({ defaultAction: keep(n.default_action), bypass: isList(n.bypass) ? (n.bypass as TfValue[]).join(", ") : keep(n.bypass), ipRules: strings(n.ip_rules)?.map((value) => ({ value })), virtualNetworkRules: strings(n.virtual_network_subnet_ids)?.map((x) => ({ id: x })) });
  const identity = (i: TfObject | undefined) => i && clean({ type: keep(i.type), userAssignedIdentities: strings(i.identity_ids) ? Object.fromEntries(strings(i.identity_ids)!.map((x) => [x, {}])) : undefined });

  switch (tfType) {
    case "azurerm_virtual_network":
      return one(
        shared(
          body(T.vnet, {
            subnets: isList(v.subnet) ? blocks(v.subnet).map((s) => ({ name: text(s.name), properties: clean({ addressPrefixes: keep(s.address_prefixes), addressPrefix: keep(s.address_prefix), networkSecurityGroup: ref(s.security_group) }) })) : undefined,
          }),
        ),
      );
    case "azurerm_subnet": {
      // azurerm 3.x: enforce_private_link_endpoint_network_policies = true *disables* the policies.
      const legacy = bool(v.enforce_private_link_endpoint_network_policies);
      const policies = text(v.private_endpoint_network_policies) ?? (bool(v.private_endpoint_network_policies_enabled) !== undefined ? (v.private_endpoint_network_policies_enabled ? "Enabled" : "Disabled") : legacy !== undefined ? (legacy ? "Disabled" : "Enabled") : undefined);
      const prefixes = strings(v.address_prefixes);
      return one(
        shared(
          body(T.subnet, {
            ...(prefixes && prefixes.length === 1 ? { addressPrefix: prefixes[0] } : { addressPrefixes: keep(v.address_prefixes) }),
            privateEndpointNetworkPolicies: policies,
            serviceEndpoints: strings(v.service_endpoints)?.map((service) => ({ service })),
            delegations: blocks(v.delegation).map((d) => ({ name: text(d.name), properties: { serviceName: text(first(d.service_delegation)?.name) } })),
          }),
        ),
      );
    }
    case "azurerm_subnet_network_security_group_association":
      return set(v.subnet_id, { networkSecurityGroup: ref(v.network_security_group_id) });
    case "azurerm_subnet_route_table_association":
      return set(v.subnet_id, { routeTable: ref(v.route_table_id) });
    case "azurerm_nat_gateway_public_ip_association":
      return set(v.nat_gateway_id, { publicIpAddresses: [ref(v.public_ip_address_id)] });
    case "azurerm_subnet_nat_gateway_association":
      return set(v.subnet_id, { natGateway: ref(v.nat_gateway_id) });
    case "azurerm_network_interface_security_group_association":
      return set(v.network_interface_id, { networkSecurityGroup: ref(v.network_security_group_id) });
    case "azurerm_virtual_network_peering":
      return one(shared(body(T.peering, { peeringState: "Connected" })));
    case "azurerm_network_security_group":
      return one(shared(body(T.nsg, {})));
    case "azurerm_network_security_rule":
      return one(shared(body("Microsoft.Network/networkSecurityGroups/securityRules", {})));
    case "azurerm_route_table":
      return one(shared(body(T.routeTable, {})));
    case "azurerm_route":
      return one(shared(body("Microsoft.Network/routeTables/routes", {})));
    case "azurerm_application_security_group":
      return one(body(T.asg, {}));
    case "azurerm_nat_gateway":
      return one(shared(body(T.natGateway, {})));
    case "azurerm_public_ip":
      return one(shared(body(T.publicIp, {})));
    case "azurerm_network_interface":
      return one(
        body(T.nic, {
          ipConfigurations: blocks(v.ip_configuration).map((c) => ({ name: text(c.name), properties: clean({ subnet: ref(c.subnet_id), privateIPAddress: keep(c.private_ip_address), publicIPAddress: ref(c.public_ip_address_id) }) })),
        }),
      );
    case "azurerm_windows_virtual_machine":
    case "azurerm_linux_virtual_machine":
      return one(body(T.vm, { networkProfile: { networkInterfaces: ids(v.network_interface_ids).map((x) => ({ id: x })) } }));
    // Azure Firewall: where it sits, its DNS proxy, and its rules (classic collections, or a policy's).
    case "azurerm_firewall":
      return one(
        body(T.firewall, {
          ipConfigurations: blocks(v.ip_configuration).map((c) => ({ name: text(c.name), properties: clean({ subnet: ref(c.subnet_id), publicIPAddress: ref(c.public_ip_address_id) }) })),
          firewallPolicy: ref(v.firewall_policy_id),
          additionalProperties: bool(v.dns_proxy_enabled) ? { "Network.DNS.EnableProxy": "true" } : undefined,
          sku: clean({ name: keep(v.sku_name), tier: keep(v.sku_tier) }),
        }),
      );
    case "azurerm_firewall_policy": {
      const dns = first(v.dns);
      return one(body(T.firewallPolicy, { basePolicy: ref(v.base_policy_id), dnsSettings: dns && clean({ enableProxy: bool(dns.proxy_enabled) ?? keep(dns.proxy_enabled), servers: keep(dns.servers) }) }));
    }
    case "azurerm_firewall_policy_rule_collection_group":
      return one(
        body(T.ruleCollectionGroup, {
          priority: keep(v.priority),
          ruleCollections: [
            ...blocks(v.network_rule_collection).map((c) => policyCollection(c, "NetworkRule")),
            ...blocks(v.application_rule_collection).map((c) => policyCollection(c, "ApplicationRule")),
          ],
        }),
      );
    case "azurerm_firewall_network_rule_collection":
    case "azurerm_firewall_application_rule_collection": {
      // A classic rule collection joins its firewall's, named by firewall and resource group.
      const fwName = text(v.azure_firewall_name);
      const rg = text(v.resource_group_name);
      if (!fwName || !rg) return NOTHING;
      const key = tfType === "azurerm_firewall_network_rule_collection" ? "networkRuleCollections" : "applicationRuleCollections";
      const collection = {
        name: text(v.name),
        properties: clean({
          priority: keep(v.priority),
          action: { type: keep(v.action) },
          rules: blocks(v.rule).map((r) =>
            clean({
              name: text(r.name),
              sourceAddresses: keep(r.source_addresses),
              ...(key === "networkRuleCollections"
                ? { protocols: keep(r.protocols), destinationAddresses: keep(r.destination_addresses), destinationFqdns: keep(r.destination_fqdns), destinationPorts: keep(r.destination_ports) }
                : { targetFqdns: keep(r.target_fqdns), fqdnTags: keep(r.fqdn_tags), protocols: blocks(r.protocol).map((x) => clean({ protocolType: keep(x.type), port: keep(x.port) })) }),
            }),
          ),
        }),
      };
      const fwId = `/subscriptions/${subscriptionId}/resourceGroups/${rg}/providers/Microsoft.Network/azureFirewalls/${fwName}`;
      return { bodies: [], patches: [{ id: fwId, apply: (p) => ({ ...p, [key]: [...((p[key] as unknown[] | undefined) ?? []), collection] }) }] };
    }
    case "azurerm_private_dns_resolver":
      return one(body(T.resolver, { virtualNetwork: ref(v.virtual_network_id) }));
    case "azurerm_private_dns_resolver_inbound_endpoint":
      return one(
        body(T.inboundEndpoint, {
          ipConfigurations: blocks(v.ip_configurations).map((c) => clean({ subnet: ref(c.subnet_id), privateIpAddress: keep(c.private_ip_address), privateIpAllocationMethod: keep(c.private_ip_allocation_method) })),
        }),
      );
    case "azurerm_private_dns_resolver_outbound_endpoint":
      return one(body(T.outboundEndpoint, { subnet: ref(v.subnet_id) }));
    case "azurerm_private_dns_resolver_dns_forwarding_ruleset":
      return one(body(T.ruleset, { dnsResolverOutboundEndpoints: ids(v.private_dns_resolver_outbound_endpoint_ids).map((x) => ({ id: x })) }));
    case "azurerm_private_dns_resolver_forwarding_rule":
      return one(
        body(T.forwardingRule, {
          domainName: keep(v.domain_name),
          forwardingRuleState: isUnknown(v.enabled) ? v.enabled : bool(v.enabled) === false ? "Disabled" : "Enabled",
          targetDnsServers: blocks(v.target_dns_servers).map((t) => clean({ ipAddress: keep(t.ip_address), port: keep(t.port) })),
        }),
      );
    case "azurerm_private_dns_resolver_virtual_network_link":
      return one(body(T.rulesetLink, { virtualNetwork: ref(v.virtual_network_id) }));
    case "azurerm_bastion_host":
      return one(body(T.bastion, { ipConfigurations: blocks(v.ip_configuration).map((c) => ({ name: text(c.name), properties: clean({ subnet: ref(c.subnet_id), publicIPAddress: ref(c.public_ip_address_id) }) })) }));
    case "azurerm_private_endpoint": {
      const connections = blocks(v.private_service_connection).map((c) => ({
        name: text(c.name),
        properties: clean({ privateLinkServiceId: keep(c.private_connection_resource_id), groupIds: keep(c.subresource_names), requestMessage: keep(c.request_message) }),
      }));
      const manual = blocks(v.private_service_connection).some((c) => c.is_manual_connection === true);
      const pe = body(T.pe, { subnet: ref(v.subnet_id), [manual ? "manualPrivateLinkServiceConnections" : "privateLinkServiceConnections"]: connections, applicationSecurityGroups: undefined });
      const group = first(v.private_dns_zone_group);
      const zones = ids(group?.private_dns_zone_ids);
      const groups: Body[] = group
        ? [
            {
              id: `${id}/privateDnsZoneGroups/${text(group.name) ?? "default"}`,
              type: T.zoneGroup,
              name: `${pe.name}/${text(group.name) ?? "default"}`,
              body: { properties: { privateDnsZoneConfigs: zones.map((z, i) => ({ name: typeof z === "string" ? z.split("/").pop() : `zone-${i}`, properties: { privateDnsZoneId: z } })) } },
              existing: false,
              source: [...source, "private_dns_zone_group", 0],
            },
          ]
        : [];
      return { bodies: [pe, ...groups], patches: [] };
    }
    case "azurerm_private_endpoint_application_security_group_association":
      return set(v.private_endpoint_id, { applicationSecurityGroups: [ref(v.application_security_group_id)] });
    case "azurerm_private_dns_zone":
      return one({ ...body(T.zone, {}), body: { location: "global", properties: {} } });
    case "azurerm_private_dns_zone_virtual_network_link":
      return one(shared({ ...body(T.zoneLink, {}), body: { location: "global", properties: {} } }));
    case "azurerm_private_dns_a_record":
      return one(body(T.aRecord, { ttl: keep(v.ttl), aRecords: (strings(v.records) ?? []).map((ipv4Address) => ({ ipv4Address })) }));
    case "azurerm_storage_account": {
      const rules = first(v.network_rules);
      return one(shared(body(T.storage, { networkAcls: acls(rules) }, { sku: { name: `${text(v.account_tier) ?? "Standard"}_${text(v.account_replication_type) ?? "LRS"}` } })));
    }
    case "azurerm_storage_account_network_rules":
      return set(v.storage_account_id, { networkAcls: acls(v) });
    case "azurerm_key_vault":
      return one(shared(body(T.keyVault, { networkAcls: acls(first(v.network_acls)), tenantId: keep(v.tenant_id), sku: { family: "A", name: text(v.sku_name) } })));
    case "azurerm_container_registry": {
      const set = first(v.network_rule_set);
      return one(shared(body(T.acr, { networkRuleSet: set && clean({ defaultAction: keep(set.default_action), ipRules: blocks(set.ip_rule).map((r) => ({ value: keep(r.ip_range), action: keep(r.action) })) }) })));
    }
    case "azurerm_application_insights":
      return one(shared(body(T.appInsights, {}, { kind: text(v.application_type) ?? "web" })));
    case "azurerm_log_analytics_workspace":
      return one(shared(body(T.logAnalytics, {})));
    case "azurerm_user_assigned_identity":
      return one(body(T.identity, {}));
    case "azurerm_role_definition": {
      const p = first(v.permissions);
      return one({
        id: id!,
        type: T.roleDefinition,
        name: nameFromId(id!, T.roleDefinition),
        body: {
          scope: keep(v.scope),
          properties: clean({
            roleName: keep(v.name),
            description: keep(v.description),
            type: "CustomRole",
            permissions: p ? [clean({ actions: strings(p.actions), notActions: strings(p.not_actions) })] : undefined,
            assignableScopes: strings(v.assignable_scopes),
          }),
        },
        existing: false,
        source,
      });
    }
    case "azurerm_role_assignment":
      return one({
        id: `${text(v.scope) ?? `{${address}.scope}`}/providers/Microsoft.Authorization/roleAssignments/${text(v.name) ?? `{${address}}`}`,
        type: T.roleAssignment,
        name: text(v.name) ?? `{${address}}`,
        body: { scope: keep(v.scope), properties: clean({ roleDefinitionId: keep(v.role_definition_id) ?? roleByName(v.role_definition_name), principalId: keep(v.principal_id) }) },
        existing: false,
        source,
      });
    case "azurerm_machine_learning_workspace": {
      const mn = first(v.managed_network);
      return one(
        shared(
          body(
            T.workspace,
            { managedNetwork: mn ? clean({ isolationMode: keep(mn.isolation_mode) }) : undefined, systemDatastoresAuthMode: keep(v.system_datastores_auth_mode) },
            { identity: identity(first(v.identity)) },
          ),
        ),
      );
    }
    case "azurerm_machine_learning_compute_cluster":
    case "azurerm_machine_learning_compute_instance": {
      const cluster = tfType === "azurerm_machine_learning_compute_cluster";
      return one(
        body(T.compute, {
          computeType: cluster ? "AmlCompute" : "ComputeInstance",
          computeLocation: text(v.location) && armLocation(text(v.location)!),
          properties: clean({
            vmSize: keep(v.vm_size) ?? keep(v.virtual_machine_size),
            subnet: ref(v.subnet_resource_id),
            // azurerm's default is a public IP on the nodes.
            enableNodePublicIp: isUnknown(v.node_public_ip_enabled) ? v.node_public_ip_enabled : (bool(v.node_public_ip_enabled) ?? true),
          }),
        }),
      );
    }
    case "azurerm_network_interface_application_security_group_association":
      return typeof v.network_interface_id === "string"
        ? {
            bodies: [],
            patches: [
              {
                id: v.network_interface_id,
                apply: (p) => ({
                  ...p,
                  ipConfigurations: ((p.ipConfigurations as { properties?: Record<string, unknown> }[] | undefined) ?? []).map((c) => ({
                    ...c,
                    properties: { ...c.properties, applicationSecurityGroups: [...(((c.properties?.applicationSecurityGroups as unknown[] | undefined) ?? [])), ref(v.application_security_group_id)] },
                  })),
                }),
              },
            ],
          }
        : NOTHING;
    case "azurerm_machine_learning_workspace_network_outbound_rule_private_endpoint":
      return outboundRule(v.workspace_id, text(v.name) ?? address, { type: "PrivateEndpoint", category: "UserDefined", destination: clean({ serviceResourceId: keep(v.service_resource_id), subresourceTarget: keep(v.sub_resource_target), sparkEnabled: bool(v.spark_enabled) ?? false }) });
    case "azurerm_machine_learning_workspace_network_outbound_rule_service_tag":
      return outboundRule(v.workspace_id, text(v.name) ?? address, { type: "ServiceTag", category: "UserDefined", destination: clean({ serviceTag: keep(v.service_tag), protocol: keep(v.protocol), portRanges: keep(v.port_ranges) }) });
    case "azurerm_machine_learning_workspace_network_outbound_rule_fqdn":
      return outboundRule(v.workspace_id, text(v.name) ?? address, { type: "FQDN", category: "UserDefined", destination: keep(v.destination_fqdn) });
    case "azurerm_data_factory": {
      const factory = body(T.dataFactory, { publicNetworkAccess: enabled(v.public_network_enabled, true) }, { identity: identity(first(v.identity)) });
      // azurerm's managed_virtual_network_enabled is the factory's managed VNet, named default.
      const vnet: Body[] = v.managed_virtual_network_enabled === true ? [{ id: `${id}/managedVirtualNetworks/default`, type: T.dataFactoryVnet, name: `${factory.name}/default`, body: { properties: {} }, existing: false, source }] : [];
      return { bodies: [factory, ...vnet], patches: [] };
    }
    case "azurerm_data_factory_integration_runtime_azure":
      return one({
        ...body(T.dataFactoryIr, {
          type: "Managed",
          managedVirtualNetwork: v.virtual_network_enabled === true ? { type: "ManagedVirtualNetworkReference", referenceName: "default" } : undefined,
          typeProperties: { computeProperties: { location: text(v.location) ?? "AutoResolve" } },
        }),
        body: { properties: clean({ type: "Managed", managedVirtualNetwork: v.virtual_network_enabled === true ? { type: "ManagedVirtualNetworkReference", referenceName: "default" } : undefined, typeProperties: { computeProperties: { location: text(v.location) ?? "AutoResolve" } } }) },
      });
    case "azurerm_data_factory_managed_private_endpoint":
      return one({ ...body(T.dataFactoryMpe, { privateLinkResourceId: keep(v.target_resource_id), groupId: keep(v.subresource_name) }), body: { properties: clean({ privateLinkResourceId: keep(v.target_resource_id), groupId: keep(v.subresource_name) }) } });
    case "azurerm_kubernetes_cluster_extension":
      return one({
        id: `${text(v.cluster_id) ?? `{${address}.cluster_id}`}/providers/Microsoft.KubernetesConfiguration/extensions/${text(v.name) ?? `{${address}}`}`,
        type: T.aksExtension,
        name: text(v.name) ?? `{${address}}`,
        body: { scope: keep(v.cluster_id), properties: clean({ extensionType: keep(v.extension_type), configurationSettings: keep(v.configuration_settings) }) },
        existing: false,
        source,
      });
    case "azurerm_monitor_private_link_scoped_service":
      return one({ ...body(T.linkScoped, { linkedResourceId: keep(v.linked_resource_id) }), body: { properties: clean({ linkedResourceId: keep(v.linked_resource_id) }) } });
    case "azurerm_monitor_private_link_scope":
      return one({ ...body(T.linkScope, {}), body: { location: "global", properties: {} } });
    case "azurerm_resource_group":
    case "random_string":
    case "random_pet":
    case "random_integer":
    case "random_uuid":
    case "random_password":
      return NOTHING;
    case "azapi_update_resource": {
      // Properties written over a resource another block makes: merged into it.
      const payload = isObject(v.body) ? (v.body as Record<string, unknown>) : {};
      const target = typeof v.resource_id === "string" ? v.resource_id : undefined;
      return target && isObject(payload.properties as TfValue) ? { bodies: [], patches: [{ id: target, apply: (p) => deepMerge(p, payload.properties) as Record<string, unknown> }] } : NOTHING;
    }
    case "azapi_resource": {
      const type = text(v.type)?.split("@")[0];
      const payload = v.body;
      if (!type || !id) return undefined;
      const b = isObject(payload) ? (payload as Record<string, unknown>) : {};
      // A workspace's outbound rules written one by one (azurerm can't) join its managed network.
      if (type.toLowerCase() === T.outboundRule.toLowerCase()) return outboundRule(v.parent_id, text(v.name) ?? address, (b.properties as Record<string, unknown> | undefined) ?? {});
      return one({ id, type, name: nameFromId(id, type), body: clean({ location: text(v.location), ...b, identity: first(v.identity) ? identity(first(v.identity)) : b.identity }), existing: false, source });
    }
  }
  return undefined;
}

/** Azure's location name for a display name Terraform accepts ("East US" is eastus). */
export function armLocation(location: string): string {
  return location.toLowerCase().replace(/\s+/g, "");
}

/** A built-in role named in role_definition_name, as the id ARM writes ("Azure built-in roles"). */
function roleByName(name: TfValue | undefined): unknown {
  if (typeof name !== "string") return keep(name);
  const role = Object.values(ROLES).find((r) => r.name.toLowerCase() === name.toLowerCase());
  return role ? `/providers/Microsoft.Authorization/roleDefinitions/${role.id}` : `role '${name}'`;
}

/** A child's ARM name (`vnet/subnet`) from its id and type. */
function nameFromId(id: string, armType: string): string {
  const depth = armType.split("/").length - 1;
  const segments = id.split("/");
  const names: string[] = [];
  for (let i = segments.length - 1, n = 0; n < depth && i > 0; i -= 2, n++) names.unshift(segments[i]);
  return names.join("/");
}
