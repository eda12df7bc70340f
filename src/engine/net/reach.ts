// Which of the things at one private address a VNet reaches. Private addresses are unique only
// among VNets that route to each other: isolated VNets stamped from one address plan (a dev and a
// prod hub, a sandbox per team) reuse them, so an endpoint, a firewall or a DNS server at 10.0.1.4
// is looked up from where the packet or the query comes from: its own VNet first, then a VNet
// peered with it (F62, F64: a VNet's routes hold its own space and its peers'), the first in model
// order. Only when neither holds one, which the route then says is unreachable, does the fallback
// name one of all.
import { memoTable, type Analysis } from "../../core/analysis.ts";
import type { Resource } from "../../core/types.ts";
import { peeredVnets } from "../../core/views.ts";

type Fallback = "first" | "last";

/** Of `candidates` (in model order), the one `fromVnet` reaches: for a look-up made once. */
export function inReach<T>(m: Analysis, fromVnet: string | undefined, candidates: readonly T[], vnetOf: (c: T) => string | undefined, fallback: Fallback): T | undefined {
  const book = new AddressBook(vnetOf);
  for (const c of candidates) book.add("", c);
  return book.find(m, "", fromVnet, fallback);
}

const PEER_KEYS = memoTable<Resource, ReadonlySet<string>>("peered VNets' keys");

const peerKeys = (m: Analysis, vnet: Resource): ReadonlySet<string> => m.memo(PEER_KEYS, vnet, () => new Set(peeredVnets(m, vnet).map((p) => p.id.toLowerCase())));

/**
 * Things by address, for many look-ups (the endpoints every flow asks for): the same choice as
 * `inReach`, with each address's things indexed by VNet when several share it, so a thousand
 * copies of one address plan aren't scanned per flow.
 */
export class AddressBook<T> {
  private readonly byAddress = new Map<string, { readonly items: T[]; byVnet?: Map<string, number> }>();

  constructor(private readonly vnetOf: (item: T) => string | undefined) {}

  add(address: string, item: T): void {
    const entry = this.byAddress.get(address);
    if (entry) entry.items.push(item);
    else this.byAddress.set(address, { items: [item] });
  }

  find(m: Analysis, address: string, fromVnet: string | undefined, fallback: Fallback): T | undefined {
    const entry = this.byAddress.get(address);
    if (!entry) return undefined;
    const { items } = entry;
    const other = fallback === "first" ? items[0] : items[items.length - 1];
    if (items.length === 1 || fromVnet === undefined) return other;
    // Each VNet's first thing at the address, by its place in the list.
    let byVnet = entry.byVnet;
    if (!byVnet) {
      byVnet = entry.byVnet = new Map();
      for (let i = 0; i < items.length; i++) {
        const key = this.vnetOf(items[i])?.toLowerCase();
        if (key !== undefined && !byVnet.has(key)) byVnet.set(key, i);
      }
    }
    const own = byVnet.get(fromVnet.toLowerCase());
    if (own !== undefined) return items[own];
    const vnet = m.get(fromVnet);
    if (!vnet) return other;
    // The first in model order among the peers' things: through the shorter of the two lists.
    let best = -1;
    const peers = peeredVnets(m, vnet);
    if (peers.length <= byVnet.size)
      for (const p of peers) {
        const i = byVnet.get(p.id.toLowerCase());
        if (i !== undefined && (best < 0 || i < best)) best = i;
      }
    else {
      const keys = peerKeys(m, vnet);
      for (const [key, i] of byVnet) if (keys.has(key) && (best < 0 || i < best)) best = i;
    }
    return best >= 0 ? items[best] : other;
  }
}
