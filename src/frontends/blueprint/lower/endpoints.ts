// Private endpoints: one per target sub-resource and subnet (F03), with a DNS zone group that
// names every zone the sub-resource needs (F01) when the blueprint asks for zone groups.
import type { Builder } from "./builder.ts";
import { targetId } from "./services.ts";
import { endpointTargets } from "../schema.ts";
import { typeOfId } from "../../../core/ids.ts";
import { optionalZonesFor, zonesFor } from "../../../core/zones.ts";
import { T } from "../../../core/registry.ts";

export interface PlannedEndpoint {
  readonly id: string;
  readonly targetType: string;
  readonly groupId: string;
  readonly vnet: string;
  /** The private DNS zones this endpoint needs (F01-F08, or what a PaaS entry names). */
  readonly zones: readonly string[];
}

const TYPES: Readonly<Record<string, string>> = {
  workspace: T.workspace,
  storage: T.storage,
  keyVault: T.keyVault,
  containerRegistry: T.acr,
  registry: T.amlRegistry,
  aiServices: T.aiServices,
  synapse: T.synapse,
  monitoring: T.linkScope,
};

/** The groupIds a blueprint endpoint target expands to. */
function groupIds(b: Builder, target: string): string[] {
  const [head, sub] = target.split(":");
  const kind = head.split("/")[0];
  switch (kind) {
    case "workspace":
      return ["amlworkspace"];
    case "storage":
      return sub ? [sub] : [...b.bp.storage.subresources];
    case "keyVault":
      return ["vault"];
    case "containerRegistry":
      return ["registry"];
    case "registry":
      return ["amlregistry"];
    case "aiServices":
      return ["account"];
    case "synapse":
      return sub ? [sub] : ["Sql", "SqlOnDemand", "Dev"];
    case "monitoring":
      return ["azuremonitor"];
    case "paas":
      return [...(b.lookup.findBy(b.bp.integrations.paas, "name", head.split("/")[1])?.subresources ?? [])];
  }
  return [];
}

export function expandEndpoints(b: Builder): PlannedEndpoint[] {
  const planned: PlannedEndpoint[] = [];
  b.bp.endpoints.forEach((e, i) => {
    const [vnet, subnet] = e.subnet.split("/");
    endpointTargets(b.bp, e).forEach((target) => {
      const kind = target.split(/[/:]/)[0];
      const tid = targetId(b, target);
      if (!tid) return;
      const targetType = TYPES[kind] ?? typeOfId(tid)!;
      const targetName = tid.slice(tid.lastIndexOf("/") + 1);
      for (const groupId of groupIds(b, target)) {
        const name = `${e.name ?? "pe"}-${targetName}-${groupId.toLowerCase()}-${vnet}`;
        const id = b.id(T.pe, name);
        if (b.has(id)) continue;
        const connection = {
          name,
          properties: {
            privateLinkServiceId: tid,
            groupIds: [groupId],
            ...(e.approval === "Pending" ? { requestMessage: "Requested by amlnet; approve on the target." } : {}),
          },
        };
        b.add({
          id,
          type: T.pe,
          name,
          location: b.lookup.findBy(b.bp.networks.vnets, "name", vnet)?.region ?? b.region,
          properties: {
            subnet: { id: b.subnetId(`${vnet}/${subnet}`) },
            // A Pending connection is a manual one: it waits for the target's owner (F46).
            ...(e.approval === "Pending" ? { manualPrivateLinkServiceConnections: [connection] } : { privateLinkServiceConnections: [connection] }),
          },
          source: ["endpoints", i],
        });
        const paas = kind === "paas" ? b.lookup.findBy(b.bp.integrations.paas, "resourceId", tid) : undefined;
        const zones = paas ? paas.zones : [...(zonesFor(targetType, groupId, b.bp.cloud) ?? []), ...optionalZonesFor(targetType, b.get(tid)?.kind, groupId, b.bp.cloud)];
        planned.push({ id, targetType, groupId, vnet, zones });
      }
    });
  });
  return planned;
}
