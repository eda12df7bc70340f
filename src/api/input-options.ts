// The input options every command that reads an input takes (`check`, `flows`, `serve`, …): the
// bounds, template parameters and limits, Terraform variables. One table and one parser, so the
// command line and the web view accept and refuse the same things.
import { DEFAULT_LIMITS, type InputLimits } from "../frontends/blueprint/source.ts";
import { quoteInput } from "../core/quote.ts";
import type { FileOptions } from "./open-file.ts";

/** parseArgs' table of the input options. */
export const INPUT_OPTIONS = {
  "max-bytes": { type: "string" },
  "max-values": { type: "string" },
  parameters: { type: "string" },
  param: { type: "string", multiple: true },
  cloud: { type: "string" },
  location: { type: "string" },
  clients: { type: "string" },
  "max-resources": { type: "string" },
  "max-copy": { type: "string" },
  "max-steps": { type: "string" },
  var: { type: "string", multiple: true },
  "var-file": { type: "string", multiple: true },
} as const;

export interface InputValues {
  "max-bytes"?: string;
  "max-values"?: string;
  parameters?: string;
  param?: string[];
  cloud?: string;
  location?: string;
  clients?: string;
  "max-resources"?: string;
  "max-copy"?: string;
  "max-steps"?: string;
  var?: string[];
  "var-file"?: string[];
}

/** A count option that isn't a positive whole number. */
export class OptionError extends Error {}

function count(option: string, value: string): number {
  if (!/^[1-9]\d{0,9}$/.test(value)) throw new OptionError(`--${option} is a positive whole number, not '${quoteInput(value, 40)}'`);
  return Number(value);
}

/** The input bounds the options raise (throws OptionError). */
export function limitsFrom(values: { "max-bytes"?: string; "max-values"?: string }): InputLimits {
  return {
    maxBytes: values["max-bytes"] === undefined ? DEFAULT_LIMITS.maxBytes : count("max-bytes", values["max-bytes"]),
    maxValues: values["max-values"] === undefined ? DEFAULT_LIMITS.maxValues : count("max-values", values["max-values"]),
  };
}

/** The template limits the options raise, ARM's and amlnet's otherwise (throws OptionError). */
export function templateLimitsFrom(values: InputValues): { maxResources?: number; maxCopy?: number; maxSteps?: number } {
  const out: { maxResources?: number; maxCopy?: number; maxSteps?: number } = {};
  if (values["max-resources"] !== undefined) out.maxResources = count("max-resources", values["max-resources"]);
  if (values["max-copy"] !== undefined) out.maxCopy = count("max-copy", values["max-copy"]);
  if (values["max-steps"] !== undefined) out.maxSteps = count("max-steps", values["max-steps"]);
  return out;
}

/** openFile's options from the parsed input options (throws OptionError). */
export function fileOptionsFrom(values: InputValues, env: Readonly<Record<string, string | undefined>>): FileOptions {
  return {
    limits: limitsFrom(values),
    maxBytesGiven: values["max-bytes"] !== undefined,
    parameters: values.parameters,
    params: values.param,
    cloud: values.cloud,
    location: values.location,
    clients: values.clients,
    templateLimits: templateLimitsFrom(values),
    vars: values.var,
    varFiles: values["var-file"],
    env,
  };
}
