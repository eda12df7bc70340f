import { rule } from "./rule.ts";
import { contains, parseCidr, type Cidr } from "../core/net/cidr.ts";
import { firstOverlaps } from "../core/net/overlaps.ts";
import { T } from "../core/registry.ts";
import type { Hit } from "./rule.ts";
import type { Resource } from "../core/types.ts";
import type { Analysis } from "../core/analysis.ts";
import { peeredVnets } from "../core/views.ts";

export default rule({
  id: "AML052",
  title: "Overlapping or misplaced address space",
  severity: "error",
  facts: ["F62", "F63"],
  docs: ["PEER", "UDR"],
  description:
    "VNets with overlapping address spaces can't be peered, and a VNet peered with two that overlap each other (a hub with two spokes on one address plan) can't route to both; a subnet must sit inside its VNet's space without overlapping a sibling. Azure rejects such peerings and subnets at deployment, or routes traffic to the wrong place. VNets that never route to each other (isolated environments stamped from one address plan) may share addresses.",
  messages: {
    vnetsOverlap: "Two VNets' address spaces overlap.",
    subnetOutside: "A subnet lies outside its VNet's address space.",
    subnetsOverlap: "Two subnets of a VNet overlap.",
  },
  check(m) {
    const hits: Hit[] = [];
    const prefixes = (v: Resource) =>
      (m.props.vnet(v).addressSpace?.addressPrefixes ?? []).map((p) => [p, parseCidr(p, true)] as const).filter((x): x is readonly [string, Cidr] => !!x[1]);
    const vnets = m.ofType(T.vnet);
    for (const { a, pa, b, pb, via } of connectedOverlaps(m, vnets, prefixes))
      hits.push({
        resource: vnets[b],
        messageId: "vnetsOverlap",
        message: via
          ? `VNets ${vnets[a].name} (${pa}) and ${vnets[b].name} (${pb}), both peered with ${via.name}, overlap: ${via.name} can't route to both.`
          : `VNets ${vnets[a].name} (${pa}) and ${vnets[b].name} (${pb}) are peered but overlap: Azure refuses the peering.`,
        fix: `Give ${vnets[b].name} an address space that doesn't overlap ${pa}.`,
      });
    for (const v of vnets) {
      const space = prefixes(v).map(([, c]) => c);
      const subnets = m.children(v.id, T.subnet).map((s) => [s, m.props.subnet(s).addressPrefix, parseCidr(String(m.props.subnet(s).addressPrefix), true)] as const);
      for (const [s, p, c] of subnets)
        if (c && !space.some((sp) => contains(sp, c)))
          hits.push({ resource: s, messageId: "subnetOutside", message: `Subnet ${s.name} (${p}) is outside VNet ${v.name}'s address space.`, fix: "Pick a prefix inside the VNet's address space (or give a size and let amlnet allocate)." });
      // A sweep over the sorted prefixes, not every pair: a template may give a VNet thousands of subnets.
      for (const [i, p, j, q] of firstOverlaps(subnets.map(([, text, c]) => (c ? [[String(text), c] as const] : []))))
        hits.push({ resource: subnets[j][0], messageId: "subnetsOverlap", message: `Subnets ${subnets[i][0].name} (${p}) and ${subnets[j][0].name} (${q}) overlap.`, fix: "Give each subnet its own prefix." });
    }
    return hits;
  },
  cases: {
    pass: [
      "",
      "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, prefix: 10.0.0.0/24}, {name: snet-train, purpose: training, prefix: 10.0.1.0/24}]}, {name: vnet-b, addressSpace: [10.1.0.0/16]}] }",
      // Two VNets that never route to each other may share an address plan.
      "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-b, addressSpace: [10.0.128.0/17]}] }",
    ],
    fail: [
      { patch: "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-b, addressSpace: [10.0.128.0/17]}], peerings: [{between: [vnet-ml, vnet-b]}] }", fires: [{ at: "networks.vnets.1", id: "vnetsOverlap" }] },
      // Two spokes of one hub on one address plan: the hub can't route to both.
      {
        patch: "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-hub, addressSpace: [10.9.0.0/16]}, {name: vnet-b, addressSpace: [10.0.0.0/16]}], peerings: [{between: [vnet-hub, vnet-ml]}, {between: [vnet-hub, vnet-b]}] }",
        fires: [{ at: "networks.vnets.2", id: "vnetsOverlap" }],
      },
      { patch: "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, prefix: 10.1.0.0/24}, {name: snet-train, purpose: training, size: 24}]}] }", fires: [{ at: "networks.vnets.0.subnets.0", id: "subnetOutside" }] },
      { patch: "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, prefix: 10.0.0.0/23}, {name: snet-train, purpose: training, prefix: 10.0.1.0/24}]}] }", fires: [{ at: "networks.vnets.0.subnets.1", id: "subnetsOverlap" }] },
    ],
  },
});

/**
 * Overlaps between VNets that route to each other: peered (either side declaring it), or both
 * peered with one VNet (a hub, which then holds two routes for the same addresses). Each VNet
 * that overlaps an earlier one so gets its first such overlap, found per hub among the hub and its
 * peers (linear in VNets and peerings, as an estate's thousands of spokes need).
 */
function connectedOverlaps(
  m: Analysis,
  vnets: readonly Resource[],
  prefixes: (v: Resource) => readonly (readonly [string, Cidr])[],
): { a: number; pa: string; b: number; pb: string; via?: Resource }[] {
  const index = new Map(vnets.map((v, i) => [v, i]));
  const peers = vnets.map(() => new Set<number>());
  vnets.forEach((v, i) => {
    for (const p of peeredVnets(m, v)) {
      const j = index.get(p);
      if (j === undefined || j === i) continue;
      peers[i].add(j);
      peers[j].add(i);
    }
  });
  const spaces = vnets.map((v) => prefixes(v));
  const first = new Map<number, { a: number; pa: string; b: number; pb: string; via?: Resource }>();
  peers.forEach((around, hub) => {
    // A VNet with one peer adds no pair that peer's own group doesn't hold (a spoke's, its hub's).
    if (around.size < 2 && (around.size === 0 || peers[[...around][0]].size > 1)) return;
    const group = [hub, ...around].sort((x, y) => x - y);
    for (const [i, pa, j, pb] of firstOverlaps(group.map((g) => spaces[g]))) {
      const [a, b] = [group[i], group[j]];
      const known = first.get(b);
      if (known && known.a <= a) continue;
      first.set(b, { a, pa, b, pb, ...(peers[a].has(b) ? {} : { via: vnets[hub] }) });
    }
  });
  return [...first.values()].sort((x, y) => x.b - y.b);
}
