// Opening a file as the command line and the web view do: the input read (with the larger bound a
// template or estate needs until its content shows a blueprint), the side files (--parameters,
// --clients) read, the options checked against what the content turned out to be. One place, so
// `check` and `serve` accept and refuse the same things.
import type { TemplateLimits } from "../frontends/arm/limits.ts";
import type { Cloud } from "../core/types.ts";
import type { InputError } from "../core/source.ts";
import type { InputLimits } from "../frontends/blueprint/source.ts";
import { looksLikeJson } from "../frontends/arm/load.ts";
import type { Rule } from "../rules/rule.ts";
import { openInput } from "./open-input.ts";
import type { Project } from "./project.ts";
import { READ_BOUNDS, readText } from "./read.ts";
import { isTerraformPath, openTerraform, type TerraformReader } from "./terraform.ts";

export const CLOUDS: readonly Cloud[] = ["AzureCloud", "AzureUSGovernment", "AzureChinaCloud"];

export interface FileOptions {
  readonly limits: InputLimits;
  /** Whether the user set the byte bound (then it holds for any input). */
  readonly maxBytesGiven?: boolean;
  readonly rules?: readonly Rule[];
  /** What the command takes: anything, a blueprint only (build) or JSON only (import). */
  readonly accepts?: "any" | "blueprint" | "json";
  readonly parameters?: string;
  readonly params?: readonly string[];
  readonly cloud?: string;
  readonly location?: string;
  readonly clients?: string;
  /** Template limits raised from ARM's (--max-resources, --max-copy, --max-steps). */
  readonly templateLimits?: Partial<TemplateLimits>;
  /** The HCL reader, for a Terraform folder or .tf file (terraformReader() loads it). */
  readonly terraform?: TerraformReader;
  /** Terraform variable values: --var name=value and --var-file paths, in order, and the environment's TF_VAR_ names. */
  readonly vars?: readonly string[];
  readonly varFiles?: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Several inputs in one run: an option goes to the inputs it fits (--parameters to templates,
   * --var to Terraform, neither to a blueprint) instead of being refused for the others.
   */
  readonly fitting?: boolean;
}

export type FileOpened =
  | { readonly ok: true; readonly project: Project }
  /** Input that doesn't open: located errors. */
  | { readonly ok: false; readonly errors: readonly InputError[] }
  /** A file that can't be read: one message, no position. */
  | { readonly ok: false; readonly unreadable: string; readonly file: string }
  /** Options that don't fit the input. */
  | { readonly ok: false; readonly usage: string };

export function openFile(file: string, given: FileOptions): FileOpened {
  let o = given;
  if (isTerraformPath(file)) {
    if (o.fitting) o = { ...o, parameters: undefined, params: undefined };
    if (o.cloud !== undefined && !CLOUDS.includes(o.cloud as Cloud)) return { ok: false, usage: `--cloud is ${CLOUDS.join(", ")}, not '${o.cloud}'` };
    if (o.accepts === "blueprint") return { ok: false, usage: `${file} is Terraform: build takes a blueprint` };
    if (o.parameters || o.params?.length) return { ok: false, usage: "--parameters and --param are for templates; Terraform takes --var and --var-file" };
    if (!o.terraform) return { ok: false, usage: `${file} is Terraform: its reader must be loaded first (await terraformReader() and pass it as terraform)` };
    let clientsFile: { file: string; text: string } | undefined;
    if (o.clients !== undefined) {
      const r = readText(o.clients, o.maxBytesGiven ? { ...READ_BOUNDS.clients, maxBytes: o.limits.maxBytes } : READ_BOUNDS.clients);
      if (!r.ok) return r.position ? located(r.position) : { ok: false, unreadable: r.error, file: o.clients };
      clientsFile = { file: o.clients, text: r.text };
    }
    return openTerraform(file, { reader: o.terraform, rules: o.rules, cloud: o.cloud as Cloud | undefined, location: o.location, clientsFile, vars: o.vars, varFiles: o.varFiles, env: o.env, maxBytes: o.maxBytesGiven ? o.limits.maxBytes : undefined, limits: { maxSteps: o.templateLimits?.maxSteps, maxInstances: o.templateLimits?.maxResources } });
  }
  if (o.fitting) o = { ...o, vars: undefined, varFiles: undefined };
  if (o.vars?.length || o.varFiles?.length) return { ok: false, usage: "--var and --var-file are for Terraform (a folder or a .tf file)" };
  const read = readText(file, o.maxBytesGiven ? { ...READ_BOUNDS.input, maxBytes: o.limits.maxBytes } : READ_BOUNDS.input);
  if (!read.ok) return read.position ? located(read.position) : { ok: false, unreadable: read.error, file };
  if (o.cloud !== undefined && !CLOUDS.includes(o.cloud as Cloud)) return { ok: false, usage: `--cloud is ${CLOUDS.join(", ")}, not '${o.cloud}'` };
  const json = looksLikeJson(read.text);
  if (o.fitting && !json) o = { ...o, parameters: undefined, params: undefined, cloud: undefined, location: undefined, clients: undefined };
  if (json && o.accepts === "blueprint") return { ok: false, usage: `${file} is JSON (a template or an estate): build takes a blueprint` };
  if (!json && o.accepts === "json") return { ok: false, usage: `${file} is a blueprint already: import takes a template or an estate` };
  if (!json && (o.parameters || o.params?.length || o.cloud || o.location || o.clients))
    return { ok: false, usage: "--parameters, --param, --cloud, --location and --clients are for templates and estates; a blueprint says these itself" };
  const side: Record<"parameters" | "clients", { file: string; text: string } | undefined> = { parameters: undefined, clients: undefined };
  for (const key of ["parameters", "clients"] as const) {
    const f = o[key];
    if (f === undefined) continue;
    const r = readText(f, o.maxBytesGiven ? { ...READ_BOUNDS[key], maxBytes: o.limits.maxBytes } : READ_BOUNDS[key]);
    if (!r.ok) return r.position ? located(r.position) : { ok: false, unreadable: r.error, file: f };
    side[key] = { file: f, text: r.text };
  }
  return openInput(file, read.text, {
    terraform: o.terraform,
    limits: o.limits,
    rules: o.rules,
    cloud: o.cloud as Cloud | undefined,
    location: o.location,
    params: o.params,
    parametersFile: side.parameters,
    clientsFile: side.clients,
    templateLimits: o.maxBytesGiven ? { ...o.templateLimits, maxBytes: o.limits.maxBytes } : o.templateLimits,
  });
}

/** Text that can't be decoded, at the place it goes wrong: an input error like any other (BP000). */
function located(p: { file: string; line: number; col: number; message: string }): FileOpened {
  return { ok: false, errors: [{ code: "BP000", message: p.message, position: { file: p.file, line: p.line, col: p.col } }] };
}
