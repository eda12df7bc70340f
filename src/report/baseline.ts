// A baseline: the fingerprints of findings accepted today, so a check reports only new ones
// (matched by fingerprint, which survives lines moving, not by line).
import { jsonText } from "../core/quote.ts";
import type { LocatedFinding } from "./locate.ts";
import { fingerprint } from "./fingerprint.ts";

export interface Baseline {
  readonly schemaVersion: 1;
  readonly findings: readonly { readonly fingerprint: string; readonly ruleId: string; readonly message: string }[];
}

export function formatBaseline(findings: readonly LocatedFinding[]): string {
  const baseline: Baseline = {
    schemaVersion: 1,
    findings: findings.filter((f) => !f.suppressed).map((f) => ({ fingerprint: fingerprint(f), ruleId: f.ruleId, message: f.message })),
  };
  return `${jsonText(baseline, 2)}\n`;
}

/** A baseline file's fingerprints, or why it isn't one. */
export function parseBaseline(text: string): { ok: true; fingerprints: ReadonlySet<string> } | { ok: false; error: string } {
  try {
    const b = JSON.parse(text) as Partial<Baseline>;
    if (b.schemaVersion !== 1 || !Array.isArray(b.findings)) return { ok: false, error: "not an amlnet baseline (schemaVersion 1 with findings)" };
    return { ok: true, fingerprints: new Set(b.findings.map((f) => String(f.fingerprint))) };
  } catch {
    // JSON.parse's message quotes the text it choked on: never echo a file's content.
    return { ok: false, error: "not JSON: a baseline is the file --write-baseline writes" };
  }
}

/** Findings not in the baseline. */
export function newSince(findings: readonly LocatedFinding[], fingerprints: ReadonlySet<string>): LocatedFinding[] {
  return findings.filter((f) => !fingerprints.has(fingerprint(f)));
}
