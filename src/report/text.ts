// Human-readable report: one block a finding, a summary line last. Colour only when asked.
import { SEVERITY_RANK } from "../core/diagnostics.ts";
import { formatPosition } from "../core/source.ts";
import { oneLine, quoteInput } from "../core/quote.ts";
import type { LocatedFinding } from "./locate.ts";
import type { Severity } from "../rules/rule.ts";
import type { Model } from "../core/model.ts";
import { T } from "../core/registry.ts";
import { wrapLines } from "./style.ts";

export interface TextOptions {
  readonly color: boolean;
  /** Wrap to this many columns (a terminal's width). */
  readonly width?: number;
  /** Show suppressed findings (with their reason) too. */
  readonly showSuppressed?: boolean;
}

const CODES = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1 } as const;

const wholeInput = (f: LocatedFinding) => (f.position.line === 1 && f.position.col === 1 ? 1 : 0);

/** The order a person reads findings in: errors, warnings, notes; each by place; notes about the whole input last. */
export function byReadingOrder(a: LocatedFinding, b: LocatedFinding): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    wholeInput(a) - wholeInput(b) ||
    a.position.line - b.position.line ||
    a.position.col - b.position.col ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.message.localeCompare(b.message)
  );
}

export function formatText(findings: readonly LocatedFinding[], opts: TextOptions): string {
  const paint = (c: keyof typeof CODES, s: string) => (opts.color ? `\x1b[${CODES[c]}m${s}\x1b[0m` : s);
  const sev: Record<Severity, string> = { error: paint("red", "error"), warning: paint("yellow", "warning"), info: paint("cyan", "info") };
  const active = findings.filter((f) => !f.suppressed);
  const suppressed = findings.filter((f) => f.suppressed);
  const lines: string[] = [];
  // Errors first, then warnings, then notes, each in the order of the file; notes about the whole
  // input (at 1:1) close the list.
  const shown = [...(opts.showSuppressed ? findings : active)].sort(byReadingOrder);
  // Follow-on findings (a blocked flow whose blocker is another finding's resource) are listed
  // under that root finding, not on their own: one missing endpoint, one block of text.
  const roots = rootsOf(shown);
  for (const f of shown) {
    if (roots.has(f)) continue;
    lines.push(`${paint("bold", formatPosition(f.position))} ${sev[f.severity]} ${paint("dim", f.ruleId)} ${oneLine(f.message)}`);
    lines.push(`  ${paint("dim", "fix:")} ${oneLine(f.fix)}`);
    if (f.suppressed) lines.push(`  ${paint("dim", `suppressed: ${oneLine(f.suppressed)}`)}`);
    const follows = shown.filter((x) => roots.get(x) === f);
    if (follows.length) {
      lines.push(`  ${paint("dim", `and so (${follows.length}):`)}`);
      for (const x of follows) lines.push(`    ${paint("dim", x.ruleId)} ${oneLine(x.message)}`);
    }
  }
  const count = (s: Severity) => active.filter((f) => f.severity === s).length;
  const summary = `${count("error")} error(s), ${count("warning")} warning(s), ${count("info")} info${suppressed.length ? `, ${suppressed.length} suppressed` : ""}`;
  if (lines.length) lines.push("");
  // Per rule, most frequent first: what to fix first in a long report.
  const perRule = new Map<string, number>();
  for (const f of active) perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
  if (perRule.size > 1)
    lines.push(`by rule: ${[...perRule].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id, n]) => `${id} ${n}`).join(", ")}`);
  lines.push(active.length === 0 ? paint("bold", `No findings (${summary}).`) : summary);
  return wrapLines({ color: opts.color, width: opts.width }, lines.join("\n")) + "\n";
}

/** The line `check` prints before its findings: what was checked and how big it came out. */
export function formatSummary(file: string, model: Model, ruleCount: number, version: string, config?: string): string {
  const count = (t: string) => model.ofType(t).length;
  return (
    `amlnet ${version} checked ${quoteInput(file, 300)}${config ? ` (config ${quoteInput(config, 300)})` : ""}: ${model.resources.length} resources after expansion ` +
    `(${count(T.pe)} private endpoints, ${count(T.zone)} DNS zones, ${count(T.vnet)} VNets), ${ruleCount} rules.\n\n`
  );
}

/** For each follow-on finding, the root finding about the resource that causes it. */
export function rootsOf(findings: readonly LocatedFinding[]): Map<LocatedFinding, LocatedFinding> {
  const byResource = new Map<string, LocatedFinding>();
  for (const f of findings) if (f.resourceId && !f.cause && !byResource.has(f.resourceId.toLowerCase())) byResource.set(f.resourceId.toLowerCase(), f);
  const roots = new Map<LocatedFinding, LocatedFinding>();
  for (const f of findings) {
    const root = f.cause ? byResource.get(f.cause.toLowerCase()) : undefined;
    if (root && root !== f && !!root.suppressed === !!f.suppressed) roots.set(f, root);
  }
  return roots;
}
