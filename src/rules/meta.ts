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
  {
    id: "AML902",
    title: "Part of the input could not be evaluated",
    severity: "warning",
    description:
      "An imported template holds something amlnet can't evaluate before deployment and has left out or made unknown: a function it doesn't know, a copy loop whose count or a resource whose name depends on an unknown value, a condition it can't decide, a linked template it doesn't read. Findings that depend on it say so (AML904).",
    facts: [],
    docs: [],
  },
  {
    id: "AML903",
    title: "Resource types amlnet doesn't model",
    severity: "info",
    description: "An imported template or estate holds resource types no rule or flow reads. They are kept in the model and listed here, never dropped silently; if one of them matters to the network (a third-party appliance, say), describe it in a blueprint.",
    facts: [],
    docs: [],
  },
  {
    id: "AML904",
    title: "A check depends on a value known only at deployment",
    severity: "info",
    description:
      "A rule read a value an imported template can't know before deployment (a parameter without a value, a reference() to a resource outside the template). The rule neither passes nor fails on it: the finding names the value, so you can give it (--param, --parameters) or check it after deployment.",
    facts: [],
    docs: [],
  },
  {
    id: "AML905",
    title: "Flows not judged: no clients",
    severity: "info",
    description: "A template or estate says nothing about who uses the workspace. Clients were inferred from VMs and on-premises gateways where the input shows them; flows from anyone else are not judged. Give the blueprint's clients section in a file with --clients.",
    facts: [],
    docs: [],
  },
];
