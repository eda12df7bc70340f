// The bundled examples `amlnet init` starts from.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { PACKAGE_ROOT } from "./package-root.ts";
import { writeTextFile, type WriteResult } from "./write-build.ts";

const EXAMPLES = pathToFileURL(join(PACKAGE_ROOT, "examples/"));

export function scenarios(): string[] {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

/** A scenario's blueprint, its editor schema reference set to `schemaRef`. */
export function scenarioText(name: string, schemaRef: string): string {
  return readFileSync(new URL(`${name}.yaml`, EXAMPLES), "utf8").replace(
    /^# yaml-language-server: \$schema=\.\.\/schema\/blueprint\.schema\.json$/m,
    `# yaml-language-server: $schema=${schemaRef}`,
  );
}

/** The schema `init` copies beside a blueprint when no installed copy is reachable from it. */
export const SCHEMA_BESIDE = "amlnet.schema.json";

/**
 * Where a new blueprint's editor finds the schema, offline, on every machine the file is committed
 * to: the package's own copy when amlnet is installed in the blueprint's project (a relative path
 * into its node_modules, or into this checkout), otherwise a copy written beside the blueprint.
 */
export function schemaPlacement(output: string): { readonly ref: string; readonly copy?: { readonly file: string; readonly text: string } } {
  const schema = join(PACKAGE_ROOT, "schema", "blueprint.schema.json");
  const folder = dirname(resolve(output));
  const parts = PACKAGE_ROOT.split(sep);
  const modules = parts.lastIndexOf("node_modules");
  const project = modules > 0 ? parts.slice(0, modules).join(sep) || sep : PACKAGE_ROOT;
  const fromProject = relative(project, folder);
  if (!fromProject.startsWith("..") && !isAbsolute(fromProject)) {
    const ref = relative(folder, schema).split(sep).join("/");
    return { ref: ref.startsWith(".") ? ref : `./${ref}` };
  }
  return { ref: `./${SCHEMA_BESIDE}`, copy: { file: join(dirname(output), SCHEMA_BESIDE), text: readFileSync(schema, "utf8") } };
}

/**
 * `init`: the scenario's blueprint at `output`, and the schema beside it when it needs one. A file
 * already there is replaced only with `force` (a schema copy identical to ours is left as it is), and
 * a refusal writes neither.
 */
export function writeScenario(name: string, output: string, options: { force?: boolean } = {}): WriteResult & { readonly schema?: string } {
  const placement = schemaPlacement(output);
  const copy = placement.copy;
  const copyNeeded = copy !== undefined && !(existsSync(copy.file) && readFileSync(copy.file, "utf8") === copy.text);
  // The blueprint's own refusals (a folder, a file there, no such folder) come from writing it.
  if (!options.force && copyNeeded && existsSync(copy.file) && !existsSync(output)) return { ok: false, error: `${copy.file} exists; pass --force to replace it` };
  const written = writeTextFile(output, scenarioText(name, placement.ref), options);
  if (!written.ok || !copyNeeded) return { ...written, schema: copy?.file };
  return { ...writeTextFile(copy.file, copy.text, { force: true }), schema: copy.file };
}
