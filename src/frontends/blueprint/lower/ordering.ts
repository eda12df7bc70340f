// Deployment order that properties don't show: a compute is created only once the workspace can
// be reached privately from where it runs and, under a managed network, once the workspace
// identity may approve the endpoints its first compute makes the managed network create (F34,
// F35). Without it a compute races the workspace's endpoint and zone group, or provisions the
// managed network before the approver role exists. A compute waits for the workspace endpoints
// (and their zone groups) in the VNets it reaches, its own and those peered with it, not for
// every endpoint of the estate: that keeps the template linear in the number of spokes.
import type { Builder } from "./builder.ts";
import type { Resource } from "../../../core/types.ts";
import { T } from "../../../core/registry.ts";
import { ROLES } from "../../../core/knowledge/roles.ts";
import { props } from "../../../core/props.ts";
import { idKey, parentId } from "../../../core/ids.ts";

export function orderComputes(b: Builder): void {
  const ws = b.workspaceId.toLowerCase();
  const target = (pe: Resource) => {
    const p = props.pe(pe);
    return String((p.privateLinkServiceConnections ?? p.manualPrivateLinkServiceConnections ?? [])[0]?.properties.privateLinkServiceId).toLowerCase();
  };
  const vnetOf = (subnetId: string | undefined) => (subnetId ? idKey(parentId(subnetId) ?? "") : undefined);
  // The workspace's endpoints with their zone groups, by the VNet they sit in.
  const groupsOf = new Map<string, Resource[]>();
  for (const r of b.resources) if (r.type === T.zoneGroup) push(groupsOf, idKey(parentId(r.id) ?? ""), r);
  const endpointsByVnet = new Map<string, Resource[]>();
  const endpoints: Resource[] = [];
  for (const pe of b.resources) {
    if (pe.type !== T.pe || target(pe) !== ws) continue;
    endpoints.push(pe);
    const vnet = vnetOf(props.pe(pe).subnet?.id);
    if (vnet) push(endpointsByVnet, vnet, pe);
  }
  const waitsFor = (pes: readonly Resource[]) => [...pes, ...pes.flatMap((pe) => groupsOf.get(idKey(pe.id)) ?? [])].map((r) => r.id);
  const peers = new Map<string, string[]>();
  for (const p of b.bp.networks.peerings) {
    const [x, y] = p.between.map((v) => idKey(b.vnetId(v)));
    push(peers, x, y);
    push(peers, y, x);
  }
  const approver = b.resources
    .filter(
      (r) =>
        r.type === T.roleAssignment &&
        String(props.roleAssignment(r).roleDefinitionId).endsWith(ROLES.networkConnectionApprover.id) &&
        String(props.roleAssignment(r).principalId).toLowerCase() === b.workspacePrincipalId.toLowerCase(),
    )
    .map((r) => r.id);
  /** What a compute in `subnetId` waits for: the endpoints it reaches, or all of them when none is near. */
  const endpointsFor = (subnetId: string | undefined): string[] => {
    const vnet = vnetOf(subnetId);
    if (!vnet) return [];
    const near = [vnet, ...(peers.get(vnet) ?? [])].flatMap((v) => endpointsByVnet.get(v) ?? []);
    return waitsFor(near.length ? near : endpoints);
  };
  const clusters = new Map(b.resources.filter((r) => r.type === T.aks).map((r) => [idKey(r.id), r]));
  /** Where a compute runs: its subnet, or an attached cluster's node subnet. */
  const subnetOf = (compute: Resource): string | undefined => {
    const c = props.compute(compute);
    if (c.properties?.subnet?.id) return c.properties.subnet.id;
    const cluster = typeof c.resourceId === "string" ? clusters.get(idKey(c.resourceId)) : undefined;
    return props.aks(cluster).agentPoolProfiles?.[0]?.vnetSubnetID;
  };
  b.replaceAll((r: Resource) => {
    if (r.type !== T.compute || !r.id.toLowerCase().startsWith(`${ws}/`)) return r;
    const after = [...endpointsFor(subnetOf(r)), ...approver];
    return after.length ? { ...r, dependsOn: [...(r.dependsOn ?? []), ...after] } : r;
  });
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
