import { rule } from "./rule.ts";
import { computes, endpointsTo, linkedVnets, name, vnetOfSubnet, workspaces, zonesByName } from "../core/views.ts";
import { zonesFor } from "../core/knowledge/private-link.ts";

export default rule({
  id: "AML041",
  title: "Compute cluster in another region without the conditions that allow it",
  severity: "warning",
  facts: ["F25"],
  docs: ["TRAIN", "OVERVIEW", "PL"],
  description:
    "Older guidance requires compute in the workspace's region. Newer training guidance lets a compute cluster run in another region or VNet if that VNet has its own workspace endpoint (or is peered with one) and both workspace zones are linked to it. amlnet accepts the newer reading when those conditions hold and warns otherwise.",
  check(m) {
    const zones = zonesByName(m);
    return workspaces(m).flatMap((ws) =>
      computes(m)
        .filter((c) => c.computeType === "AmlCompute" && c.location && ws.location && c.location !== ws.location)
        .filter((c) => {
          const vnet = vnetOfSubnet(m, c.subnetId);
          if (!vnet) return true;
          const hasEndpoint = endpointsTo(m, ws, "amlworkspace").some((e) => e.vnetId?.toLowerCase() === vnet.id.toLowerCase());
          const linked = (zonesFor(ws.type, "amlworkspace", m.cloud) ?? []).every((z) =>
            (zones.get(z) ?? []).some((zone) => linkedVnets(m, zone).has(vnet.id.toLowerCase())),
          );
          return !(hasEndpoint && linked);
        })
        .map((c) => ({
          resource: c.r,
          message: `Cluster ${name(c.r)} runs in ${c.location}, workspace ${name(ws)} in ${ws.location}, and its VNet lacks a workspace endpoint with both workspace zones linked.`,
          fix: `Create the cluster in ${ws.location}, or give its VNet a workspace endpoint and link both workspace zones to it.`,
        })),
    );
  },
  cases: {
    pass: [
      "",
      `networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-weu, region: westeurope, addressSpace: [10.2.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}] }
endpoints: [{subnet: vnet-ml/snet-pe}, {subnet: vnet-weu/snet-pe, targets: [workspace]}]
compute: { clusters: [{name: cpu, subnet: vnet-ml/snet-train}, {name: cpu-weu, subnet: vnet-weu/snet-train, region: westeurope}] }`,
    ],
    fail: [
      { patch: `networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-weu, region: westeurope, addressSpace: [10.2.0.0/16], subnets: [{name: snet-train, purpose: training, size: 24}]}] }
compute: { clusters: [{name: cpu, subnet: vnet-ml/snet-train}, {name: cpu-weu, subnet: vnet-weu/snet-train, region: westeurope}] }`, fires: [{ at: "compute.clusters.1", says: "Cluster cpu-weu runs in westeurope, workspace mlw in eastus, and its VNet lacks a" }] },
    ],
  },
});
