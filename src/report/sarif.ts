// SARIF 2.1.0 for code-scanning UIs: one run, the whole catalog as rules with stable ids,
// results located in the blueprint, suppressions as SARIF suppressions with their reason.
import { jsonText } from "../core/quote.ts";
import type { LocatedFinding } from "./locate.ts";
import type { Rule, Severity } from "../rules/rule.ts";
import { DOCS, FACTS } from "../core/knowledge/facts.ts";
import { META_DIAGNOSTICS } from "../rules/meta.ts";
import { fingerprint } from "./fingerprint.ts";
import type { Position } from "../core/source.ts";

const LEVEL: Readonly<Record<Severity, "error" | "warning" | "note">> = { error: "error", warning: "warning", info: "note" };
// GitHub code scanning ranks security alerts by this score (CVSS-like, 0-10).
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { error: "8.0", warning: "5.0", info: "2.0" };

/** The whole catalog, rules and run diagnostics, as SARIF reporting descriptors list it. */
const catalog = (rules: readonly Rule[]) => [...rules.map((r) => ({ id: r.id, title: r.title, severity: r.severity, description: r.description, facts: r.facts, docs: r.docs })), ...META_DIAGNOSTICS];

/**
 * The SARIF document; `uri` is the input's path relative to the repository root, or a function
 * giving that path for the file a finding is in (a Terraform folder's findings are in its files).
 */
export function formatSarif(uri: string | ((file: string) => string), findings: readonly LocatedFinding[], rules: readonly Rule[], version: string, several: SeveralInputs = {}): string {
  const uriOf = typeof uri === "string" ? () => uri : uri;
  const errors = several.errors ?? [];
  const skipped = several.skipped ?? [];
  const all = catalog(rules);
  const index = new Map(all.map((r, i) => [r.id, i]));
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: driver(version, all),
        invocations: [
          errors.length || skipped.length
            ? {
                // Several inputs: one that couldn't be read fails the run; files a search passed over are notes.
                executionSuccessful: !errors.length,
                toolExecutionNotifications: [...errors.map((e) => notification("error", e.message, uriOf(e.position.file), e.position, e.code)), ...skipped.map((k) => notification("note", `skipped: ${k.reason}`, uriOf(k.file)))],
              }
            : { executionSuccessful: true },
        ],
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: index.get(f.ruleId),
          level: LEVEL[f.severity],
          message: { text: `${f.message} Fix: ${f.fix}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: sarifUri(uriOf(f.position.file)) },
                region: { startLine: f.position.line, startColumn: f.position.col },
              },
              ...(f.resourceId ? { logicalLocations: [{ fullyQualifiedName: f.resourceId, kind: "resource" }] } : {}),
            },
          ],
          partialFingerprints: { "amlnetFinding/v1": fingerprint(f) },
          ...(f.suppressed ? { suppressions: [{ kind: "inSource", justification: f.suppressed }] } : {}),
        })),
      },
    ],
  };
  return jsonText(sarif, 2) + "\n";
}

/**
 * A SARIF document for input that couldn't be read: the run did not succeed, and each problem is a
 * located notification, so `> amlnet.sarif` never leaves an empty or invalid file.
 */
export function formatSarifInputErrors(uri: string | ((file: string) => string), errors: readonly { code: string; message: string; position: Position }[], rules: readonly Rule[], version: string): string {
  const all = catalog(rules);
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: driver(version, all),
        invocations: [
          {
            executionSuccessful: false,
            toolExecutionNotifications: errors.map((e) => ({
              level: "error",
              descriptor: { id: e.code },
              message: { text: e.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: sarifUri(typeof uri === "string" ? uri : uri(e.position.file)) }, region: { startLine: e.position.line, startColumn: e.position.col } } }],
            })),
          },
        ],
        results: [],
      },
    ],
  };
  return jsonText(sarif, 2) + "\n";
}

/** What a run over several inputs adds: the inputs that couldn't be read, the files a search skipped. */
export interface SeveralInputs {
  readonly errors?: readonly { code: string; message: string; position: Position }[];
  readonly skipped?: readonly { file: string; reason: string }[];
}

function notification(level: "error" | "note", text: string, uri: string, position?: Position, code?: string) {
  return {
    level,
    ...(code ? { descriptor: { id: code } } : {}),
    message: { text },
    locations: [{ physicalLocation: { artifactLocation: { uri: sarifUri(uri) }, ...(position ? { region: { startLine: position.line, startColumn: position.col } } : {}) } }],
  };
}

/** Forward slashes, each segment percent-encoded as a URI reference needs. */
function sarifUri(path: string): string {
  return path.replace(/\\/g, "/").split("/").map(encodeURIComponent).join("/");
}

type CatalogEntry = { id: string; title: string; severity: Severity; description: string; facts: readonly string[]; docs: readonly (keyof typeof DOCS)[] };

function driver(version: string, all: readonly CatalogEntry[]) {
  return {
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
          // Run diagnostics cite no document or fact: their help is the description alone.
          text: [
            r.description,
            [
              r.docs.length ? `Sources: ${r.docs.map((d) => `"${DOCS[d].title}" (${DOCS[d].url})`).join("; ")}.` : "",
              r.facts.length ? `Facts: ${r.facts.map((f) => `${f} ${FACTS[f as keyof typeof FACTS]}`).join("; ")}.` : "",
            ]
              .filter(Boolean)
              .join(" "),
          ]
            .filter(Boolean)
            .join("\n\n"),
          markdown: [
            `**${r.id}: ${r.title}**`,
            "",
            r.description,
            ...(r.docs.length ? ["", "Sources:", ...r.docs.map((d) => `- [${DOCS[d].title}](${DOCS[d].url})`)] : []),
            ...(r.facts.length ? ["", `Facts: ${r.facts.map((f) => `${f} (${FACTS[f as keyof typeof FACTS]})`).join("; ")}`] : []),
            "",
            `Run \`amlnet explain ${r.id}\` for an example.`,
          ].join("\n"),
        },
        properties: {
          tags: ["security", "network", "azure-machine-learning"],
          "security-severity": SECURITY_SEVERITY[r.severity],
          facts: [...r.facts],
          documents: r.docs.map((d) => DOCS[d]),
        },
      })),
    },
  };
}
