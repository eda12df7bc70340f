// Runs the catalog over a model. A rule that throws becomes a diagnostic (AML901), never a
// crash; suppressions the front end found silence findings at or under their object, and one
// that silences nothing is reported (AML900) so stale suppressions don't pile up.
import type { Analysis } from "../core/analysis.ts";
import type { Model } from "../core/model.ts";
import type { SourcePath, Suppression } from "../core/source.ts";
import type { Hit, Rule, Severity } from "./rule.ts";
import type { Resource } from "../core/types.ts";
import type { UnknownRead } from "../core/unknown-reads.ts";
import { SEVERITY_RANK, runDiagnostic } from "../core/diagnostics.ts";
import { idKey, parentId } from "../core/ids.ts";
import { someNames } from "../core/quote.ts";
import { T } from "../core/registry.ts";

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly message: string;
  readonly fix: string;
  readonly resourceId?: string;
  readonly source?: SourcePath;
  /** Set when a suppression silenced it: the reason given. */
  readonly suppressed?: string;
  /** Which of the rule's messages it is, for a rule with several (Rule.messages). */
  readonly messageId?: string;
  /** What the finding is about, as a stable key (AML080: the id of the blocked flow). */
  readonly subject?: string;
  /** The resource whose own finding this one follows from, when known. */
  readonly cause?: string;
  /** The resource's source path with the ARM property the finding is about (imported inputs locate by it). */
  readonly propertySource?: SourcePath;
}


export function runRules(analysis: Analysis, rules: readonly Rule[], suppressions: readonly Suppression[] = []): Finding[] {
  const findings: Finding[] = [];
  const used = new Set<Suppression>();
  // Only an imported model holds unknowns; a blueprint's rules run unwatched.
  const imported = analysis.imported;
  // Resources some rule read unknowns of and found nothing wrong with: one note each, naming the rules.
  const unjudged = new Map<Resource, { rules: Rule[]; reads: UnknownRead[] }>();
  for (const r of rules) {
    let hits;
    let reads: readonly UnknownRead[] = [];
    try {
      ({ result: hits, reads } = analysis.record(() => r.check(analysis)));
    } catch (e) {
      findings.push({
        ...runDiagnostic("AML901"),
        message: `${r.id} (${r.title}) failed: ${e instanceof Error ? e.message : String(e)}; its findings are missing from this report.`,
      });
      continue;
    }
    // A finding about a resource whose unknown values the rule read rests on them: it says so
    // (AML904) instead of failing; a resource whose unknowns it read and passed gets the same note.
    const unknownOf = new Map<Resource, UnknownRead[]>();
    for (const x of reads) {
      const list = unknownOf.get(x.resource);
      if (list) list.push(x);
      else unknownOf.set(x.resource, [x]);
    }
    const judged = new Set<Resource>();
    // Built for a rule that read unknowns and found something, when its first finding asks.
    let relate: Relations | undefined;
    for (const h of hits) {
      const depends = imported && unknownOf.size ? dependencies(analysis.model, h, (relate ??= relations(analysis.model, unknownOf))) : undefined;
      if (depends) {
        findings.push(dependsOn(r, h, depends));
        if (h.resource) judged.add(h.resource);
        continue;
      }
      const source = h.source ?? h.resource?.source;
      const s = source && suppressions.find((x) => x.rule === r.id && isPrefix(x.at, source));
      if (s) used.add(s);
      // Optional fields assigned, not spread from an object each (a rule may find ten thousand).
      const finding: { -readonly [K in keyof Finding]: Finding[K] } = { ruleId: r.id, severity: r.severity, title: r.title, message: h.message, fix: h.fix, resourceId: h.resource?.id, source };
      if (h.messageId) finding.messageId = h.messageId;
      if (h.subject) finding.subject = h.subject;
      if (h.cause) finding.cause = h.cause;
      if (h.property && h.resource?.source) finding.propertySource = [...h.resource.source, ...h.property];
      if (s) finding.suppressed = s.reason;
      findings.push(finding);
    }
    for (const [resource, depends] of unknownOf)
      if (!judged.has(resource)) {
        const u = unjudged.get(resource) ?? { rules: [], reads: [] };
        u.rules.push(r);
        u.reads.push(...depends);
        unjudged.set(resource, u);
      }
  }
  for (const [resource, u] of unjudged) findings.push(cantJudge(u.rules, resource, u.reads));
  for (const s of suppressions) {
    if (used.has(s) || !rules.some((r) => r.id === s.rule)) continue;
    findings.push({
      ...runDiagnostic("AML900"),
      message: `The suppression of ${s.rule} here silences nothing.`,
      source: s.at,
    });
  }
  return sortFindings(findings);
}

/** Stable order: severity, then rule id, then resource id, then message. */
function sortFindings(f: Finding[]): Finding[] {
  return f.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      a.ruleId.localeCompare(b.ruleId) ||
      (a.resourceId ?? "").localeCompare(b.resourceId ?? "") ||
      a.message.localeCompare(b.message),
  );
}

function isPrefix(prefix: SourcePath, path: SourcePath): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
}

const valuesOf = (reads: readonly UnknownRead[]): string => {
  const reasons = [...new Set(reads.map((x) => x.unknown.reason))].sort();
  return someNames(reasons, " and ", 2);
};

const AML904 = runDiagnostic("AML904");

/** AML904: what `rule` would have reported, and the unknown values that rests on. */
function dependsOn(rule: Rule, hit: Hit, reads: readonly UnknownRead[]): Finding {
  return {
    ...AML904,
    message: `${rule.id} would report: ${hit.message} That rests on ${valuesOf(reads)}, unknown before deployment.`,
    ...(hit.resource ? { resourceId: hit.resource.id } : {}),
    source: hit.source ?? hit.resource?.source ?? reads[0].unknown.path,
    subject: rule.id,
  };
}

/** AML904: rules that found nothing wrong with `resource` but only because they read unknowns of it. */
function cantJudge(rules: readonly Rule[], resource: Resource, reads: readonly UnknownRead[]): Finding {
  return {
    ...AML904,
    message: `${rules.map((r) => r.id).join(", ")} can't judge ${resource.name}: ${rules.length > 1 ? "they read" : "it reads"} ${valuesOf(reads)}, unknown before deployment.`,
    resourceId: resource.id,
    source: reads[0].unknown.path ?? resource.source,
  };
}

/**
 * The resources a rule read unknowns of, in the order it read them, each under the keys that
 * relate it to a finding: its own id and, for an endpoint or a child of one (its zone group), the
 * resources the endpoint connects to (what a name resolves to rests on the endpoints to a
 * resource and their zone groups; an endpoint is not one to its subnet, which a thousand others
 * share). Built once per rule: a rule's thousand findings each look up their few related
 * resources instead of walking every resource it read.
 */
interface Relations {
  readonly reads: readonly (readonly UnknownRead[])[];
  readonly byKey: ReadonlyMap<string, readonly number[]>;
}

function relations(model: Model, own: ReadonlyMap<Resource, readonly UnknownRead[]>): Relations {
  const reads: (readonly UnknownRead[])[] = [];
  const byKey = new Map<string, number[]>();
  const add = (key: string, i: number) => {
    const list = byKey.get(key);
    if (!list) byKey.set(key, [i]);
    else if (list[list.length - 1] !== i) list.push(i);
  };
  const pe = T.pe.toLowerCase();
  for (const [x, rs] of own) {
    const i = reads.push(rs) - 1;
    add(idKey(x.id), i);
    for (const endpoint of [x, model.parent(x)])
      if (endpoint && endpoint.type.toLowerCase() === pe) for (const e of model.refsFrom(endpoint.id, "privateLinkServiceId")) add(idKey(e.to), i);
  }
  return { reads, byKey };
}

/**
 * The unknown reads a finding rests on: those the rule made (the data plane's included, when it
 * asked for it) of the resource it is about, its parent (a zone group's endpoint) and what either
 * refers to (an endpoint's subnet and that subnet's VNet), of the blocking hop and the resources
 * it names as its ground, and of the endpoints to any of them with their zone groups.
 */
function dependencies(model: Model, hit: Hit, own: Relations): UnknownRead[] | undefined {
  const related = new Set<Resource>();
  for (const id of [hit.cause, ...(hit.about ?? [])]) {
    const r = model.get(id);
    if (r) related.add(r);
  }
  const resource = hit.resource;
  if (resource) {
    related.add(resource);
    for (const from of [resource.id, parentId(resource.id)])
      for (const e of from ? model.refsFrom(from) : [])
        for (let id: string | undefined = e.to; id; id = parentId(id)) {
          const t = model.get(id);
          if (t) related.add(t);
        }
    const parent = model.get(parentId(resource.id));
    if (parent) related.add(parent);
  }
  // In the order the rule read them, as the resources they are of.
  const matched = new Set<number>();
  for (const r of related) for (const i of own.byKey.get(idKey(r.id)) ?? []) matched.add(i);
  if (!matched.size) return undefined;
  return [...matched].sort((a, b) => a - b).flatMap((i) => own.reads[i]);
}
