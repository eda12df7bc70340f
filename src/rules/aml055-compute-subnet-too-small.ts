import { rule } from "./rule.ts";
import { someNames } from "../core/quote.ts";
import { azureUsable, parseCidr } from "../core/net/cidr.ts";
import { computes, name } from "../core/views.ts";

export default rule({
  id: "AML055",
  title: "Compute subnet too small for its nodes",
  severity: "warning",
  facts: ["F23"],
  docs: ["TRAIN"],
  description:
    "Each compute node takes an address of its subnet, and Azure keeps five addresses of every subnet. When the subnet can't hold every instance plus every cluster at its maximum size, scale-out stops with an allocation error.",
  check(m) {
    const need = new Map<string, { nodes: number; names: string[] }>();
    for (const c of computes(m)) {
      if (!c.subnetId) continue;
      const p = m.props.compute(c.r).properties ?? {};
      const nodes = c.computeType === "AmlCompute" ? Number(p.scaleSettings?.maxNodeCount ?? 1) : 1;
      const cur = need.get(c.subnetId) ?? { nodes: 0, names: [] };
      need.set(c.subnetId, { nodes: cur.nodes + nodes, names: [...cur.names, name(c.r)] });
    }
    return [...need].flatMap(([subnetId, { nodes, names }]) => {
      const subnet = m.get(subnetId);
      const c = subnet && parseCidr(String(m.props.subnet(subnet).addressPrefix), true);
      if (!c || azureUsable(c) >= nodes) return [];
      return [
        {
          resource: subnet,
          property: ["properties", "addressPrefix"],
          message: `Subnet ${subnet.name} (${m.props.subnet(subnet).addressPrefix}) has ${azureUsable(c)} usable addresses, but ${someNames(names)} can take ${nodes} nodes.`,
          fix: `Grow the subnet to at least /${32 - Math.ceil(Math.log2(nodes + 5))}, or lower the clusters' maximum nodes.`,
        },
      ];
    });
  },
  cases: {
    pass: ["", "compute: { clusters: [{name: cpu, subnet: vnet-ml/snet-train, maxNodes: 200}] }"],
    fail: [
      { patch: "compute: { clusters: [{name: cpu, subnet: vnet-ml/snet-train, maxNodes: 300}] }", fires: [{ at: "networks.vnets.0.subnets.1", says: "Subnet vnet-ml/snet-train (10.0.1.0/24) has 251 usable addresses, but cpu, image-build" }] },
    ],
  },
});
