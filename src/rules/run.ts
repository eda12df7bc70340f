// Runs the catalog over a model. A rule that throws becomes a diagnostic (AML901), never a
// crash; suppressions the front end found silence findings at or under their object, and one
// that silences nothing is reported (AML900) so stale suppressions don't pile up.
import type { Model } from "../core/model.ts";
import type { SourcePath, Suppression } from "../core/source.ts";
import type { Rule, Severity } from "./rule.ts";
import type { Resource } from "../core/types.ts";
import { recordUnknownReads, type UnknownRead } from "../core/unknown-reads.ts";

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
  /** What the finding is about, as a stable key (AML080: the id of the blocked flow). */
  readonly subject?: string;
  /** The resource whose own finding this one follows from, when known. */
  readonly cause?: string;
}


export function runRules(model: Model, rules: readonly Rule[], suppressions: readonly Suppression[] = []): Finding[] {
  const findings: Finding[] = [];
  const used = new Set<Suppression>();
  for (const r of rules) {
    let hits;
    let reads: readonly UnknownRead[] = [];
    try {
      ({ result: hits, reads } = recordUnknownReads(() => r.check(model)));
    } catch (e) {
      findings.push({
        ruleId: "AML901",
        severity: "warning",
        title: "A rule failed to run",
        message: `${r.id} (${r.title}) failed: ${e instanceof Error ? e.message : String(e)}; its findings are missing from this report.`,
        fix: "Report this with the blueprint or template that triggered it.",
      });
      continue;
    }
    // A finding about a resource whose unknown values the rule read rests on them: it says so
    // (AML904) instead of failing; a resource whose unknowns it read and passed gets the same note.
    const unknownOf = new Map<Resource, UnknownRead[]>();
    for (const x of reads) unknownOf.set(x.resource, [...(unknownOf.get(x.resource) ?? []), x]);
    const judged = new Set<Resource>();
    for (const h of hits) {
      const depends = h.resource && unknownOf.get(h.resource);
      if (depends) {
        findings.push(dependsOn(r, h.resource!, depends, h.message));
        judged.add(h.resource!);
        continue;
      }
      const source = h.source ?? h.resource?.source;
      const s = source && suppressions.find((x) => x.rule === r.id && isPrefix(x.at, source));
      if (s) used.add(s);
      findings.push({
        ruleId: r.id,
        severity: r.severity,
        title: r.title,
        message: h.message,
        fix: h.fix,
        resourceId: h.resource?.id,
        source,
        ...(h.subject ? { subject: h.subject } : {}),
        ...(h.cause ? { cause: h.cause } : {}),
        ...(s ? { suppressed: s.reason } : {}),
      });
    }
    for (const [resource, depends] of unknownOf) if (!judged.has(resource)) findings.push(dependsOn(r, resource, depends));
  }
  for (const s of suppressions) {
    if (used.has(s) || !rules.some((r) => r.id === s.rule)) continue;
    findings.push({
      ruleId: "AML900",
      severity: "info",
      title: "Unused suppression",
      message: `The suppression of ${s.rule} here silences nothing.`,
      fix: "Remove it, or move it to the object the finding is about.",
      source: s.at,
    });
  }
  return sortFindings(findings);
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order: severity, then rule id, then resource id, then message. */
function sortFindings(f: Finding[]): Finding[] {
  return f.sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      a.ruleId.localeCompare(b.ruleId) ||
      (a.resourceId ?? "").localeCompare(b.resourceId ?? "") ||
      a.message.localeCompare(b.message),
  );
}

function isPrefix(prefix: SourcePath, path: SourcePath): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
}

/** AML904: what `rule` would have said about `resource` (or that it passed), and the values it rests on. */
function dependsOn(rule: Rule, resource: Resource, reads: readonly UnknownRead[], message?: string): Finding {
  const reasons = [...new Set(reads.map((x) => x.unknown.reason))];
  const values = reasons.length > 2 ? `${reasons.slice(0, 2).join(", ")} and ${reasons.length - 2} more` : reasons.join(" and ");
  return {
    ruleId: "AML904",
    severity: "info",
    title: "A check depends on a value known only at deployment",
    message: message
      ? `${rule.id} would report: ${message} That rests on ${values}, unknown before deployment.`
      : `${rule.id} (${rule.title}) can't judge ${resource.name}: it rests on ${values}, unknown before deployment.`,
    fix: "Give the value (--param name=value or --parameters file), or check this after deployment.",
    resourceId: resource.id,
    source: reads[0].unknown.path ?? resource.source,
    subject: rule.id,
  };
}
