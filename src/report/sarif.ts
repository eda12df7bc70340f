// SARIF 2.1.0 for code-scanning UIs: one run, the whole catalog as rules with stable ids,
// results located in the blueprint, suppressions as SARIF suppressions with their reason.
import type { LocatedFinding } from "./locate.ts";
import type { Rule, Severity } from "../rules/rule.ts";
import { DOCS, FACTS } from "../core/knowledge/facts.ts";
import { META_DIAGNOSTICS } from "../rules/meta.ts";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

export function formatSarif(file: string, findings: readonly LocatedFinding[], rules: readonly Rule[], version: string): string {
  const all = [...rules.map((r) => ({ id: r.id, title: r.title, severity: r.severity, description: r.description, facts: r.facts, docs: r.docs })), ...META_DIAGNOSTICS];
  const index = new Map(all.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "amlnet",
            version,
            informationUri: "https://learn.microsoft.com/azure/machine-learning/how-to-network-security-overview",
            rules: all.map((r) => ({
              id: r.id,
              name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : "")),
              shortDescription: { text: r.title },
              fullDescription: { text: r.description },
              defaultConfiguration: { level: LEVEL[r.severity] },
              ...(r.docs.length ? { helpUri: DOCS[r.docs[0]].url } : {}),
              help: {
                text: `${r.description}\n\nSources: ${r.docs.map((d) => `"${DOCS[d].title}" (${DOCS[d].url})`).join("; ")}. Facts: ${r.facts.map((f) => `${f} ${FACTS[f]}`).join("; ")}.`,
              },
              properties: { facts: [...r.facts], documents: r.docs.map((d) => DOCS[d]) },
            })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId),
          level: LEVEL[f.severity],
          message: { text: `${f.message} Fix: ${f.fix}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: file.replace(/\\/g, "/") },
                region: { startLine: f.position.line, startColumn: f.position.col },
              },
              ...(f.resourceId ? { logicalLocations: [{ fullyQualifiedName: f.resourceId, kind: "resource" }] } : {}),
            },
          ],
          ...(f.suppressed ? { suppressions: [{ kind: "inSource", justification: f.suppressed }] } : {}),
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}
