// The data plane of a model, computed once and asked many questions (the Batfish habit):
// endpoint addresses, zone records, effective routes per subnet, DNS answers per VNet and name,
// what the VirtualNetwork tag covers per subnet. Everything is memoized; nothing is enumerated
// per address.
import { memoTable, type Analysis } from "../core/analysis.ts";
import type { Resource } from "../core/types.ts";
import { endpoints, peeredVnets, type EndpointView } from "../core/views.ts";
import { allocateEndpointAddresses, type EndpointAddresses } from "./net/addressing.ts";
import { effectiveRoutes, lookup, parsedPrefixes, type ParsedPrefix, type Route } from "./net/routes.ts";
import { recordWrites, zoneRecords, type RecordWrite } from "./dns/records.ts";
import { resolveFrom, type DnsContext, type Resolution } from "./dns/resolve.ts";
import { AddressBook } from "./net/reach.ts";

export interface DataPlane {
  /** The analysis the plane belongs to (its model, typed views and memos). */
  readonly model: Analysis;
  readonly addresses: EndpointAddresses;
  readonly dns: DnsContext;
  /** Every A record the zone groups write, in order; the zones keep the last per name. */
  readonly writes: readonly RecordWrite[];
  routes(subnetId: string): readonly Route[];
  /** The route a subnet's packets to `ip` take (longest prefix, then User > Gateway > Default). */
  route(subnetId: string, ip: string): Route | undefined;
  resolve(vnetId: string, fqdn: string): Resolution;
  /**
   * The endpoint that owns a private address as `fromVnet` reaches it (isolated VNets may reuse an
   * address: engine/net/reach.ts); without a VNet, the last endpoint given the address.
   */
  endpointAt(ip: string, fromVnet?: string): EndpointView | undefined;
  /** Prefixes the VirtualNetwork service tag covers for a subnet (F61). */
  virtualNetworkTag(subnetId: string): readonly string[];
}

const PLANE = memoTable<"plane", DataPlane>("data plane");
const ROUTES = memoTable<string, readonly Route[]>("effective routes");
const PREFIXES = memoTable<readonly Route[], readonly (ParsedPrefix | undefined)[]>("effective routes' prefixes, parsed");
const RESOLUTIONS = memoTable<readonly [string, string], Resolution>("DNS resolutions");
const VIRTUAL_NETWORK_TAG = memoTable<readonly Route[], readonly string[]>("VirtualNetwork tag");
const VIRTUAL_NETWORK_TAGS_BY_CONTENT = memoTable<string, readonly string[]>("VirtualNetwork tag, by its prefixes");

/**
 * The analysis's data plane, built on first use and shared by the rules and questions that ask.
 * The unknown values it read (an imported template's) count as read by every one that asks.
 */
export function planeOf(model: Analysis): DataPlane {
  return model.memo(PLANE, "plane", () => buildPlane(model));
}

function buildPlane(model: Analysis): DataPlane {
  const addresses = allocateEndpointAddresses(model);
  const writes = recordWrites(model, addresses);
  const dns: DnsContext = { model, records: zoneRecords(writes, model) };
  const byIp = new AddressBook<EndpointView>((e) => e.vnetId);
  for (const e of endpoints(model)) for (const ip of addresses.byEndpoint.get(e.pe.id.toLowerCase()) ?? []) byIp.add(ip, e);
  // Memoized per subnet or per (VNet, name); an imported model's unknowns read while computing an
  // entry are replayed whenever it is reused (Analysis.memo).
  // Keyed by the ids and names as given (the same strings, asked for every flow), not lower-cased:
  // a differently spelled id gets the same answer computed again.
  const routes = (subnetId: string) => model.memo(ROUTES, subnetId, () => effectiveRoutes(model, subnetId, addresses));
  return {
    model,
    addresses,
    dns,
    writes,
    routes,
    route: (subnetId, ip) => {
      const table = routes(subnetId);
      return lookup(table, ip, model.memo(PREFIXES, table, () => parsedPrefixes(table)));
    },
    resolve: (vnetId, fqdn) => model.memo2(RESOLUTIONS, vnetId, fqdn, () => resolveFrom(dns, vnetId, fqdn)),
    endpointAt: (ip, fromVnet) => byIp.find(model, ip, fromVnet, "last"),
    // Per route table rather than per subnet: a VNet's subnets without route tables of their own
    // share one (routes are per VNet then), and the table's VNet is the subnet's.
    virtualNetworkTag: (subnetId) =>
      model.memo(VIRTUAL_NETWORK_TAG, routes(subnetId), () => {
        // F61: the VNet's space, its peers', on-premises prefixes and every UDR prefix.
        const vnet = model.parentOf(subnetId);
        const space = (v: Resource | undefined): readonly string[] => model.props.vnet(v).addressSpace?.addressPrefixes ?? [];
        const prefixes = new Set<string>([...space(vnet), ...(vnet ? peeredVnets(model, vnet).flatMap(space) : [])]);
        for (const r of routes(subnetId)) if (r.source !== "Default" || r.nextHop === "VNetPeering") prefixes.add(r.prefix);
        // One array for every subnet whose tag covers the same prefixes (a VNet's subnets, mostly):
        // NSG evaluation compiles its rules once per array.
        const list = [...prefixes];
        return model.memo(VIRTUAL_NETWORK_TAGS_BY_CONTENT, list.join(" "), () => list);
      }),
  };
}
