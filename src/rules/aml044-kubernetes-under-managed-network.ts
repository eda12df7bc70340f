import { rule } from "./rule.ts";
import { managedNetwork, name, workspaces } from "../core/views.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML044",
  title: "Kubernetes or attached VMs under a managed network",
  severity: "error",
  facts: ["F36"],
  docs: ["MVNET"],
  description:
    "A workspace with a managed virtual network can't attach Kubernetes clusters or virtual machines: they live in your network, which the managed network doesn't reach. Use managed online endpoints or a separate workspace for AKS inference.",
  check(m) {
    return workspaces(m).flatMap((ws) =>
      managedNetwork(m, ws)
        ? m
            .children(ws.id, T.compute)
            .filter((c) => ["Kubernetes", "AKS", "VirtualMachine"].includes(String(m.props.compute(c).computeType)))
            .map((c) => ({
              resource: c,
              message: `${m.props.compute(c).computeType} compute ${name(c)} is attached to workspace ${name(ws)}, which uses a managed network: attaching it isn't supported.`,
              fix: "Serve models from managed online endpoints, or keep AKS with a workspace in your own VNet.",
            }))
        : [],
    );
  },
  cases: {
    pass: ["workspace: { network: { mode: managed } }\ncompute: { clusters: [{name: cpu}] }"],
    fail: [
      { patch: "workspace: { network: { mode: managed } }\nnetworks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-aks, purpose: scoring, size: 22}]}] }\ncompute: { clusters: [{name: cpu}], kubernetes: [{name: aks1, subnet: vnet-ml/snet-aks, scoringTls: { cname: score.example.com }}] }", fires: [{ at: "compute.kubernetes.0", says: "Kubernetes compute aks1 is attached to workspace mlw, which uses a managed network" }] },
    ],
  },
});
