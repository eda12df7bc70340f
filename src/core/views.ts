// Questions about the model that rules, questions and the network engine ask again and again,
// each answered once per analysis (its memos) and read through the analysis's typed views.
import { lastName, parentId, resourceGroupOf, typeOfId } from "./ids.ts";
import { isManagedEndpointTarget } from "./knowledge/managed-endpoint-targets.ts";
import { actionGrants, approvalOutsideRole } from "./knowledge/approval.ts";
import { ROLES } from "./knowledge/roles.ts";
import type { Resource } from "./types.ts";
import { AZURE_DNS } from "./knowledge/private-link.ts";
import { T } from "./registry.ts";
import { memoTable, type Analysis } from "./analysis.ts";
import { quoteInput } from "./quote.ts";

export function workspaces(m: Analysis): readonly Resource[] {
  return m.ofType(T.workspace);
}

// "How to configure a private link for Azure AI Foundry hubs": a project (a workspace of kind
// Project with hubResourceId) has no endpoints of its own; the hub's endpoints write its names
// (<project-guid>.workspace.<region>.api.azureml.ms and its notebooks name) and serve it, and it
// uses the hub's network settings and default resources [HUBPL].

/** Whether a workspace is a hub's project. */
export function isProject(ws: Resource): boolean {
  return ws.type === T.workspace && ws.kind?.toLowerCase() === "project";
}

/** A project's hub: the input's, or a placeholder when only referenced (its reads are unknown). */
export function hubOf(m: Analysis, ws: Resource): Resource | undefined {
  return isProject(ws) ? m.get(m.props.workspace(ws).hubResourceId) : undefined;
}

/** The workspace whose endpoints, public access and default resources serve `ws`: a project's hub, else itself. */
export function servingWorkspace(m: Analysis, ws: Resource): Resource {
  return hubOf(m, ws) ?? ws;
}

/**
 * The workspaces a resource the workspaces use (an AKS cluster, an AI Services account, a Synapse
 * workspace) serves: every one when the input holds one workspace (a blueprint's integrations are
 * its workspace's); with several (environments stamped from one template, each in its resource
 * group), those that attach it as compute, else those in its resource group. Rules that judge a
 * workspace with what it uses pair them so, not every workspace with every such resource.
 */
export function workspacesServedBy(m: Analysis, r: Resource): readonly Resource[] {
  const all = workspaces(m);
  if (all.length <= 1) return all;
  const index = m.memo(WORKSPACE_USE, "all", () => {
    const attaching = new Map<string, Resource[]>();
    for (const c of m.ofType(T.compute)) {
      const id = m.props.compute(c).resourceId;
      const ws = m.parentOf(c.id);
      if (typeof id !== "string" || !ws) continue;
      const list = attaching.get(id.toLowerCase());
      if (!list) attaching.set(id.toLowerCase(), [ws]);
      else if (!list.includes(ws)) list.push(ws);
    }
    const byGroup = new Map<string, Resource[]>();
    for (const ws of all) {
      const key = resourceGroupOf(ws.id).toLowerCase();
      const list = byGroup.get(key);
      if (list) list.push(ws);
      else byGroup.set(key, [ws]);
    }
    return { attaching, byGroup };
  });
  return index.attaching.get(r.id.toLowerCase()) ?? index.byGroup.get(resourceGroupOf(r.id).toLowerCase()) ?? [];
}

/**
 * The workspace whose registry an AKS cluster pulls from: the one attaching it (a project's hub),
 * else, among several, one in its resource group, else the first.
 */
export function aksWorkspace(m: Analysis, aks: Resource): Resource | undefined {
  const ws = workspacesServedBy(m, aks)[0] ?? workspaces(m)[0];
  return ws && servingWorkspace(m, ws);
}

const WORKSPACE_USE = memoTable<"all", { readonly attaching: ReadonlyMap<string, readonly Resource[]>; readonly byGroup: ReadonlyMap<string, readonly Resource[]> }>("workspaces by what attaches them and by resource group");

const PROJECTS_BY_HUB = memoTable<"all", ReadonlyMap<string, readonly Resource[]>>("projects by hub");

/** The projects of a hub that the input holds. */
export function projectsOf(m: Analysis, hub: Resource): readonly Resource[] {
  const index = m.memo(PROJECTS_BY_HUB, "all", () => {
    const byHub = new Map<string, Resource[]>();
    for (const ws of workspaces(m)) {
      const hub = isProject(ws) ? m.props.workspace(ws).hubResourceId : undefined;
      if (typeof hub !== "string") continue;
      const list = byHub.get(hub.toLowerCase());
      if (list) list.push(ws);
      else byHub.set(hub.toLowerCase(), [ws]);
    }
    return byHub;
  });
  return index.get(hub.id.toLowerCase()) ?? [];
}

export interface EndpointView {
  readonly pe: Resource;
  readonly targetId: string | undefined;
  readonly target: Resource | undefined;
  readonly groupIds: readonly string[];
  /** Approved unless the connection is manual and not yet approved. */
  readonly status: "Approved" | "Pending" | "Rejected";
  readonly subnetId: string | undefined;
  readonly vnetId: string | undefined;
}

const ENDPOINT_VIEWS = memoTable<"all", EndpointView[]>("endpoint views");

export function endpoints(m: Analysis): EndpointView[] {
  return m.memo(ENDPOINT_VIEWS, "all", () => endpointViewsOf(m));
}

function endpointViewsOf(m: Analysis): EndpointView[] {
  return m.ofType(T.pe).map((pe) => {
    const p = m.props.pe(pe);
    const auto = p.privateLinkServiceConnections ?? [];
    const manual = p.manualPrivateLinkServiceConnections ?? [];
    const conn = (auto[0] ?? manual[0])?.properties ?? {};
    const declared = conn.privateLinkServiceConnectionState?.status;
    const status = declared === "Rejected" ? "Rejected" : declared === "Approved" || (auto.length > 0 && declared === undefined) ? "Approved" : "Pending";
    // An id the input can't tell (read, so its reader is unknown) names nothing.
    const subnetId = typeof p.subnet?.id === "string" ? p.subnet.id : undefined;
    const targetId = typeof conn.privateLinkServiceId === "string" ? conn.privateLinkServiceId : undefined;
    return {
      pe,
      targetId,
      target: m.get(targetId),
      groupIds: Array.isArray(conn.groupIds) ? conn.groupIds.filter((g): g is string => typeof g === "string") : [],
      status,
      subnetId,
      vnetId: subnetId && parentId(subnetId),
    };
  });
}

const ENDPOINTS_BY_TARGET = memoTable<"all", ReadonlyMap<string, readonly EndpointView[]>>("endpoints by target");

/**
 * The endpoints to a resource (of a sub-resource, when given), indexed once per analysis. A
 * project's are its hub's.
 */
export function endpointsTo(m: Analysis, target: Resource, groupId?: string): EndpointView[] {
  const all = endpointsToId(m, servingWorkspace(m, target).id);
  return groupId ? all.filter((e) => e.groupIds.some((g) => g.toLowerCase() === groupId.toLowerCase())) : [...all];
}

/**
 * The endpoints whose connection names `targetId` itself, in model order (a project's are none:
 * endpointsTo serves it its hub's), indexed once per analysis.
 */
export function endpointsToId(m: Analysis, targetId: string): readonly EndpointView[] {
  const index = m.memo(ENDPOINTS_BY_TARGET, "all", () => {
    const byTarget = new Map<string, EndpointView[]>();
    for (const e of endpoints(m)) {
      if (!e.targetId) continue;
      const key = e.targetId.toLowerCase();
      const list = byTarget.get(key);
      if (list) list.push(e);
      else byTarget.set(key, [e]);
    }
    return byTarget;
  });
  return index.get(targetId.toLowerCase()) ?? [];
}

/** Zone names (lower case) named by an endpoint's zone groups. */
export function zoneGroupZones(m: Analysis, pe: Resource): string[] {
  return zoneGroupZoneRefs(m, pe).map((z) => z.name);
}

/** The zones an endpoint's zone groups write into: lower-case id and name of each. */
export function zoneGroupZoneRefs(m: Analysis, pe: Resource): readonly { readonly id: string; readonly name: string }[] {
  // Asked by the data plane and several rules of each endpoint: worked out once.
  return m.memo(ZONE_GROUP_ZONES, pe, () =>
    m
      .children(pe.id, T.zoneGroup)
      .flatMap((g) => m.props.zoneGroup(g).privateDnsZoneConfigs ?? [])
      .map((c) => c.properties?.privateDnsZoneId)
      .filter((id): id is string => typeof id === "string")
      .map((id) => ({ id: id.toLowerCase(), name: (m.get(id)?.name ?? lastName(id)).toLowerCase() })),
  );
}

const ZONE_GROUP_ZONES = memoTable<Resource, readonly { readonly id: string; readonly name: string }[]>("zones of an endpoint's zone groups");

/** Private DNS zones by lower-case name (several zones may share a name in different groups). */
export function zonesByName(m: Analysis): ReadonlyMap<string, readonly Resource[]> {
  // Built once per analysis: every DNS answer asks it.
  return m.memo(ZONES_BY_NAME, "all", () => {
    const map = new Map<string, Resource[]>();
    for (const z of m.ofType(T.zone)) {
      const key = z.name.toLowerCase();
      const list = map.get(key);
      if (list) list.push(z);
      else map.set(key, [z]);
    }
    return map;
  });
}

const ZONES_BY_NAME = memoTable<"all", ReadonlyMap<string, readonly Resource[]>>("private DNS zones by name");

/**
 * The first zone of a (lower-case) name linked to a VNet (by lower-case id): zones of one name in
 * several resource groups each serve the VNets linked to them. Indexed once per name: an estate of
 * a thousand environments has a thousand zones of each name.
 */
export function linkedZoneNamed(m: Analysis, zoneName: string, vnetKey: string): Resource | undefined {
  return m
    .memo(LINKED_ZONES, zoneName, () => {
      const byVnet = new Map<string, Resource>();
      for (const z of zonesByName(m).get(zoneName) ?? []) for (const v of linkedVnets(m, z)) if (!byVnet.has(v)) byVnet.set(v, z);
      return byVnet;
    })
    .get(vnetKey);
}

const LINKED_ZONES = memoTable<string, ReadonlyMap<string, Resource>>("zones of a name by linked VNet");

const ZONE_LINKS = memoTable<Resource, Set<string>>("zone links");

/** Lower-case VNet ids linked to a zone (computed once per zone: the model is immutable). */
export function linkedVnets(m: Analysis, zone: Resource): Set<string> {
  return m.memo(
    ZONE_LINKS,
    zone,
    () =>
      new Set(
        m
          .children(zone.id, T.zoneLink)
          .map((l) => m.props.vnetBound(l).virtualNetwork?.id)
          .filter((id): id is string => typeof id === "string")
          .map((id) => id.toLowerCase()),
      ),
  );
}

const ENDPOINTS_BY_VNET = memoTable<"all", ReadonlyMap<string, readonly EndpointView[]>>("endpoints by VNet");

/** The endpoints whose subnet is in a VNet (lower-case id), indexed once per analysis. */
export function endpointsInVnet(m: Analysis, vnetId: string): readonly EndpointView[] {
  const index = m.memo(ENDPOINTS_BY_VNET, "all", () => {
    const byVnet = new Map<string, EndpointView[]>();
    for (const e of endpoints(m)) {
      if (!e.vnetId) continue;
      const key = e.vnetId.toLowerCase();
      const list = byVnet.get(key);
      if (list) list.push(e);
      else byVnet.set(key, [e]);
    }
    return byVnet;
  });
  return index.get(vnetId.toLowerCase()) ?? [];
}

/** Custom DNS servers of a VNet; empty when it uses Azure-provided DNS (F67). */
export function customDnsServers(m: Analysis, vnet: Resource): string[] {
  const servers = m.props.vnet(vnet).dhcpOptions?.dnsServers ?? [];
  return servers.filter((s) => s !== AZURE_DNS);
}

export interface ComputeView {
  readonly r: Resource;
  readonly computeType: string;
  readonly subnetId: string | undefined;
  readonly publicIp: boolean;
  readonly location: string | undefined;
}

export function computes(m: Analysis): readonly ComputeView[] {
  // Made once per analysis: rules and flows ask for them per workspace.
  return m.memo(COMPUTE_VIEWS, "all", () =>
    m.ofType(T.compute).map((r) => {
      const c = m.props.compute(r);
      const p = c.properties ?? {};
      return {
        r,
        computeType: String(c.computeType),
        subnetId: p.subnet?.id,
        // The API's default is a public IP; only an explicit false takes it away.
        publicIp: p.enableNodePublicIp !== false,
        location: c.computeLocation ?? r.location,
      };
    }),
  );
}

const COMPUTE_VIEWS = memoTable<"all", readonly ComputeView[]>("compute views");
const COMPUTES_BY_WORKSPACE = memoTable<"all", ReadonlyMap<string, readonly ComputeView[]>>("computes by workspace");

/** A workspace's own computes (its child resources), in model order. */
export function workspaceComputes(m: Analysis, ws: Resource): readonly ComputeView[] {
  const index = m.memo(COMPUTES_BY_WORKSPACE, "all", () => {
    const byWorkspace = new Map<string, ComputeView[]>();
    for (const c of computes(m)) {
      const key = (parentId(c.r.id) ?? "").toLowerCase();
      const list = byWorkspace.get(key);
      if (list) list.push(c);
      else byWorkspace.set(key, [c]);
    }
    return byWorkspace;
  });
  return index.get(ws.id.toLowerCase()) ?? [];
}

/** The workspaces' serverless computes that run in a subnet of yours (serverlessComputeSettings). */
export function serverlessComputes(m: Analysis): readonly ComputeView[] {
  return m.memo(SERVERLESS_VIEWS, "all", () => workspaces(m).flatMap((ws) => serverlessCompute(m, ws) ?? []));
}

/** A workspace's serverless compute when it runs in a subnet of yours. */
export function serverlessCompute(m: Analysis, ws: Resource): ComputeView | undefined {
  return m.memo(SERVERLESS_VIEW, ws, () => {
    const s = m.props.workspace(ws).serverlessComputeSettings;
    return s?.serverlessComputeCustomSubnet ? { r: ws, computeType: "Serverless", subnetId: s.serverlessComputeCustomSubnet, publicIp: s.serverlessComputeNoPublicIP === false, location: ws.location } : undefined;
  });
}

const SERVERLESS_VIEWS = memoTable<"all", readonly ComputeView[]>("serverless compute views");
const SERVERLESS_VIEW = memoTable<Resource, ComputeView | undefined>("a workspace's serverless compute view");

/** What messages call a compute: its name, or the workspace's serverless compute. */
export function computeName(c: ComputeView): string {
  return c.computeType === "Serverless" ? `serverless compute of ${name(c.r)}` : name(c.r);
}

/** The resource whose identity acts for a workspace (its primary user-assigned identity, or itself). */
export function workspacePrincipal(m: Analysis, ws: Resource): string {
  return m.props.workspace(ws).primaryUserAssignedIdentity ?? ws.id;
}

export interface RoleView {
  readonly r: Resource;
  readonly roleDefinition: string;
  readonly principal: string;
  readonly scope: string;
}

const ROLE_ASSIGNMENTS = memoTable<"all", readonly RoleView[]>("role assignments");

export function roleAssignments(m: Analysis): readonly RoleView[] {
  return m.memo(ROLE_ASSIGNMENTS, "all", () =>
    m.ofType(T.roleAssignment).map((r) => ({
      r,
      roleDefinition: lastName(String(m.props.roleAssignment(r).roleDefinitionId ?? "")).toLowerCase(),
      principal: String(m.props.roleAssignment(r).principalId ?? ""),
      scope: r.scope ?? r.id.slice(0, r.id.toLowerCase().indexOf("/providers/microsoft.authorization/")),
    })),
  );
}

const ROLE_SCOPES = memoTable<"all", ReadonlyMap<string, ReadonlySet<string>>>("role scopes by role and principal");

/** Whether `principal` holds `roleId` on `target` or on a scope that contains it. */
export function hasRole(m: Analysis, principal: string, roleId: string, target: string): boolean {
  // Indexed once: (role, principal) to the lower-case scopes it is granted on; a target is then
  // checked by walking up its own ids, not by scanning every assignment.
  const index = m.memo(ROLE_SCOPES, "all", () => {
    const byKey = new Map<string, Set<string>>();
    for (const a of roleAssignments(m)) {
      const key = `${a.roleDefinition} ${a.principal.toLowerCase()}`;
      const scopes = byKey.get(key) ?? new Set<string>();
      scopes.add(a.scope.toLowerCase().replace(/\/+$/, ""));
      byKey.set(key, scopes);
    }
    return byKey;
  });
  const scopes = index.get(`${roleId} ${principal.toLowerCase()}`);
  if (!scopes) return false;
  for (let t = target.toLowerCase(); t; t = t.slice(0, Math.max(0, t.lastIndexOf("/")))) if (scopes.has(t)) return true;
  return false;
}

/**
 * Whether `principal` can approve a private endpoint connection to `target` [MVNET], [ROLES]: it
 * holds the approver role there, or, for a type that role doesn't cover (knowledge/approval.ts),
 * a role whose actions grant that type's approve actions: a custom role the input defines, or
 * Owner or Contributor.
 */
export function canApprove(m: Analysis, principal: string, target: string): boolean {
  const outside = approvalOutsideRole(typeOfId(target));
  if (!outside) return hasRole(m, principal, ROLES.networkConnectionApprover.id, target);
  if (hasRole(m, principal, ROLES.owner.id, target) || hasRole(m, principal, ROLES.contributor.id, target)) return true;
  return m.ofType(T.roleDefinition).some((d) => grantsAll(m, d, outside.actions) && hasRole(m, principal, lastName(d.id).toLowerCase(), target));
}

/** Whether a role definition's permissions grant every one of `actions`. */
export function grantsAll(m: Analysis, role: Resource, actions: readonly string[]): boolean {
  const permissions = m.props.roleDefinition(role).permissions ?? [];
  return actions.every((a) => permissions.some((p) => (p.actions ?? []).some((x) => actionGrants(x, a)) && !(p.notActions ?? []).some((x) => actionGrants(x, a))));
}

/** The VNet holding a subnet id. */
export function vnetOfSubnet(m: Analysis, subnetId: string | undefined): Resource | undefined {
  return m.parentOf(subnetId);
}

const PEERS = memoTable<Resource, readonly Resource[]>("peered VNets");

/** Whether private endpoints sit in a subnet's VNet or a VNet it peers with ([FW]: VirtualNetwork 443). */
export function endpointsNearSubnet(m: Analysis, subnetId: string): boolean {
  const vnet = vnetOfSubnet(m, subnetId);
  return !!vnet && [vnet, ...peeredVnets(m, vnet)].some((v) => endpointsInVnet(m, v.id).length > 0);
}

/** VNets `vnet` declares a peering to (computed once per VNet: hubs have thousands of peers). */
export function peeredVnets(m: Analysis, vnet: Resource): readonly Resource[] {
  return m.memo(PEERS, vnet, () =>
    m
      .children(vnet.id, T.peering)
      .map((p) => m.get(m.props.peering(p).remoteVirtualNetwork?.id))
      .filter((v): v is Resource => !!v),
  );
}

const PEERINGS_BY_REMOTE = memoTable<Resource, ReadonlyMap<Resource, Resource>>("peerings by remote VNet");

/** The peering `from` declares to `to`, if any (its first, as Azure allows one). */
export function peeringTo(m: Analysis, from: Resource, to: Resource): Resource | undefined {
  // By the remote VNet itself: asked for every peer of every subnet's VNet.
  const byRemote = m.memo(PEERINGS_BY_REMOTE, from, () => {
    const map = new Map<Resource, Resource>();
    for (const p of m.children(from.id, T.peering)) {
      const remote = m.get(m.props.peering(p).remoteVirtualNetwork?.id);
      if (remote && !map.has(remote)) map.set(remote, p);
    }
    return map;
  });
  return byRemote.get(to);
}

/** Whether `from` declares a peering to `to`. */
export function declaresPeering(m: Analysis, from: Resource, to: Resource): boolean {
  return peeringTo(m, from, to) !== undefined;
}

export interface OutboundRuleView {
  readonly name: string;
  readonly type: string;
  readonly destination: unknown;
  readonly category?: string;
}

/**
 * A managed network's outbound rules, as name-tagged entries. A hub's connections to supported
 * resources count as PrivateEndpoint rules: "A private endpoint is automatically created for a
 * connection if the target resource is an Azure resource listed above", its ARM id (or a parent's)
 * in the connection's target or metadata.ResourceId ("How to configure a managed network for
 * Azure AI Foundry hubs", Private endpoints).
 */
export function outboundRules(m: Analysis, ws: Resource): OutboundRuleView[] {
  const mn = managedNetwork(m, ws);
  if (!mn) return [];
  const rules: OutboundRuleView[] = Object.entries(mn.outboundRules).map(([name, r]) => ({ name, ...r }));
  if (ws.kind?.toLowerCase() !== "hub") return rules;
  for (const c of m.children(ws.id, T.hubConnection)) {
    const target = connectionTarget(m, c);
    if (target) rules.push({ name: `connection ${lastName(c.id)}`, type: "PrivateEndpoint", destination: { serviceResourceId: target }, category: "Connection" });
  }
  return rules;
}

/** The supported resource a connection's target or metadata.ResourceId names (itself or the nearest parent of a supported type). */
function connectionTarget(m: Analysis, connection: Resource): string | undefined {
  const p = m.props.hubConnection(connection);
  const metadata = p.metadata && typeof p.metadata === "object" ? p.metadata : {};
  const resourceId = Object.entries(metadata).find(([k]) => k.toLowerCase() === "resourceid")?.[1];
  for (const candidate of [p.target, resourceId])
    for (let id = typeof candidate === "string" && candidate.startsWith("/") ? candidate : undefined; id; id = parentId(id)) {
      const type = typeOfId(id);
      if (type && isManagedEndpointTarget(type)) return id;
    }
  return undefined;
}

export function managedNetwork(m: Analysis, ws: Resource): { isolationMode: string; outboundRules: Record<string, { type: string; destination: unknown; category?: string }> } | undefined {
  const mn = m.props.workspace(ws).managedNetwork;
  if (!mn || !mn.isolationMode || mn.isolationMode === "Disabled") return undefined;
  return { isolationMode: mn.isolationMode, outboundRules: mn.outboundRules ?? {} };
}

/** The NSG on a subnet, if any. */
export function subnetNsg(m: Analysis, subnetId: string | undefined): Resource | undefined {
  const subnet = m.get(subnetId);
  return subnet ? m.get(m.props.subnet(subnet).networkSecurityGroup?.id) : undefined;
}

/**
 * F21: whether a subnet's internet-bound traffic goes through an appliance (a firewall): its route
 * table sends 0.0.0.0/0 to a VirtualAppliance.
 */
export function behindFirewall(m: Analysis, subnetId: string | undefined): boolean {
  const subnet = m.get(subnetId);
  const table = subnet ? m.get(m.props.subnet(subnet).routeTable?.id) : undefined;
  return (m.props.routeTable(table).routes ?? []).some((r) => r.properties.addressPrefix === "0.0.0.0/0" && r.properties.nextHopType === "VirtualAppliance");
}

/**
 * F21: whether SMB (445) from a subnet to the workspaces' storage crosses a firewall. "445 is only
 * required if you have a firewall between your virtual network for Azure ML and a private endpoint
 * for your storage accounts": the subnet's default route goes to an appliance and no private
 * endpoint for a workspace storage's file share sits in the subnet's own VNet (traffic to one there
 * stays in the VNet; the VNet's system route beats the 0.0.0.0/0 one).
 */
export function smbCrossesFirewall(m: Analysis, subnetId: string | undefined): boolean {
  if (!behindFirewall(m, subnetId)) return false;
  const vnet = vnetOfSubnet(m, subnetId)?.id.toLowerCase();
  const stores = workspaces(m).flatMap((ws) => {
    const st = m.get(m.props.workspace(ws).storageAccount);
    return st ? [st] : [];
  });
  return !stores.some((st) => endpointsTo(m, st, "file").some((e) => e.vnetId?.toLowerCase() === vnet));
}

/** A resource's own name: the last segment of a child's `parent/child`, as written. */
export const shortName = (r: Resource): string => r.name.slice(r.name.lastIndexOf("/") + 1);

/** A resource's own name, quoted for messages (core/quote.ts). */
export const name = (r: Resource | undefined): string => (r ? quoteInput(shortName(r), 120) : "?");
