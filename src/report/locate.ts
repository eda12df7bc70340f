// Findings carry source paths; reports need file:line:col.
import type { SourceDoc, Position } from "../core/source.ts";
import type { Finding } from "../rules/run.ts";

export interface LocatedFinding extends Finding {
  readonly position: Position;
}

/**
 * Positions for findings. A template or an estate (`byProperty`) writes resources in ARM's own
 * shape, so a finding about a property is located at it (or at the expression computing it); a
 * blueprint's paths are its own and a rule's `source` says where.
 */
export function locateFindings(findings: readonly Finding[], source: SourceDoc, byProperty = false): LocatedFinding[] {
  return findings.map((f) => ({ ...f, position: source.locate((byProperty && f.propertySource) || f.source || []) }));
}
