// One report over several inputs (`check a.yaml b.json infra/`): each input's findings, or why it
// couldn't be read, and the files a search skipped — in every format, with totals over them all.
import { jsonText, quoteInput, oneLine } from "../core/quote.ts";
import { formatPosition, type Position } from "../core/source.ts";
import type { LocatedFinding } from "./locate.ts";
import type { Rule } from "../rules/rule.ts";
import { JSON_SCHEMA_VERSION, jsonInput, jsonInputErrors } from "./json.ts";
import { formatSarif } from "./sarif.ts";
import { formatGithub, formatGithubInputErrors } from "./github.ts";
import { document, junitErrorsSuite, junitSkippedSuite, junitSuite } from "./junit.ts";

type InputErrorLike = { readonly code: string; readonly message: string; readonly position: Position };

/** One input's outcome: its findings (with the text report's header line), or its input errors. */
export type InputOutcome =
  | { readonly file: string; readonly ok: true; readonly findings: readonly LocatedFinding[]; readonly header: string }
  | { readonly file: string; readonly ok: false; readonly errors: readonly InputErrorLike[] };

export interface SeveralReport {
  readonly outcomes: readonly InputOutcome[];
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
}

const counts = (findings: readonly LocatedFinding[]) => {
  const active = findings.filter((f) => !f.suppressed);
  const n = (s: string) => active.filter((f) => f.severity === s).length;
  return { error: n("error"), warning: n("warning"), info: n("info"), suppressed: findings.length - active.length };
};

const allFindings = (r: SeveralReport) => r.outcomes.flatMap((o) => (o.ok ? o.findings : []));
const allErrors = (r: SeveralReport) => r.outcomes.flatMap((o) => (o.ok ? [] : o.errors));

export function formatSeveralJson(r: SeveralReport): string {
  return (
    jsonText(
      {
        schemaVersion: JSON_SCHEMA_VERSION,
        ok: r.outcomes.every((o) => o.ok),
        summary: { inputs: r.outcomes.length, unreadable: r.outcomes.filter((o) => !o.ok).length, skipped: r.skipped.length, ...counts(allFindings(r)) },
        inputs: r.outcomes.map((o) => (o.ok ? jsonInput(o.file, o.findings) : jsonInputErrors(o.file, o.errors))),
        skipped: r.skipped.map((k) => ({ file: k.file, reason: k.reason })),
      },
      2,
    ) + "\n"
  );
}

export function formatSeveralSarif(r: SeveralReport, uri: (file: string) => string, rules: readonly Rule[], version: string): string {
  return formatSarif(uri, allFindings(r), rules, version, { errors: allErrors(r), skipped: r.skipped });
}

export function formatSeveralGithub(r: SeveralReport, uri: (file: string) => string): string {
  return r.outcomes.map((o) => (o.ok ? formatGithub(uri, o.findings) : formatGithubInputErrors(uri, o.errors))).join("");
}

export function formatSeveralJunit(r: SeveralReport, uri: (file: string) => string, rules: readonly Rule[]): string {
  const suites = r.outcomes.map((o) => (o.ok ? junitSuite(uri(o.file), o.findings, rules) : junitErrorsSuite(uri(o.file), o.errors)));
  return document(r.skipped.length ? [...suites, junitSkippedSuite(r.skipped)] : suites);
}

/**
 * Text: each input as `check` prints one (`body` gives its findings' text, so colour, wrapping and
 * what --quiet shows stay the caller's), input errors as located lines, the skipped files, then the
 * totals.
 */
export function formatSeveralText(r: SeveralReport, body: (findings: readonly LocatedFinding[]) => string, options: { readonly quiet: boolean }): string {
  const parts: string[] = [];
  for (const o of r.outcomes) {
    if (o.ok) parts.push((options.quiet ? "" : o.header) + body(o.findings));
    else parts.push(o.errors.map((e) => `${formatPosition(e.position)} error ${e.code} ${oneLine(e.message)}\n`).join(""));
  }
  // --quiet: the findings and input errors only (the caller says what it left out).
  if (options.quiet) return parts.filter(Boolean).join("");
  if (r.skipped.length) parts.push(`Skipped ${r.skipped.length} file(s):\n${r.skipped.map((k) => `  ${quoteInput(k.file, 300)}: ${oneLine(k.reason)}\n`).join("")}`);
  const c = counts(allFindings(r));
  const unreadable = r.outcomes.filter((o) => !o.ok).length;
  parts.push(
    `${r.outcomes.length} input(s): ${c.error} error(s), ${c.warning} warning(s), ${c.info} info` +
      (c.suppressed ? `, ${c.suppressed} suppressed` : "") +
      (unreadable ? `; ${unreadable} input(s) couldn't be read` : "") +
      (r.skipped.length ? `; ${r.skipped.length} file(s) skipped` : "") +
      ".\n",
  );
  return parts.join("\n");
}
