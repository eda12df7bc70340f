// Front end: YAML text -> validated blueprint with a source map, or input errors with positions.
// Phases: parse YAML, check the shape (zod), check references between named things (refs.ts).
import type { z } from "zod";
import { Blueprint } from "./schema.ts";
import { parseYaml } from "./source.ts";
import type { Position, SourceDoc } from "../../core/source.ts";
import { checkReferences } from "./refs.ts";

export interface InputError {
  readonly code: string;
  readonly message: string;
  readonly position: Position;
}

export type LoadResult =
  | { readonly ok: true; readonly blueprint: Blueprint; readonly source: SourceDoc }
  | { readonly ok: false; readonly errors: readonly InputError[] };

export function loadBlueprint(file: string, text: string): LoadResult {
  const source = parseYaml(file, text);
  const yamlErrors = source.doc.errors;
  if (yamlErrors.length > 0) {
    return {
      ok: false,
      errors: yamlErrors.map((e) => ({
        code: "BP001",
        message: `YAML: ${e.message.split("\n")[0]}`,
        position: { file, line: e.linePos?.[0].line ?? 1, col: e.linePos?.[0].col ?? 1 },
      })),
    };
  }
  const raw: unknown = source.doc.toJS();
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { ok: false, errors: [{ code: "BP002", message: "a blueprint is a YAML mapping with at least region, workspace, storage and keyVault", position: { file, line: 1, col: 1 } }] };
  }
  const parsed = Blueprint.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((issue) => shapeError(issue, source)) };
  }
  const refErrors = checkReferences(parsed.data).map(
    (e): InputError => ({ code: "BP010", message: e.message, position: source.locate(e.path) }),
  );
  if (refErrors.length > 0) return { ok: false, errors: refErrors };
  return { ok: true, blueprint: parsed.data, source };
}

function shapeError(issue: z.core.$ZodIssue, source: SourceDoc): InputError {
  const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  const where = path.length ? path.join(".") : "(top level)";
  if (issue.code === "unrecognized_keys") {
    const key = issue.keys[0];
    return {
      code: "BP003",
      message: `unknown key '${key}' in ${where}${issue.keys.length > 1 ? ` (and ${issue.keys.slice(1).join(", ")})` : ""}`,
      position: source.locate(path, key),
    };
  }
  if (issue.code === "invalid_type" && issue.input === undefined) {
    const missing = path[path.length - 1];
    return { code: "BP004", message: `missing required key '${missing}'`, position: source.locate(path.slice(0, -1)) };
  }
  if (issue.code === "invalid_union" && "discriminator" in issue && issue.discriminator) {
    return { code: "BP005", message: `${where}: '${issue.discriminator}' must be one of the documented kinds`, position: source.locate(path) };
  }
  return { code: "BP005", message: `${where}: ${issue.message}`, position: source.locate(path) };
}
