// Deployment order that properties don't show: a compute is created only once the workspace can
// be reached privately and, under a managed network, once the workspace identity may approve the
// endpoints its first compute makes the managed network create (F34, F35). Without it a compute
// races the workspace's endpoint and zone group, or provisions the managed network before the
// approver role exists.
import type { Builder } from "./builder.ts";
import type { Resource } from "../../../core/types.ts";
import { T } from "../../../core/registry.ts";
import { ROLES } from "../../../core/knowledge/roles.ts";
import { props } from "../../../core/props.ts";

export function orderComputes(b: Builder): void {
  const ws = b.workspaceId.toLowerCase();
  const target = (pe: Resource) => {
    const p = props.pe(pe);
    return String((p.privateLinkServiceConnections ?? p.manualPrivateLinkServiceConnections ?? [])[0]?.properties.privateLinkServiceId).toLowerCase();
  };
  const wsEndpoints = b.resources.filter((r) => r.type === T.pe && target(r) === ws);
  const zoneGroups = b.resources.filter((r) => r.type === T.zoneGroup && wsEndpoints.some((pe) => r.id.toLowerCase().startsWith(`${pe.id.toLowerCase()}/`)));
  const approver = b.resources.filter(
    (r) =>
      r.type === T.roleAssignment &&
      String(props.roleAssignment(r).roleDefinitionId).endsWith(ROLES.networkConnectionApprover.id) &&
      String(props.roleAssignment(r).principalId).toLowerCase() === b.workspacePrincipalId.toLowerCase(),
  );
  const after = [...wsEndpoints, ...zoneGroups, ...approver].map((r) => r.id);
  if (!after.length) return;
  b.replaceAll((r: Resource) =>
    r.type === T.compute && r.id.toLowerCase().startsWith(`${ws}/`) ? { ...r, dependsOn: [...(r.dependsOn ?? []), ...after] } : r,
  );
}
