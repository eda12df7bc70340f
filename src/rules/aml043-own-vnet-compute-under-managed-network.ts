import { rule } from "./rule.ts";
import { computes, managedNetwork, name, workspaces } from "../core/views.ts";

export default rule({
  id: "AML043",
  title: "Compute in your own VNet under a managed network",
  severity: "error",
  facts: ["F36"],
  docs: ["MVNET"],
  description:
    "A workspace with a managed virtual network runs its compute in the Microsoft-managed VNet. Compute instances and clusters can't be placed in your own subnets; existing ones must be recreated without a subnet.",
  check(m) {
    return workspaces(m).flatMap((ws) =>
      managedNetwork(m, ws)
        ? computes(m)
            .filter((c) => c.subnetId && c.r.id.toLowerCase().startsWith(ws.id.toLowerCase() + "/"))
            .map((c) => ({
              resource: c.r,
              message: `Compute ${name(c.r)} is placed in subnet ${c.subnetId!.split("/").slice(-3).join("/")} but workspace ${name(ws)} uses a managed network: the compute can't be created there.`,
              fix: "Remove the subnet; the compute joins the managed network.",
            }))
        : [],
    );
  },
  cases: {
    pass: ["workspace: { network: { mode: managed } }\ncompute: { clusters: [{name: cpu}] }"],
    fail: [
      { patch: "workspace: { network: { mode: managed } }", fires: [{ at: "compute.clusters.0", says: "Compute cpu is placed in subnet vnet-ml/subnets/snet-train but workspace mlw uses a" }] },
    ],
  },
});
