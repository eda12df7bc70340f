import { rule } from "./rule.ts";
import { endpointsTo, linkedVnets, name, peeredVnets, vnetOfSubnet, workspaceComputes, workspaces, zonesByName } from "../core/views.ts";
import { zonesFor } from "../core/zones.ts";

export default rule({
  id: "AML041",
  title: "Compute cluster in another region without the conditions that allow it",
  severity: "error",
  facts: ["F25"],
  docs: ["TRAIN", "OVERVIEW", "PL"],
  description:
    "Compute belongs in the workspace's region. The training guidance allows one exception: a compute cluster (never a compute instance, see AML040) may run in another region when its VNet holds a workspace private endpoint, or is peered with a VNet that holds one, and both workspace zones are linked to its VNet. Outside those conditions the cluster can't reach the workspace, and amlnet reports an error.",
  check(m) {
    const zones = zonesByName(m);
    return workspaces(m).flatMap((ws) =>
      workspaceComputes(m, ws)
        .filter((c) => c.computeType === "AmlCompute" && c.location && ws.location && c.location !== ws.location)
        .filter((c) => {
          const vnet = vnetOfSubnet(m, c.subnetId);
          if (!vnet) return true;
          // Its own VNet, or one peered with it, holds a workspace endpoint.
          const near = new Set([vnet, ...peeredVnets(m, vnet)].map((v) => v.id.toLowerCase()));
          const hasEndpoint = endpointsTo(m, ws, "amlworkspace").some((e) => !!e.vnetId && near.has(e.vnetId.toLowerCase()));
          const linked = (zonesFor(ws.type, "amlworkspace", m.cloud) ?? []).every((z) =>
            (zones.get(z) ?? []).some((zone) => linkedVnets(m, zone).has(vnet.id.toLowerCase())),
          );
          return !(hasEndpoint && linked);
        })
        .map((c) => ({
          resource: c.r,
          property: ["location"],
          message: `Cluster ${name(c.r)} runs in ${c.location}, workspace ${name(ws)} in ${ws.location}, and neither condition for another region holds: a workspace endpoint in (or peered with) its VNet, and both workspace zones linked to its VNet.`,
          fix: `Create the cluster in ${ws.location}, or put a workspace endpoint in its VNet (or peer it with one that has it) and link both workspace zones to its VNet.`,
        })),
    );
  },
  cases: {
    pass: [
      "",
      `networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-weu, region: westeurope, addressSpace: [10.2.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}] }
endpoints: [{subnet: vnet-ml/snet-pe}, {subnet: vnet-weu/snet-pe, targets: [workspace]}]
compute: { clusters: [{name: cpu, subnet: vnet-ml/snet-train}, {name: cpu-weu, subnet: vnet-weu/snet-train, region: westeurope}] }`,
      // Peered with the VNet that holds the workspace endpoint, with both zones linked.
      `networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-weu, region: westeurope, addressSpace: [10.2.0.0/16], subnets: [{name: snet-train, purpose: training, size: 24}]}], peerings: [{between: [vnet-ml, vnet-weu]}] }
compute: { clusters: [{name: cpu, subnet: vnet-ml/snet-train}, {name: cpu-weu, subnet: vnet-weu/snet-train, region: westeurope}] }`,
    ],
    fail: [
      { patch: `networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-weu, region: westeurope, addressSpace: [10.2.0.0/16], subnets: [{name: snet-train, purpose: training, size: 24}]}] }
compute: { clusters: [{name: cpu, subnet: vnet-ml/snet-train}, {name: cpu-weu, subnet: vnet-weu/snet-train, region: westeurope}] }`, fires: [{ at: "compute.clusters.1", says: "Cluster cpu-weu runs in westeurope, workspace mlw in eastus, and neither condition for" }] },
    ],
  },
});
