// Terraform values as the evaluator holds them: JSON-like values, and Unknowns that carry why
// (a value known only after apply, a variable with no value). An object may be partial: a
// resource's attributes the configuration doesn't set (its id, its principal) are known only after
// apply, so reading one gives an Unknown instead of an error.
import { isUnknown, type Unknown } from "../../core/types.ts";

export type TfValue = null | boolean | number | string | readonly TfValue[] | TfObject | Unknown;
export interface TfObject {
  readonly [key: string]: TfValue;
}

/** Marks an object whose missing attributes are known only after apply (the reason says whose). */
export const AFTER_APPLY = Symbol("after apply");

export function partial(object: Record<string, TfValue>, reason: string): TfObject {
  return Object.assign(object, { [AFTER_APPLY]: reason });
}

export function afterApply(v: TfObject): string | undefined {
  return (v as { [AFTER_APPLY]?: string })[AFTER_APPLY];
}

export function unknown(reason: string, at: number): Unknown {
  return { unknown: true, reason, at };
}

export const isObject = (v: TfValue | undefined): v is TfObject => !!v && typeof v === "object" && !Array.isArray(v) && !isUnknown(v);
export const isList = (v: TfValue | undefined): v is readonly TfValue[] => Array.isArray(v);

/** The first Unknown inside a value, if any (an Unknown anywhere makes a string of it unknown). */
export function firstUnknown(v: TfValue): Unknown | undefined {
  if (isUnknown(v)) return v;
  if (isList(v)) {
    for (const x of v) {
      const u = firstUnknown(x);
      if (u) return u;
    }
  } else if (isObject(v))
    for (const x of Object.values(v)) {
      const u = firstUnknown(x);
      if (u) return u;
    }
  return undefined;
}

/** A value's type for messages, as Terraform names them. */
export function typeName(v: TfValue): string {
  if (v === null) return "null";
  if (isUnknown(v)) return "unknown";
  if (isList(v)) return "list";
  if (isObject(v)) return "object";
  return typeof v;
}

/** Terraform's string conversion of a primitive: numbers without a trailing .0, bools as words. */
export function toStringValue(v: TfValue): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  return undefined;
}

export function equalValues(a: TfValue, b: TfValue): boolean {
  if (a === b) return true;
  if (isList(a) && isList(b)) return a.length === b.length && a.every((x, i) => equalValues(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && equalValues(a[k], b[k]));
  }
  return false;
}
