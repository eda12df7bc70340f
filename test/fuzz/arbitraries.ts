// Generated inputs: blueprints (the examples, mutated), file names, trace ends and model values.
import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import { BASE_CASE } from "../../src/rules/cases.ts";
import { freeTextFields, type FieldPath } from "./fields.ts";
import { MARKED } from "./properties.ts";

const EXAMPLES = new URL("../../examples/", import.meta.url);
const bases: unknown[] = [
  parse(BASE_CASE),
  ...readdirSync(EXAMPLES)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => parse(readFileSync(new URL(f, EXAMPLES), "utf8"))),
];
const FIELDS = freeTextFields();

/** Strings with every format's metacharacters: shell, JSON, Bicep, HCL, ARM, YAML, newlines. */
const nasty = fc.oneof(
  fc.constantFrom("[concat('a','b')]", "[listKeys('x','2019-01-01')]", "${var.x}", "%{ for x in y }", "$(id)", "`id`", "'; rm -rf / #", '"\\', "a\nb", "\u0000", "\u2028", "-->", "*/", "{{x}}"),
  fc.string({ unit: fc.constantFrom("'", '"', "`", "$", "(", ")", "{", "}", "[", "]", "\\", "\n", "\r", "\t", "#", ";", "&", "|", "<", ">", "*", "%", " ", "a", "-", ".", "/", ":") }),
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 20 }),
);

/** A free-text value: nasty text, with the marker sometimes, or plain valid-looking text. */
const freeText = fc.oneof(
  { weight: 3, arbitrary: nasty.map((s) => s + MARKED) },
  { weight: 2, arbitrary: nasty },
  { weight: 1, arbitrary: fc.constantFrom("eastus", "vnet-ml/snet-pe", "10.0.0.0/16", "Storage", "privatelink.blob.core.windows.net", "Standard_DS3_v2") },
);

/** A value of any JSON type, for wrong-type mutations; huge and odd numbers included. */
const wrongType = fc.oneof(
  fc.integer(),
  fc.constantFrom(1e308, -1, 0, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, 65536, 4097, 99),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

/** Nested lists `depth` deep around a value. */
const deep = fc.integer({ min: 5, max: 150 }).map((depth) => {
  let v: unknown = "x";
  for (let i = 0; i < depth; i++) v = [v];
  return v;
});

type Mutation = { readonly field: FieldPath; readonly value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  field: fc.constantFrom(...FIELDS),
  value: fc.oneof({ weight: 6, arbitrary: freeText }, { weight: 2, arbitrary: wrongType }, { weight: 1, arbitrary: deep }),
});

/** Sets `value` at `field` in a copy of `base`, making the objects and lists on the way. */
export function applyMutation(base: unknown, m: Mutation): unknown {
  const root = structuredClone(base) as Record<string, unknown>;
  let node: Record<string, unknown> | unknown[] = root;
  m.field.forEach((step, i) => {
    const last = i === m.field.length - 1;
    const key = step === "*" ? 0 : step;
    const holder = node as Record<string | number, unknown>;
    if (last) {
      holder[key] = m.value;
      return;
    }
    const next = m.field[i + 1] === "*" ? [] : {};
    if (holder[key] === null || typeof holder[key] !== "object") holder[key] = next;
    node = holder[key] as Record<string, unknown>;
  });
  return root;
}

/** A blueprint text: an example with some mutations, or with its text cut or spliced. */
export const blueprintText: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom(...bases), fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([base, ms]) => stringify(ms.reduce(applyMutation, base))) },
  { weight: 1, arbitrary: fc.constantFrom(...bases).map((b) => stringify(b)) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...bases), fc.nat(), nasty).map(([base, at, junk]) => {
      const text = stringify(base);
      const i = at % (text.length + 1);
      return text.slice(0, i) + junk + text.slice(i);
    }),
  },
);

/** A blueprint file name: plain, or with the characters a header comment must escape. */
export const fileName = fc.oneof(fc.constant("bp.yaml"), nasty.map((s) => `${s.replace(/[/\u0000]/g, "_").slice(0, 60)}.yaml`));

/** Trace ends: names that exist in most examples, and anything else. */
export const traceEnd = fc.oneof(fc.constantFrom("jumpbox", "cpu", "managed", "vnet-ml/snet-pe", "Storage", "storage", "10.0.0.4", "mlw"), fc.string({ maxLength: 30 }));

/** A string to put into a model value (what an imported template could carry). */
export const modelText = nasty.map((s) => s + MARKED);
