// The blueprint's free-text fields, enumerated from its JSON Schema (generated from the zod
// schema), so a field added later is fuzzed without anyone listing it: every string without an
// enum, as a path template where `*` stands for an array index.
import { blueprintJsonSchema } from "../../src/frontends/blueprint/json-schema.ts";

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

export type FieldPath = readonly (string | "*")[];

export function freeTextFields(): FieldPath[] {
  const schema = JSON.parse(blueprintJsonSchema()) as JsonSchema;
  const out = new Map<string, FieldPath>();
  const walk = (s: JsonSchema, path: (string | "*")[]) => {
    for (const alt of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])]) walk(alt, path);
    const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    if (types.includes("string") && !s.enum && s.const === undefined) out.set(path.join("."), path);
    for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, [...path, k]);
    const items = Array.isArray(s.items) ? s.items : s.items ? [s.items] : [];
    for (const it of [...items, ...(s.prefixItems ?? [])]) walk(it, [...path, "*"]);
  };
  walk(schema, []);
  return [...out.values()];
}
