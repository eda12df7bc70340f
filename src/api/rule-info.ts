// A rule's (or run diagnostic's) reference, for the web view's findings panel: title, what it
// checks and why, and the documents it encodes with their addresses.
import { DOCS } from "../core/knowledge/facts.ts";
import { RULES } from "../rules/catalog.ts";
import { META_DIAGNOSTICS } from "../rules/meta.ts";

export interface RuleInfo {
  readonly id: string;
  readonly title: string;
  readonly severity: string;
  readonly description: string;
  readonly docs: readonly { readonly title: string; readonly url: string }[];
}

export function ruleInfo(id: string): RuleInfo | undefined {
  const r = [...RULES, ...META_DIAGNOSTICS].find((x) => x.id === id);
  return r && { id: r.id, title: r.title, severity: r.severity, description: r.description, docs: r.docs.map((d) => DOCS[d]) };
}
