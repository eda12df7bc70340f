// Suppressions are written on the object a finding is about (`suppress: [{rule, reason}]`); the
// rule runner matches them by source path.
import type { Suppression } from "../../core/source.ts";

/** Every `suppress` list in a parsed blueprint, with the path of the object holding it. */
export function collectSuppressions(value: unknown, path: (string | number)[] = []): Suppression[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => collectSuppressions(v, [...path, i]));
  if (!value || typeof value !== "object") return [];
  const out: Suppression[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (k === "suppress" && Array.isArray(v)) for (const s of v) out.push({ rule: s.rule, reason: s.reason, at: path });
    else out.push(...collectSuppressions(v, [...path, k]));
  }
  return out;
}
