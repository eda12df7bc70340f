// Machine-readable report: stable key order, no timestamps, so the same input gives the same bytes.
// The shape is versioned (schemaVersion); a change that removes or renames a field bumps it.
import { jsonText } from "../core/quote.ts";
import type { LocatedFinding } from "./locate.ts";
import type { Position } from "../core/source.ts";
import { fingerprint } from "./fingerprint.ts";
import { rootsOf } from "./text.ts";

export const JSON_SCHEMA_VERSION = 1;

export function formatJson(file: string, findings: readonly LocatedFinding[]): string {
  return jsonText({ schemaVersion: JSON_SCHEMA_VERSION, ...jsonInput(file, findings) }, 2) + "\n";
}

/** One input's part of the report: its file, counts and findings. */
export function jsonInput(file: string, findings: readonly LocatedFinding[]) {
  const active = findings.filter((f) => !f.suppressed);
  const count = (s: string) => active.filter((f) => f.severity === s).length;
  const roots = rootsOf(findings);
  return {
    file,
    ok: true,
    summary: { error: count("error"), warning: count("warning"), info: count("info"), suppressed: findings.length - active.length },
    findings: findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      title: f.title,
      message: f.message,
      fix: f.fix,
      line: f.position.line,
      column: f.position.col,
      // A folder's (Terraform's) findings are in its files.
      ...(f.position.file !== file ? { file: f.position.file } : {}),
      fingerprint: fingerprint(f),
      ...(f.resourceId ? { resourceId: f.resourceId } : {}),
      ...(f.subject ? { subject: f.subject } : {}),
      // A follow-on finding names the finding at its root by fingerprint.
      ...(roots.has(f) ? { causedBy: fingerprint(roots.get(f)!) } : {}),
      ...(f.suppressed ? { suppressed: f.suppressed } : {}),
    })),
  };
}

/** The same shape for input that couldn't be read: ok false, each error located. */
export function formatJsonInputErrors(file: string, errors: readonly { code: string; message: string; position: Position }[]): string {
  return jsonText({ schemaVersion: JSON_SCHEMA_VERSION, ...jsonInputErrors(file, errors) }, 2) + "\n";
}

/** One unreadable input's part of the report. */
export function jsonInputErrors(file: string, errors: readonly { code: string; message: string; position: Position }[]) {
  return { file, ok: false, errors: errors.map((e) => ({ code: e.code, message: e.message, line: e.position.line, column: e.position.col })) };
}
