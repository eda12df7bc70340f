// Suppressions are written on the object a finding is about (`suppress: [{rule, reason}]`); the
// rule runner matches them by source path.
import type { Suppression } from "../../core/source.ts";

type Listed = { readonly rule: string; readonly reason: string };

/**
 * Calls `found` with every `suppress` list in a parsed blueprint and the path of the object
 * holding it. One path, pushed and popped as the walk goes: whoever keeps it copies it.
 */
function eachSuppressList(value: unknown, found: (list: readonly Listed[], path: readonly (string | number)[]) => void): void {
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
      if (k === "suppress" && Array.isArray(child)) found(child, path);
      else {
        path.push(k);
        walk(child);
        path.pop();
      }
    }
  };
  walk(value);
}

/** Every `suppress` list in a parsed blueprint, with the path of the object holding it. */
export function collectSuppressions(value: unknown): Suppression[] {
  const out: Suppression[] = [];
  eachSuppressList(value, (list, path) => {
    for (const s of list) out.push({ rule: s.rule, reason: s.reason, at: [...path] });
  });
  return out;
}

/** Suppressions naming a rule not in `known`, with the path of their `rule` value. */
export function unknownSuppressions(value: unknown, known: ReadonlySet<string>): { path: (string | number)[]; rule: string }[] {
  const out: { path: (string | number)[]; rule: string }[] = [];
  eachSuppressList(value, (list, path) => {
    for (let i = 0; i < list.length; i++) if (!known.has(list[i].rule)) out.push({ path: [...path, "suppress", i, "rule"], rule: String(list[i].rule) });
  });
  return out;
}
