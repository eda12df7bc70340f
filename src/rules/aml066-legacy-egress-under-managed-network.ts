import { rule } from "./rule.ts";
import { managedNetwork, name, workspaces } from "../core/views.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML066",
  title: "Legacy online-deployment egress flag under a managed network",
  severity: "error",
  facts: ["F47", "F36"],
  docs: ["ONLINE", "MVNET"],
  description:
    "egress_public_network_access on managed online deployments is the legacy isolation method: it creates three endpoints per deployment and can't change later. Under a managed network it doesn't apply; the managed network's outbound rules govern egress, and mixing the two fails.",
  check(m) {
    return workspaces(m).flatMap((ws) =>
      managedNetwork(m, ws)
        ? m
            .ofType(T.onlineEndpoint)
            .filter((e) => e.intent?.egressPublicNetworkAccess !== undefined)
            .map((e) => ({
              resource: e,
              message: `Online endpoint ${name(e)} sets the legacy egress flag, which workspace ${name(ws)}'s managed network doesn't use.`,
              fix: "Drop egressPublicNetworkAccess; control egress with the managed network's outbound rules.",
            }))
        : [],
    );
  },
  cases: {
    pass: ["workspace: { network: { mode: managed } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }\ninference: { onlineEndpoints: [{name: score}] }"],
    fail: [
      { patch: "workspace: { network: { mode: managed } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }\ninference: { onlineEndpoints: [{name: score, egressPublicNetworkAccess: Disabled}] }", fires: [{ at: "inference.onlineEndpoints.0", says: "Online endpoint score sets the legacy egress flag, which workspace mlw's managed network" }] },
    ],
  },
});
