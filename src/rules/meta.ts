// Diagnostics about the run itself rather than the deployment; listed so `explain` and SARIF
// know them.
import type { DocKey, FactId } from "../core/knowledge/facts.ts";
import type { Severity } from "./rule.ts";

export interface MetaDiagnostic {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly description: string;
  readonly facts: readonly FactId[];
  readonly docs: readonly DocKey[];
}

export const META_DIAGNOSTICS: readonly MetaDiagnostic[] = [
  {
    id: "AML900",
    title: "Unused suppression",
    severity: "info",
    description: "A `suppress` entry in the blueprint silences no finding of its rule at or under the object holding it: the problem was fixed or the suppression sits in the wrong place.",
    facts: [],
    docs: [],
  },
  {
    id: "AML901",
    title: "A rule failed to run",
    severity: "warning",
    description: "A rule threw while checking this input. The run goes on without that rule's findings; the message names the rule and the error.",
    facts: [],
    docs: [],
  },
];
