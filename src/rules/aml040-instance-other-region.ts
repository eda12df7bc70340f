import { rule } from "./rule.ts";
import { name, workspaceComputes, workspaces } from "../core/views.ts";

export default rule({
  id: "AML040",
  title: "Compute instance in another region than the workspace",
  severity: "error",
  facts: ["F25"],
  docs: ["PL", "TRAIN"],
  description:
    "A compute instance must be in the workspace's region. (Newer guidance lets a compute cluster, not an instance, sit elsewhere under conditions: see AML041.)",
  check(m) {
    return workspaces(m).flatMap((ws) =>
      workspaceComputes(m, ws)
        .filter((c) => c.computeType === "ComputeInstance" && c.location && ws.location && c.location !== ws.location)
        .map((c) => ({
          resource: c.r,
          property: ["location"],
          message: `Compute instance ${name(c.r)} is in ${c.location}, workspace ${name(ws)} in ${ws.location}: instances must share the workspace's region.`,
          fix: `Create the instance in ${ws.location}.`,
        })),
    );
  },
  cases: {
    pass: ["", "compute: { instances: [{name: ci1, subnet: vnet-ml/snet-train}] }"],
    fail: [
      { patch: "compute: { instances: [{name: ci1, subnet: vnet-ml/snet-train, region: westeurope}] }", fires: [{ at: "compute.instances.0", says: "Compute instance ci1 is in westeurope, workspace mlw in eastus" }] },
    ],
  },
});
