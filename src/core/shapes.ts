// The shapes of the properties analyses compute with, checked when input is read: a VNet's
// `addressPrefixes` written as one string, or a prefix like 10.0.0.0/33, is an input error at
// its place (ARM refuses both at deployment), never a rule that trips over it and leaves its
// findings out. Values a template can't tell before deployment (unknowns) pass: they are
// reported as unknowns, not as wrong. Which fields a type has is its registry entry's `shape`.
import { parseCidr } from "./net/cidr.ts";
import { quoteInput } from "./quote.ts";
import type { SourcePath } from "./source.ts";
import { isUnknown } from "./types.ts";

export type FieldKind =
  /** An address prefix: IPv4 a.b.c.d/n (host bits allowed, as ARM reads them) or IPv6. */
  | "prefix"
  /** A list of address prefixes. */
  | "prefixes"
  /** A list of strings (DNS servers). */
  | "strings"
  /** A list of objects (subnets, rules, routes). */
  | "objects";

export interface ShapeField {
  /** The field under `properties`. */
  readonly path: readonly string[];
  readonly kind: FieldKind;
}

/** A resource as read (a template's instance, an export's item) or as mapped into the model. */
export interface Shaped {
  readonly type: string;
  readonly properties: unknown;
  readonly source: SourcePath;
  /** A placeholder for what the input can't tell: it has no shape to check. */
  readonly unknown?: unknown;
}

export interface ShapeProblem {
  /** The field's place in the input: the resource's source, then `properties` and the path under it. */
  readonly source: SourcePath;
  readonly message: string;
}

// IPv6 prefixes are valid input; amlnet doesn't model IPv6 routing, so it takes them as written.
const isPrefix = (v: unknown): boolean => typeof v === "string" && (v.includes(":") || parseCidr(v, true) !== undefined);

const WANTS: Readonly<Record<FieldKind, string>> = {
  prefix: "an address prefix (a.b.c.d/n, n at most 32)",
  prefixes: "a list of address prefixes",
  strings: "a list of strings",
  objects: "a list of objects",
};

function describe(v: unknown): string {
  if (Array.isArray(v)) return "a list";
  if (typeof v === "string") return `'${quoteInput(v, 60)}'`;
  return v === null ? "null" : typeof v === "object" ? "an object" : `${typeof v} ${String(v)}`;
}

/** Problems of one value against its kind (the value itself, or the elements of a list); none: undefined. */
function problemsOf(value: unknown, kind: FieldKind): { at: readonly number[]; message: string }[] | undefined {
  if (value === undefined || value === null || isUnknown(value)) return undefined;
  if (kind === "prefix") return isPrefix(value) ? undefined : [{ at: [], message: `is ${WANTS.prefix}, not ${describe(value)}` }];
  if (!Array.isArray(value)) return [{ at: [], message: `is ${WANTS[kind]}, not ${describe(value)}` }];
  const ok = kind === "prefixes" ? isPrefix : kind === "strings" ? isString : isObject;
  const element = kind === "prefixes" ? WANTS.prefix : kind === "strings" ? "a string" : "an object";
  // Nothing made for a list that is right (nearly every one).
  let found: { at: readonly number[]; message: string }[] | undefined;
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (!isUnknown(v) && !ok(v)) (found ??= []).push({ at: [i], message: `[${i}] is ${element}, not ${describe(v)}` });
  }
  return found;
}

const isString = (v: unknown): boolean => typeof v === "string";
const isObject = (v: unknown): boolean => !!v && typeof v === "object" && !Array.isArray(v);

/** Every field of every resource whose value isn't the shape its type's entry says. */
export function shapeProblems(resources: readonly Shaped[], shapeOf: (type: string) => readonly ShapeField[] | undefined): ShapeProblem[] {
  const out: ShapeProblem[] = [];
  // Plain loops: an estate checks a hundred thousand resources, nearly all of them right.
  for (let k = 0; k < resources.length; k++) {
    const r = resources[k];
    const fields = shapeOf(r.type);
    if (!fields || r.unknown) continue;
    for (let j = 0; j < fields.length; j++) {
      const f = fields[j];
      let value: unknown = r.properties;
      for (let i = 0; i < f.path.length; i++) value = value && typeof value === "object" && !Array.isArray(value) && !isUnknown(value) ? (value as Record<string, unknown>)[f.path[i]] : undefined;
      const found = problemsOf(value, f.kind);
      if (found) for (const p of found) out.push({ source: [...r.source, "properties", ...f.path, ...p.at], message: `properties.${f.path.join(".")}${p.message.startsWith("[") ? "" : " "}${p.message}` });
    }
  }
  return out;
}
