import { rule } from "./rule.ts";
import { contains, parseCidr, type Cidr } from "../core/net/cidr.ts";
import { firstOverlaps } from "../core/net/overlaps.ts";
import { T } from "../core/registry.ts";
import type { Hit } from "./rule.ts";
import type { Resource } from "../core/types.ts";

export default rule({
  id: "AML052",
  title: "Overlapping or misplaced address space",
  severity: "error",
  facts: ["F62", "F63"],
  docs: ["PEER", "UDR"],
  description:
    "VNets with overlapping address spaces can't be peered or routed to each other, and a subnet must sit inside its VNet's space without overlapping a sibling. Azure rejects such peerings and subnets at deployment, or routes traffic to the wrong place.",
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
    for (const [a, pa, b, pb] of firstOverlaps(vnets.map((v) => prefixes(v))))
      hits.push({ resource: vnets[b], messageId: "vnetsOverlap", message: `VNets ${vnets[a].name} (${pa}) and ${vnets[b].name} (${pb}) overlap: they can't be peered or routed to each other.`, fix: `Give ${vnets[b].name} an address space that doesn't overlap ${pa}.` });
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
    pass: ["", "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, prefix: 10.0.0.0/24}, {name: snet-train, purpose: training, prefix: 10.0.1.0/24}]}, {name: vnet-b, addressSpace: [10.1.0.0/16]}] }"],
    fail: [
      { patch: "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-b, addressSpace: [10.0.128.0/17]}] }", fires: [{ at: "networks.vnets.1", id: "vnetsOverlap" }] },
      { patch: "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, prefix: 10.1.0.0/24}, {name: snet-train, purpose: training, size: 24}]}] }", fires: [{ at: "networks.vnets.0.subnets.0", id: "subnetOutside" }] },
      { patch: "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, prefix: 10.0.0.0/23}, {name: snet-train, purpose: training, prefix: 10.0.1.0/24}]}] }", fires: [{ at: "networks.vnets.0.subnets.1", id: "subnetsOverlap" }] },
    ],
  },
});
