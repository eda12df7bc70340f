import { rule } from "./rule.ts";
import { endpoints, endpointsToId, name, workspaces } from "../core/views.ts";
import { dependencies } from "./helpers.ts";

export default rule({
  id: "AML027",
  title: "No workspace endpoint in the VNet of the dependency endpoints",
  severity: "error",
  facts: ["F41", "F40"],
  docs: ["PL", "WSVNET"],
  description:
    "When a workspace has several endpoints, one of them must be in the VNet that holds the endpoints of its default storage, Key Vault and container registry; the workspace's service-side operations use that path.",
  check(m) {
    // Each workspace's and dependency's endpoints by index, in model order: an estate of a
    // thousand workspaces doesn't scan every endpoint per workspace.
    const order = new Map(endpoints(m).map((e, i) => [e, i]));
    return workspaces(m).flatMap((ws) => {
      const wsVnets = new Set(endpointsToId(m, ws.id).map((e) => e.vnetId?.toLowerCase()));
      const deps = [...new Set(dependencies(m, ws).map((d) => d.id.toLowerCase()))];
      const depEndpoints = deps.flatMap((d) => endpointsToId(m, d)).sort((x, y) => order.get(x)! - order.get(y)!);
      const depVnets = new Set(depEndpoints.map((e) => e.vnetId?.toLowerCase()));
      if (wsVnets.size === 0 || depVnets.size === 0 || [...wsVnets].some((v) => depVnets.has(v))) return [];
      return [
        {
          resource: ws,
          message: `None of workspace ${name(ws)}'s endpoints is in the VNet holding its storage, Key Vault and registry endpoints (${[...depVnets].map((v) => v?.slice(v.lastIndexOf("/") + 1)).join(", ")}).`,
          fix: "Add a workspace endpoint in the VNet that holds the dependency endpoints.",
        },
      ];
    });
  },
  cases: {
    pass: ["", "endpoints: [{subnet: vnet-ml/snet-pe}, {subnet: vnet-ml/snet-train, targets: [workspace]}]"],
    fail: [
      { patch: `networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-clients, addressSpace: [10.1.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}]}] }
endpoints: [{subnet: vnet-ml/snet-pe, targets: [storage, keyVault, containerRegistry]}, {subnet: vnet-clients/snet-pe, targets: [workspace]}]`, fires: [{ at: "workspace", says: "None of workspace mlw's endpoints is in the VNet holding its storage, Key Vault and" }] },
    ],
  },
});
