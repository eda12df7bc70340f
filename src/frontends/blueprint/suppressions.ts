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

/** Suppressions naming a rule not in `known`, with the path of their `rule` value. */
export function unknownSuppressions(value: unknown, known: ReadonlySet<string>, path: (string | number)[] = []): { path: (string | number)[]; rule: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => unknownSuppressions(v, known, [...path, i]));
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === "suppress" && Array.isArray(v)
      ? v.flatMap((s, i) => (known.has(s.rule) ? [] : [{ path: [...path, k, i, "rule"], rule: String(s.rule) }]))
      : unknownSuppressions(v, known, [...path, k]),
  );
}
