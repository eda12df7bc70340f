// Effective routes of a subnet (F62-F64, "Virtual network traffic routing"): system routes for
// the VNet, its peerings, gateway prefixes and private endpoint /32s, the default internet route
// and the None routes for private ranges, then the subnet's user-defined routes. Lookup is longest
// prefix; on equal prefixes a user route beats a gateway (BGP) route, which beats a system route.
import { last, parseCidr } from "../../core/net/cidr.ts";
import { memoTable, type Analysis } from "../../core/analysis.ts";
import type { Resource } from "../../core/types.ts";
import { declaresPeering, endpointsInVnet, peeredVnets, peeringTo } from "../../core/views.ts";
import { T } from "../../core/registry.ts";
import type { EndpointAddresses } from "./addressing.ts";
import { parentId } from "../../core/ids.ts";
import { flat } from "../../core/flat.ts";

export type NextHop = "VnetLocal" | "VNetPeering" | "VirtualNetworkGateway" | "Internet" | "None" | "VirtualAppliance" | "InterfaceEndpoint";

export interface Route {
  readonly prefix: string;
  readonly nextHop: NextHop;
  readonly nextHopIp?: string;
  readonly source: "Default" | "Gateway" | "User";
  /** What put the route there: a VNet, a peering, an endpoint, a route table entry. */
  readonly origin: string;
}

const RANK: Readonly<Record<Route["source"], number>> = { User: 0, Gateway: 1, Default: 2 };

export function effectiveRoutes(model: Analysis, subnetId: string, addresses: EndpointAddresses): readonly Route[] {
  const subnet = model.get(subnetId);
  const vnet = model.parentOf(subnetId);
  if (!subnet || !vnet) return [];
  const system = systemRoutes(model, vnet, addresses);
  const table = model.get(model.props.subnet(subnet).routeTable?.id);
  const user = model.props.routeTable(table).routes ?? [];
  // A subnet without a route table has its VNet's routes: the same array, shared by its siblings.
  if (!user.length) return system;
  return [
    ...system,
    ...user.map((r): Route => ({ prefix: r.properties.addressPrefix, nextHop: r.properties.nextHopType as NextHop, nextHopIp: r.properties.nextHopIpAddress, source: "User", origin: `${table!.name}/${r.name}` })),
  ];
}

const SYSTEM_ROUTES = memoTable<Resource, readonly Route[]>("system routes of a VNet");

/** The routes Azure gives every subnet of a VNet (all but the subnet's own route table): once per VNet. */
function systemRoutes(model: Analysis, vnet: Resource, addresses: EndpointAddresses): readonly Route[] {
  return model.memo(SYSTEM_ROUTES, vnet, () => {
    const routes: Route[] = [];
    const space = (v: Resource): readonly string[] => model.props.vnet(v).addressSpace?.addressPrefixes ?? [];
    for (const p of space(vnet)) routes.push({ prefix: p, nextHop: "VnetLocal", source: "Default", origin: vnet.name });
    const peers = peeredVnets(model, vnet).filter((peer) => declaresPeering(model, peer, vnet));
    for (const peer of peers) for (const p of space(peer)) routes.push({ prefix: p, nextHop: "VNetPeering", source: "Default", origin: flat(`peering to ${peer.name}`) });

    // F64: every endpoint in this VNet or a peered one adds a /32 that a 0/0 route can't override.
    for (const v of [vnet, ...peers]) for (const r of endpointRoutes(model, v, addresses)) routes.push(r);

    // On-premises prefixes behind a gateway in this VNet, or in a peer whose gateway this VNet may use.
    for (const g of gatewaysFor(model, vnet, peers))
      for (const p of (g.intent?.onPremisesPrefixes ?? []) as string[]) routes.push({ prefix: p, nextHop: "VirtualNetworkGateway", source: "Gateway", origin: g.name });

    routes.push({ prefix: "0.0.0.0/0", nextHop: "Internet", source: "Default", origin: "default" });
    for (const p of ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"]) routes.push({ prefix: p, nextHop: "None", source: "Default", origin: "default" });
    return routes;
  });
}

const ENDPOINT_ROUTES = memoTable<Resource, readonly Route[]>("endpoint routes of a VNet");

/**
 * The /32 routes a VNet's endpoints give its subnets and its peers' (F64): made once per VNet, as
 * a hub's are shared by every spoke subnet.
 */
function endpointRoutes(model: Analysis, vnet: Resource, addresses: EndpointAddresses): readonly Route[] {
  return model.memo(ENDPOINT_ROUTES, vnet, () =>
    endpointsInVnet(model, vnet.id).flatMap((e) =>
      (addresses.byEndpoint.get(e.pe.id.toLowerCase()) ?? []).map((ip): Route => ({ prefix: flat(`${ip}/32`), nextHop: "InterfaceEndpoint", source: "Default", origin: e.pe.name })),
    ),
  );
}

/** The prefixes of `routes`, parsed (undefined where one doesn't parse), for `lookup`. */
export function parsedPrefixes(routes: readonly Route[]): readonly (ParsedPrefix | undefined)[] {
  return routes.map((r) => {
    const c = parseCidr(r.prefix, true);
    return c && { bits: c.bits, base: c.base, end: last(c) };
  });
}

/** A route's prefix as the addresses it spans, its last one worked out once for every lookup. */
export interface ParsedPrefix {
  readonly bits: number;
  readonly base: number;
  readonly end: number;
}

/**
 * The route `ip` takes: longest prefix, then User > Gateway > Default. `prefixes` are the routes'
 * parsed once (the data plane keeps them per subnet), or parsed here.
 */
export function lookup(routes: readonly Route[], ip: string, prefixes: readonly (ParsedPrefix | undefined)[] = parsedPrefixes(routes)): Route | undefined {
  const target = parseCidr(ip, true);
  if (!target) return undefined;
  const from = target.base;
  const to = last(target);
  let best: Route | undefined;
  let bestBits = -1;
  for (let i = 0; i < routes.length; i++) {
    const c = prefixes[i];
    if (!c || from < c.base || to > c.end) continue;
    const route = routes[i];
    if (c.bits > bestBits || (c.bits === bestBits && RANK[route.source] < RANK[best!.source])) (best = route), (bestBits = c.bits);
  }
  return best;
}

/** F63: gateways in the VNet, or in a peer that allows transit to a VNet using remote gateways. */
function gatewaysFor(model: Analysis, vnet: Resource, peers: readonly Resource[]): Resource[] {
  const inVnet = (v: Resource) =>
    model.ofType(T.gateway).filter((g) => {
      const subnet = model.props.appliance(g).ipConfigurations?.[0]?.properties?.subnet?.id;
      return subnet && parentId(subnet)?.toLowerCase() === v.id.toLowerCase();
    });
  const remote = peers.filter((peer) => model.props.peering(peeringTo(model, vnet, peer)).useRemoteGateways && model.props.peering(peeringTo(model, peer, vnet)).allowGatewayTransit).flatMap(inVnet);
  return [...inVnet(vnet), ...remote];
}
