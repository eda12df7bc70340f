// Machine-readable report: stable key order, no timestamps, so the same input gives the same bytes.
import type { LocatedFinding } from "./locate.ts";

export function formatJson(file: string, findings: readonly LocatedFinding[]): string {
  return (
    JSON.stringify(
      {
        file,
        findings: findings.map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          title: f.title,
          message: f.message,
          fix: f.fix,
          line: f.position.line,
          column: f.position.col,
          ...(f.resourceId ? { resourceId: f.resourceId } : {}),
          ...(f.suppressed ? { suppressed: f.suppressed } : {}),
        })),
      },
      null,
      2,
    ) + "\n"
  );
}
