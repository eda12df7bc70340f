// An input (blueprint, template or estate) opened once and asked many questions: the library's
// main object. Everything is computed on first use and kept (the model's data plane, the
// documented flows, the findings), so the CLI, the web view and other programs drive the same
// pipeline the same way.
import { loadBlueprint, type InputError } from "../frontends/blueprint/load.ts";
import { expand } from "../frontends/blueprint/lower/expand.ts";
import { collectSuppressions, unknownSuppressions } from "../frontends/blueprint/suppressions.ts";
import type { InputLimits } from "../frontends/blueprint/source.ts";
import type { Model } from "../core/model.ts";
import { Analysis } from "../core/analysis.ts";
import type { SourceDoc } from "../core/source.ts";
import { planeOf } from "../engine/plane.ts";
import { judgedTrace } from "../engine/trace.ts";
import type { Trace } from "../engine/flow.ts";
import { documentedFlowResults, type FlowResult } from "../questions/flows.ts";
import { studioMatrix, type StudioFeature } from "../questions/studio.ts";
import { diffFlows, type FlowDiff } from "../questions/diff.ts";
import { destinationNames, parseEnds, sourceNames } from "../questions/ends.ts";
import { RULES } from "../rules/catalog.ts";
import { META_DIAGNOSTICS } from "../rules/meta.ts";
import { runRules, type Finding } from "../rules/run.ts";
import type { Suppression } from "../core/source.ts";
import type { Rule } from "../rules/rule.ts";
import { locateFindings, type LocatedFinding } from "../report/locate.ts";
import { buildFiles } from "../backends/build.ts";
import { VERSION } from "./version.ts";

export interface Project {
  readonly file: string;
  readonly model: Model;
  /** The one analysis of the model every question reads through (its memos and unknown tracking). */
  readonly analysis: Analysis;
  readonly source: SourceDoc;
  /** Every finding of the rule catalog, suppressed ones included, located in the source. */
  readonly findings: readonly LocatedFinding[];
  /** Every documented flow of every client and compute, traced. */
  flows(): readonly FlowResult[];
  /** Studio features per client (F44, F45). */
  studio(): readonly StudioFeature[];
  /** One flow hop by hop; `from` and `to` are the names `amlnet trace` takes. */
  trace(from: string, to: string, options?: TraceOptions): Trace | { readonly error: string };
  /** Flows this project has and `after` lacks (lost) and the reverse (gained). */
  diff(after: Project): FlowDiff;
  /** The files of `amlnet build`, name to content. */
  build(): Map<string, string>;
  /** What `trace` takes as --from and --to by name (the web view's flow explorer lists them). */
  ends(): { readonly from: readonly string[]; readonly to: readonly string[] };
  /** The same project over a changed model (a what-if): same source, suppressions, rules and notes. */
  withModel(model: Model): Project;
}

export interface TraceOptions {
  readonly port?: number;
  readonly protocol?: "tcp" | "udp";
}

export type Opened = { readonly ok: true; readonly project: Project } | { readonly ok: false; readonly errors: readonly InputError[] };

export interface OpenOptions {
  /** The rules to run (default: the whole catalog). */
  readonly rules?: readonly Rule[];
  /** Bounds on the input (default DEFAULT_LIMITS). */
  readonly limits?: InputLimits;
}

/** Opens blueprint text; `file` names it in positions and generated headers. */
export function openBlueprint(file: string, text: string, options: OpenOptions = {}): Opened {
  const loaded = loadBlueprint(file, text, options.limits);
  if (!loaded.ok) return loaded;
  // A suppression of a rule that doesn't exist silences nothing: a typo the user must hear of.
  const known = new Set([...RULES, ...META_DIAGNOSTICS].map((r) => r.id));
  const unknown = unknownSuppressions(loaded.blueprint, known);
  if (unknown.length)
    return { ok: false, errors: unknown.map((u) => ({ code: "BP010", message: `no rule ${u.rule}; amlnet rules lists them`, position: loaded.source.locate(u.path) })) };
  const model = expand(loaded.blueprint);
  return { ok: true, project: project(file, model, loaded.source, collectSuppressions(loaded.blueprint), options.rules ?? RULES) };
}

/** A project over any front end's model; `notes` are the front end's own findings (import warnings). */
export function project(file: string, model: Model, source: SourceDoc, suppressions: readonly Suppression[], rules: readonly Rule[], notes: readonly Finding[] = [], byProperty = false): Project {
  let findings: LocatedFinding[] | undefined;
  let flowResults: FlowResult[] | undefined;
  const analysis = new Analysis(model);
  const self: Project = {
    file,
    model,
    analysis,
    source,
    get findings() {
      return (findings ??= locateFindings([...notes, ...runRules(analysis, rules, suppressions)], source, byProperty));
    },
    flows() {
      if (flowResults) return flowResults;
      // A blocked flow whose AML080 finding is suppressed carries the reason: not expected to pass.
      // Only AML080 says which flows those are: it runs alone unless the findings are at hand.
      const aml080 = findings ?? runRules(analysis, rules.filter((r) => r.id === "AML080"), suppressions);
      const suppressed = new Map(aml080.filter((f) => f.ruleId === "AML080" && f.suppressed && f.subject).map((f) => [f.subject!, f.suppressed!]));
      return (flowResults = documentedFlowResults(planeOf(analysis)).map((r) => (suppressed.has(r.id) ? { ...r, suppressed: suppressed.get(r.id) } : r)));
    },
    studio: () => studioMatrix(analysis, self.flows()),
    trace(from, to, options = {}) {
      const ends = parseEnds(analysis, from, to, options.port ?? 443, options.protocol === "udp" ? "Udp" : "Tcp");
      return "error" in ends ? ends : judgedTrace(planeOf(analysis), ends.from, ends.to);
    },
    diff: (after) => diffFlows(self.flows(), after.flows()),
    build: () => buildFiles(model, { blueprint: baseName(file), version: VERSION }),
    ends: () => ({ from: sourceNames(analysis), to: destinationNames(analysis) }),
    withModel: (changed) => project(file, changed, source, suppressions, rules, notes, byProperty),
  };
  return self;
}

const baseName = (file: string) => file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);

export type { Finding, InputError };
