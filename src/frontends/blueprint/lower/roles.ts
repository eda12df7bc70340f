// Role assignments the documents require: the network connection approver for managed-network
// endpoint rules (F35), Reader on storage endpoints for studio (F44), Contributor on the
// workspace for Synapse (F46), Network Contributor for AKS in a VNet (F27). Least privilege:
// each at the narrowest scope the document names.
import { Builder, stableGuid } from "./builder.ts";
import { ROLES, type RoleKey } from "../../../core/knowledge/roles.ts";
import { synapseDataLake, targetId } from "./services.ts";
import type { SourcePath } from "../../../core/source.ts";
import { resourceGroupOf, typeOfId } from "../../../core/ids.ts";
import { approvalOutsideRole } from "../../../core/knowledge/approval.ts";
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
    // F35: the seed guidance grants the approver role on the targets' resource group. Targets the
    // role doesn't cover (Data Factory, Databricks, Function Apps [MVNET]) get a custom role with
    // their approve actions, one per resource group, assignable there only. The endpoints to the
    // workspace's own storage, Key Vault and registry need no approver role [MVNET].
    const approver = new Set<string>();
    const custom = new Map<string, Set<string>>();
    for (const r of net.outboundRules) {
      if (r.type !== "PrivateEndpoint") continue;
      const target = targetId(b, r.target);
      if (!target) continue;
      const outside = approvalOutsideRole(typeOfId(target));
      const group = resourceGroupOf(target);
      if (!outside) approver.add(group);
      else for (const a of outside.actions) (custom.get(group) ?? custom.set(group, new Set()).get(group)!).add(a);
    }
    const at = ["workspace", "network"];
    for (const g of [...approver].sort()) assign(b, b.workspacePrincipalId, ROLES.networkConnectionApprover, g, at);
    for (const [g, actions] of [...custom].sort(([x], [y]) => x.localeCompare(y)))
      assign(b, b.workspacePrincipalId, approverRole(b, g, [...actions].sort(), at), g, at);
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
 * A custom role that approves private endpoint connections to the targets in one resource group:
 * their approve actions, assignable in that group alone. Back ends make its name unique in the
 * tenant from the real group's id, which the model's placeholder subscription can't.
 */
function approverRole(b: Builder, group: string, actions: readonly string[], source: SourcePath): Role {
  const guid = stableGuid(group, "amlnet private endpoint approver");
  const roleName = `Private endpoint approver in ${group.split("/")[4] ?? group}`;
  b.add({
    id: `${group.split("/").slice(0, 3).join("/")}/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
    type: T.roleDefinition,
    name: guid,
    scope: group,
    properties: {
      roleName,
      description: "Approves the private endpoint connections a workspace's managed network makes to the targets the Azure AI Enterprise Network Connection Approver role doesn't cover (amlnet).",
      type: "CustomRole",
      permissions: [{ actions, notActions: [], dataActions: [], notDataActions: [] }],
      assignableScopes: [group],
    },
    source,
  });
  return { name: roleName, id: guid, subscription: group.split("/")[2] };
}

/** A role as an assignment names it: built-in ones live in the deployment's subscription. */
interface Role {
  readonly name: string;
  readonly id: string;
  readonly subscription?: string;
}

/**
 * In the model a role assignment's principalId holds the principal's resource id (back ends turn
 * it into that resource's principalId) and `scope` the resource it applies to.
 */
function assign(b: Builder, principal: string, roleOrKey: RoleKey | Role, scope: string, source: SourcePath, person?: { type: "User" | "Group"; name: string }): void {
  const role: Role = typeof roleOrKey === "string" ? ROLES[roleOrKey] : roleOrKey;
  const guid = stableGuid(scope, role.id, principal);
  b.add({
    id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${guid}`,
    type: T.roleAssignment,
    name: guid,
    scope,
    properties: {
      roleDefinitionId: `/subscriptions/${role.subscription ?? b.scope.subscription}/providers/Microsoft.Authorization/roleDefinitions/${role.id}`,
      principalId: principal,
      principalType: person?.type ?? "ServicePrincipal",
      description: `${role.name} for ${person?.name ?? principal.slice(principal.lastIndexOf("/") + 1)} (amlnet)`,
    },
    source,
  });
}
