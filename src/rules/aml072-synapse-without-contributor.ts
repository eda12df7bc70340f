import { rule } from "./rule.ts";
import { ROLES } from "../core/knowledge/roles.ts";
import { hasRole, name, workspaces, workspacesServedBy } from "../core/views.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML072",
  title: "Synapse identity without Contributor on the workspace",
  severity: "error",
  facts: ["F46"],
  docs: ["SYN", "ROLES"],
  description:
    "The Synapse workspace's managed identity needs Contributor on the Azure Machine Learning workspace for the linked service to work; without it, `azureML.getWorkspace(...)` from a Spark notebook fails with an authorization error.",
  check(m) {
    return workspaces(m).flatMap((ws) =>
      m
        .ofType(T.synapse)
        .filter((s) => workspacesServedBy(m, s).includes(ws) && !hasRole(m, s.id, ROLES.contributor.id, ws.id))
        .map((s) => ({
          resource: s,
          message: `Synapse workspace ${name(s)}'s identity has no Contributor on workspace ${name(ws)}: the linked service can't use it.`,
          fix: "Assign Contributor on the AML workspace to the Synapse identity (integrations.synapse[].contributorOnWorkspace: true).",
        })),
    );
  },
  cases: {
    pass: ["integrations: { synapse: [{name: syn1}] }\nstorage: { subresources: [blob, file, dfs] }"],
    fail: [
      { patch: "integrations: { synapse: [{name: syn1, contributorOnWorkspace: false}] }\nstorage: { subresources: [blob, file, dfs] }", fires: [{ at: "integrations.synapse.0", says: "Synapse workspace syn1's identity has no Contributor on workspace mlw" }] },
    ],
  },
});
