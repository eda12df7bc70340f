// Role assignments the documents require: the network connection approver for managed-network
// endpoint rules (F35), Reader on storage endpoints for studio (F44), Contributor on the
// workspace for Synapse (F46), Network Contributor for AKS in a VNet (F27). Least privilege:
// each at the narrowest scope the document names.
import { Builder, stableGuid } from "./builder.ts";
import { ROLES, type RoleKey } from "../../../core/knowledge/roles.ts";
import { synapseDataLake, targetId } from "./services.ts";
import type { SourcePath } from "../../../core/source.ts";
import { resourceGroupOf } from "../../../core/ids.ts";
import type { PlannedEndpoint } from "./endpoints.ts";
import { T } from "../../../core/registry.ts";

export function expandRoles(b: Builder, endpoints: readonly PlannedEndpoint[]): void {
  const bp = b.bp;
  if (Array.isArray(bp.roleAssignments)) {
    bp.roleAssignments.forEach((r, i) => {
      const principal = principalId(b, r.principal);
      const scope = r.scope === "resourceGroup" ? b.resourceGroupId : targetId(b, r.scope) ?? r.scope;
      assign(b, principal, r.role, scope, ["roleAssignments", i]);
    });
    return;
  }
  const net = bp.workspace.network;
  if (net.mode === "managed") {
    // F35: the seed guidance grants the approver role on the targets' resource group.
    const groups = new Set<string>();
    for (const r of net.outboundRules) {
      if (r.type !== "PrivateEndpoint") continue;
      const target = targetId(b, r.target);
      if (target) groups.add(resourceGroupOf(target));
    }
    // F32, F35: the required rules to storage, Key Vault and registry are created for the
    // workspace too; a user-assigned identity gets no role Azure would add for a system one.
    if (bp.workspace.identity.type === "UserAssigned")
      for (const target of [b.storageId, b.keyVaultId, b.registryId]) if (target) groups.add(resourceGroupOf(target));
    for (const g of [...groups].sort()) assign(b, b.workspacePrincipalId, "networkConnectionApprover", g, ["workspace", "network"]);
  }
  // "Set up authentication between Azure Machine Learning and other services": a user-assigned
  // workspace identity gets none of the roles Azure grants a system-assigned one. The narrowest
  // set the article lists: Contributor on the workspace, Storage Blob Data Contributor on its
  // storage, Key Vault Administrator on its (RBAC) vault, Contributor on its registry.
  if (bp.workspace.identity.type === "UserAssigned") {
    const at = ["workspace", "identity"];
    assign(b, b.workspacePrincipalId, "contributor", b.workspaceId, at);
    assign(b, b.workspacePrincipalId, "storageBlobDataContributor", b.storageId, at);
    assign(b, b.workspacePrincipalId, "keyVaultAdministrator", b.keyVaultId, at);
    if (b.registryId) assign(b, b.workspacePrincipalId, "contributor", b.registryId, at);
  }
  // Shared-key access is off on the default storage, so the people who use the workspace reach
  // its blobs and file shares (notebooks) with their own identity ("Set up authentication ...").
  bp.workspace.users.forEach((u, i) => {
    const at = ["workspace", "users", i];
    assign(b, u.objectId, "storageBlobDataContributor", b.storageId, at, { type: u.type, name: u.name });
    assign(b, u.objectId, "storageFileDataPrivilegedContributor", b.storageId, at, { type: u.type, name: u.name });
  });
  // F44: Reader on each storage private endpoint for the workspace identity.
  for (const pe of endpoints)
    if (pe.targetType === T.storage) assign(b, b.workspacePrincipalId, "reader", pe.id, ["storage"]);
  bp.integrations.synapse.forEach((s, i) => {
    const synapse = principalId(b, `synapse/${s.name}`);
    if (s.contributorOnWorkspace) assign(b, synapse, "contributor", b.workspaceId, ["integrations", "synapse", i]);
    // F46: Synapse works in its own data lake with its identity.
    assign(b, synapse, "storageBlobDataContributor", b.id(T.storage, synapseDataLake(s)), ["integrations", "synapse", i]);
  });
  bp.compute.kubernetes.forEach((k, i) => assign(b, principalId(b, `aks/${k.name}`), "networkContributor", b.vnetId(k.subnet.split("/")[0]), ["compute", "kubernetes", i]));
}

function principalId(b: Builder, principal: string): string {
  const [kind, name] = principal.split("/");
  if (kind === "synapse") return b.id(T.synapse, name);
  if (kind === "aks") return b.id(T.aks, name);
  return b.workspacePrincipalId;
}

/**
 * In the model a role assignment's principalId holds the principal's resource id (back ends turn
 * it into that resource's principalId) and `scope` the resource it applies to.
 */
function assign(b: Builder, principal: string, role: RoleKey, scope: string, source: SourcePath, person?: { type: "User" | "Group"; name: string }): void {
  const guid = stableGuid(scope, ROLES[role].id, principal);
  b.add({
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${guid}`,
    type: T.roleAssignment,
    name: guid,
    scope,
    properties: {
      roleDefinitionId: `/subscriptions/${b.scope.subscription}/providers/Microsoft.Authorization/roleDefinitions/${ROLES[role].id}`,
      principalId: principal,
      principalType: person?.type ?? "ServicePrincipal",
      description: `${ROLES[role].name} for ${person?.name ?? principal.slice(principal.lastIndexOf("/") + 1)} (amlnet)`,
    },
    source,
  });
}
