import { rule } from "./rule.ts";
import { endpointsTo, name, peeredVnets, vnetOfSubnet, workspaces, workspacesServedBy } from "../core/views.ts";
import { T } from "../core/registry.ts";
import { dependencies } from "./helpers.ts";

export default rule({
  id: "AML050",
  title: "AKS VNet can't reach the workspace and its dependencies",
  severity: "error",
  facts: ["F27", "F41", "F63"],
  docs: ["INFER", "PEER"],
  description:
    "AKS in its own VNet needs private endpoints there for the workspace, storage, Key Vault and registry, or a direct peering with the VNet that holds them (peering isn't transitive). Without them the inference router can't fetch models or images.",
  check(m) {
    return workspaces(m).flatMap((ws) => {
      const targets = [ws, ...dependencies(m, ws)].filter((t) => m.props.gated(t).publicNetworkAccess === "Disabled");
      // The clusters this workspace uses (attaches, or shares a resource group with among several).
      return m.ofType(T.aks).flatMap((aks) => {
        if (!workspacesServedBy(m, aks).includes(ws)) return [];
        const subnetId = m.props.aks(aks).agentPoolProfiles?.[0]?.vnetSubnetID;
        const vnet = vnetOfSubnet(m, subnetId);
        if (!vnet) return [];
        const reach = new Set([vnet, ...peeredVnets(m, vnet)].map((v) => v.id.toLowerCase()));
        const missing = targets.filter((t) => !endpointsTo(m, t).some((e) => e.vnetId && reach.has(e.vnetId.toLowerCase())));
        return missing.length
          ? [
              {
                resource: aks,
                message: `AKS ${name(aks)} in VNet ${vnet.name} has no endpoint for ${missing.map(name).join(", ")} in its VNet or a peered one.`,
                fix: `Add endpoints for ${missing.map(name).join(", ")} in ${vnet.name}, or peer ${vnet.name} with the VNet that holds them.`,
              },
            ]
          : [];
      });
    });
  },
  cases: {
    pass: [
      "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-aks, purpose: scoring, size: 22}]}] }\ncompute: { kubernetes: [{name: aks1, subnet: vnet-ml/snet-aks, scoringTls: { cname: score.example.com }}] }",
      `networks:
  vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-aks, addressSpace: [10.5.0.0/16], subnets: [{name: snet-aks, purpose: scoring, size: 22}]}]
  peerings: [{between: [vnet-ml, vnet-aks]}]
compute: { kubernetes: [{name: aks1, subnet: vnet-aks/snet-aks, scoringTls: { cname: score.example.com }}] }`,
    ],
    fail: [
      { patch: "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-aks, addressSpace: [10.5.0.0/16], subnets: [{name: snet-aks, purpose: scoring, size: 22}]}] }\ncompute: { kubernetes: [{name: aks1, subnet: vnet-aks/snet-aks, scoringTls: { cname: score.example.com }}] }", fires: [{ at: "compute.kubernetes.0", says: "AKS aks1 in VNet vnet-aks has no endpoint for mlw, stml, kv-ml, crml01 in its VNet or a" }] },
    ],
  },
});
