// Addresses of private endpoints inside their subnets, allocated deterministically: endpoints in
// model order, each taking the next free addresses after the five Azure reserves (network, gateway,
// two DNS, broadcast). A workspace endpoint takes three: API and cert share one, notebooks and
// inference one each (F09); every other sub-resource takes one.
import { formatIp, parseCidr } from "../../core/net/cidr.ts";
import type { Analysis } from "../../core/analysis.ts";
import { endpoints } from "../../core/views.ts";

export interface EndpointAddresses {
  /** Lower-case endpoint id -> its addresses, in the order its names use them. */
  readonly byEndpoint: ReadonlyMap<string, readonly string[]>;
  /** Endpoints that didn't fit in their subnet. */
  readonly overflow: readonly string[];
}

const ADDRESSES_PER_GROUP: Readonly<Record<string, number>> = { amlworkspace: 3 };

export function allocateEndpointAddresses(model: Analysis): EndpointAddresses {
  const next = new Map<string, number>();
  const byEndpoint = new Map<string, string[]>();
  const overflow: string[] = [];
  for (const e of endpoints(model)) {
    const subnet = model.get(e.subnetId);
    const prefix = subnet && parseCidr(String(model.props.subnet(subnet).addressPrefix), true);
    if (!subnet || !prefix) continue;
    const key = subnet.id.toLowerCase();
    const first = next.get(key) ?? prefix.base + 4;
    const count = Math.max(1, ...e.groupIds.map((g) => ADDRESSES_PER_GROUP[g.toLowerCase()] ?? 1));
    const lastUsable = prefix.base + 2 ** (32 - prefix.bits) - 2;
    if (first + count - 1 > lastUsable) {
      overflow.push(e.pe.id);
      continue;
    }
    byEndpoint.set(e.pe.id.toLowerCase(), Array.from({ length: count }, (_, i) => formatIp(first + i)));
    next.set(key, first + count);
  }
  return { byEndpoint, overflow };
}
