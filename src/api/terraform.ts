// Reading Terraform from disk: a folder (the root module, all its .tf files as `terraform plan`
// reads them) or a .tf file (its folder), the local modules it calls, and the variable values
// Terraform would use ("Terraform language: Input Variables", Assigning Values to Root Module
// Variables: TF_VAR_ environment variables, then terraform.tfvars, then *.auto.tfvars in lexical
// order, then -var-file and -var in command-line order, a later source winning). The front end
// (frontends/terraform) never touches the disk; the parser (tree-sitter-hcl, compiled to
// WebAssembly) is loaded once per process by terraformReader().
import { createRequire } from "node:module";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { CstNode } from "../frontends/terraform/syntax.ts";
import { firstError, toBody, type Expr } from "../frontends/terraform/syntax.ts";
import { Budget, evaluate } from "../frontends/terraform/evaluate.ts";
import { joinDir, localModuleSources } from "../frontends/terraform/config.ts";
import { loadTerraform, type TerraformFile, type TerraformModuleInput } from "../frontends/terraform/load.ts";
import type { TfValue } from "../frontends/terraform/values.ts";
import { lineStarts, positionAt, type InputError, type Position } from "../core/source.ts";
import { looksLikePlan, type ConfigurationPositions } from "../frontends/terraform/plan.ts";
import type { Cloud } from "../core/types.ts";
import { quoteInput } from "../core/quote.ts";
import { READ_BOUNDS, readText } from "./read.ts";
import { openLoaded } from "./open-json.ts";
import { PACKAGE_ROOT } from "./package-root.ts";
import type { Opened } from "./project.ts";
import type { Rule } from "../rules/rule.ts";

/** A loaded HCL parser: text to its concrete syntax tree. */
export interface TerraformReader {
  parse(text: string): CstNode;
}

/**
 * Where a WebAssembly file the parser needs is: dist/wasm of the package (the build copies them
 * there), else the development dependency that holds it.
 */
function wasm(name: string, dependency: string): string {
  const shipped = join(PACKAGE_ROOT, "dist", "wasm", name);
  return existsSync(shipped) ? shipped : createRequire(import.meta.url).resolve(dependency);
}

/** Loads the parser (once a process: WebAssembly compiles asynchronously). */
export async function terraformReader(): Promise<TerraformReader> {
  const { Parser, Language } = await import("web-tree-sitter");
  await Parser.init({ locateFile: () => wasm("tree-sitter.wasm", "web-tree-sitter/tree-sitter.wasm") });
  const language = await Language.load(readFileSync(wasm("tree-sitter-terraform.wasm", "@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm")));
  const parser = new Parser();
  parser.setLanguage(language);
  return {
    parse(text: string): CstNode {
      const tree = parser.parse(text);
      if (!tree) throw new Error("the HCL parser returned no tree");
      try {
        return plain(tree.rootNode as unknown as TsNode, text);
      } finally {
        tree.delete();
      }
    },
  };
}

interface TsNode {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly childCount: number;
  child(i: number): TsNode | null;
  readonly text: string;
}

/** The tree as plain objects (the WebAssembly tree is freed right after), built without recursion. */
function plain(root: TsNode, text: string): CstNode {
  interface Out {
    type: string;
    text: string;
    startIndex: number;
    endIndex: number;
    isNamed: boolean;
    isMissing: boolean;
    hasError: boolean;
    children: Out[];
    namedChildren: Out[];
  }
  const make = (n: TsNode): Out => ({ type: n.type, text: n.childCount === 0 || n.type === "identifier" || n.type === "template_literal" || n.type === "numeric_lit" || n.type === "bool_lit" || n.type === "heredoc_start" ? n.text : "", startIndex: n.startIndex, endIndex: n.endIndex, isNamed: n.isNamed, isMissing: n.isMissing, hasError: n.hasError, children: [], namedChildren: [] });
  const top = make(root);
  const stack: [TsNode, Out][] = [[root, top]];
  while (stack.length) {
    const [n, out] = stack.pop()!;
    for (let i = 0; i < n.childCount; i++) {
      const c = n.child(i);
      if (!c) continue;
      const o = make(c);
      out.children.push(o);
      if (o.isNamed) out.namedChildren.push(o);
      stack.push([c, o]);
    }
    if (TEMPLATES.has(out.type)) relit(out, text);
  }
  return top;
}

/** Nodes whose literal text runs between their other children. */
const TEMPLATES: ReadonlySet<string> = new Set(["quoted_template", "string_lit", "heredoc_template", "template_if", "template_for"]);
const CONTENT: ReadonlySet<string> = new Set(["template_interpolation", "template_directive"]);

/**
 * The grammar's template_literal tokens leave out whitespace next to other tokens (`"a, ${b}"`
 * loses the space before `${`): a template's literal text is rebuilt from the source, as every
 * character between its delimiters that no interpolation or directive holds. A heredoc's text
 * starts on the line after its opening marker and ends before the line of its closing one.
 */
function relit(node: { type: string; children: { type: string; text: string; startIndex: number; endIndex: number; isNamed: boolean; isMissing: boolean; hasError: boolean; children: unknown[]; namedChildren: unknown[] }[]; namedChildren: unknown[] }, text: string): void {
  type Child = (typeof node.children)[number];
  const literal = (start: number, end: number): Child => ({ type: "template_literal", text: text.slice(start, end), startIndex: start, endIndex: end, isNamed: true, isMissing: false, hasError: false, children: [], namedChildren: [] });
  const out: Child[] = [];
  let regionStart: number | undefined;
  const heredoc = node.type === "heredoc_template";
  const ids = node.children.filter((c) => c.type === "heredoc_identifier");
  const close = (end: number) => {
    if (regionStart === undefined) return;
    let at = regionStart;
    for (const c of pending) {
      if (c.startIndex > at) out.push(literal(at, c.startIndex));
      out.push(c);
      at = c.endIndex;
    }
    if (end > at) out.push(literal(at, end));
    pending.length = 0;
  };
  const pending: Child[] = [];
  for (const c of node.children) {
    if (CONTENT.has(c.type)) {
      pending.push(c);
      continue;
    }
    if (c.type === "template_literal") continue;
    // A structural child (a delimiter, an intro, an end): the region before it ends here.
    const end = heredoc && c === ids[1] ? text.lastIndexOf("\n", c.startIndex - 1) + 1 : c.startIndex;
    close(Math.max(end, regionStart ?? end));
    out.push(c);
    regionStart = heredoc && c === ids[0] ? text.indexOf("\n", c.endIndex) + 1 : c.endIndex;
  }
  node.children = out;
  node.namedChildren = out.filter((c) => c.isNamed);
}

/** Whether a path is Terraform input: a folder, or a .tf file. */
export function isTerraformPath(path: string): boolean {
  if (path === "-") return false;
  if (/\.tf$/i.test(path)) return true;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export interface TerraformOpenOptions {
  readonly reader: TerraformReader;
  readonly rules?: readonly Rule[];
  readonly cloud?: Cloud;
  readonly location?: string;
  readonly clientsFile?: { readonly file: string; readonly text: string };
  /** -var name=value, in order. */
  readonly vars?: readonly string[];
  /** -var-file paths, in order. */
  readonly varFiles?: readonly string[];
  /** The environment, for TF_VAR_ names. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly maxBytes?: number;
  /** --max-steps and --max-resources (instances of one resource), raised. */
  readonly limits?: { readonly maxSteps?: number; readonly maxInstances?: number };
}

/** Most .tf files and local modules a configuration may have (a bound like every reader's). */
const MAX_FILES = 2_000;
const MAX_MODULES = 200;

export type TerraformOpened = Opened | { readonly ok: false; readonly unreadable: string; readonly file: string };

/** Opens a Terraform root module (a folder, or the folder of a .tf file) as a project. */
export function openTerraform(path: string, o: TerraformOpenOptions): TerraformOpened {
  const rootDir = /\.tf$/i.test(path) ? dirname(path) : path;
  const bound = o.maxBytes !== undefined ? { ...READ_BOUNDS.input, maxBytes: o.maxBytes } : READ_BOUNDS.input;
  let files = 0;
  const readModule = (dir: string, rel: string): TerraformModuleInput | { error: string } | InputError => {
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith(".tf")).sort();
    } catch (e) {
      return { error: `cannot read ${quoteInput(dir, 300)}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such folder" : "it can't be read"}` };
    }
    const out: TerraformFile[] = [];
    for (const n of names) {
      if (++files > MAX_FILES) return { error: `more than ${MAX_FILES} .tf files under ${quoteInput(rootDir, 300)}` };
      const file = join(dir, n);
      const r = readText(file, bound);
      if (!r.ok) return r.position ? { code: "BP000", message: r.position.message, position: r.position } : { error: r.error };
      out.push({ file, text: r.text, cst: o.reader.parse(r.text) });
    }
    return { dir: rel, files: out };
  };
  const root = readModule(rootDir, ".");
  if ("error" in root) return { ok: false, unreadable: root.error, file: path };
  if ("code" in root) return { ok: false, errors: [root] };
  if (!root.files.length) return { ok: false, unreadable: `${quoteInput(rootDir, 300)} holds no .tf files`, file: path };

  // Registry and git modules terraform init installed, by module call key (modules.json).
  const modules: TerraformModuleInput[] = [];
  const seen = new Set<string>(["."]);
  const queue: TerraformModuleInput[] = [root];
  const installed = new Map<string, string>();
  const manifest = join(rootDir, ".terraform", "modules", "modules.json");
  if (existsSync(manifest)) {
    const r = readText(manifest, READ_BOUNDS.config);
    let entries: { Key?: unknown; Dir?: unknown }[] = [];
    try {
      entries = r.ok ? ((JSON.parse(r.text) as { Modules?: { Key?: unknown; Dir?: unknown }[] }).Modules ?? []) : [];
    } catch {
      entries = [];
    }
    for (const e of entries) {
      if (typeof e.Key !== "string" || !e.Key || typeof e.Dir !== "string") continue;
      const rel = joinDir(".", e.Dir.replace(/\\/g, "/"));
      // Installed folders stay under the configuration's own .terraform folder.
      if (!rel.startsWith(".terraform/")) continue;
      installed.set(e.Key, rel);
      if (seen.has(rel)) continue;
      seen.add(rel);
      const child = readModule(join(rootDir, rel), rel);
      if ("code" in child) return { ok: false, errors: [child] };
      if ("error" in child) continue;
      modules.push(child);
      queue.push(child);
    }
  }
  while (queue.length) {
    const m = queue.shift()!;
    const parsed = m.files.filter((f) => !firstError(f.cst)).map((f) => ({ file: f.file, body: safeBody(f.cst) }));
    for (const src of localModuleSources(parsed)) {
      const rel = joinDir(m.dir, src);
      if (seen.has(rel)) continue;
      seen.add(rel);
      if (seen.size > MAX_MODULES) return { ok: false, unreadable: `more than ${MAX_MODULES} local modules under ${quoteInput(rootDir, 300)}`, file: path };
      const child = readModule(join(rootDir, rel), rel);
      if ("code" in child) return { ok: false, errors: [child] };
      // A module folder that isn't there is unknown (said by the reader), not an error here.
      if ("error" in child) continue;
      modules.push(child);
      queue.push(child);
    }
  }

  const variables = variableValues(rootDir, o);
  if ("errors" in variables) return { ok: false, errors: variables.errors };
  if ("unreadable" in variables) return { ok: false, unreadable: variables.unreadable, file: variables.file };
  const loaded = loadTerraform(path, root, modules, { cloud: o.cloud, location: o.location, variables: variables.values, limits: o.limits, installed });
  if (!loaded.ok) return loaded;
  return openLoaded(path, loaded, { rules: o.rules, clientsFile: o.clientsFile });
}

function safeBody(cst: CstNode) {
  try {
    return toBody(cst);
  } catch {
    return { start: 0, end: 0, items: [] };
  }
}

/** The root module's variable values, from every source Terraform reads, in its order. */
function variableValues(rootDir: string, o: TerraformOpenOptions): { values: Record<string, TfValue> } | { errors: InputError[] } | { unreadable: string; file: string } {
  const values: Record<string, TfValue> = {};
  // A value given as text (TF_VAR_, -var) is a string unless it is written as a list or map.
  const fromText = (text: string, where: string): TfValue | InputError => {
    if (!/^\s*[[{]/.test(text)) return text;
    const cst = o.reader.parse(`v = ${text}\n`);
    const bad = firstError(cst);
    if (bad) return { code: "TF001", message: `${where}: ${quoteInput(text, 80)} isn't an HCL value`, position: { file: where, line: 1, col: 1 } };
    const body = toBody(cst);
    const attr = body.items[0];
    return attr && attr.kind === "attribute" ? literalValue(attr.value, where) : text;
  };
  for (const [k, v] of Object.entries(o.env ?? {}).sort(([a], [b]) => a.localeCompare(b)))
    if (k.startsWith("TF_VAR_") && v !== undefined) {
      const x = fromText(v, k);
      if (typeof x === "object" && x !== null && "code" in x) return { errors: [x as InputError] };
      values[k.slice(7)] = x as TfValue;
    }
  let names: string[] = [];
  try {
    names = readdirSync(rootDir);
  } catch {
    names = [];
  }
  const auto = [...(names.includes("terraform.tfvars") ? ["terraform.tfvars"] : []), ...names.filter((n) => n.endsWith(".auto.tfvars")).sort()].map((n) => join(rootDir, n));
  for (const file of [...auto, ...(o.varFiles ?? [])]) {
    const r = readText(file, READ_BOUNDS.parameters);
    if (!r.ok) return r.position ? { errors: [{ code: "BP000", message: r.position.message, position: r.position }] } : { unreadable: r.error, file };
    const cst = o.reader.parse(r.text);
    const bad = firstError(cst);
    if (bad) return { errors: [{ code: "TF001", message: `${basename(file)} isn't a .tfvars file (name = value lines)`, position: at(r.text, file, bad.startIndex) }] };
    for (const item of toBody(cst).items) {
      if (item.kind !== "attribute") continue;
      const v = literalValue(item.value, file);
      if (typeof v === "object" && v !== null && "code" in v) return { errors: [{ ...(v as InputError), position: at(r.text, file, item.value.start) }] };
      values[item.name] = v as TfValue;
    }
  }
  for (const spec of o.vars ?? []) {
    const eq = spec.indexOf("=");
    if (eq <= 0) return { errors: [{ code: "TF006", message: `-var takes name=value, not ${quoteInput(spec, 80)}`, position: { file: "-var", line: 1, col: 1 } }] };
    const x = fromText(spec.slice(eq + 1), `-var ${spec.slice(0, eq)}`);
    if (typeof x === "object" && x !== null && "code" in x) return { errors: [x as InputError] };
    values[spec.slice(0, eq)] = x as TfValue;
  }
  return { values };
}

/** A .tfvars value: literals, lists and maps only (a tfvars file can't refer to anything). */
function literalValue(e: Expr, where: string): TfValue | InputError {
  try {
    return evaluate(e, { root: (name) => { throw new Error(`${name} can't be used in a variables file`); } }, new Budget(1_000_000));
  } catch (x) {
    return { code: "TF006", message: `${where}: ${x instanceof Error ? x.message : String(x)}`, position: { file: where, line: 1, col: 1 } };
  }
}

function at(text: string, file: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { file, line, col: offset - before.lastIndexOf("\n") };
}


/**
 * The local module folders a folder's .tf files call (absolute), so a search of a tree doesn't take
 * a module for a root module of its own. Unreadable files call nothing here; reading the root says why.
 */
export function calledModuleFolders(dir: string, reader: TerraformReader): string[] {
  return localModuleSources(parsedFiles(dir, reader).map((f) => ({ file: f.file, body: f.body }))).map((src) => join(dir, src));
}

/** A folder's .tf files that read and parse (bounded like a configuration), each with its body. */
function parsedFiles(dir: string, reader: TerraformReader): { file: string; text: string; body: ReturnType<typeof safeBody> }[] {
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".tf")).sort();
  } catch {
    return [];
  }
  return names.slice(0, MAX_FILES).flatMap((n) => {
    const file = join(dir, n);
    const r = readText(file, READ_BOUNDS.input);
    if (!r.ok) return [];
    const cst = reader.parse(r.text);
    return firstError(cst) ? [] : [{ file, text: r.text, body: safeBody(cst) }];
  });
}

/**
 * Where a folder's .tf files write each resource and data source of the root module, for a plan
 * saved beside them: by address (`azurerm_subnet.pe`, `data.azurerm_client_config.current`), the
 * block, or an argument or nested block of it. Files that can't be read or parsed say nothing.
 */
export function configurationPositions(dir: string, reader: TerraformReader): ConfigurationPositions {
  const blocks = new Map<string, { block: Position; arguments: Map<string, Position> }>();
  for (const { file, text, body } of parsedFiles(dir, reader)) {
    const starts = lineStarts(text);
    const position = (offset: number): Position => positionAt(file, starts, offset);
    for (const item of body.items) {
      if (item.kind !== "block" || (item.type !== "resource" && item.type !== "data") || item.labels.length !== 2) continue;
      const address = `${item.type === "data" ? "data." : ""}${item.labels[0]}.${item.labels[1]}`;
      const args = new Map<string, Position>();
      for (const inner of item.body.items) {
        const key = inner.kind === "attribute" ? inner.name : inner.type;
        if (!args.has(key)) args.set(key, position(inner.start));
      }
      blocks.set(address, { block: position(item.start), arguments: args });
    }
  }
  return (address, argument) => {
    const b = blocks.get(address);
    return b && (argument === undefined ? b.block : b.arguments.get(argument));
  };
}

/** Whether a path is a plan saved as JSON beside .tf files (whose reader then places its findings). */
export function isPlanBesideConfiguration(path: string): boolean {
  if (path === "-" || !/\.json$/i.test(path)) return false;
  try {
    if (!readdirSync(dirname(path)).some((n) => n.endsWith(".tf"))) return false;
    // The head is enough to tell a plan (format_version, terraform_version come first).
    const fd = openSync(path, "r");
    try {
      const head = Buffer.alloc(4096);
      const n = readSync(fd, head, 0, head.length, 0);
      return looksLikePlan(head.subarray(0, n).toString("utf8"));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}
