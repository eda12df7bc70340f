// Which of the things at one private address a VNet reaches. Private addresses are unique only
// among VNets that route to each other: isolated VNets stamped from one address plan (a dev and a
// prod hub, a sandbox per team) reuse them, so an endpoint, a firewall or a DNS server at 10.0.1.4
// is looked up from where the packet or the query comes from: its own VNet first, then a VNet
// peered with it (F62, F64: a VNet's routes hold its own space and its peers'). Only when neither
// holds one, which the route then says is unreachable, does the fallback name one of all.
import type { Analysis } from "../../core/analysis.ts";
import { peeredVnets } from "../../core/views.ts";

export function inReach<T>(m: Analysis, fromVnet: string | undefined, candidates: readonly T[], vnetOf: (c: T) => string | undefined, fallback: "first" | "last"): T | undefined {
  const other = fallback === "first" ? candidates[0] : candidates[candidates.length - 1];
  // One thing at the address (every estate whose address plan isn't reused): nothing to choose.
  if (candidates.length <= 1 || fromVnet === undefined) return other;
  const own = fromVnet.toLowerCase();
  const mine = candidates.find((c) => vnetOf(c)?.toLowerCase() === own);
  if (mine) return mine;
  const vnet = m.get(fromVnet);
  if (!vnet) return other;
  const peers = new Set(peeredVnets(m, vnet).map((p) => p.id.toLowerCase()));
  return candidates.find((c) => peers.has(vnetOf(c)?.toLowerCase() ?? "")) ?? other;
}
