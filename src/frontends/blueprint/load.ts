// Front end: YAML text -> validated blueprint with a source map, or input errors with positions.
// Phases: parse YAML, check the shape (zod), check references between named things (refs.ts).
import * as z from "zod";
import { closest } from "../../core/closest.ts";
import { Blueprint, Client } from "./schema.ts";
import { DEFAULT_LIMITS, documentData, MAX_DEPTH, parseYaml, tooDeep, type InputLimits } from "./source.ts";
import type { InputError, Position, SourceDoc } from "../../core/source.ts";
import { checkReferences } from "./refs.ts";

export type { InputError };

/**
 * How the schemas parse. jitless: zod's eval-generated fast path for objects costs more to
 * generate than it saves when a schema parses one document a process (measured: 14 -> 6 ms of a
 * check on an example; the same at 120k resources), and it is code made at run time.
 */
const PARSE = { reportInput: true, jitless: true } as const;

export type LoadResult =
  | { readonly ok: true; readonly blueprint: Blueprint; readonly source: SourceDoc }
  | { readonly ok: false; readonly errors: readonly InputError[] };

export function loadBlueprint(file: string, text: string, limits: InputLimits = DEFAULT_LIMITS): LoadResult {
  const fail = (code: string, message: string, position: Position = { file, line: 1, col: 1 }): LoadResult => ({ ok: false, errors: [{ code, message, position }] });
  const bytes = utf8Length(text);
  if (bytes > limits.maxBytes)
    return fail("BP006", `the file is ${bytes.toLocaleString("en-US")} bytes, over the ${limits.maxBytes.toLocaleString("en-US")}-byte limit for a blueprint (raise it with --max-bytes)`);
  const deep = tooDeep(text);
  if (deep !== undefined) {
    const before = text.slice(0, deep);
    return fail("BP006", `nested more than ${MAX_DEPTH} levels deep; a blueprint nests a dozen at most`, { file, line: before.split("\n").length, col: deep - before.lastIndexOf("\n") });
  }
  const source = parseYaml(file, text);
  const yamlErrors = source.doc.errors;
  if (yamlErrors.length > 0) {
    return {
      ok: false,
      errors: yamlErrors.map((e) => ({
        code: "BP001",
        message: e.code === "MULTIPLE_DOCS" ? "a blueprint is one YAML document: remove the '---' and what follows, or split it into files" : `YAML: ${e.message.split("\n")[0]}`,
        position: source.at(e.pos[0]),
      })),
    };
  }
  let data: ReturnType<typeof documentData>;
  try {
    data = documentData(source.doc, limits.maxValues);
  } catch (e) {
    // The alias check and the depth scan leave nothing the library should throw on; if it does,
    // it is still an input error, not a crash.
    return fail("BP001", `YAML: ${(e as Error).message}`);
  }
  if ("problem" in data) return fail("BP006", data.problem.message, source.at(data.problem.offset));
  const raw = data.value;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return fail("BP002", "a blueprint is a YAML mapping with at least region, workspace, storage and keyVault");
  }
  // reportInput: the issue keeps the value, to tell a missing key from one of the wrong type.
  const parsed = Blueprint.safeParse(withoutExtensions(raw as Record<string, unknown>), PARSE);
  if (!parsed.success) {
    return { ok: false, errors: shapeErrors(parsed.error.issues, source, Blueprint) };
  }
  const refErrors = checkReferences(parsed.data).map(
    (e): InputError => ({ code: "BP010", message: e.message, position: source.locate(e.path) }),
  );
  if (refErrors.length > 0) return { ok: false, errors: refErrors };
  return { ok: true, blueprint: parsed.data, source };
}

/** Top-level keys starting with x- hold anchors for merge keys and aliases (as Compose files do). */
function withoutExtensions(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([k]) => !k.startsWith("x-")));
}

/** UTF-8 length without encoding (the front end runs in browsers too). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const article = (type: string) => (type === "array" ? "a list" : type === "object" ? "a mapping" : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

function typeName(value: unknown): string {
  if (value === null) return "nothing (null)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  return `${article(typeof value)} (${String(value)})`;
}

/** "; did you mean X?" when a candidate is near, else nothing. */
const nearest = (word: unknown, candidates: readonly string[]): string => {
  if (typeof word !== "string") return "";
  const near = closest(word, candidates, 2);
  return near.length ? `; did you mean ${near.join(" or ")}?` : "";
};

/** The keys the schema allows at a path (best effort: objects, lists, optionals, defaults). */
function keysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  let s: unknown = schema;
  const unwrap = (x: unknown): unknown => {
    for (let i = 0; i < 10; i++) {
      const def = (x as { def?: { type?: string; innerType?: unknown; in?: unknown; element?: unknown } }).def;
      if (def && (def.type === "optional" || def.type === "default" || def.type === "nullable" || def.type === "prefault" || def.type === "readonly") && def.innerType) x = def.innerType;
      else if (def && def.type === "pipe" && def.in) x = def.in;
      else break;
    }
    return x;
  };
  for (const seg of path) {
    s = unwrap(s);
    const def = (s as { def?: { type?: string; element?: unknown } }).def;
    if (typeof seg === "number" && def?.type === "array") s = def.element;
    else if (typeof seg === "string" && def?.type === "object") s = (s as { shape: Record<string, unknown> }).shape[seg];
    else return [];
  }
  s = unwrap(s);
  return (s as { def?: { type?: string } }).def?.type === "object" ? Object.keys((s as { shape: Record<string, unknown> }).shape) : [];
}

/**
 * The issues as located errors, all of them in one round. A key missing beside an unknown key one
 * typo away (`storag` for `storage`) is one error: the unknown key, with its did-you-mean.
 */
function shapeErrors(issues: readonly z.core.$ZodIssue[], source: SourceDoc, schema: z.ZodType): InputError[] {
  const pathOf = (i: z.core.$ZodIssue) => i.path.filter((p): p is string | number => typeof p !== "symbol");
  const unknownKeys = issues.filter((i): i is z.core.$ZodIssue & { code: "unrecognized_keys"; keys: string[] } => i.code === "unrecognized_keys");
  const typoOf = (i: z.core.$ZodIssue): boolean => {
    if (i.code !== "invalid_type" || i.input !== undefined) return false;
    const path = pathOf(i);
    const parent = path.slice(0, -1).join(".");
    return unknownKeys.some((u) => pathOf(u).join(".") === parent && u.keys.some((k) => closest(k, [String(path[path.length - 1])], 1).length > 0));
  };
  return issues.filter((i) => !typoOf(i)).map((i) => shapeError(i, source, schema));
}

function shapeError(issue: z.core.$ZodIssue, source: SourceDoc, schema: z.ZodType): InputError {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  const where = path.length ? path.join(".") : "(top level)";
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0];
    return {
      code: "BP003",
      message: `unknown key '${key}' in ${where}${issue.keys.length > 1 ? ` (and ${issue.keys.slice(1).join(", ")})` : ""}${nearest(key, keysAt(schema, path))}`,
      position: source.locate(path, key),
    };
  }
  if (issue.code === "invalid_value" && Array.isArray(issue.values) && issue.values.length > 0) {
    const values = issue.values.map(String);
    return { code: "BP005", message: `${where}: one of ${values.join(", ")}, not ${typeName(issue.input)}${nearest(issue.input, values)}`, position: source.locate(path) };
  }
  if (issue.code === "invalid_type" && issue.input === undefined) {
    const missing = path[path.length - 1];
    return { code: "BP004", message: `missing required key '${missing}'`, position: source.locate(path.slice(0, -1)) };
  }
  if (issue.code === "invalid_type") {
    return { code: "BP005", message: `${where}: expected ${article(issue.expected)}, got ${typeName(issue.input)}`, position: source.locate(path) };
  }
  if (issue.code === "invalid_union" && "discriminator" in issue && issue.discriminator) {
    const options = Array.isArray((issue as { options?: unknown[] }).options) ? (issue as { options: unknown[] }).options.map(String) : [];
    const given = issue.input && typeof issue.input === "object" ? (issue.input as Record<string, unknown>)[String(issue.discriminator)] : issue.input;
    return {
      code: "BP005",
      message: options.length ? `${where}: one of ${options.join(", ")}, not ${typeName(given)}${nearest(given, options)}` : `${where}: '${issue.discriminator}' must be one of the documented kinds`,
      position: source.locate(path),
    };
  }
  return { code: "BP005", message: `${where}: ${issue.message}`, position: source.locate(path) };
}

const ClientsFile = z.object({ clients: z.array(Client) }).strict();

export type ClientSpec = z.output<typeof Client>;

/**
 * A clients file (`--clients`): the blueprint's `clients:` section on its own, for a
 * template or an estate, which have none. Names in it are resolved against the imported model by
 * the caller.
 */
export function loadClients(file: string, text: string): { readonly ok: true; readonly clients: readonly ClientSpec[]; readonly source: SourceDoc } | { readonly ok: false; readonly errors: readonly InputError[] } {
  const source = parseYaml(file, text);
  if (source.doc.errors.length) return { ok: false, errors: source.doc.errors.map((e) => ({ code: "BP001", message: `YAML: ${e.message.split("\n")[0]}`, position: source.at(e.pos[0]) })) };
  const data = documentData(source.doc, DEFAULT_LIMITS.maxValues);
  if ("problem" in data) return { ok: false, errors: [{ code: "BP006", message: data.problem.message, position: source.at(data.problem.offset) }] };
  const value: unknown = data.value ?? {};
  // A bare list is the clients themselves (what "the blueprint's clients: section" invites);
  // paths keep the `clients.N` spelling and locate into the list.
  const bare = Array.isArray(value);
  const located: SourceDoc = bare ? { file, locate: (path, key) => source.locate(path[0] === "clients" ? path.slice(1) : path, key) } : source;
  const parsed = ClientsFile.safeParse(bare ? { clients: value } : value, PARSE);
  if (!parsed.success) return { ok: false, errors: shapeErrors(parsed.error.issues, located, ClientsFile) };
  return { ok: true, clients: parsed.data.clients, source: located };
}
