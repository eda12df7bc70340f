import { rule } from "./rule.ts";
import { ROLES } from "../core/knowledge/roles.ts";
import { endpointsTo, hasRole, name, workspacePrincipal, workspaces } from "../core/views.ts";

export default rule({
  id: "AML035",
  title: "Workspace identity lacks Reader on storage endpoints",
  severity: "warning",
  facts: ["F44"],
  docs: ["STUDIO", "ROLES"],
  description:
    "With storage behind private endpoints, studio's data preview, designer visualizations and deployment, AutoML submission and labeling stay off until the workspace's managed identity has Reader on each storage private endpoint (and datastores use the workspace identity).",
  check(m) {
    return workspaces(m).flatMap((ws) => {
      const st = m.get(m.props.workspace(ws).storageAccount);
      if (!st) return [];
      const principal = workspacePrincipal(m, ws);
      return endpointsTo(m, st)
        .filter((e) => !hasRole(m, principal, ROLES.reader.id, e.pe.id))
        .map((e) => ({
          resource: e.pe,
          message: `Workspace ${name(ws)}'s identity has no Reader on storage endpoint ${name(e.pe)}: studio can't preview or browse data behind it.`,
          fix: `Assign Reader on ${name(e.pe)} to the workspace identity (roleAssignments: auto does it).`,
        }));
    });
  },
  cases: {
    pass: ["", "roleAssignments: [{principal: workspace, role: reader, scope: resourceGroup}]"],
    fail: [
      { patch: "roleAssignments: []", fires: [{ at: "endpoints.0", says: "Workspace mlw's identity has no Reader on storage endpoint pe-stml-blob-vnet-ml" }, { at: "endpoints.0", says: "Workspace mlw's identity has no Reader on storage endpoint pe-stml-file-vnet-ml" }] },
    ],
  },
});
