// The Terraform functions configurations use, as "Terraform language: Functions" documents each.
// An Unknown argument makes the result unknown (what Terraform shows as "known after apply"),
// except where the function decides without it (try, can, coalesce, length of a known list).
// Functions that read files, time or randomness are unknown: a front end reads no files and
// amlnet's answers don't change from run to run.
import { isUnknown } from "../../core/types.ts";
import { formatCidr, last, parseCidr } from "../../core/net/cidr.ts";
import { equalValues, firstUnknown, isList, isObject, toStringValue, typeName, unknown, type TfObject, type TfValue } from "./values.ts";

/** An evaluation error at an offset of the file (a function given what it can't take). */
export class TfError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/** A bound crossed (the evaluation step budget): never caught by try() or can(). */
export class LimitError extends TfError {}

type Fn = (args: readonly TfValue[], at: number) => TfValue;

const str = (v: TfValue, at: number, fn: string): string => {
  const s = toStringValue(v);
  if (s === undefined) throw new TfError(`${fn}(): a string is required, not ${typeName(v)}`, at);
  return s;
};
const num = (v: TfValue, at: number, fn: string): number => {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n)) throw new TfError(`${fn}(): a number is required, not ${typeName(v)}`, at);
  return n;
};
const list = (v: TfValue, at: number, fn: string): readonly TfValue[] => {
  if (isList(v)) return v;
  throw new TfError(`${fn}(): a list or set is required, not ${typeName(v)}`, at);
};
const obj = (v: TfValue, at: number, fn: string): TfObject => {
  if (isObject(v)) return v;
  throw new TfError(`${fn}(): a map or object is required, not ${typeName(v)}`, at);
};
const distinct = (xs: readonly TfValue[]): TfValue[] => xs.filter((x, i) => xs.findIndex((y) => equalValues(x, y)) === i);

/** "format": %s, %d, %f, %v, %q, %% and widths as Go's fmt spells them, the subset configurations use. */
function format(spec: string, args: readonly TfValue[], at: number): string {
  let i = 0;
  return spec.replace(/%([-+ 0#]*)(\d+)?(?:\.(\d+))?([sdfvqt%])/g, (_, _flags: string, width: string | undefined, precision: string | undefined, verb: string) => {
    if (verb === "%") return "%";
    if (i >= args.length) throw new TfError(`format(): not enough arguments for "${spec}"`, at);
    const a = args[i++];
    let s: string;
    if (verb === "d") s = String(Math.trunc(num(a, at, "format")));
    else if (verb === "f") s = num(a, at, "format").toFixed(precision ? Number(precision) : 6);
    else if (verb === "q") s = JSON.stringify(str(a, at, "format"));
    else if (verb === "v" && (isList(a) || isObject(a))) s = JSON.stringify(a);
    else s = str(a, at, "format");
    return width ? s.padStart(Number(width)) : s;
  });
}

/** Go regular expressions in the forms configurations use, read as JavaScript ones. */
function regex(pattern: string, at: number): RegExp {
  try {
    return new RegExp(pattern.replace(/\(\?P</g, "(?<"), "u");
  } catch {
    throw new TfError(`invalid regular expression ${JSON.stringify(pattern)}`, at);
  }
}

export const FUNCTIONS: Readonly<Record<string, Fn>> = {
  // Strings.
  lower: ([s], at) => str(s, at, "lower").toLowerCase(),
  upper: ([s], at) => str(s, at, "upper").toUpperCase(),
  title: ([s], at) => str(s, at, "title").replace(/\b\w/g, (c) => c.toUpperCase()),
  trimspace: ([s], at) => str(s, at, "trimspace").trim(),
  trim: ([s, cut], at) => {
    const chars = new Set(str(cut, at, "trim"));
    let t = str(s, at, "trim");
    while (t && chars.has(t[0])) t = t.slice(1);
    while (t && chars.has(t[t.length - 1])) t = t.slice(0, -1);
    return t;
  },
  trimprefix: ([s, p], at) => (str(s, at, "trimprefix").startsWith(str(p, at, "trimprefix")) ? str(s, at, "trimprefix").slice(str(p, at, "trimprefix").length) : str(s, at, "trimprefix")),
  trimsuffix: ([s, p], at) => (str(s, at, "trimsuffix").endsWith(str(p, at, "trimsuffix")) && str(p, at, "trimsuffix") ? str(s, at, "trimsuffix").slice(0, -str(p, at, "trimsuffix").length) : str(s, at, "trimsuffix")),
  startswith: ([s, p], at) => str(s, at, "startswith").startsWith(str(p, at, "startswith")),
  endswith: ([s, p], at) => str(s, at, "endswith").endsWith(str(p, at, "endswith")),
  strcontains: ([s, p], at) => str(s, at, "strcontains").includes(str(p, at, "strcontains")),
  substr: ([s, o, l], at) => {
    const chars = [...str(s, at, "substr")];
    const off = num(o, at, "substr");
    const start = off < 0 ? chars.length + off : off;
    const len = num(l, at, "substr");
    return chars.slice(start, len < 0 ? undefined : start + len).join("");
  },
  format: ([spec, ...args], at) => format(str(spec, at, "format"), args, at),
  formatlist: ([spec, ...args], at) => {
    const n = Math.max(0, ...args.filter(isList).map((a) => a.length));
    return Array.from({ length: n }, (_, i) => format(str(spec, at, "formatlist"), args.map((a) => (isList(a) ? a[i] : a)), at));
  },
  join: ([sep, ...lists], at) =>
    lists
      .flatMap((l) => list(l, at, "join"))
      .map((x) => str(x, at, "join"))
      .join(str(sep, at, "join")),
  split: ([sep, s], at) => str(s, at, "split").split(str(sep, at, "split")),
  replace: ([s, from, to], at) => {
    const text = str(s, at, "replace");
    const f = str(from, at, "replace");
    const t = str(to, at, "replace").replace(/\$\{?(\d+)\}?/g, "$$$1");
    // A search string in slashes is a regular expression.
    if (f.length > 1 && f.startsWith("/") && f.endsWith("/")) return text.replace(new RegExp(regex(f.slice(1, -1), at).source, "gu"), t);
    return text.split(f).join(str(to, at, "replace"));
  },
  regex: ([p, s], at) => {
    const m = regex(str(p, at, "regex"), at).exec(str(s, at, "regex"));
    if (!m) throw new TfError(`regex(): no match for ${JSON.stringify(str(p, at, "regex"))}`, at);
    if (m.groups) return { ...m.groups } as TfObject;
    return m.length > 1 ? m.slice(1).map((x) => x ?? null) : m[0];
  },
  regexall: ([p, s], at) => [...str(s, at, "regexall").matchAll(new RegExp(regex(str(p, at, "regexall"), at).source, "gu"))].map((m) => (m.length > 1 ? m.slice(1).map((x) => x ?? null) : m[0])),
  tostring: ([v], at) => (v === null ? null : str(v, at, "tostring")),
  tonumber: ([v], at) => (v === null ? null : num(v, at, "tonumber")),
  tobool: ([v], at) => {
    if (v === null || typeof v === "boolean") return v;
    if (v === "true" || v === "false") return v === "true";
    throw new TfError(`tobool(): ${typeName(v)} can't be a bool`, at);
  },
  // Numbers.
  abs: ([n], at) => Math.abs(num(n, at, "abs")),
  ceil: ([n], at) => Math.ceil(num(n, at, "ceil")),
  floor: ([n], at) => Math.floor(num(n, at, "floor")),
  min: (ns, at) => Math.min(...ns.map((n) => num(n, at, "min"))),
  max: (ns, at) => Math.max(...ns.map((n) => num(n, at, "max"))),
  pow: ([a, b], at) => num(a, at, "pow") ** num(b, at, "pow"),
  signum: ([n], at) => Math.sign(num(n, at, "signum")),
  parseint: ([s, base], at) => {
    const n = parseInt(str(s, at, "parseint"), num(base, at, "parseint"));
    if (Number.isNaN(n)) throw new TfError(`parseint(): ${JSON.stringify(s)} isn't a number in base ${base}`, at);
    return n;
  },
  // Collections.
  length: ([v], at) => {
    if (typeof v === "string") return [...v].length;
    if (isList(v)) return v.length;
    if (isObject(v)) return Object.keys(v).length;
    throw new TfError(`length(): ${typeName(v)} has no length`, at);
  },
  concat: (ls, at) => ls.flatMap((l) => list(l, at, "concat")),
  flatten: ([l], at) => {
    const out: TfValue[] = [];
    const walk = (x: TfValue) => (isList(x) ? x.forEach(walk) : out.push(x));
    list(l, at, "flatten").forEach(walk);
    return out;
  },
  distinct: ([l], at) => distinct(list(l, at, "distinct")),
  toset: ([l], at) => (l === null ? null : distinct(list(l, at, "toset"))),
  tolist: ([l], at) => (l === null ? null : list(l, at, "tolist")),
  tomap: ([m], at) => (m === null ? null : obj(m, at, "tomap")),
  compact: ([l], at) => list(l, at, "compact").filter((x) => x !== null && x !== ""),
  contains: ([l, v], at) => list(l, at, "contains").some((x) => equalValues(x, v)),
  index: ([l, v], at) => {
    const i = list(l, at, "index").findIndex((x) => equalValues(x, v));
    if (i < 0) throw new TfError("index(): the value isn't in the list", at);
    return i;
  },
  element: ([l, i], at) => {
    const xs = list(l, at, "element");
    if (!xs.length) throw new TfError("element(): the list is empty", at);
    const n = num(i, at, "element");
    return xs[((n % xs.length) + xs.length) % xs.length];
  },
  slice: ([l, a, b], at) => list(l, at, "slice").slice(num(a, at, "slice"), num(b, at, "slice")),
  reverse: ([l], at) => [...list(l, at, "reverse")].reverse(),
  sort: ([l], at) => list(l, at, "sort").map((x) => str(x, at, "sort")).sort(),
  range: (args, at) => {
    const ns = args.map((a) => num(a, at, "range"));
    const [start, end, step] = ns.length === 1 ? [0, ns[0], 1] : [ns[0], ns[1], ns[2] ?? (ns[1] >= ns[0] ? 1 : -1)];
    if (step === 0) throw new TfError("range(): the step can't be 0", at);
    const count = Math.max(0, Math.ceil((end - start) / step));
    if (count > 1024) throw new TfError(`range(): ${count} elements, more than Terraform's 1024`, at);
    return Array.from({ length: count }, (_, i) => start + i * step);
  },
  keys: ([m], at) => Object.keys(obj(m, at, "keys")).sort(),
  values: ([m], at) => {
    const o = obj(m, at, "values");
    return Object.keys(o)
      .sort()
      .map((k) => o[k]);
  },
  lookup: ([m, k, d], at) => {
    const o = obj(m, at, "lookup");
    const key = str(k, at, "lookup");
    if (key in o) return o[key];
    if (d === undefined) throw new TfError(`lookup(): no key ${JSON.stringify(key)} and no default`, at);
    return d;
  },
  merge: (ms, at) => Object.assign({}, ...ms.filter((m) => m !== null).map((m) => obj(m, at, "merge"))) as TfObject,
  zipmap: ([ks, vs], at) => Object.fromEntries(list(ks, at, "zipmap").map((k, i) => [str(k, at, "zipmap"), list(vs, at, "zipmap")[i] ?? null])) as TfObject,
  setunion: (ls, at) => distinct(ls.flatMap((l) => list(l, at, "setunion"))),
  setintersection: ([first, ...rest], at) => distinct(list(first, at, "setintersection").filter((x) => rest.every((l) => list(l, at, "setintersection").some((y) => equalValues(x, y))))),
  setsubtract: ([a, b], at) => distinct(list(a, at, "setsubtract").filter((x) => !list(b, at, "setsubtract").some((y) => equalValues(x, y)))),
  one: ([l], at) => {
    if (l === null) return null;
    const xs = list(l, at, "one");
    if (xs.length > 1) throw new TfError(`one(): the list has ${xs.length} elements`, at);
    return xs[0] ?? null;
  },
  alltrue: ([l], at) => list(l, at, "alltrue").every((x) => x === true || x === "true"),
  anytrue: ([l], at) => list(l, at, "anytrue").some((x) => x === true || x === "true"),
  coalescelist: (ls, at) => ls.map((l) => list(l, at, "coalescelist")).find((l) => l.length > 0) ?? [],
  // Encoding.
  jsonencode: ([v]) => JSON.stringify(v),
  jsondecode: ([s], at) => {
    try {
      return JSON.parse(str(s, at, "jsondecode")) as TfValue;
    } catch {
      throw new TfError("jsondecode(): not JSON", at);
    }
  },
  base64encode: ([s], at) => Buffer.from(str(s, at, "base64encode"), "utf8").toString("base64"),
  base64decode: ([s], at) => Buffer.from(str(s, at, "base64decode"), "base64").toString("utf8"),
  // Network.
  cidrsubnet: ([prefix, newbits, netnum], at) => {
    const c = parseCidr(str(prefix, at, "cidrsubnet"), true);
    if (!c) throw new TfError(`cidrsubnet(): ${JSON.stringify(prefix)} isn't an IPv4 prefix`, at);
    const bits = c.bits + num(newbits, at, "cidrsubnet");
    const n = num(netnum, at, "cidrsubnet");
    if (bits > 32 || n < 0 || n >= 2 ** (bits - c.bits)) throw new TfError("cidrsubnet(): the new prefix doesn't fit", at);
    return formatCidr({ base: c.base + n * 2 ** (32 - bits), bits });
  },
  cidrhost: ([prefix, hostnum], at) => {
    const c = parseCidr(str(prefix, at, "cidrhost"), true);
    if (!c) throw new TfError(`cidrhost(): ${JSON.stringify(prefix)} isn't an IPv4 prefix`, at);
    const n = num(hostnum, at, "cidrhost");
    const size = 2 ** (32 - c.bits);
    const ip = n >= 0 ? c.base + n : last(c) + 1 + n;
    if (Math.abs(n) >= size + (n < 0 ? 1 : 0)) throw new TfError("cidrhost(): the host number doesn't fit", at);
    return formatCidr({ base: ip, bits: 32 }).replace(/\/32$/, "");
  },
  cidrnetmask: ([prefix], at) => {
    const c = parseCidr(str(prefix, at, "cidrnetmask"), true);
    if (!c) throw new TfError(`cidrnetmask(): ${JSON.stringify(prefix)} isn't an IPv4 prefix`, at);
    const mask = c.bits === 0 ? 0 : (0xffffffff << (32 - c.bits)) >>> 0;
    return [24, 16, 8, 0].map((s) => (mask >>> s) & 255).join(".");
  },
};

/** Functions whose result exists only after apply or outside the configuration. */
const AFTER_APPLY_FUNCTIONS: ReadonlySet<string> = new Set(["uuid", "timestamp", "bcrypt", "uuidv5", "file", "filebase64", "fileexists", "fileset", "templatefile", "filemd5", "filesha256", "md5", "sha1", "sha256", "sha512", "base64sha256", "plantimestamp", "timeadd", "formatdate", "abspath", "pathexpand"]);

/** Calls a function on evaluated arguments: Unknowns propagate, errors are TfErrors. */
export function callFunction(name: string, args: readonly TfValue[], at: number): TfValue {
  const bare = name.replace(/^provider::[^:]+::/, "");
  if (AFTER_APPLY_FUNCTIONS.has(bare)) return unknown(`${bare}(), known only when Terraform runs`, at);
  // length() of a known list with unknown elements is known; others wait for every argument.
  if (bare === "length" && isList(args[0])) return args[0].length;
  if (bare === "coalesce") {
    for (const a of args) {
      if (isUnknown(a)) return a;
      if (a !== null && a !== "") return a;
    }
    throw new TfError("coalesce(): every argument is null or empty", at);
  }
  const fn = FUNCTIONS[bare];
  if (!fn) throw new TfError(`there is no function named ${JSON.stringify(name)}`, at);
  const u = args.map(firstUnknown).find((x) => x);
  if (u && bare !== "merge" && bare !== "concat" && bare !== "jsonencode" && bare !== "tolist" && bare !== "toset" && bare !== "flatten") return u;
  if (u && bare === "jsonencode") return u;
  return fn(args, at);
}
