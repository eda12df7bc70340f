import { rule } from "./rule.ts";
import { endpointsTo, managedNetwork, name, workspaces } from "../core/views.ts";
import { dependencies, isPrivate } from "./helpers.ts";

export default rule({
  id: "AML029",
  title: "Private dependency with no endpoint",
  severity: "error",
  facts: ["F41", "F43", "F32"],
  docs: ["WSVNET", "MVNET"],
  description:
    "A storage account, Key Vault or registry with public access disabled is reachable only through private endpoints. In your own VNet you create them; with none, compute and clients can't reach it. (Under a managed network the workspace adds those endpoints itself.)",
  check(m) {
    return workspaces(m).flatMap((ws) =>
      managedNetwork(m, ws)
        ? []
        : dependencies(m, ws)
            .filter((d) => isPrivate(m, d) && endpointsTo(m, d).length === 0)
            .map((d) => ({
              resource: d,
              message: `${name(d)} has public access disabled and no private endpoint: compute and studio can't reach it.`,
              fix: `Add ${name(d)} to the targets of an endpoints entry in the VNet that holds the workspace endpoint.`,
            })),
    );
  },
  cases: {
    pass: ["", "workspace: { network: { mode: managed } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }"],
    fail: [
      { patch: "endpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace, storage, containerRegistry]}]", fires: [{ at: "keyVault", says: "kv-ml has public access disabled and no private endpoint" }] },
    ],
  },
});
