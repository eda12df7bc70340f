import { rule } from "./rule.ts";
import { name, workspaces } from "../core/views.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML042",
  title: "Kubernetes cluster in another region than the workspace",
  severity: "error",
  facts: ["F25"],
  docs: ["PL", "INFER"],
  description: "An AKS cluster attached to a network-isolated workspace must be in the workspace's region.",
  check(m) {
    return workspaces(m).flatMap((ws) =>
      m
        .children(ws.id, T.compute)
        .filter((c) => ["Kubernetes", "AKS"].includes(String(m.props.compute(c).computeType)))
        .map((c) => m.get(m.props.compute(c).resourceId) ?? c)
        .filter((aks) => aks.location && ws.location && aks.location !== ws.location)
        .map((aks) => ({
          resource: aks,
          message: `AKS cluster ${name(aks)} is in ${aks.location}, workspace ${name(ws)} in ${ws.location}: attached Kubernetes must share the workspace's region.`,
          fix: `Create the cluster in ${ws.location}.`,
        })),
    );
  },
  cases: {
    pass: ["networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-aks, purpose: scoring, size: 22}]}] }\ncompute: { kubernetes: [{name: aks1, subnet: vnet-ml/snet-aks, scoringTls: { cname: score.example.com }}] }"],
    fail: [
      { patch: "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-aks, purpose: scoring, size: 22}]}] }\ncompute: { kubernetes: [{name: aks1, subnet: vnet-ml/snet-aks, region: westus, scoringTls: { cname: score.example.com }}] }", fires: [{ at: "compute.kubernetes.0", says: "AKS cluster aks1 is in westus, workspace mlw in eastus" }] },
    ],
  },
});
