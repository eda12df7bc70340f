// Findings carry source paths; reports need file:line:col.
import type { SourceDoc, Position } from "../core/source.ts";
import type { Finding } from "../rules/run.ts";

export interface LocatedFinding extends Finding {
  readonly position: Position;
}

export function locateFindings(findings: readonly Finding[], source: SourceDoc): LocatedFinding[] {
  return findings.map((f) => ({ ...f, position: source.locate(f.source ?? []) }));
}
