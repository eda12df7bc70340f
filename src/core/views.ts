// Questions about the model that rules (and later the network engine) ask again and again.
import { lastName, parentId } from "./ids.ts";
import type { Model } from "./model.ts";
import type { Resource } from "./types.ts";
import { AZURE_DNS } from "./knowledge/private-link.ts";
import { T } from "./registry.ts";
import { props } from "./props.ts";
import { memoWithReads, type Memo } from "./unknown-reads.ts";


export const is = (r: Resource | undefined, type: string): boolean => !!r && r.type.toLowerCase() === type.toLowerCase();

export function workspaces(m: Model): readonly Resource[] {
  return m.ofType(T.workspace);
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

// The model never changes once built, so each model's endpoint views are computed once.
const endpointViews = new WeakMap<Model, Memo<EndpointView[]>>();

export function endpoints(m: Model): EndpointView[] {
  return memoWithReads(endpointViews, m, () => endpointViewsOf(m));
}

function endpointViewsOf(m: Model): EndpointView[] {
  return m.ofType(T.pe).map((pe) => {
    const p = props.pe(pe);
    const auto = p.privateLinkServiceConnections ?? [];
    const manual = p.manualPrivateLinkServiceConnections ?? [];
    const conn = (auto[0] ?? manual[0])?.properties ?? {};
    const declared = conn.privateLinkServiceConnectionState?.status;
    const status = declared === "Rejected" ? "Rejected" : declared === "Approved" || (auto.length > 0 && declared === undefined) ? "Approved" : "Pending";
    const subnetId = p.subnet?.id;
    return {
      pe,
      targetId: conn.privateLinkServiceId,
      target: m.get(conn.privateLinkServiceId),
      groupIds: conn.groupIds ?? [],
      status,
      subnetId,
      vnetId: subnetId && parentId(subnetId),
    };
  });
}

export function endpointsTo(m: Model, target: Resource, groupId?: string): EndpointView[] {
  return endpoints(m).filter(
    (e) => e.targetId?.toLowerCase() === target.id.toLowerCase() && (!groupId || e.groupIds.some((g) => g.toLowerCase() === groupId.toLowerCase())),
  );
}

/** Zone names (lower case) named by an endpoint's zone groups. */
export function zoneGroupZones(m: Model, pe: Resource): string[] {
  return zoneGroupZoneRefs(m, pe).map((z) => z.name);
}

/** The zones an endpoint's zone groups write into: lower-case id and name of each. */
export function zoneGroupZoneRefs(m: Model, pe: Resource): { id: string; name: string }[] {
  return m
    .children(pe.id, T.zoneGroup)
    .flatMap((g) => props.zoneGroup(g).privateDnsZoneConfigs ?? [])
    .map((c) => c.properties?.privateDnsZoneId)
    .filter((id): id is string => !!id)
    .map((id) => ({ id: id.toLowerCase(), name: (m.get(id)?.name ?? lastName(id)).toLowerCase() }));
}

/** Private DNS zones by lower-case name (several zones may share a name in different groups). */
export function zonesByName(m: Model): Map<string, Resource[]> {
  const map = new Map<string, Resource[]>();
  for (const z of m.ofType(T.zone)) {
    const key = z.name.toLowerCase();
    map.set(key, [...(map.get(key) ?? []), z]);
  }
  return map;
}

const zoneLinks = new WeakMap<Resource, Memo<Set<string>>>();

/** Lower-case VNet ids linked to a zone (computed once per zone: the model is immutable). */
export function linkedVnets(m: Model, zone: Resource): Set<string> {
  return memoWithReads(
    zoneLinks,
    zone,
    () =>
      new Set(
        m
          .children(zone.id, T.zoneLink)
          .map((l) => props.vnetBound(l).virtualNetwork?.id)
          .filter((id): id is string => !!id)
          .map((id) => id.toLowerCase()),
      ),
  );
}

const endpointsByVnet = new WeakMap<Model, Map<string, EndpointView[]>>();

/** The endpoints whose subnet is in a VNet (lower-case id), indexed once per model. */
export function endpointsInVnet(m: Model, vnetId: string): readonly EndpointView[] {
  let index = endpointsByVnet.get(m);
  if (!index) {
    index = new Map();
    for (const e of endpoints(m)) {
      if (!e.vnetId) continue;
      const key = e.vnetId.toLowerCase();
      const list = index.get(key);
      if (list) list.push(e);
      else index.set(key, [e]);
    }
    endpointsByVnet.set(m, index);
  }
  return index.get(vnetId.toLowerCase()) ?? [];
}

/** Custom DNS servers of a VNet; empty when it uses Azure-provided DNS (F67). */
export function customDnsServers(vnet: Resource): string[] {
  const servers = props.vnet(vnet).dhcpOptions?.dnsServers ?? [];
  return servers.filter((s) => s !== AZURE_DNS);
}

export interface ComputeView {
  readonly r: Resource;
  readonly computeType: string;
  readonly subnetId: string | undefined;
  readonly publicIp: boolean;
  readonly location: string | undefined;
}

export function computes(m: Model): ComputeView[] {
  return m.ofType(T.compute).map((r) => {
    const c = props.compute(r);
    const p = c.properties ?? {};
    return {
      r,
      computeType: String(c.computeType),
      subnetId: p.subnet?.id,
      // The API's default is a public IP; only an explicit false takes it away.
      publicIp: p.enableNodePublicIp !== false,
      location: c.computeLocation ?? r.location,
    };
  });
}

/** A workspace's serverless compute when it runs in a subnet of yours (serverlessComputeSettings). */
export function serverlessComputes(m: Model): ComputeView[] {
  return workspaces(m).flatMap((ws) => {
    const s = props.workspace(ws).serverlessComputeSettings;
    return s?.serverlessComputeCustomSubnet
      ? [{ r: ws, computeType: "Serverless", subnetId: s.serverlessComputeCustomSubnet, publicIp: s.serverlessComputeNoPublicIP === false, location: ws.location }]
      : [];
  });
}

/** What messages call a compute: its name, or the workspace's serverless compute. */
export function computeName(c: ComputeView): string {
  return c.computeType === "Serverless" ? `serverless compute of ${name(c.r)}` : name(c.r);
}

/** The resource whose identity acts for a workspace (its primary user-assigned identity, or itself). */
export function workspacePrincipal(ws: Resource): string {
  return props.workspace(ws).primaryUserAssignedIdentity ?? ws.id;
}

export interface RoleView {
  readonly r: Resource;
  readonly roleDefinition: string;
  readonly principal: string;
  readonly scope: string;
}

export function roleAssignments(m: Model): RoleView[] {
  return m.ofType(T.roleAssignment).map((r) => ({
    r,
    roleDefinition: lastName(String(props.roleAssignment(r).roleDefinitionId ?? "")).toLowerCase(),
    principal: String(props.roleAssignment(r).principalId ?? ""),
    scope: r.scope ?? r.id.slice(0, r.id.toLowerCase().indexOf("/providers/microsoft.authorization/")),
  }));
}

/** Whether `principal` holds `roleId` on `target` or on a scope that contains it. */
export function hasRole(m: Model, principal: string, roleId: string, target: string): boolean {
  const t = target.toLowerCase();
  return roleAssignments(m).some(
    (a) => a.roleDefinition === roleId && a.principal.toLowerCase() === principal.toLowerCase() && (t === a.scope.toLowerCase() || t.startsWith(`${a.scope.toLowerCase()}/`)),
  );
}

/** The VNet holding a subnet id. */
export function vnetOfSubnet(m: Model, subnetId: string | undefined): Resource | undefined {
  return subnetId ? m.get(parentId(subnetId)) : undefined;
}

const peersByVnet = new WeakMap<Model, Map<string, readonly Resource[]>>();

/** Whether private endpoints sit in a subnet's VNet or a VNet it peers with ([FW]: VirtualNetwork 443). */
export function endpointsNearSubnet(m: Model, subnetId: string): boolean {
  const vnet = vnetOfSubnet(m, subnetId);
  return !!vnet && [vnet, ...peeredVnets(m, vnet)].some((v) => endpointsInVnet(m, v.id).length > 0);
}

/** VNets `vnet` declares a peering to (computed once per VNet: hubs have thousands of peers). */
export function peeredVnets(m: Model, vnet: Resource): readonly Resource[] {
  let index = peersByVnet.get(m);
  if (!index) peersByVnet.set(m, (index = new Map()));
  const key = vnet.id.toLowerCase();
  let peers = index.get(key);
  if (!peers) {
    peers = m
      .children(vnet.id, T.peering)
      .map((p) => m.get(props.peering(p).remoteVirtualNetwork?.id))
      .filter((v): v is Resource => !!v);
    index.set(key, peers);
  }
  return peers;
}

const peeringsByRemote = new WeakMap<Model, Map<string, ReadonlyMap<string, Resource>>>();

/** The peering `from` declares to `to`, if any (its first, as Azure allows one). */
export function peeringTo(m: Model, from: Resource, to: Resource): Resource | undefined {
  let index = peeringsByRemote.get(m);
  if (!index) peeringsByRemote.set(m, (index = new Map()));
  const key = from.id.toLowerCase();
  let byRemote = index.get(key);
  if (!byRemote) {
    const map = new Map<string, Resource>();
    for (const p of m.children(from.id, T.peering)) {
      const remote = String(props.peering(p).remoteVirtualNetwork?.id).toLowerCase();
      if (!map.has(remote)) map.set(remote, p);
    }
    index.set(key, (byRemote = map));
  }
  return byRemote.get(to.id.toLowerCase());
}

/** Whether `from` declares a peering to `to`. */
export function declaresPeering(m: Model, from: Resource, to: Resource): boolean {
  return peeringTo(m, from, to) !== undefined;
}

export interface OutboundRuleView {
  readonly name: string;
  readonly type: string;
  readonly destination: unknown;
  readonly category?: string;
}

/** A managed network's outbound rules, as name-tagged entries. */
export function outboundRules(ws: Resource): OutboundRuleView[] {
  return Object.entries(managedNetwork(ws)?.outboundRules ?? {}).map(([name, r]) => ({ name, ...r }));
}

export function managedNetwork(ws: Resource): { isolationMode: string; outboundRules: Record<string, { type: string; destination: unknown; category?: string }> } | undefined {
  const mn = props.workspace(ws).managedNetwork;
  if (!mn || !mn.isolationMode || mn.isolationMode === "Disabled") return undefined;
  return { isolationMode: mn.isolationMode, outboundRules: mn.outboundRules ?? {} };
}

/** The NSG on a subnet, if any. */
export function subnetNsg(m: Model, subnetId: string | undefined): Resource | undefined {
  const subnet = m.get(subnetId);
  return subnet ? m.get(props.subnet(subnet).networkSecurityGroup?.id) : undefined;
}

/**
 * F21: whether a subnet's internet-bound traffic goes through an appliance (a firewall): its route
 * table sends 0.0.0.0/0 to a VirtualAppliance.
 */
export function behindFirewall(m: Model, subnetId: string | undefined): boolean {
  const subnet = m.get(subnetId);
  const table = subnet ? m.get(props.subnet(subnet).routeTable?.id) : undefined;
  return (props.routeTable(table).routes ?? []).some((r) => r.properties.addressPrefix === "0.0.0.0/0" && r.properties.nextHopType === "VirtualAppliance");
}

/** A resource's own name (the last segment of a child's `parent/child`), for messages. */
export const name = (r: Resource | undefined): string => (r ? r.name.slice(r.name.lastIndexOf("/") + 1) : "?");
