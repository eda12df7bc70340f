// Diagnostics about the run itself rather than the deployment, as catalog entries beside the
// rules (`explain`, SARIF, the web view list both): their text is core/diagnostics.ts's.
import type { DocKey, FactId } from "../core/knowledge/facts.ts";
import { RUN_DIAGNOSTICS, type Severity } from "../core/diagnostics.ts";

export interface MetaDiagnostic {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly description: string;
  readonly facts: readonly FactId[];
  readonly docs: readonly DocKey[];
}

export const META_DIAGNOSTICS: readonly MetaDiagnostic[] = Object.freeze(
  Object.entries(RUN_DIAGNOSTICS).map(([id, d]) => ({ id, title: d.title, severity: d.severity, description: d.description, facts: [], docs: [] })),
);
