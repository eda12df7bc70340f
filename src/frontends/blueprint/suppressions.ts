// Suppressions are written on the object a finding is about (`suppress: [{rule, reason}]`); the
// rule runner matches them by source path.
import type { Suppression } from "../../core/source.ts";

/** Every `suppress` list in a parsed blueprint, with the path of the object holding it. */
export function collectSuppressions(value: unknown): Suppression[] {
  const out: Suppression[] = [];
  // One path, pushed and popped as the walk goes: a copy is made only where a list is found.
  const path: (string | number)[] = [];
  const walk = (v: unknown): void => {
    if (!v || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i]);
        path.pop();
      }
      return;
    }
    for (const k in v) {
      const child = (v as Record<string, unknown>)[k];
      if (k === "suppress" && Array.isArray(child)) for (const s of child) out.push({ rule: s.rule, reason: s.reason, at: [...path] });
      else {
        path.push(k);
        walk(child);
        path.pop();
      }
    }
  };
  walk(value);
  return out;
}

/** Suppressions naming a rule not in `known`, with the path of their `rule` value. */
export function unknownSuppressions(value: unknown, known: ReadonlySet<string>): { path: (string | number)[]; rule: string }[] {
  const out: { path: (string | number)[]; rule: string }[] = [];
  // The same single path as collectSuppressions: copied only for a suppression to report.
  const path: (string | number)[] = [];
  const walk = (v: unknown): void => {
    if (!v || typeof v !== "object") return;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i]);
        path.pop();
      }
      return;
    }
    for (const k in v) {
      const child = (v as Record<string, unknown>)[k];
      if (k === "suppress" && Array.isArray(child)) {
        for (let i = 0; i < child.length; i++) if (!known.has(child[i].rule)) out.push({ path: [...path, k, i, "rule"], rule: String(child[i].rule) });
      } else {
        path.push(k);
        walk(child);
        path.pop();
      }
    }
  };
  walk(value);
  return out;
}
