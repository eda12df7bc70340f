import { rule } from "./rule.ts";
import { ROLES, type RoleKey } from "../core/knowledge/roles.ts";
import { hasRole, name, workspacePrincipal, workspaces } from "../core/views.ts";
import type { Resource } from "../core/types.ts";

// "Set up authentication between Azure Machine Learning and other services", RBAC roles by
// scenario: "Workspace with user-assigned identity: Contributor on workspace, Storage Blob Data
// Contributor on storage, Key Vault Administrator, or access policies on key vault, Contributor on
// ACR". Azure grants a system-assigned identity its roles itself; a user-assigned one gets none.
export default rule({
  id: "AML083",
  title: "User-assigned workspace identity without the documented roles",
  severity: "warning",
  facts: [],
  docs: ["AUTH", "ROLES"],
  description:
    "A workspace whose identity is user-assigned gets none of the roles Azure grants a system-assigned one (\"Set up authentication between Azure Machine Learning and other services\"). The identity needs Contributor on the workspace, Storage Blob Data Contributor on the default storage, Key Vault Administrator on an RBAC key vault (or an access policy on one that uses policies) and Contributor on the container registry; without them the workspace can't write snapshots, read its secrets or build images. Assignments made outside this input can't be seen: check them before deploying.",
  check(m) {
    return workspaces(m).flatMap((ws) => {
      const principal = workspacePrincipal(m, ws);
      if (principal === ws.id) return [];
      const p = m.props.workspace(ws);
      const vault = m.get(p.keyVault);
      const needs: [Resource | undefined, RoleKey][] = [
        [ws, "contributor"],
        [m.get(p.storageAccount), "storageBlobDataContributor"],
        // A vault that uses access policies is granted through a policy, not a role.
        [vault && m.props.keyVault(vault).enableRbacAuthorization === true ? vault : undefined, "keyVaultAdministrator"],
        [m.get(p.containerRegistry), "contributor"],
      ];
      const missing = needs.filter((n): n is [Resource, RoleKey] => !!n[0] && !hasRole(m, principal, ROLES[n[1]].id, n[0].id));
      if (!missing.length) return [];
      const list = missing.map(([r, role]) => `${ROLES[role].name} on ${name(r)}`).join(", ");
      return [
        {
          resource: ws,
          property: ["identity"],
          message: `Workspace ${name(ws)}'s user-assigned identity ${name(m.get(principal))} lacks ${list}.`,
          fix: `Assign ${list} to identity ${name(m.get(principal))} (roleAssignments: auto does it).`,
        },
      ];
    });
  },
  cases: {
    pass: ["", "workspace: { identity: {type: UserAssigned, name: id-ws} }"],
    fail: [
      {
        patch: "workspace: { identity: {type: UserAssigned, name: id-ws} }\nroleAssignments: []",
        fires: [{ at: "workspace", says: "Workspace mlw's user-assigned identity id-ws lacks Contributor on mlw, Storage Blob Data Contributor on stml, Key Vault Administrator on kv-ml, Contributor on crml01." }],
      },
      {
        patch: "workspace: { identity: {type: UserAssigned, name: id-ws} }\nroleAssignments: [{principal: workspace, role: contributor, scope: resourceGroup}]",
        fires: [{ at: "workspace", says: "Workspace mlw's user-assigned identity id-ws lacks Storage Blob Data Contributor on stml, Key Vault Administrator on kv-ml." }],
      },
    ],
  },
});
