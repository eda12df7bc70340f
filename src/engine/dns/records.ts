// The A records zone groups write into private DNS zones (F01-F09): for each endpoint with a zone
// group, the names of its target inside each zone, pointing at the endpoint's addresses.
// A workspace's id is a GUID known only after deployment; records use workspaceIdFor(name) (names.ts), a
// stand-in distinct per workspace, in its place.
import type { Model } from "../../core/model.ts";
import type { Resource } from "../../core/types.ts";
import { endpoints, zoneGroupZones, type EndpointView } from "../../core/views.ts";
import { T } from "../../core/registry.ts";
import type { EndpointAddresses } from "../net/addressing.ts";
import { workspaceIdFor, workspaceNames } from "../../core/names.ts";
import { props } from "../../core/props.ts";


/** Lower-case zone name -> lower-case relative record name -> addresses. */
export type ZoneRecords = Map<string, Map<string, string[]>>;

export function zoneRecords(model: Model, addresses: EndpointAddresses): ZoneRecords {
  const out: ZoneRecords = new Map();
  const add = (zone: string, name: string, ips: string[]) => {
    const z = out.get(zone) ?? new Map<string, string[]>();
    z.set(name.toLowerCase(), ips);
    out.set(zone, z);
  };
  for (const e of endpoints(model)) {
    const ips = addresses.byEndpoint.get(e.pe.id.toLowerCase());
    if (!ips || !e.target) continue;
    for (const zone of zoneGroupZones(model, e.pe)) for (const [name, index] of recordNames(model, e, e.target, zone)) add(zone, name, [ips[index] ?? ips[0]]);
  }
  return out;
}

const short = (r: Resource) => r.name.slice(r.name.lastIndexOf("/") + 1).toLowerCase();

/** Record names (relative to `zone`) a target's endpoint writes, with the index of the address each uses. */
function recordNames(model: Model, e: EndpointView, target: Resource, zone: string): [string, number][] {
  const region = (target.location ?? model.region).toLowerCase();
  const group = e.groupIds[0]?.toLowerCase();
  switch (target.type.toLowerCase()) {
    case T.workspace.toLowerCase():
      if (zone.startsWith("privatelink.notebooks."))
        // The public name with its cloud suffix cut off: the label is the one names.ts builds (F09).
        return [[workspaceNames(model.cloud, region, short(target), workspaceIdFor(short(target))).notebooks.split(".").slice(0, 2).join("."), 1]];
      return [
        [`${workspaceIdFor(short(target))}.workspace.${region}`, 0],
        [`${workspaceIdFor(short(target))}.workspace.${region}.cert`, 0],
        [`*.${workspaceIdFor(short(target))}.inference.${region}`, 2],
      ];
    case T.acr.toLowerCase():
      return [
        [short(target), 0],
        [`${short(target)}.${region}.data`, 0],
      ];
    case T.aiServices.toLowerCase():
      return [[String(props.gated(target).customSubDomainName ?? short(target)).toLowerCase(), 0]];
    case T.synapse.toLowerCase():
      return [[group === "sqlondemand" ? `${short(target)}-ondemand` : short(target), 0]];
    default:
      return [[short(target), 0]];
  }
}
