// The private DNS zones of private-link sub-resources, answered from the type registry: each
// type's entry holds its zone table (core/knowledge/private-link.ts, from [PEDNS]).
import type { Cloud } from "./types.ts";
import type { ZonesByGroup } from "./knowledge/private-link.ts";
import { registeredTypes, typeFacts } from "./registry.ts";

const zonesOf = (type: string): ZonesByGroup | undefined => typeFacts(type)?.privateLink?.zones;

/** Every zone table: each type's own, and with `optional` those a kind adds. */
function allTables(optional: boolean): ZonesByGroup[] {
  return registeredTypes().flatMap((t) => (t.privateLink ? [t.privateLink.zones, ...(optional ? Object.values(t.privateLink.byKind ?? {}) : [])] : []));
}

/**
 * The private DNS zones an endpoint to `type`/`groupId` needs in `cloud`; undefined if the
 * sub-resource is unknown or [PEDNS] documents no zone for it in that cloud (see zoneDocumented).
 */
export function zonesFor(type: string, groupId: string, cloud: Cloud): readonly string[] | undefined {
  return zonesOf(type)?.[groupId.toLowerCase()]?.[cloud];
}

/**
 * False when amlnet knows `type`/`groupId` but [PEDNS] lists no zone for it in `cloud` (Azure
 * China has none for AI services, Synapse or Azure Monitor): its names can't be checked there.
 */
export function zoneDocumented(type: string, groupId: string, cloud: Cloud): boolean {
  const table = zonesOf(type)?.[groupId.toLowerCase()];
  return !table || table[cloud] !== undefined;
}

/** The zones a target of `kind` adds to those it needs (created with them, never demanded). */
export function optionalZonesFor(type: string, kind: string | undefined, groupId: string, cloud: Cloud): readonly string[] {
  return typeFacts(type)?.privateLink?.byKind?.[(kind ?? "").toLowerCase()]?.[groupId.toLowerCase()]?.[cloud] ?? [];
}

/** The groupIds a resource type accepts. */
export function groupIdsOf(type: string): readonly string[] {
  return Object.keys(zonesOf(type) ?? {});
}

/** Every privatelink zone name amlnet knows, in every cloud (for spotting misspellings). */
export function knownZones(): ReadonlySet<string> {
  const all = new Set<string>();
  for (const byGroup of allTables(true))
    for (const table of Object.values(byGroup)) for (const zones of Object.values(table)) zones?.forEach((z) => all.add(z));
  return all;
}

/** The cloud whose zone list contains `zone`, when only one does. */
export function cloudOfZone(zone: string): Cloud | undefined {
  const clouds = new Set<Cloud>();
  for (const byGroup of allTables(false))
    for (const table of Object.values(byGroup))
      for (const [cloud, zones] of Object.entries(table) as [Cloud, readonly string[]][])
        if (zones.includes(zone.toLowerCase())) clouds.add(cloud);
  return clouds.size === 1 ? [...clouds][0] : undefined;
}
