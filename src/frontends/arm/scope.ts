// A template's evaluation scope: parameter values (given, else the template's default,
// else unknown), variables evaluated on first use (a variable that refers to itself is an error,
// not a hang), copy loops in variables and properties, user-defined functions, and whole JSON
// values evaluated deeply, every string through the expression parser.
import { Budget, LimitError } from "./limits.ts";
import { parseTemplateString } from "./expression.ts";
import { evaluate, EvaluationError, isUnknown, UnknownFunctionError, type Scope, type Value } from "./evaluate.ts";
import type { SourcePath } from "../../core/source.ts";

export interface ParameterJson {
  readonly defaultValue?: unknown;
  readonly type?: string;
  readonly nullable?: boolean;
  /** A user-defined type ("#/definitions/name"), which may itself be nullable. */
  readonly $ref?: string;
}

export interface TemplateJson {
  readonly parameters?: Record<string, ParameterJson>;
  readonly variables?: Record<string, unknown>;
  readonly functions?: readonly UserFunctions[];
  readonly definitions?: Record<string, unknown>;
}

/**
 * Whether a parameter may be left without a value (then null): `nullable` on it, or on the
 * user-defined type its `$ref` names ("User-defined data types in ARM templates"), followed
 * through types that name other types.
 */
export function isNullable(template: TemplateJson, p: ParameterJson): boolean {
  let at: { nullable?: unknown; $ref?: unknown } | undefined = p;
  for (let hops = 0; at && hops < 32; hops++) {
    if (at.nullable === true) return true;
    const ref = typeof at.$ref === "string" ? /^#\/definitions\/([^/]+)$/.exec(at.$ref)?.[1] : undefined;
    const next: unknown = ref ? template.definitions?.[ref] : undefined;
    at = next && typeof next === "object" && !Array.isArray(next) ? (next as { nullable?: unknown; $ref?: unknown }) : undefined;
  }
  return false;
}

interface UserFunctions {
  readonly namespace: string;
  readonly members: Record<string, { readonly parameters?: readonly { readonly name: string }[]; readonly output: { readonly value: unknown } }>;
}

export interface Deployment {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly location: string;
  readonly deploymentName: string;
  readonly environment: Value;
}

/** What evaluation tells the caller besides the value: warnings, located by path. */
export interface Diagnostics {
  warn(message: string, path: SourcePath, at: number): void;
}

const NO_DIAGNOSTICS: Readonly<Diagnostics> = { warn: () => undefined };

/** A located evaluation error: the source path of the string, the offset in it. */
export class LocatedError extends Error {
  constructor(
    message: string,
    readonly path: SourcePath,
    readonly at: number,
    /** A template limit crossed (AR006) rather than an expression error. */
    readonly limit = false,
  ) {
    super(message);
  }
}

/**
 * Evaluates a JSON value at `path`: expression strings evaluated, `[[` unescaped, objects and
 * arrays deeply, and an object's `copy` array (a property or variable loop) expanded.
 */
export function evaluateValue(value: unknown, scope: Scope, path: SourcePath = [], diagnostics: Diagnostics = NO_DIAGNOSTICS): Value {
  if (typeof value === "string") {
    const max = scope.budget?.limits.maxExpression;
    if (max !== undefined && value.length > max && value.startsWith("[") && !value.startsWith("[["))
      throw new LocatedError(`a template expression of ${value.length.toLocaleString("en-US")} characters is over ARM's limit of ${max.toLocaleString("en-US")}`, path, 0, true);
    const parsed = parseTemplateString(value);
    if (parsed.kind === "literal") return parsed.value;
    if (parsed.kind === "error") throw new LocatedError(parsed.message, path, parsed.at);
    try {
      const v = evaluate(parsed.expr, scope);
      return isUnknown(v) && !v.path ? { ...v, path } : v;
    } catch (e) {
      if (e instanceof UnknownFunctionError) {
        diagnostics.warn(`${e.message}: the value is unknown`, path, e.at);
        return { unknown: true, reason: e.message, at: e.at, path };
      }
      if (e instanceof EvaluationError) throw new LocatedError(e.message, path, e.at, e instanceof LimitError);
      throw e;
    }
  }
  if (Array.isArray(value)) return value.map((v, i) => evaluateValue(v, scope, [...path, i], diagnostics));
  if (value && typeof value === "object") {
    const out: Record<string, Value> = {};
    const loops = (value as { copy?: unknown }).copy;
    const isLoop = Array.isArray(loops) && loops.every((l) => l && typeof l === "object" && "name" in l && "input" in l);
    for (const [k, v] of Object.entries(value)) if (!(isLoop && k === "copy")) out[k] = evaluateValue(v, scope, [...path, k], diagnostics);
    if (isLoop)
      (loops as { name: string; count: unknown; input: unknown }[]).forEach((loop, i) => {
        const at = [...path, "copy", i];
        out[loop.name] = copyLoop(loop.name, loop.count, loop.input, scope, at, diagnostics);
      });
    return out;
  }
  return value as Value;
}

/** `count` copies of `input`, copyIndex('name') giving each its index. */
export function copyLoop(name: string, count: unknown, input: unknown, scope: Scope, path: SourcePath, diagnostics: Diagnostics): Value {
  const n = evaluateValue(count, scope, [...path, "count"], diagnostics);
  if (isUnknown(n)) return n;
  return Array.from({ length: checkedCount(name, n, scope, [...path, "count"]) }, (_, i) => evaluateValue(input, withCopyIndex(scope, name, i), [...path, "input"], diagnostics));
}

/** A copy loop's count as ARM takes it: a whole number from 0 to its limit, else a located error. */
export function checkedCount(name: string, n: Value, scope: Scope, path: SourcePath): number {
  try {
    return (scope.budget ?? new Budget()).copyCount(name, n, 0);
  } catch (e) {
    if (e instanceof EvaluationError) throw new LocatedError(e.message, path, 0, e instanceof LimitError);
    throw e;
  }
}

/** The scope inside one iteration of loop `name` ("" for a resource's own loop). */
export function withCopyIndex(scope: Scope, name: string, index: number): Scope {
  return {
    ...scope,
    copyIndex: (loop, at) => (loop === undefined ? (name === "" || !scope.copyIndex ? index : scope.copyIndex(undefined, at)) : loop.toLowerCase() === name.toLowerCase() ? index : (scope.copyIndex?.(loop, at) ?? { unknown: true, reason: `copyIndex('${loop}') outside that loop`, at })),
  };
}

const lookup = <T>(record: Record<string, T> | undefined, name: string): [string, T] | undefined => Object.entries(record ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());

export interface ScopeOptions {
  /** Where the template is in the file, for positions. */
  readonly path?: SourcePath;
  readonly diagnostics?: Diagnostics;
  readonly reference?: Scope["reference"];
  /** What evaluating the whole input may spend (one budget across nested deployments). */
  readonly budget?: Budget;
}

export function templateScope(template: TemplateJson, given: Readonly<Record<string, unknown>>, deployment: Deployment, options: ScopeOptions = {}): Scope {
  const base = options.path ?? [];
  const diagnostics = options.diagnostics ?? NO_DIAGNOSTICS;
  const variables = new Map<string, Value>();
  const evaluating = new Set<string>();
  const defaults = new Set<string>();
  const budget = options.budget;
  const deeper = <T>(at: number, what: string, fn: () => T): T => (budget ? budget.nested(at, what, fn) : fn());
  const scope: Scope = {
    ...deployment,
    reference: options.reference,
    budget,
    parameter(name, at) {
      const declared = lookup(template.parameters, name);
      if (!declared) throw new EvaluationError(`no parameter '${name}' in the template`, at);
      const [key, p] = declared;
      // A null given for a parameter with a default means "use the default" (as ARM does for modules).
      const value = Object.entries(given).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
      if (value !== undefined && !(value === null && p.defaultValue !== undefined)) return value as Value;
      // A default may itself be an expression (over other parameters), but never over itself.
      if (p.defaultValue !== undefined) {
        if (defaults.has(key)) throw new EvaluationError(`the default of parameter '${key}' refers to itself`, at);
        defaults.add(key);
        try {
          return deeper(at, "parameter defaults", () => evaluateValue(p.defaultValue, scope, [...base, "parameters", key, "defaultValue"], diagnostics));
        } finally {
          defaults.delete(key);
        }
      }
      if (isNullable(template, p)) return null;
      return { unknown: true, reason: `parameters('${key}') has no value`, at, path: [...base, "parameters", key] };
    },
    variable(name, at) {
      const copies = (template.variables as { copy?: { name: string; count: unknown; input: unknown }[] } | undefined)?.copy;
      const looped = Array.isArray(copies) ? copies.findIndex((c) => c.name.toLowerCase() === name.toLowerCase()) : -1;
      const declared = looped >= 0 ? ([copies![looped].name, copies![looped]] as const) : lookup(template.variables, name);
      if (!declared || (looped < 0 && name.toLowerCase() === "copy")) throw new EvaluationError(`no variable '${name}' in the template`, at);
      const [key, raw] = declared;
      const known = variables.get(key);
      if (known !== undefined) return known;
      if (evaluating.has(key)) throw new EvaluationError(`variable '${key}' refers to itself`, at);
      evaluating.add(key);
      try {
        const loop = raw as { name: string; count: unknown; input: unknown };
        const v = deeper(at, "variables", () =>
          looped >= 0 ? copyLoop(key, loop.count, loop.input, scope, [...base, "variables", "copy", looped], diagnostics) : evaluateValue(raw, scope, [...base, "variables", key], diagnostics),
        );
        variables.set(key, v);
        return v;
      } finally {
        evaluating.delete(key);
      }
    },
    userFunction(name, args, at) {
      const [namespace, member] = name.split(".");
      // A template whose `functions` isn't a list has none (and an error says so).
      const functions: readonly UserFunctions[] = Array.isArray(template.functions) ? template.functions : [];
      const ns = functions.find((f) => typeof f?.namespace === "string" && f.namespace.toLowerCase() === namespace.toLowerCase());
      const fn = ns && lookup(ns.members, member);
      if (!ns || !fn) throw new UnknownFunctionError(`${name}() is not a function of this template`, at);
      const [key, body] = fn;
      const params = body.parameters ?? [];
      if (args.length !== params.length) throw new EvaluationError(`${name}() takes ${params.length} argument(s), got ${args.length}`, at);
      // A user function sees only its own parameters (no variables, no template parameters).
      const inner: Scope = {
        ...deployment,
        parameter(p, pat) {
          const i = params.findIndex((x) => x.name.toLowerCase() === p.toLowerCase());
          if (i < 0) throw new EvaluationError(`${name}() has no parameter '${p}'`, pat);
          return args[i];
        },
        variable(v, vat) {
          throw new EvaluationError(`${name}() can't read variables('${v}'): user functions see only their parameters`, vat);
        },
        // "User-defined functions in ARM templates": a function can't call another user-defined function.
        userFunction(other, _args, uat) {
          throw new EvaluationError(`${name}() calls ${other}(): a user-defined function can't call user-defined functions`, uat);
        },
        budget,
      };
      const fnIndex = functions.indexOf(ns);
      return evaluateValue(body.output.value, inner, [...base, "functions", fnIndex, "members", key, "output", "value"], diagnostics);
    },
  };
  return scope;
}
