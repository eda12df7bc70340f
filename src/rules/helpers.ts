// Small queries several rules share; model-wide ones live in core/views.ts.
import { memoTable, type Analysis } from "../core/analysis.ts";
import type { Resource } from "../core/types.ts";
import { knownZones, zonesFor } from "../core/zones.ts";
import { PRIVATELINK_ALIASES } from "../core/knowledge/private-link.ts";
import { computes, endpoints, servingWorkspace, type EndpointView } from "../core/views.ts";
import { T } from "../core/registry.ts";

// Asked of every endpoint by several rules.
const NEEDED_ZONES = memoTable<EndpointView, readonly string[]>("zones an endpoint needs");

/** Zones (lower case) an endpoint needs, per its target type and groupId. */
export function neededZones(m: Analysis, e: EndpointView): readonly string[] {
  return m.memo(NEEDED_ZONES, e, () => {
    const type = e.target?.type ?? typeFromId(e.targetId);
    if (!type) return [];
    return e.groupIds.flatMap((g) => zonesFor(type, g, m.cloud) ?? []).map((z) => z.toLowerCase());
  });
}

function typeFromId(id: string | undefined): string | undefined {
  const m = id && /\/providers\/([^/]+\/[^/]+)\/[^/]+$/i.exec(id);
  return m ? m[1] : undefined;
}

const OCCUPIED = memoTable<"all", ReadonlySet<string>>("VNets with occupants");

/** Lower-case ids of VNets whose occupants resolve names: compute, AKS, endpoints, vm clients. */
export function occupiedVnets(m: Analysis): ReadonlySet<string> {
  return m.memo(OCCUPIED, "all", () => {
    const out = new Set<string>();
    // The VNets are found by the model (a subnet id is looked up once), not by lower-casing each id.
    const add = (vnet: Resource | undefined) => {
      if (vnet) out.add(vnet.id.toLowerCase());
    };
    for (const c of computes(m)) add(m.parentOf(c.subnetId));
    for (const a of m.ofType(T.aks)) for (const p of m.props.aks(a).agentPoolProfiles ?? []) add(m.parentOf(p.vnetSubnetID));
    for (const e of endpoints(m)) add(m.get(e.vnetId));
    for (const c of m.clients) add(m.parentOf(c.subnet));
    return out;
  });
}

/** The workspace's dependencies by kind (the resources its properties name). */
export function dependencies(m: Analysis, ws: Resource): Resource[] {
  const p = m.props.workspace(ws);
  return [p.storageAccount, p.keyVault, p.containerRegistry].map((id) => m.get(id)).filter((r): r is Resource => !!r);
}

export function isPrivate(m: Analysis, r: Resource): boolean {
  // A project's public access is its hub's [HUBPL].
  return m.props.gated(servingWorkspace(m, r)).publicNetworkAccess === "Disabled";
}

/** Where a workspace's managed-network outbound rules sit in the source. */
export function outboundSource(ws: Resource): (string | number)[] {
  return [...(ws.source ?? []), "network", "outboundRules"];
}

/** Levenshtein distance: enough to tell a typo from another zone. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/**
 * The zone Azure uses that a zone of this name was most likely meant to be, or undefined for a
 * zone Azure uses (or one nothing like any): a typo (within 3 edits) or `privatelink.` + a public
 * suffix whose privatelink zone is named otherwise ([PEDNS]: Key Vault's is vaultcore).
 */
export function likelyMeant(m: Analysis, zone: string): string | undefined {
  return m.memo(LIKELY_MEANT, zone.toLowerCase(), () => likelyMeantOnce(zone, m.memo(KNOWN_ZONES, "all", knownZones)));
}

const LIKELY_MEANT = memoTable<string, string | undefined>("zone a misspelled zone was meant to be");
const KNOWN_ZONES = memoTable<string, ReadonlySet<string>>("every privatelink zone amlnet knows");

function likelyMeantOnce(zone: string, known: ReadonlySet<string>): string | undefined {
  const n = zone.toLowerCase();
  if (known.has(n)) return undefined;
  for (const [suffix, meant] of Object.entries(PRIVATELINK_ALIASES)) if (n === `privatelink.${suffix}`) return meant;
  if (!/privatelink|azureml|notebooks|vaultcore|azurecr|core\.windows/.test(n)) return undefined;
  const best = [...known].map((k) => [k, distance(n, k)] as const).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0];
  return best && best[1] <= 3 ? best[0] : undefined;
}

