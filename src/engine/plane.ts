// The data plane of a model, computed once and asked many questions (the Batfish habit):
// endpoint addresses, zone records, effective routes per subnet, DNS answers per VNet and name,
// what the VirtualNetwork tag covers per subnet. Everything is memoized; nothing is enumerated
// per address.
import { recordingReads, recordUnknownReads, replayReads, type UnknownRead } from "../core/unknown-reads.ts";
import type { Model } from "../core/model.ts";
import type { Resource } from "../core/types.ts";
import { parentId } from "../core/ids.ts";
import { endpoints, peeredVnets, type EndpointView } from "../core/views.ts";
import { allocateEndpointAddresses, type EndpointAddresses } from "./net/addressing.ts";
import { effectiveRoutes, type Route } from "./net/routes.ts";
import { recordWrites, zoneRecords, type RecordWrite } from "./dns/records.ts";
import { resolveFrom, type DnsContext, type Resolution } from "./dns/resolve.ts";
import { props } from "../core/props.ts";

export interface DataPlane {
  readonly model: Model;
  readonly addresses: EndpointAddresses;
  readonly dns: DnsContext;
  /** Every A record the zone groups write, in order; the zones keep the last per name. */
  readonly writes: readonly RecordWrite[];
  routes(subnetId: string): readonly Route[];
  resolve(vnetId: string, fqdn: string): Resolution;
  /** The endpoint that owns a private address. */
  endpointAt(ip: string): EndpointView | undefined;
  /** Prefixes the VirtualNetwork service tag covers for a subnet (F61). */
  virtualNetworkTag(subnetId: string): readonly string[];
}

const planes = new WeakMap<Model, { readonly plane: DataPlane; readonly reads: readonly UnknownRead[] }>();

/**
 * The model's data plane, built on first use and shared by the rules that ask. The unknown values
 * it read (an imported template's) count as read by every rule that asks for it.
 */
export function planeOf(model: Model): DataPlane {
  let p = planes.get(model);
  if (!p) {
    const built = recordingReads() ? recordUnknownReads(() => buildPlane(model)) : { result: buildPlane(model), reads: [] };
    planes.set(model, (p = { plane: built.result, reads: built.reads }));
  }
  replayReads(p.reads);
  return p.plane;
}

export function buildPlane(model: Model): DataPlane {
  const addresses = allocateEndpointAddresses(model);
  const writes = recordWrites(model, addresses);
  const dns: DnsContext = { model, records: zoneRecords(writes, model) };
  const byIp = new Map<string, EndpointView>();
  for (const e of endpoints(model)) for (const ip of addresses.byEndpoint.get(e.pe.id.toLowerCase()) ?? []) byIp.set(ip, e);
  const routeCache = new Map<string, readonly Route[]>();
  const dnsCache = new Map<string, Resolution>();
  const tagCache = new Map<string, readonly string[]>();
  const routes = (subnetId: string) => {
    const key = subnetId.toLowerCase();
    let r = routeCache.get(key);
    if (!r) routeCache.set(key, (r = effectiveRoutes(model, subnetId, addresses)));
    return r;
  };
  return {
    model,
    addresses,
    dns,
    writes,
    routes,
    resolve(vnetId, fqdn) {
      const key = `${vnetId.toLowerCase()} ${fqdn.toLowerCase()}`;
      let r = dnsCache.get(key);
      if (!r) dnsCache.set(key, (r = resolveFrom(dns, vnetId, fqdn)));
      return r;
    },
    endpointAt: (ip) => byIp.get(ip),
    virtualNetworkTag(subnetId) {
      const key = subnetId.toLowerCase();
      let t = tagCache.get(key);
      if (!t) {
        // F61: the VNet's space, its peers', on-premises prefixes and every UDR prefix.
        const vnet = model.get(parentId(subnetId));
        const space = (v: Resource | undefined): readonly string[] => props.vnet(v).addressSpace?.addressPrefixes ?? [];
        const prefixes = new Set<string>([...space(vnet), ...(vnet ? peeredVnets(model, vnet).flatMap(space) : [])]);
        for (const r of routes(subnetId)) if (r.source !== "Default" || r.nextHop === "VNetPeering") prefixes.add(r.prefix);
        tagCache.set(key, (t = [...prefixes]));
      }
      return t;
    },
  };
}
