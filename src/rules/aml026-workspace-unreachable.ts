import { rule } from "./rule.ts";
import { endpointsTo, hubOf, isProject, name, workspaces } from "../core/views.ts";
import { isPrivate } from "./helpers.ts";

export default rule({
  id: "AML026",
  title: "Public access off and no workspace endpoint",
  severity: "error",
  facts: ["F45", "F01"],
  docs: ["PL", "WSVNET"],
  description:
    "With public network access disabled, the workspace is reached only through its private endpoints. With none, no client can use studio, the SDK or the CLI against it. (Removing every endpoint does not make a workspace public again.)",
  check(m) {
    // A project is reached through its hub's endpoints and has its hub's access: a hub the input
    // holds answers for its projects (one finding, on the hub) [HUBPL].
    return workspaces(m)
      .filter((ws) => !(isProject(ws) && !hubOf(m, ws)?.unknown))
      .filter((ws) => isPrivate(m, ws) && endpointsTo(m, ws, "amlworkspace").length === 0)
      .map((ws) => ({
        resource: ws,
        property: ["properties", "publicNetworkAccess"],
        message: `Workspace ${name(ws)} has public access disabled and no private endpoint: nobody can reach it.`,
        fix: "Add a workspace endpoint (endpoints[].targets: workspace) in a VNet your clients reach, or enable public access.",
      }));
  },
  cases: {
    pass: ["", "workspace: { publicNetworkAccess: Enabled }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [storage, keyVault, containerRegistry]}]"],
    fail: [
      { patch: "endpoints: [{subnet: vnet-ml/snet-pe, targets: [storage, keyVault, containerRegistry]}]", fires: [{ at: "workspace", says: "Workspace mlw has public access disabled and no private endpoint" }] },
    ],
  },
});
