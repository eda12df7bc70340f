import { rule } from "./rule.ts";
import { computeName, computes, serverlessComputes } from "../core/views.ts";

export default rule({
  id: "AML045",
  title: "No-public-IP compute without outbound access",
  severity: "error",
  facts: ["F23", "F62"],
  docs: ["TRAIN", "UDR"],
  description:
    "Compute without a public IP has no default outbound access. It still must reach Azure Machine Learning, Batch, Storage, Entra ID and the container registries: through a NAT gateway on its subnet or a 0.0.0.0/0 user-defined route to a firewall. Without either, nodes never start.",
  check(m) {
    return [...computes(m), ...serverlessComputes(m)]
      .filter((c) => !c.publicIp && c.subnetId)
      .filter((c) => {
        const subnet = m.get(c.subnetId);
        if (!subnet) return false;
        if (m.props.subnet(subnet).natGateway?.id) return false;
        const routes = m.props.routeTable(m.get(m.props.subnet(subnet).routeTable?.id)).routes ?? [];
        return !routes.some((r) => r.properties.addressPrefix === "0.0.0.0/0" && ["VirtualAppliance", "Internet", "VirtualNetworkGateway"].includes(r.properties.nextHopType));
      })
      .map((c) => ({
        resource: c.r,
        message: `Compute ${computeName(c)} has no public IP and its subnet has neither a NAT gateway nor a default route to a firewall: nodes can't reach the services they need and fail to start.`,
        fix: "Attach a NAT gateway to the subnet (natGateway: auto) or a route table sending 0.0.0.0/0 to a firewall that allows the required traffic.",
      }));
  },
  cases: {
    pass: [
      "",
      "compute: { clusters: [{name: cpu, subnet: vnet-ml/snet-train, publicIp: true}] }",
      // Serverless compute in its own subnet gets the NAT gateway its no-public-IP nodes need.
      "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-serverless, purpose: other, size: 24}]}] }\nworkspace: { serverless: { subnet: vnet-ml/snet-serverless } }",
    ],
    fail: [
      { patch: "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24, natGateway: none}]}] }", fires: [{ at: "compute.clusters.0", says: "Compute cpu has no public IP and its subnet has neither a NAT gateway nor a default route" }, { at: "workspace", says: "Compute image-build has no public IP and its subnet has neither a NAT gateway nor a" }] },
      {
        patch: "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-serverless, purpose: other, size: 24, natGateway: none}]}] }\nworkspace: { serverless: { subnet: vnet-ml/snet-serverless } }",
        fires: [{ at: "workspace", says: "Compute serverless compute of mlw has no public IP and its subnet has neither a NAT" }],
      },
    ],
  },
});
