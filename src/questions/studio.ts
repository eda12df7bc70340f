// Which studio features work from which client (F44, F45): each feature needs some flows to pass
// and, for the data features, the workspace identity to hold Reader on every storage endpoint
// and datastores to use the workspace identity.
import { endpointsTo, hasRole, servingWorkspace, shortName, workspacePrincipal, workspaces } from "../core/views.ts";
import { ROLES } from "../core/knowledge/roles.ts";
import type { FlowResult } from "./flows.ts";
import type { Analysis } from "../core/analysis.ts";
import type { Resource, StudioUse } from "../core/types.ts";

export interface StudioFeature {
  readonly client: string;
  /** With several workspaces (a hub and its projects, an estate of many), the one the row is about. */
  readonly workspace?: string;
  readonly feature: string;
  readonly works: boolean;
  readonly why: string;
  /** A broken feature whose blocked flows are all suppressed (not expected): the reason. */
  readonly suppressed?: string;
}

const FEATURES: readonly { use: StudioUse; feature: string; flows: readonly string[]; data?: boolean; privatePath?: boolean }[] = [
  { use: "workspace", feature: "Workspace (studio pages, jobs)", flows: ["workspace API"] },
  { use: "notebooks", feature: "Notebooks", flows: ["workspace API", "notebooks"] },
  { use: "data", feature: "Data preview, designer, AutoML submit, labeling", flows: ["workspace API", "storage blob (studio)", "storage file (studio)"], data: true },
  { use: "computeInstanceApps", feature: "Jupyter, JupyterLab, RStudio on compute instances", flows: ["workspace API", "notebooks"], privatePath: true },
];

export function studioMatrix(model: Analysis, results: readonly FlowResult[]): StudioFeature[] {
  const all = workspaces(model);
  if (!all.length) return [];
  // With several workspaces each client's flows name the workspace they are to (questions/flows.ts),
  // and a client is judged for each workspace it has flows to: those with an endpoint in its VNet
  // or a peered one, every workspace for a client outside the VNets.
  const several = all.length > 1;
  const out: StudioFeature[] = [];
  // Each client's flows by id, and each client by name, found once: an estate has thousands of
  // clients and a hundred thousand flows.
  const byName = new Map<string, (typeof model.clients)[number]>();
  for (const c of model.clients) if (!byName.has(c.name)) byName.set(c.name, c);
  const judged = new Set(model.clients.filter((c) => c.kind !== "synapse-spark").map((c) => c.name));
  const flowsOf = new Map<string, Map<string, FlowResult>>();
  for (const r of results) {
    if (!judged.has(r.from.name)) continue;
    let mine = flowsOf.get(r.from.name);
    if (!mine) flowsOf.set(r.from.name, (mine = new Map()));
    if (!mine.has(r.id)) mine.set(r.id, r);
  }
  // What the data features need of a workspace's identity is the same from every client: worked
  // out once a workspace, when a client's data flows first pass. A project reads its hub's storage
  // as its hub does [HUBPL].
  const identity = new Map<Resource, string | undefined>();
  const identityProblem = (ws: Resource) => {
    const home = servingWorkspace(model, ws);
    if (!identity.has(home)) identity.set(home, dataIdentityProblem(model, home));
    return identity.get(home);
  };
  for (const [client, mine] of flowsOf) {
    const used = byName.get(client)?.uses;
    const reached = several ? all.filter((ws) => mine.has(`${client} -> workspace API of ${shortName(ws)}`)) : all;
    if (!reached.length)
      for (const f of FEATURES) out.push({ client, feature: f.feature, works: false, why: "no workspace has an endpoint in its VNet or a peered one" });
    for (const ws of reached) {
      const of = several ? ` of ${shortName(ws)}` : "";
      for (const f of FEATURES) {
        const failing = f.flows.map((w) => mine.get(`${client} -> ${w}${of}`)).filter((r) => !r || r.trace.verdict === "fail");
        let why = failing.length ? `${failing[0]?.id ?? `${client} -> ${f.flows[0]}${of}`} is blocked` : "its flows pass";
        let works = failing.length === 0;
        if (works && f.data) {
          const problem = identityProblem(ws);
          if (problem) [works, why] = [false, problem];
        }
        if (works && f.privatePath) {
          const api = mine.get(`${client} -> notebooks${of}`);
          if (!api?.trace.hops.some((h) => h.step === "endpoint" && h.ok)) [works, why] = [false, "the client reaches the workspace over the public path, where compute instance apps fail (F45)"];
        }
        // Blocked flows the blueprint suppressed are flows it doesn't expect, and so the feature.
        const suppressed = works
          ? undefined
          : used && !used.includes(f.use)
            ? `${client} isn't used for this (its uses: ${used.join(", ") || "none"})`
            : failing.length > 0 && failing.every((r) => r?.suppressed)
              ? failing[0]!.suppressed
              : undefined;
        out.push({ client, ...(several ? { workspace: shortName(ws) } : {}), feature: f.feature, works, why, ...(suppressed ? { suppressed } : {}) });
      }
    }
  }
  return out;
}

/** Why the workspace identity can't read data for the studio (F44), if it can't. */
function dataIdentityProblem(model: Analysis, ws: Resource): string | undefined {
  const storage = model.get(model.props.workspace(ws).storageAccount);
  const missing = storage ? endpointsTo(model, storage).filter((e) => !hasRole(model, workspacePrincipal(model, ws), ROLES.reader.id, e.pe.id)) : [];
  if (missing.length) return `the workspace identity lacks Reader on endpoint ${missing[0].pe.name} (F44)`;
  if (model.props.workspace(ws).systemDatastoresAuthMode !== "Identity" && storage && endpointsTo(model, storage).length) return "datastores don't use the workspace identity (F44)";
  return undefined;
}
