import { rule } from "./rule.ts";
import { peeringTo } from "../core/views.ts";
import { T } from "../core/registry.ts";
import type { Hit } from "./rule.ts";

export default rule({
  id: "AML054",
  title: "Peering half-built or gateway transit missing",
  severity: "error",
  facts: ["F63"],
  docs: ["PEER"],
  description:
    "A peering carries traffic only when both VNets have a peering to each other. useRemoteGateways on one side needs allowGatewayTransit on the other, or on-premises traffic through the remote gateway never arrives.",
  messages: {
    noPeeringBack: "A peering has no peering back.",
    noGatewayTransit: "Remote gateways are used without gateway transit on the other side.",
  },
  check(m) {
    const hits: Hit[] = [];
    for (const p of m.ofType(T.peering)) {
      const local = m.parent(p);
      const remote = m.get(m.props.peering(p).remoteVirtualNetwork?.id);
      if (!local || !remote) continue;
      const back = peeringTo(m, remote, local);
      if (!back)
        hits.push({ resource: p, messageId: "noPeeringBack", message: `${local.name} peers with ${remote.name}, but ${remote.name} has no peering back: no traffic flows.`, fix: `Add the peering from ${remote.name} to ${local.name}.` });
      else if (m.props.peering(p).useRemoteGateways && !m.props.peering(back).allowGatewayTransit)
        hits.push({
          resource: p,
          messageId: "noGatewayTransit", message: `${local.name} uses ${remote.name}'s gateways, but ${remote.name}'s peering doesn't allow gateway transit.`,
          fix: `Set allowGatewayTransit on ${remote.name}'s peering to ${local.name}.`,
        });
    }
    return hits;
  },
  cases: {
    pass: ["networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-hub, addressSpace: [10.9.0.0/16]}], peerings: [{between: [vnet-hub, vnet-ml], allowGatewayTransit: true, useRemoteGateways: true}] }"],
    fail: [
      { patch: "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-hub, addressSpace: [10.9.0.0/16]}], peerings: [{between: [vnet-hub, vnet-ml], oneWay: true}] }", fires: [{ at: "networks.peerings.0", id: "noPeeringBack" }] },
      { patch: "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-hub, addressSpace: [10.9.0.0/16]}], peerings: [{between: [vnet-hub, vnet-ml], useRemoteGateways: true}] }", fires: [{ at: "networks.peerings.0", id: "noGatewayTransit" }] },
    ],
  },
});
