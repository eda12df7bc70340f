// The A records zone groups write into private DNS zones (F01-F09): for each endpoint with a zone
// group, the names of its target inside each zone, pointing at the endpoint's addresses.
// A workspace's id is a GUID known only after deployment; records use workspaceIdFor(name) (names.ts), a
// stand-in distinct per workspace, in its place.
import type { Analysis } from "../../core/analysis.ts";
import type { Resource } from "../../core/types.ts";
import { endpoints, projectsOf, zoneGroupZoneRefs, type EndpointView } from "../../core/views.ts";
import { T, typeFacts } from "../../core/registry.ts";
import type { EndpointAddresses } from "../net/addressing.ts";
import { nameContext } from "../../core/names.ts";
import { parentId } from "../../core/ids.ts";


/**
 * Lower-case zone id -> lower-case relative record name -> addresses. Keyed by id, not name: zones
 * of one name in different resource groups are different zones, each with its own records.
 */
export type ZoneRecords = Map<string, Map<string, string[]>>;

/** One A record an endpoint's zone group writes. */
export interface RecordWrite {
  /** Lower-case zone name. */
  readonly zone: string;
  /** Lower-case zone id. */
  readonly zoneId: string;
  /** Lower-case, relative to the zone. */
  readonly name: string;
  readonly ip: string;
  readonly endpoint: EndpointView;
}

/** Every record every zone group writes, in deployment (model) order. */
export function recordWrites(model: Analysis, addresses: EndpointAddresses): RecordWrite[] {
  const out: RecordWrite[] = [];
  for (const e of endpoints(model)) {
    const ips = addresses.byEndpoint.get(e.pe.id.toLowerCase());
    if (!ips || !e.target) continue;
    for (const zone of zoneGroupZoneRefs(model, e.pe))
      for (const [name, index] of recordNames(model, e, e.target, zone.name))
        out.push({ zone: zone.name, zoneId: zone.id, name: name.toLowerCase(), ip: ips[index] ?? ips[0], endpoint: e });
  }
  return out;
}

/**
 * The zones' records. A zone holds one record set per name: when endpoints in several VNets write
 * the same name into one zone, the last writer's address is what everyone resolves (AML079).
 */
export function zoneRecords(writes: readonly RecordWrite[], model: Analysis): ZoneRecords {
  const out: ZoneRecords = new Map();
  // Record sets a template writes by hand come first: a zone group writing the same name replaces them.
  for (const r of model.ofType(T.aRecord)) {
    const zoneId = parentId(r.id)?.toLowerCase();
    const ips = (model.props.aRecord(r).aRecords ?? []).map((a) => a.ipv4Address).filter((ip): ip is string => typeof ip === "string");
    if (!zoneId || !ips.length) continue;
    const z = out.get(zoneId) ?? new Map<string, string[]>();
    z.set(short(r), ips);
    out.set(zoneId, z);
  }
  for (const w of writes) {
    const z = out.get(w.zoneId) ?? new Map<string, string[]>();
    z.set(w.name, [w.ip]);
    out.set(w.zoneId, z);
  }
  return out;
}

/** Names written by more than one endpoint, with every writer in order (the last one wins). */
export function contestedRecords(writes: readonly RecordWrite[]): { zone: string; name: string; writers: RecordWrite[] }[] {
  const byKey = new Map<string, RecordWrite[]>();
  for (const w of writes) {
    const key = `${w.zoneId} ${w.name}`;
    const list = byKey.get(key);
    if (list) list.push(w);
    else byKey.set(key, [w]);
  }
  return [...byKey.values()]
    .filter((ws) => ws.length > 1 && new Set(ws.map((w) => w.endpoint.pe.id.toLowerCase())).size > 1)
    .map((ws) => ({ zone: ws[0].zone, name: ws[0].name, writers: ws }));
}

const short = (r: Resource) => r.name.slice(r.name.lastIndexOf("/") + 1).toLowerCase();

/** Record names (relative to `zone`) a target's endpoint writes, with the index of the address each uses (its registry entry's DNS facts). */
function recordNames(model: Analysis, e: EndpointView, target: Resource, zone: string): readonly (readonly [string, number])[] {
  const custom = () => {
    const c = model.props.gated(target).customSubDomainName;
    return typeof c === "string" ? c : undefined;
  };
  const names = (r: Resource) => typeFacts(r.type)?.dns?.records?.(nameContext(model, r, e.groupIds[0], custom), zone) ?? [[short(r), 0]];
  // A hub's endpoint writes its projects' names too [HUBPL].
  const projects = target.type === T.workspace ? projectsOf(model, target) : [];
  return projects.length ? [...names(target), ...projects.flatMap(names)] : names(target);
}
