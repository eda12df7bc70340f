import { rule } from "./rule.ts";
import { endpointsTo, managedNetwork, name, workspaces } from "../core/views.ts";
import { isPrivate } from "./helpers.ts";

export default rule({
  id: "AML020",
  title: "Workspace storage without blob and file endpoints",
  severity: "error",
  facts: ["F03", "F32"],
  docs: ["WSVNET", "PEDNS"],
  description:
    "Each storage sub-resource is its own private endpoint. Azure Machine Learning uses both blob (datasets, artifacts, models) and file (notebooks, code snapshots) on its default storage; behind a VNet an endpoint for only one of them leaves the other unreachable from compute and studio.",
  check(m) {
    return workspaces(m).flatMap((ws) => {
      const st = m.get(m.props.workspace(ws).storageAccount);
      if (!st) return [];
      const any = endpointsTo(m, st);
      // F32: under a managed network the workspace creates its own storage endpoints.
      if (any.length === 0 && (!isPrivate(m, st) || managedNetwork(m, ws))) return [];
      const missing = ["blob", "file"].filter((g) => endpointsTo(m, st, g).length === 0);
      return missing.length && (any.length > 0 || isPrivate(m, st))
        ? [
            {
              resource: st,
              message: `Storage ${name(st)} is behind the VNet but has no ${missing.join(" or ")} endpoint: ${missing.includes("file") ? "notebooks and code snapshots" : "datasets, artifacts and models"} can't be read from inside.`,
              fix: `Add private endpoints for ${missing.join(" and ")} on ${name(st)} (storage.subresources).`,
            },
          ]
        : [];
    });
  },
  cases: {
    pass: ["", "storage: { subresources: [blob, file, dfs] }", "workspace: { network: { mode: managed } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }"],
    fail: [
      { patch: "storage: { subresources: [blob] }", fires: [{ at: "storage", says: "Storage stml is behind the VNet but has no file endpoint" }] },
      { patch: "endpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace, keyVault, containerRegistry]}]", fires: [{ at: "storage", says: "Storage stml is behind the VNet but has no blob or file endpoint" }] },
    ],
  },
});
