// Evaluating ARM template expressions: the functions real templates use, over JSON
// values. What can't be known before deployment (reference(), list*(), a parameter without a value
// or default) is an Unknown that remembers why and where, and flows through every function that
// takes it: a rule later says its result depends on that value instead of guessing.
// Deterministic stand-ins for uniqueString() and guid() keep the same input giving the same model.
import { sha1 } from "@noble/hashes/legacy.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import type { Expr } from "./expression.ts";
import type { Budget } from "./limits.ts";
import { EvaluationError, LimitError, UnknownFunctionError } from "./errors.ts";
import { formatCidr, formatIp, last, mask, parseCidr, size } from "../../core/net/cidr.ts";

import { isUnknown, type Unknown } from "../../core/types.ts";

export { isUnknown, type Unknown };

export type Value = string | number | boolean | null | readonly Value[] | { readonly [k: string]: Value } | Unknown;

/**
 * Marks an object whose properties are only partly known before deployment (what reference()
 * returns for a resource of the template): reading a property it lacks gives an Unknown, not an error.
 */
export const PARTIAL = Symbol("partial");

export function partial(object: { readonly [k: string]: Value }, reason: string): { readonly [k: string]: Value } {
  return Object.assign({ ...object }, { [PARTIAL]: reason });
}

export interface Scope {
  /** Parameter values: given, else the template's default, else Unknown. */
  parameter(name: string, at: number): Value;
  variable(name: string, at: number): Value;
  readonly subscriptionId: string;
  readonly resourceGroup: string;
  readonly location: string;
  readonly deploymentName: string;
  /** The cloud's endpoints and suffixes, as environment() returns them. */
  readonly environment: Value;
  /** The current copy loop's indexes, by loop name ("" for the resource's own loop). */
  copyIndex?(loop: string | undefined, at: number): Value;
  /** Variables bound by the lambda being evaluated (lambdaVariables('x')). */
  readonly lambda?: Readonly<Record<string, Value>>;
  /** reference(target, [apiVersion], ['Full']) of a resource or deployment the template declares. */
  reference?(args: readonly Value[], at: number): Value;
  /** A user-defined function, `namespace.name`. */
  userFunction?(name: string, args: readonly Value[], at: number): Value;
  /** What evaluation may spend (limits.ts); unbounded without one. */
  readonly budget?: Budget;
}

export { EvaluationError, UnknownFunctionError };

type Fn = (args: Value[], at: number, scope: Scope) => Value;

const str = (v: Value, at: number, fn: string): string => {
  if (typeof v !== "string") throw new EvaluationError(`${fn}() wants a string, got ${JSON.stringify(v)}`, at);
  return v;
};
const int = (v: Value, at: number, fn: string): number => {
  if (typeof v !== "number" || !Number.isInteger(v)) throw new EvaluationError(`${fn}() wants an integer, got ${JSON.stringify(v)}`, at);
  return v;
};
const arr = (v: Value, at: number, fn: string): readonly Value[] => {
  if (!Array.isArray(v)) throw new EvaluationError(`${fn}() wants an array, got ${JSON.stringify(v)}`, at);
  return v;
};
const fail = (message: string, at: number): never => {
  throw new EvaluationError(message, at);
};
const stand = (seed: string) => bytesToHex(sha1(utf8ToBytes(seed)));

/**
 * ARM's equality: deep, case-sensitive for strings, objects equal whatever their key order.
 * Iterative, and each pair of objects compared once: values a template builds may nest deeper
 * than the stack or share parts many times over.
 */
export function equal(a: Value, b: Value): boolean {
  const pending: [Value, Value][] = [[a, b]];
  const compared = new Map<object, Set<object>>();
  while (pending.length) {
    const [x, y] = pending.pop()!;
    if (x === y) continue;
    if (x === null || y === null || typeof x !== "object" || typeof y !== "object" || Array.isArray(x) !== Array.isArray(y)) return false;
    const seen = compared.get(x) ?? new Set<object>();
    if (seen.has(y)) continue;
    compared.set(x, seen.add(y));
    if (Array.isArray(x)) {
      const ys = y as readonly Value[];
      if (x.length !== ys.length) return false;
      for (let i = 0; i < x.length; i++) pending.push([x[i], ys[i]]);
    } else {
      const xo = x as Readonly<Record<string, Value>>;
      const yo = y as Readonly<Record<string, Value>>;
      const keys = Object.keys(xo);
      if (keys.length !== Object.keys(yo).length) return false;
      for (const k of keys) {
        if (!Object.hasOwn(yo, k)) return false;
        pending.push([xo[k], yo[k]]);
      }
    }
  }
  return true;
}

// Set membership without comparing every pair: primitives by value, objects deeply (rare, short).
const primitiveKey = (v: Value): string | undefined => (v === null || typeof v !== "object" ? `${typeof v}:${String(v)}` : undefined);

/** The array's elements, each once, in order. */
function distinct(values: readonly Value[]): Value[] {
  const seen = new Set<string>();
  const objects: Value[] = [];
  return values.filter((v) => {
    const key = primitiveKey(v);
    if (key !== undefined) return !seen.has(key) && !!seen.add(key);
    if (objects.some((o) => equal(o, v))) return false;
    objects.push(v);
    return true;
  });
}

/** Whether a value is among `values`, asked many times: primitives through a set. */
function membership(values: readonly Value[]): (v: Value) => boolean {
  const keys = new Set(values.map(primitiveKey).filter((k) => k !== undefined));
  const objects = values.filter((v) => primitiveKey(v) === undefined);
  return (v) => {
    const key = primitiveKey(v);
    return key !== undefined ? keys.has(key) : objects.some((w) => equal(v, w));
  };
}

/** A value's size in nodes, counted against the budget before it is written out as text. */
function charged(v: Value, scope: Scope, at: number): Value {
  if (!scope.budget || v === null || typeof v !== "object") return v;
  const pending: Value[] = [v];
  while (pending.length) {
    const x = pending.pop()!;
    scope.budget.charge(1, at);
    if (Array.isArray(x)) pending.push(...x);
    else if (x && typeof x === "object") pending.push(...Object.values(x as Record<string, Value>));
  }
  return v;
}

const nonZero = (n: number, at: number, fn: string): number => (n === 0 ? fail(`${fn}() divides by zero`, at) : n);

/** min()/max()'s numbers: an array, or the arguments; at least one, every one an integer. */
function numbers(a: readonly Value[], at: number, fn: string): number[] {
  const list = Array.isArray(a[0]) ? (a[0] as Value[]) : a;
  if (!list.length) return fail(`${fn}() needs at least one number`, at);
  return list.map((v) => int(v, at, fn));
}

function text(v: Value): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

const FUNCTIONS: Readonly<Record<string, Fn>> = {
  concat: (a) => (a.every((x) => Array.isArray(x)) ? a.flatMap((x) => x as Value[]) : a.map(text).join("")),
  format: (a, at) => str(a[0], at, "format").replace(/\{(\d+)(:[^}]*)?\}/g, (_, i: string) => text(a[Number(i) + 1] ?? "")),
  toLower: (a, at) => str(a[0], at, "toLower").toLowerCase(),
  toUpper: (a, at) => str(a[0], at, "toUpper").toUpperCase(),
  trim: (a, at) => str(a[0], at, "trim").trim(),
  replace: (a, at) => str(a[0], at, "replace").split(str(a[1], at, "replace")).join(str(a[2], at, "replace")),
  split: (a, at) => {
    const seps = Array.isArray(a[1]) ? a[1].map((s) => str(s, at, "split")) : [str(a[1], at, "split")];
    return str(a[0], at, "split").split(new RegExp(seps.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")));
  },
  join: (a, at) => arr(a[0], at, "join").map(text).join(str(a[1], at, "join")),
  substring: (a, at) => {
    const s = str(a[0], at, "substring");
    const start = int(a[1] ?? 0, at, "substring");
    return a[2] === undefined ? s.slice(start) : s.substr(start, int(a[2], at, "substring"));
  },
  indexOf: (a, at) => str(a[0], at, "indexOf").toLowerCase().indexOf(str(a[1], at, "indexOf").toLowerCase()),
  lastIndexOf: (a, at) => str(a[0], at, "lastIndexOf").toLowerCase().lastIndexOf(str(a[1], at, "lastIndexOf").toLowerCase()),
  startsWith: (a, at) => str(a[0], at, "startsWith").toLowerCase().startsWith(str(a[1], at, "startsWith").toLowerCase()),
  endsWith: (a, at) => str(a[0], at, "endsWith").toLowerCase().endsWith(str(a[1], at, "endsWith").toLowerCase()),
  padLeft: (a, at) => text(a[0]).padStart(int(a[1], at, "padLeft"), a[2] === undefined ? " " : str(a[2], at, "padLeft")),
  string: (a, at, scope) => text(charged(a[0], scope, at)),
  int: (a, at) => {
    // A string must be a whole number and nothing else: ARM refuses int('12abc').
    const n = typeof a[0] === "string" ? (/^\s*[+-]?\d+\s*$/.test(a[0]) ? Number(a[0]) : NaN) : a[0];
    if (typeof n !== "number" || Number.isNaN(n)) throw new EvaluationError(`int() can't read ${JSON.stringify(a[0])}`, at);
    return Math.trunc(n);
  },
  bool: (a) => (typeof a[0] === "string" ? a[0].toLowerCase() === "true" : a[0] === true || a[0] === 1),
  json: (a, at) => {
    try {
      return JSON.parse(str(a[0], at, "json")) as Value;
    } catch {
      throw new EvaluationError(`json() can't parse ${JSON.stringify(a[0])}`, at);
    }
  },
  true: () => true,
  false: () => false,
  null: () => null,
  equals: (a) => equal(a[0], a[1]),
  add: (a, at) => int(a[0], at, "add") + int(a[1], at, "add"),
  sub: (a, at) => int(a[0], at, "sub") - int(a[1], at, "sub"),
  mul: (a, at) => int(a[0], at, "mul") * int(a[1], at, "mul"),
  div: (a, at) => Math.trunc(int(a[0], at, "div") / nonZero(int(a[1], at, "div"), at, "div")),
  mod: (a, at) => int(a[0], at, "mod") % nonZero(int(a[1], at, "mod"), at, "mod"),
  min: (a, at) => Math.min(...numbers(a, at, "min")),
  max: (a, at) => Math.max(...numbers(a, at, "max")),
  not: (a) => !a[0],
  and: (a) => a.every(Boolean),
  or: (a) => a.some(Boolean),
  greater: (a) => (a[0] as number) > (a[1] as number),
  greaterOrEquals: (a) => (a[0] as number) >= (a[1] as number),
  less: (a) => (a[0] as number) < (a[1] as number),
  lessOrEquals: (a) => (a[0] as number) <= (a[1] as number),
  empty: (a) => a[0] === null || a[0] === "" || (Array.isArray(a[0]) ? a[0].length === 0 : typeof a[0] === "object" && Object.keys(a[0] as object).length === 0),
  length: (a) => (typeof a[0] === "string" || Array.isArray(a[0]) ? a[0].length : Object.keys((a[0] ?? {}) as object).length),
  contains: (a) =>
    typeof a[0] === "string"
      ? a[0].toLowerCase().includes(text(a[1]).toLowerCase())
      : Array.isArray(a[0])
        ? a[0].some((x) => equal(x, a[1]))
        : Object.keys((a[0] ?? {}) as object).some((k) => k.toLowerCase() === text(a[1]).toLowerCase()),
  createArray: (a) => a,
  createObject: (a) => Object.fromEntries(Array.from({ length: a.length / 2 }, (_, i) => [text(a[2 * i]), a[2 * i + 1]])),
  array: (a) => (Array.isArray(a[0]) ? a[0] : [a[0]]),
  first: (a, at) => (typeof a[0] === "string" ? a[0].slice(0, 1) : (arr(a[0], at, "first")[0] ?? null)),
  last: (a, at) => (typeof a[0] === "string" ? a[0].slice(-1) : (arr(a[0], at, "last").at(-1) ?? null)),
  skip: (a, at) => (typeof a[0] === "string" ? a[0].slice(int(a[1], at, "skip")) : arr(a[0], at, "skip").slice(int(a[1], at, "skip"))),
  take: (a, at) => (typeof a[0] === "string" ? a[0].slice(0, int(a[1], at, "take")) : arr(a[0], at, "take").slice(0, int(a[1], at, "take"))),
  range: (a, at, scope) => {
    const start = int(a[0], at, "range");
    const count = int(a[1], at, "range");
    // "Integer functions for ARM templates" (range): count is not negative, start + count fits an int.
    if (count < 0 || start + count > 2147483647) throw new EvaluationError(`range(${start}, ${count}): the count must be 0 or more and start + count at most 2147483647`, at);
    scope.budget?.charge(count, at);
    return Array.from({ length: count }, (_, i) => start + i);
  },
  union: (a, at, scope) => {
    if (!a.every(Array.isArray)) return Object.assign({}, ...(a as object[]));
    const all = a.flatMap((x) => x as Value[]);
    scope.budget?.charge(all.length, at);
    return distinct(all);
  },
  intersection: (a, at, scope) => {
    if (!a.every(Array.isArray)) return Object.fromEntries(Object.entries(a[0] as object).filter(([k, v]) => a.every((o) => equal((o as Record<string, Value>)[k], v))));
    scope.budget?.charge(a.reduce((n, x) => n + (x as Value[]).length, 0), at);
    const others = a.slice(1).map((x) => membership(x as Value[]));
    return distinct(a[0] as Value[]).filter((v) => others.every((has) => has(v)));
  },
  shallowMerge: (a, at) => Object.assign({}, ...arr(a[0], at, "shallowMerge").map((o) => (o && typeof o === "object" && !Array.isArray(o) ? o : fail("shallowMerge() wants an array of objects", at)))),
  objectKeys: (a) => Object.keys((a[0] ?? {}) as object),
  flatten: (a, at) => arr(a[0], at, "flatten").flatMap((x) => (Array.isArray(x) ? x : fail("flatten() wants an array of arrays", at))),
  coalesce: (a) => a.find((x) => x !== null) ?? null,
  tryGet: (a) => (a[0] && typeof a[0] === "object" && !Array.isArray(a[0]) ? ((a[0] as Record<string, Value>)[text(a[1])] ?? null) : Array.isArray(a[0]) ? ((a[0] as Value[])[a[1] as number] ?? null) : null),
  // items() sorts the entries by key, as "Object functions for ARM templates" says.
  items: (a) =>
    Object.entries((a[0] ?? {}) as Record<string, Value>)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([key, value]) => ({ key, value })),
  // CIDR functions (ARM's IPv4 forms): parseCidr, cidrSubnet(cidr, bits, index), cidrHost(cidr, index).
  parseCidr: (a, at) => {
    const c = parseCidr(str(a[0], at, "parseCidr"), true) ?? fail(`parseCidr() can't read ${JSON.stringify(a[0])}`, at);
    return { network: formatIp(c.base), netmask: formatIp(mask(c.bits)), broadcast: formatIp(last(c)), firstUsable: formatIp(c.bits >= 31 ? c.base : c.base + 1), lastUsable: formatIp(c.bits >= 31 ? last(c) : last(c) - 1), cidr: c.bits };
  },
  cidrSubnet: (a, at) => {
    const c = parseCidr(str(a[0], at, "cidrSubnet"), true) ?? fail(`cidrSubnet() can't read ${JSON.stringify(a[0])}`, at);
    const bits = int(a[1], at, "cidrSubnet");
    const index = int(a[2], at, "cidrSubnet");
    if (bits < c.bits || bits > 32 || index < 0 || index >= 2 ** (bits - c.bits)) fail(`cidrSubnet(): no subnet ${index} of /${bits} in ${formatCidr(c)}`, at);
    return formatCidr({ base: (c.base + index * 2 ** (32 - bits)) >>> 0, bits });
  },
  cidrHost: (a, at) => {
    const c = parseCidr(str(a[0], at, "cidrHost"), true) ?? fail(`cidrHost() can't read ${JSON.stringify(a[0])}`, at);
    const index = int(a[1], at, "cidrHost");
    // ARM counts usable hosts: index 0 is the first address after the network address.
    if (index < 0 || index >= size(c) - 2) fail(`cidrHost(): no host ${index} in ${formatCidr(c)}`, at);
    return formatIp(c.base + 1 + index);
  },
  uniqueString: (a) => stand(a.map(text).join("|")).slice(0, 13),
  guid: (a) => {
    const h = stand(a.map(text).join("|"));
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  },
  // The group's location is known only when the user gives it (--location): unknown otherwise.
  resourceGroup: (_a, at, s) => ({ id: `/subscriptions/${s.subscriptionId}/resourceGroups/${s.resourceGroup}`, name: s.resourceGroup, location: s.location || ({ unknown: true, reason: "resourceGroup().location (give --location)", at } as Unknown) }),
  subscription: (_a, _at, s) => ({ id: `/subscriptions/${s.subscriptionId}`, subscriptionId: s.subscriptionId, tenantId: { unknown: true, reason: "subscription().tenantId", at: _at } as Unknown }),
  deployment: (_a, _at, s) => ({ name: s.deploymentName }),
  environment: (_a, _at, s) => s.environment,
  resourceId: (a, at, s) => resourceIdOf(a, at, `/subscriptions/${s.subscriptionId}/resourceGroups/${s.resourceGroup}`),
  subscriptionResourceId: (a, at, s) => resourceIdOf(a, at, `/subscriptions/${s.subscriptionId}`),
  tenantResourceId: (a, at) => resourceIdOf(a, at, ""),
  extensionResourceId: (a, at) => {
    const [scope, type, ...names] = a.map((x) => str(x, at, "extensionResourceId"));
    return `${scope}/providers/${type}/${names.join("/")}`;
  },
};

/** resourceId([subscriptionId], [resourceGroupName], type, name1, name2...) and its kin. */
function resourceIdOf(a: Value[], at: number, defaultScope: string): string {
  const s = a.map((x) => str(x, at, "resourceId"));
  const typeAt = s.findIndex((x) => x.includes("/"));
  if (typeAt < 0) throw new EvaluationError("resourceId() needs a resource type such as Microsoft.Network/virtualNetworks", at);
  const scopeArgs = s.slice(0, typeAt);
  const [namespace, ...types] = s[typeAt].split("/");
  const names = s.slice(typeAt + 1);
  if (names.length !== types.length) throw new EvaluationError(`resourceId() has ${names.length} name(s) for type ${s[typeAt]}`, at);
  let scope = defaultScope;
  if (scopeArgs.length === 2) scope = `/subscriptions/${scopeArgs[0]}/resourceGroups/${scopeArgs[1]}`;
  else if (scopeArgs.length === 1) scope = defaultScope.includes("/resourceGroups/") ? `${defaultScope.split("/resourceGroups/")[0]}/resourceGroups/${scopeArgs[0]}` : `/subscriptions/${scopeArgs[0]}`;
  return `${scope}/providers/${namespace}/${types.map((t, i) => `${t}/${names[i]}`).join("/")}`;
}

/** Functions whose every call is unknown before deployment. */
const DEPLOYMENT_TIME = /^(list[A-Za-z]*|pickZones|newGuid|utcNow|providers)$/i;

/**
 * An object's member by name, matched case-insensitively as ARM matches property names; on a
 * partly known object (a reference()) a missing one is unknown. Undefined when there is none.
 */
function member(object: Value, key: string, written: string, at: number): Value | undefined {
  if (!object || typeof object !== "object" || Array.isArray(object)) return undefined;
  const found = Object.keys(object).find((k) => k.toLowerCase() === key.toLowerCase());
  if (found !== undefined) return (object as Record<string, Value>)[found];
  const why = (object as { [PARTIAL]?: string })[PARTIAL];
  return why ? { unknown: true, reason: `${why}${written}`, at } : undefined;
}

export function evaluate(expr: Expr, scope: Scope): Value {
  scope.budget?.charge(1, expr.at);
  switch (expr.kind) {
    case "string":
    case "number":
      return expr.value;
    case "property": {
      const object = evaluate(expr.object, scope);
      if (isUnknown(object)) return object;
      const v = member(object, expr.name, `.${expr.name}`, expr.at);
      return v !== undefined ? v : fail(`no property '${expr.name}'`, expr.at);
    }
    case "index": {
      const object = evaluate(expr.object, scope);
      const index = evaluate(expr.index, scope);
      if (isUnknown(object)) return object;
      if (isUnknown(index)) return index;
      if (Array.isArray(object) && typeof index === "number" && index >= 0 && index < object.length) return object[index];
      const v = typeof index === "string" ? member(object, index, `['${index}']`, expr.at) : undefined;
      return v !== undefined ? v : fail(`no element ${JSON.stringify(index)}`, expr.at);
    }
    case "call":
      return call(expr, scope);
  }
}

/** The fewest arguments of the forms evaluated here rather than through FUNCTIONS. */
const MIN_ARGS: ReadonlyMap<string, number> = new Map([
  ["if", 3],
  ["filter", 2],
  ["map", 2],
  ["sort", 2],
  ["toobject", 2],
  ["reduce", 3],
  ["lambdavariables", 1],
  ["parameters", 1],
  ["variables", 1],
]);

function call(expr: Extract<Expr, { kind: "call" }>, scope: Scope): Value {
  const name = expr.name;
  const lower = name.toLowerCase();
  const min = MIN_ARGS.get(lower);
  if (min !== undefined && expr.args.length < min) throw new EvaluationError(`${name}() takes ${min} argument${min > 1 ? "s" : ""}, got ${expr.args.length}`, expr.at);
  if (DEPLOYMENT_TIME.test(name)) return { unknown: true, reason: `${name}(...)`, at: expr.at };
  // if() evaluates only the branch it takes, so the other may be unknown.
  if (lower === "if") {
    const cond = evaluate(expr.args[0], scope);
    if (isUnknown(cond)) return cond;
    return evaluate(expr.args[cond ? 1 : 2], scope);
  }
  // and() and or() stop at the first argument that decides, as ARM does: and(contains(x, 'k'), x.k)
  // never reads x.k when x has no k. After an unknown, a later argument that fails can't decide.
  if (lower === "and" || lower === "or") {
    let unknown: Value | undefined;
    for (const a of expr.args) {
      let v: Value;
      try {
        v = evaluate(a, scope);
      } catch (e) {
        if (unknown && e instanceof EvaluationError && !(e instanceof LimitError)) return unknown;
        throw e;
      }
      if (isUnknown(v)) unknown ??= v;
      else if (lower === "and" ? !v : v) return lower === "or";
    }
    return unknown ?? lower === "and";
  }
  if (LAMBDA_FUNCTIONS.has(lower)) return lambdaCall(lower, expr, scope);
  if (lower === "lambdavariables") {
    const n = evaluate(expr.args[0], scope);
    if (typeof n === "string" && scope.lambda && n in scope.lambda) return scope.lambda[n];
    throw new EvaluationError(`lambdaVariables(${JSON.stringify(n)}) outside its lambda`, expr.at);
  }
  const args = expr.args.map((a) => evaluate(a, scope));
  if (lower === "reference") return scope.reference && !isUnknown(args[0]) ? scope.reference(args, expr.at) : { unknown: true, reason: "reference(...)", at: expr.at };
  if (name.includes(".")) {
    if (!scope.userFunction) throw new UnknownFunctionError(`${name}() is not a function of this template`, expr.at);
    return scope.userFunction(name, args, expr.at);
  }
  if (lower === "parameters") return scope.parameter(str(args[0], expr.at, name), expr.at);
  if (lower === "variables") return scope.variable(str(args[0], expr.at, name), expr.at);
  if (lower === "copyindex") {
    const loop = typeof args[0] === "string" ? args[0] : undefined;
    const offset = typeof args[0] === "number" ? args[0] : typeof args[1] === "number" ? args[1] : 0;
    const index = scope.copyIndex?.(loop, expr.at) ?? { unknown: true, reason: "copyIndex() outside a copy loop", at: expr.at };
    return isUnknown(index) ? index : (index as number) + offset;
  }
  // coalesce() can answer past an unknown that comes after a known value.
  if (lower === "coalesce") {
    for (const a of args) {
      if (isUnknown(a)) return a;
      if (a !== null) return a;
    }
    return null;
  }
  const unknown = args.find(isUnknown);
  if (unknown) return unknown;
  const fn = BY_LOWER_NAME.get(lower);
  if (!fn) throw new UnknownFunctionError(`${name}() is not a function amlnet evaluates`, expr.at);
  try {
    return fn(args, expr.at, scope);
  } catch (e) {
    // Arguments of a shape the function can't take (none where it needs one, an object where it
    // wants a list) are the template's mistake, located at the call, as ARM reports them.
    if (e instanceof TypeError || e instanceof RangeError) throw new EvaluationError(`${name}() can't take these arguments (${args.length} given)`, expr.at);
    throw e;
  }
}

const BY_LOWER_NAME: ReadonlyMap<string, Fn> = new Map(Object.entries(FUNCTIONS).map(([k, f]) => [k.toLowerCase(), f]));

const LAMBDA_FUNCTIONS: ReadonlySet<string> = new Set(["filter", "map", "reduce", "sort", "toobject"]);

/** filter, map, reduce, sort and toObject: each applies a lambda('x', ..., body) to an array. */
function lambdaCall(fn: string, expr: Extract<Expr, { kind: "call" }>, scope: Scope): Value {
  const input = evaluate(expr.args[0], scope);
  if (isUnknown(input)) return input;
  const items = arr(input, expr.at, fn);
  const lambdaOf = (node: Expr | undefined) => {
    if (!node || node.kind !== "call" || node.name.toLowerCase() !== "lambda" || node.args.length < 2)
      throw new EvaluationError(`${fn}() wants lambda('name', ..., expression)`, node?.at ?? expr.at);
    const names = node.args.slice(0, -1).map((a) => (a.kind === "string" ? a.value : (() => { throw new EvaluationError("lambda() names its variables with strings", a.at); })()));
    const body = node.args[node.args.length - 1];
    return (...values: Value[]) => evaluate(body, { ...scope, lambda: { ...scope.lambda, ...Object.fromEntries(names.map((n, i) => [n, values[i] ?? null])) } });
  };
  switch (fn) {
    case "filter": {
      const f = lambdaOf(expr.args[1]);
      const out: Value[] = [];
      for (const [i, item] of items.entries()) {
        const keep = f(item, i);
        if (isUnknown(keep)) return keep;
        if (keep) out.push(item);
      }
      return out;
    }
    case "map": {
      const f = lambdaOf(expr.args[1]);
      const out = items.map((item, i) => f(item, i));
      return out.find(isUnknown) ?? out;
    }
    case "reduce": {
      const initial = evaluate(expr.args[1], scope);
      const f = lambdaOf(expr.args[2]);
      let acc = initial;
      for (const [i, item] of items.entries()) {
        if (isUnknown(acc)) return acc;
        acc = f(acc, item, i);
      }
      return acc;
    }
    case "sort": {
      const f = lambdaOf(expr.args[1]);
      const out = [...items];
      let unknown: Unknown | undefined;
      out.sort((a, b) => {
        const r = f(a, b);
        if (isUnknown(r)) unknown = r;
        return r ? -1 : 1;
      });
      return unknown ?? out;
    }
    default: {
      const key = lambdaOf(expr.args[1]);
      const val = expr.args[2] ? lambdaOf(expr.args[2]) : (x: Value) => x;
      const entries = items.map((item) => [key(item), val(item)] as const);
      const unknown = entries.flat().find(isUnknown);
      return unknown ?? Object.fromEntries(entries.map(([k, v]) => [text(k), v]));
    }
  }
}
