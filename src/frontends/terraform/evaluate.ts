// Terraform expressions evaluated for real ("Terraform language: Expressions"): references and
// their traversals, templates with interpolations and directives, operators, conditionals, for
// expressions, splats and function calls. Unknowns propagate: an operation over an Unknown is
// unknown with the same reason, a conditional on one is unknown, a for expression over one is
// unknown. Errors are TfErrors at the expression's offset. Every evaluation is charged to a step
// budget, so no input evaluates for ever.
import { isUnknown, type Unknown } from "../../core/types.ts";
import type { Expr, TemplatePart, Traversal } from "./syntax.ts";
import { callFunction, LimitError, TfError } from "./functions.ts";
import { afterApply, equalValues, firstUnknown, isList, isObject, toStringValue, typeName, unknown, type TfObject, type TfValue } from "./values.ts";

/** Where names come from: the module's roots (var, local, resources, ...) and the names a for or a template directive binds. */
export interface Scope {
  root(name: string, at: number): TfValue;
}

export class Budget {
  private steps = 0;
  constructor(readonly maxSteps: number) {}
  charge(n: number, at: number): void {
    this.steps += n;
    if (this.steps > this.maxSteps) throw new LimitError(`evaluating this configuration takes more than ${this.maxSteps.toLocaleString("en-US")} steps (raise it with --max-steps)`, at);
  }
}

const bind = (outer: Scope, names: Readonly<Record<string, TfValue>>): Scope => ({ root: (n, at) => (n in names ? names[n] : outer.root(n, at)) });

export function evaluate(e: Expr, scope: Scope, budget: Budget): TfValue {
  budget.charge(1, e.start);
  switch (e.kind) {
    case "literal":
      return e.value;
    case "template":
      return template(e.parts, scope, budget, e.start);
    case "variable":
      return scope.root(e.name, e.start);
    case "traverse": {
      let v = evaluate(e.base, scope, budget);
      for (let i = 0; i < e.steps.length; i++) {
        const s = e.steps[i];
        if (s.kind === "splat") {
          // x[*].a.b: the rest of the traversal over each element (a single value is a list of one; null is empty).
          if (isUnknown(v)) return v;
          const items = v === null ? [] : isList(v) ? v : [v];
          const rest = e.steps.slice(i + 1);
          return items.map((x) => traverseRest(x, rest, scope, budget, e.start));
        }
        v = step(v, s.kind === "attr" ? s.name : evaluate(s.key, scope, budget), e.start);
      }
      return v;
    }
    case "call": {
      // try() and can() decide on errors: their arguments are evaluated here, one by one.
      if (e.name === "try") {
        for (const a of e.args) {
          try {
            return evaluate(a, scope, budget);
          } catch (x) {
            if (!(x instanceof TfError) || x instanceof LimitError) throw x;
          }
        }
        throw new TfError("try(): every argument failed", e.start);
      }
      if (e.name === "can") {
        try {
          const v = evaluate(e.args[0], scope, budget);
          return isUnknown(v) ? v : true;
        } catch (x) {
          if (!(x instanceof TfError) || x instanceof LimitError) throw x;
          return false;
        }
      }
      let args = e.args.map((a) => evaluate(a, scope, budget));
      if (e.expand && args.length) {
        const lastArg = args[args.length - 1];
        if (isUnknown(lastArg)) return lastArg;
        if (!isList(lastArg)) throw new TfError(`${e.name}(...): the expanded argument must be a list, not ${typeName(lastArg)}`, e.start);
        args = [...args.slice(0, -1), ...lastArg];
      }
      budget.charge(args.reduce<number>((n, a) => n + (isList(a) ? a.length : isObject(a) ? Object.keys(a).length : typeof a === "string" ? a.length >> 6 : 0), 0), e.start);
      return callFunction(e.name, args, e.start);
    }
    case "tuple":
      return e.items.map((x) => evaluate(x, scope, budget));
    case "object": {
      const out: Record<string, TfValue> = {};
      for (const item of e.items) {
        // `{ name = ... }` keys are names; `{ (var.k) = ... }` and quoted keys are expressions.
        const k = item.bareKey !== undefined ? item.bareKey : evaluate(item.key, scope, budget);
        if (isUnknown(k)) return k;
        const key = toStringValue(k);
        if (key === undefined) throw new TfError(`an object key must be a string, not ${typeName(k)}`, item.key.start);
        out[key] = evaluate(item.value, scope, budget);
      }
      return out;
    }
    case "conditional": {
      const c = evaluate(e.cond, scope, budget);
      if (isUnknown(c)) return c;
      if (typeof c !== "boolean") throw new TfError(`the condition must be a bool, not ${typeName(c)}`, e.cond.start);
      return evaluate(c ? e.then : e.else, scope, budget);
    }
    case "unary": {
      const v = evaluate(e.operand, scope, budget);
      if (isUnknown(v)) return v;
      if (e.op === "!") {
        if (typeof v !== "boolean") throw new TfError(`! needs a bool, not ${typeName(v)}`, e.start);
        return !v;
      }
      return -number(v, e.start);
    }
    case "binary":
      return binary(e.op, e.left, e.right, scope, budget, e.start);
    case "for":
      return forExpr(e, scope, budget);
  }
}

function traverseRest(v: TfValue, steps: readonly Traversal[], scope: Scope, budget: Budget, at: number): TfValue {
  let x = v;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    if (s.kind === "splat") {
      if (isUnknown(x)) return x;
      const items = x === null ? [] : isList(x) ? x : [x];
      const rest = steps.slice(i + 1);
      return items.map((y) => traverseRest(y, rest, scope, budget, at));
    }
    x = step(x, s.kind === "attr" ? s.name : evaluate(s.key, scope, budget), at);
  }
  return x;
}

/** One attribute or index step. */
export function step(v: TfValue, key: TfValue, at: number): TfValue {
  if (isUnknown(v)) return v;
  if (isUnknown(key)) return key;
  if (v === null) throw new TfError(`can't read ${JSON.stringify(key)} of null`, at);
  if (isList(v)) {
    const i = typeof key === "number" ? key : typeof key === "string" && /^\d+$/.test(key) ? Number(key) : NaN;
    if (!Number.isInteger(i)) throw new TfError(`a list is indexed by a whole number, not ${JSON.stringify(key)}`, at);
    if (i < 0 || i >= v.length) throw new TfError(`index ${i} is out of range (the list has ${v.length} element${v.length === 1 ? "" : "s"})`, at);
    return v[i];
  }
  if (isObject(v)) {
    const k = toStringValue(key);
    if (k === undefined) throw new TfError(`an object is indexed by a string, not ${typeName(key)}`, at);
    if (Object.prototype.hasOwnProperty.call(v, k)) return v[k];
    const later = afterApply(v);
    if (later !== undefined) return unknown(`${later}.${k}, known only after apply`, at);
    throw new TfError(`this object has no attribute ${JSON.stringify(k)}`, at);
  }
  throw new TfError(`can't read ${JSON.stringify(key)} of a ${typeName(v)}`, at);
}

function number(v: TfValue, at: number): number {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  if (typeof n !== "number" || Number.isNaN(n)) throw new TfError(`a number is required, not ${typeName(v)}`, at);
  return n;
}

function binary(op: string, l: Expr, r: Expr, scope: Scope, budget: Budget, at: number): TfValue {
  const a = evaluate(l, scope, budget);
  // && and || short-circuit on a known left side ("Terraform language: Operators").
  if (op === "&&" && a === false) return false;
  if (op === "||" && a === true) return true;
  const b = evaluate(r, scope, budget);
  if (op === "==" || op === "!=") {
    const u = firstUnknown(a) ?? firstUnknown(b);
    if (u) return u;
    return (op === "==") === equalValues(a, b);
  }
  if (isUnknown(a)) return a;
  if (isUnknown(b)) return b;
  switch (op) {
    case "&&":
    case "||":
      if (typeof a !== "boolean" || typeof b !== "boolean") throw new TfError(`${op} needs bools, not ${typeName(a)} and ${typeName(b)}`, at);
      return op === "&&" ? a && b : a || b;
    case "+":
      return number(a, at) + number(b, at);
    case "-":
      return number(a, at) - number(b, at);
    case "*":
      return number(a, at) * number(b, at);
    case "/": {
      const d = number(b, at);
      if (d === 0) throw new TfError("division by zero", at);
      return number(a, at) / d;
    }
    case "%": {
      const d = number(b, at);
      if (d === 0) throw new TfError("modulo by zero", at);
      return number(a, at) % d;
    }
    case "<":
      return number(a, at) < number(b, at);
    case ">":
      return number(a, at) > number(b, at);
    case "<=":
      return number(a, at) <= number(b, at);
    case ">=":
      return number(a, at) >= number(b, at);
  }
  throw new TfError(`unknown operator ${op}`, at);
}

function forExpr(e: Extract<Expr, { kind: "for" }>, scope: Scope, budget: Budget): TfValue {
  const coll = evaluate(e.coll, scope, budget);
  if (isUnknown(coll)) return coll;
  const entries: [TfValue, TfValue][] = isList(coll) ? coll.map((v, i) => [i, v]) : isObject(coll) ? Object.keys(coll).sort().map((k) => [k, coll[k]]) : [];
  if (!isList(coll) && !isObject(coll)) throw new TfError(`a for expression needs a list, set, map or object, not ${typeName(coll)}`, e.coll.start);
  budget.charge(entries.length, e.start);
  const tuple: TfValue[] = [];
  const object: Record<string, TfValue | TfValue[]> = {};
  for (const [k, v] of entries) {
    const inner = bind(scope, e.key !== undefined ? { [e.key]: k, [e.value]: v } : { [e.value]: v });
    if (e.cond) {
      const c = evaluate(e.cond, inner, budget);
      if (isUnknown(c)) return c;
      if (c !== true) continue;
    }
    const value = evaluate(e.valueExpr, inner, budget);
    if (!e.object) {
      tuple.push(value);
      continue;
    }
    const key = evaluate(e.keyExpr!, inner, budget);
    if (isUnknown(key)) return key;
    const ks = toStringValue(key);
    if (ks === undefined) throw new TfError(`a for expression's key must be a string, not ${typeName(key)}`, e.keyExpr!.start);
    if (e.group) object[ks] = [...((object[ks] as TfValue[] | undefined) ?? []), value];
    else if (ks in object) throw new TfError(`duplicate key ${JSON.stringify(ks)} in a for expression (add ... to group them)`, e.keyExpr!.start);
    else object[ks] = value;
  }
  return e.object ? (object as TfObject) : tuple;
}

function template(parts: readonly TemplatePart[], scope: Scope, budget: Budget, at: number): TfValue {
  // A template of one interpolation is that value itself, not its string ("${var.list}").
  if (parts.length === 1 && parts[0].kind === "interp") return evaluate(parts[0].expr, scope, budget);
  let out = "";
  let pending: Unknown | undefined;
  for (const p of parts) {
    const v = part(p, scope, budget, at);
    if (isUnknown(v)) pending ??= v;
    else out += v;
    budget.charge(out.length >> 8, at);
  }
  return pending ?? out;
}

function part(p: TemplatePart, scope: Scope, budget: Budget, at: number): string | Unknown {
  switch (p.kind) {
    case "literal":
      return p.text;
    case "interp": {
      const v = evaluate(p.expr, scope, budget);
      if (isUnknown(v)) return v;
      const s = toStringValue(v);
      if (s === undefined) throw new TfError(`a template can't hold a ${typeName(v)}`, p.expr.start);
      return s;
    }
    case "if": {
      const c = evaluate(p.cond, scope, budget);
      if (isUnknown(c)) return c;
      return stringOf(template(c === true ? p.then : p.else, scope, budget, at), at);
    }
    case "for": {
      const coll = evaluate(p.coll, scope, budget);
      if (isUnknown(coll)) return coll;
      const entries: [TfValue, TfValue][] = isList(coll) ? coll.map((v, i) => [i, v]) : isObject(coll) ? Object.keys(coll).sort().map((k) => [k, coll[k]]) : [];
      let s = "";
      for (const [k, v] of entries) {
        const r = stringOf(template(p.body, bind(scope, p.key !== undefined ? { [p.key]: k, [p.value]: v } : { [p.value]: v }), budget, at), at);
        if (isUnknown(r)) return r;
        s += r;
      }
      return s;
    }
  }
}

function stringOf(v: TfValue, at: number): string | Unknown {
  if (isUnknown(v)) return v;
  const s = toStringValue(v);
  if (s === undefined) throw new TfError(`a template can't hold a ${typeName(v)}`, at);
  return s;
}
