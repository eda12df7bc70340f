// What every command shares: the I/O it writes to, usage errors, colour and wrapping, the input
// options and how a command opens its input.
import {
  formatPosition,
  openFile,
  closest,
  type Rule,
  type Style,
  type InputError,
  type InputLimits,
  type InputValues,
  OptionError,
  fileOptionsFrom,
  limitsFrom as apiLimitsFrom,
  type Project,
  oneLine,
  type TerraformReader,
  isTerraformPath,
  isPlanBesideConfiguration,
} from "../api/index.ts";
import { usageOf } from "./usage.ts";

export interface Io {
  out(s: string): void;
  err(s: string): void;
  isTTY: boolean;
  /** The terminal's width, when output goes to one. */
  columns?: number;
  env: NodeJS.ProcessEnv;
  /** The HCL reader, loaded before a command that reads Terraform runs (main does it). */
  terraform?: TerraformReader;
}

export class UsageError extends Error {}

/** Thrown by open() for Terraform input before the HCL parser is loaded: main loads it and runs the command again. */
export class NeedsTerraform extends Error {}

/**
 * Colour and wrapping for text output: colour on a terminal unless NO_COLOR is set or TERM is
 * dumb (a terminal without escape sequences), and anywhere FORCE_COLOR asks for it (CI logs);
 * lines wrapped to the terminal's width.
 */
export function styleOf(io: Io): Style {
  const forced = io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0" && io.env.FORCE_COLOR !== "false";
  const color = io.env.NO_COLOR ? false : forced || (io.isTTY && io.env.TERM !== "dumb");
  return { color, width: io.isTTY ? io.columns : undefined };
}

export { INPUT_OPTIONS, type InputValues } from "../api/index.ts";

/** The input bounds the options raise; a bad count is a usage error. */
export function limitsFrom(values: { "max-bytes"?: string; "max-values"?: string }): InputLimits {
  return asUsage(() => apiLimitsFrom(values));
}

function asUsage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw e instanceof OptionError ? new UsageError(e.message) : e;
  }
}

/** "; did you mean X?" for a mistyped name, or nothing. */
export function nearest(word: string, candidates: readonly string[]): string {
  const near = closest(word, candidates, 2);
  return near.length ? `; did you mean ${near.join(" or ")}?` : "";
}

/** For parseArgs' unknown option: the nearest option of the command (read from its usage). */
export function suggestion(e: unknown, command: string | undefined): string {
  if ((e as { code?: string }).code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION" || !command) return "";
  const given = /'(-{1,2}[^']+)'/.exec((e as Error).message)?.[1];
  const options = [...new Set([...usageOf(command).matchAll(/--[a-z-]+/g)].map((m) => m[0]))];
  return given ? nearest(given, options) : "";
}

/** Reads and opens a blueprint, template or estate; on bad input reports every problem (file:line:col) and returns undefined. */
export function open(file: string, io: Io, values: InputValues, onErrors?: (errors: readonly InputError[]) => void, rules?: readonly Rule[], accepts: "any" | "blueprint" | "json" = "any", fitting = false): Project | undefined {
  // Terraform, or a plan beside its configuration (read to place its findings on .tf lines).
  if (!io.terraform && (isTerraformPath(file) || isPlanBesideConfiguration(file))) throw new NeedsTerraform();
  const opened = openFile(file, { ...asUsage(() => fileOptionsFrom(values, io.env)), rules, accepts, terraform: io.terraform, fitting });
  if (opened.ok) return opened.project;
  if ("usage" in opened) throw new UsageError(opened.usage);
  if ("unreadable" in opened) {
    // A file that can't be read is one line, without a position (there is no text to point into).
    io.err(`amlnet: ${oneLine(opened.unreadable)}\n`);
    onErrors?.([{ code: "BP000", message: opened.unreadable, position: { file: opened.file, line: 1, col: 1 } }]);
    return undefined;
  }
  for (const e of opened.errors) io.err(`${formatPosition(e.position)} error ${e.code} ${oneLine(e.message)}\n`);
  onErrors?.(opened.errors);
  return undefined;
}
