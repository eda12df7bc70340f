// What `check a.yaml b.json infra/ 'envs/**/*.json'` reads: each argument a file, a Terraform root
// module (a folder holding .tf files), a folder to search or a glob. A search classifies files by
// content, as the front ends tell inputs apart: blueprints, templates, plans and estates are read;
// other JSON and YAML (parameters files, configs, pipelines) and Bicep are listed as skipped, with
// why, as Checkov's -d lists what it didn't scan. Folders of .tf files are roots unless another
// root calls them as a local module. Hidden folders (.git, .terraform), node_modules and links
// are not followed; a search and a glob stop past MAX_SEARCHED entries.
import { readdirSync, statSync, type Dirent } from "node:fs";
import { join, resolve } from "node:path";
import picomatch from "picomatch";
import { isMap, parseDocument } from "yaml";
import { parse as parseJsonc } from "jsonc-parser";
import { looksLikeJson } from "../frontends/arm/load.ts";
import { looksLikePlan } from "../frontends/terraform/plan.ts";
import { estateBodies } from "../frontends/arm/estate.ts";
import { quoteInput } from "../core/quote.ts";
import { READ_BOUNDS, readText } from "./read.ts";
import { calledModuleFolders, type TerraformReader } from "./terraform.ts";

export interface Skipped {
  readonly file: string;
  readonly reason: string;
}

export type Discovered =
  | { readonly ok: true; readonly inputs: readonly string[]; readonly skipped: readonly Skipped[]; readonly searched: boolean }
  | { readonly ok: false; readonly error: string }
  /** Several folders of .tf files were found: telling roots from modules needs the HCL reader. */
  | { readonly ok: false; readonly needsTerraform: true };

/** Most files a search looks at (a bound like every reader's). */
export const MAX_SEARCHED = 20_000;

const READ_EXTENSIONS = /\.(json|jsonc|ya?ml)$/i;

export function discoverInputs(args: readonly string[], options: { readonly reader?: TerraformReader; readonly maxSearched?: number } = {}): Discovered {
  const limit = options.maxSearched ?? MAX_SEARCHED;
  const inputs: string[] = [];
  const skipped: Skipped[] = [];
  const roots: string[] = [];
  let searched = false;
  let looked = 0;
  const seen = new Set<string>();
  const rootSeen = new Set<string>();
  const add = (list: string[], path: string, set = list === roots ? rootSeen : seen) => {
    const key = resolve(path);
    if (set.has(key)) return;
    set.add(key);
    list.push(path);
  };
  const holdsTf = (dir: string) => {
    try {
      return readdirSync(dir).some((n) => /\.tf$/i.test(n));
    } catch {
      return false;
    }
  };
  const classify = (file: string) => {
    if (/\.bicep$/i.test(file)) return skipped.push({ file, reason: "Bicep: check the ARM JSON az bicep build writes" });
    if (!READ_EXTENSIONS.test(file)) return;
    const kind = kindOf(file);
    if (kind === true) add(inputs, file);
    else skipped.push({ file, reason: kind });
  };
  const search = (dir: string, top = dir): string | undefined => {
    searched = true;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return `cannot read the folder ${quoteInput(dir, 300)}`;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (entries.some((e) => e.isFile() && /\.tf$/i.test(e.name))) add(roots, dir);
    for (const e of entries) {
      if (++looked > limit) return `more than ${limit} files under ${quoteInput(top, 300)}: name the folders or files to check`;
      if (e.name.startsWith(".") || e.name === "node_modules") continue;
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        const problem = search(path, top);
        if (problem) return problem;
      } else if (e.isFile()) classify(path);
    }
    return undefined;
  };
  for (const arg of args) {
    if (arg === "-") {
      add(inputs, arg);
      continue;
    }
    const stat = statOf(arg);
    if (stat?.isDirectory()) {
      // A folder holding .tf files is one root module, as terraform plan reads it.
      if (holdsTf(arg)) add(inputs, arg);
      else {
        const problem = search(arg);
        if (problem) return { ok: false, error: problem };
      }
    } else if (stat || !picomatch.scan(arg).isGlob) add(inputs, arg);
    else {
      searched = true;
      const matches = globbed(arg, limit);
      if ("error" in matches) return { ok: false, error: matches.error };
      if (!matches.paths.length) return { ok: false, error: `${quoteInput(arg, 300)} matches no file` };
      for (const m of matches.paths) {
        if (statOf(m)?.isDirectory()) {
          if (holdsTf(m)) add(roots, m);
        } else classify(m);
      }
    }
  }
  if (roots.length > 1 && !options.reader) return { ok: false, needsTerraform: true };
  // A folder another root calls as a local module is part of that root, not a root of its own.
  const called = new Set(roots.length > 1 ? roots.flatMap((r) => calledModuleFolders(r, options.reader!).map((m) => resolve(m))) : []);
  for (const r of roots) {
    if (called.has(resolve(r))) skipped.push({ file: r, reason: "a local module another root module calls: checked as part of it" });
    else add(inputs, r);
  }
  return { ok: true, inputs, skipped, searched };
}

/**
 * What a glob matches: the folder before its first wildcard walked (hidden folders and
 * node_modules left out, links not followed, no deeper than the pattern reaches unless it says
 * `**`), each path tested with picomatch. Bounded like a search: past `limit` entries it stops.
 */
function globbed(pattern: string, limit: number): { readonly paths: readonly string[] } | { readonly error: string } {
  const { base, glob } = picomatch.scan(pattern);
  const match = picomatch(glob, { dot: false });
  const depth = glob.includes("**") ? Infinity : glob.split("/").length;
  const paths: string[] = [];
  let looked = 0;
  const walk = (dir: string, rel: string, level: number): string | undefined => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir || ".", { withFileTypes: true });
    } catch {
      return undefined;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (++looked > limit) return `${quoteInput(pattern, 300)} reaches more than ${limit} files under ${quoteInput(base || ".", 300)}: name a narrower folder`;
      if (e.name.startsWith(".") || e.name === "node_modules" || e.isSymbolicLink()) continue;
      const path = dir ? join(dir, e.name) : e.name;
      const inner = rel ? `${rel}/${e.name}` : e.name;
      if (match(inner)) paths.push(path);
      if (e.isDirectory() && level < depth) {
        const problem = walk(path, inner, level + 1);
        if (problem) return problem;
      }
    }
    return undefined;
  };
  const problem = walk(base, "", 1);
  return problem ? { error: problem } : { paths };
}

function statOf(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** Whether a found file is an input amlnet reads (true), or why it isn't. */
function kindOf(file: string): true | string {
  const read = readText(file, READ_BOUNDS.input);
  // What can't be read is an input: reading it again says why, as for a file named.
  if (!read.ok) return true;
  const text = read.text;
  if (looksLikeJson(text)) {
    if (looksLikePlan(text)) return true;
    const value: unknown = parseJsonc(text, [], { allowTrailingComma: true });
    const schema = value && typeof value === "object" && !Array.isArray(value) ? String((value as { $schema?: unknown }).$schema ?? "") : "";
    if (/deploymentTemplate\.json/i.test(schema)) return true;
    if (/deploymentParameters\.json/i.test(schema)) return "a template parameters file (give it with --parameters)";
    if (value !== undefined && !("error" in estateBodies(value))) return true;
    return "JSON that is not a deployment template, a Terraform plan or an exported estate";
  }
  if (/(^|[\\/])amlnet\.config\.ya?ml$/i.test(file)) return "amlnet's config file";
  // A blueprint with a syntax error is still a blueprint: reading it says where it goes wrong.
  const doc = parseDocument(text, { uniqueKeys: false });
  if (isMap(doc.contents) && doc.contents.has("workspace")) return true;
  return "YAML that is not a blueprint (no workspace:)";
}
