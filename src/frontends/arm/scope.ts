// A template's evaluation scope (issue 13): parameter values (given, else the template's default,
// else unknown), variables evaluated on first use (a variable that refers to itself is an error,
// not a hang), and whole JSON values evaluated deeply, every string through the expression parser.
import { parseTemplateString } from "./expression.ts";
import { evaluate, EvaluationError, type Scope, type Value } from "./evaluate.ts";

export interface TemplateJson {
  readonly parameters?: Record<string, { readonly defaultValue?: unknown; readonly type?: string }>;
  readonly variables?: Record<string, unknown>;
}

export interface Deployment {
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly location: string;
  readonly deploymentName: string;
  readonly environment: Value;
}

/** Evaluates a JSON value: expression strings evaluated, `[[` unescaped, objects and arrays deeply. */
export function evaluateValue(value: unknown, scope: Scope): Value {
  if (typeof value === "string") {
    const parsed = parseTemplateString(value);
    if (parsed.kind === "literal") return parsed.value;
    if (parsed.kind === "error") throw new EvaluationError(parsed.message, parsed.at);
    return evaluate(parsed.expr, scope);
  }
  if (Array.isArray(value)) return value.map((v) => evaluateValue(v, scope));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateValue(v, scope)]));
  return value as Value;
}

export function templateScope(template: TemplateJson, given: Readonly<Record<string, unknown>>, deployment: Deployment): Scope {
  const variables = new Map<string, Value>();
  const evaluating = new Set<string>();
  const scope: Scope = {
    ...deployment,
    parameter(name, at) {
      const declared = Object.entries(template.parameters ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());
      if (!declared) throw new EvaluationError(`no parameter '${name}' in the template`, at);
      const [key, p] = declared;
      if (key in given) return given[key] as Value;
      // A default may itself be an expression (over other parameters).
      if (p.defaultValue !== undefined) return evaluateValue(p.defaultValue, scope);
      return { unknown: true, reason: `parameters('${key}') has no value or default`, at };
    },
    variable(name, at) {
      const declared = Object.entries(template.variables ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());
      if (!declared) throw new EvaluationError(`no variable '${name}' in the template`, at);
      const [key, raw] = declared;
      const known = variables.get(key);
      if (known !== undefined) return known;
      if (evaluating.has(key)) throw new EvaluationError(`variable '${key}' refers to itself`, at);
      evaluating.add(key);
      try {
        const v = evaluateValue(raw, scope);
        variables.set(key, v);
        return v;
      } finally {
        evaluating.delete(key);
      }
    },
  };
  return scope;
}
