// A Terraform module as `terraform plan` reads it ("Terraform language: Modules", "Resources",
// "Input Variables", "Local Values", "The count Meta-Argument", "The for_each Meta-Argument",
// "dynamic Blocks"): every .tf file of its folder, variables with the values given (or their
// defaults, or unknown), locals, resources and data sources expanded by count and for_each, and
// local child modules with their inputs and outputs. Names are resolved lazily and once; a name
// that needs itself is a cycle error. The result is each resource instance with its arguments
// evaluated, where it is written, and what only apply knows left unknown.
import { isUnknown, type Unknown } from "../../core/types.ts";
import type { SourcePath } from "../../core/source.ts";
import type { Attribute, Block, Body, Expr } from "./syntax.ts";
import { Budget, evaluate, step, type Scope } from "./evaluate.ts";
import { LimitError, TfError } from "./functions.ts";
import { convert } from "./types.ts";
import { isList, isObject, partial, toStringValue, typeName, unknown, type TfObject, type TfValue } from "./values.ts";

export interface ModuleFile {
  readonly file: string;
  readonly body: Body;
}

export interface ModuleSource {
  /** The module's folder, as the reader names it (a path relative to the root module). */
  readonly dir: string;
  readonly files: readonly ModuleFile[];
}

/** A resource instance, its arguments evaluated. */
export interface Instance {
  /** `azurerm_subnet.pe`, `module.net.azurerm_subnet.pe["a"]`. */
  readonly address: string;
  readonly type: string;
  readonly mode: "managed" | "data";
  readonly values: TfObject;
  /** Where its block is: module path, then resource type and name (see TerraformSource). */
  readonly path: SourcePath;
}

export interface Located {
  readonly file: string;
  readonly offset: number;
}

export interface Notice {
  readonly message: string;
  readonly path: SourcePath;
}

export interface ConfigLimits {
  readonly maxSteps: number;
  /** Instances of one resource (count or for_each). */
  readonly maxInstances: number;
  /** Nested module calls. */
  readonly maxModuleDepth: number;
}

export interface ReadConfig {
  /** Local module folders the root calls, by their path relative to the root (as `source` resolves). */
  readonly modules: ReadonlyMap<string, ModuleSource>;
  /**
   * Registry and git modules terraform init installed (.terraform/modules/modules.json): the
   * folder (a key of `modules`) of each module call, by its key (`net` for module.net, `net.subnets`
   * for a call inside it).
   */
  readonly installed?: ReadonlyMap<string, string>;
  /** Values given for the root's variables (tfvars, -var, TF_VAR_), later ones win. */
  readonly variables: Readonly<Record<string, TfValue>>;
  /** The id every resource's resource group sits in when the configuration can't tell its subscription. */
  readonly subscriptionId: string;
  readonly limits: ConfigLimits;
  /** An azurerm or azapi resource's ARM id from its arguments, when they tell it. */
  readonly idOf: (type: string, values: TfObject, address: string) => string | undefined;
  /** What a data source of this type tells without a state (the subscription, for azurerm_client_config). */
  readonly dataValues: (type: string) => Record<string, TfValue>;
  /** A resource's values with the computed attributes that stand for ids filled in (principal ids, as the model names principals; a custom role's id). */
  readonly withComputedIds: (type: string, values: Record<string, TfValue>, id: string | undefined) => Record<string, TfValue>;
}

export interface ConfigResult {
  readonly instances: readonly Instance[];
  readonly positions: ReadonlyMap<string, Located>;
  /** Variables without a value, used: unknown, named once. */
  readonly unset: readonly Notice[];
  /** What was left out or taken as unknown, once each. */
  readonly warnings: readonly Notice[];
}

/** An error the reader reports at a place in a file, with its code. */
export class ConfigError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly file: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export const pathKey = (p: SourcePath): string => p.join("\u0000");

/** Reads the root module and what it calls. */
export function readConfig(root: ModuleSource, options: ReadConfig): ConfigResult {
  const positions = new Map<string, Located>();
  const instances: Instance[] = [];
  const unset: Notice[] = [];
  const warnings: Notice[] = [];
  const budget = new Budget(options.limits.maxSteps);
  const run = new ModuleRun(root, [], options.variables, { options, root, positions, instances, unset, warnings, budget, depth: 0, calling: [root.dir] });
  run.all();
  return { instances, positions, unset, warnings };
}

interface Shared {
  readonly options: ReadConfig;
  readonly root: ModuleSource;
  readonly positions: Map<string, Located>;
  readonly instances: Instance[];
  readonly unset: Notice[];
  readonly warnings: Notice[];
  readonly budget: Budget;
  readonly depth: number;
  /** Module folders on the way here: one that calls itself is a loop. */
  readonly calling: readonly string[];
}

interface Declared<T> {
  readonly node: T;
  readonly file: string;
}

type State<T> = { readonly kind: "done"; readonly value: T } | { readonly kind: "busy" };

class ModuleRun {
  private readonly variables = new Map<string, Declared<Block>>();
  private readonly locals = new Map<string, Declared<Attribute>>();
  private readonly resources = new Map<string, Declared<Block>>();
  private readonly data = new Map<string, Declared<Block>>();
  private readonly calls = new Map<string, Declared<Block>>();
  private readonly outputs = new Map<string, Declared<Block>>();
  private readonly memo = new Map<string, State<TfValue>>();
  private readonly unsetSaid = new Set<string>();

  constructor(
    private readonly source: ModuleSource,
    private readonly prefix: SourcePath,
    private readonly given: Readonly<Record<string, TfValue>>,
    private readonly shared: Shared,
    /** The names of the module calls that lead here (modules.json keys them so). */
    private readonly callKeys: readonly string[] = [],
  ) {
    for (const f of source.files)
      for (const item of f.body.items) {
        if (item.kind !== "block") continue;
        const at = (map: Map<string, Declared<Block>>, key: string, path: SourcePath) => {
          if (map.has(key)) throw new ConfigError("TF002", `${path.join(".")} is declared twice (first in ${map.get(key)!.file})`, f.file, item.start);
          map.set(key, { node: item, file: f.file });
          this.locate(path, f.file, item.start);
          this.locateBody([...this.prefix, ...path], f.file, item.body);
        };
        if (item.type === "variable" && item.labels.length === 1) at(this.variables, item.labels[0], ["variable", item.labels[0]]);
        else if (item.type === "resource" && item.labels.length === 2) at(this.resources, `${item.labels[0]}.${item.labels[1]}`, ["resource", item.labels[0], item.labels[1]]);
        else if (item.type === "data" && item.labels.length === 2) at(this.data, `${item.labels[0]}.${item.labels[1]}`, ["data", item.labels[0], item.labels[1]]);
        else if (item.type === "module" && item.labels.length === 1) at(this.calls, item.labels[0], ["module", item.labels[0]]);
        else if (item.type === "output" && item.labels.length === 1) at(this.outputs, item.labels[0], ["output", item.labels[0]]);
        else if (item.type === "locals")
          for (const a of item.body.items) {
            if (a.kind !== "attribute") continue;
            if (this.locals.has(a.name)) throw new ConfigError("TF002", `local.${a.name} is declared twice`, f.file, a.start);
            this.locals.set(a.name, { node: a, file: f.file });
            this.locate(["local", a.name], f.file, a.start);
          }
      }
    for (const name of Object.keys(given))
      if (!this.variables.has(name) && prefix.length === 0) this.shared.warnings.push({ message: `a value is given for variable '${name}', which the configuration doesn't declare`, path: [] });
  }

  private locate(path: SourcePath, file: string, offset: number): void {
    const key = pathKey([...this.prefix, ...path]);
    if (!this.shared.positions.has(key)) this.shared.positions.set(key, { file, offset });
  }

  private locateBody(path: SourcePath, file: string, body: Body): void {
    const count = new Map<string, number>();
    for (const item of body.items) {
      if (item.kind === "attribute") {
        const key = pathKey([...path, item.name]);
        if (!this.shared.positions.has(key)) this.shared.positions.set(key, { file, offset: item.start });
      } else {
        const i = count.get(item.type) ?? 0;
        count.set(item.type, i + 1);
        const key = pathKey([...path, item.type, i]);
        if (!this.shared.positions.has(key)) this.shared.positions.set(key, { file, offset: item.start });
        this.locateBody([...path, item.type, i], file, item.body);
      }
    }
  }

  /** Evaluates every resource, data source and module call (as plan does). */
  all(): void {
    for (const key of this.resources.keys()) this.resource("resource", key);
    for (const key of this.data.keys()) this.resource("data", key);
    for (const name of this.calls.keys()) this.module(name);
  }

  private scope(file: string, extra: Readonly<Record<string, TfValue>> = {}): Scope {
    return {
      root: (name, at) => {
        if (name in extra) return extra[name];
        switch (name) {
          case "var":
            return this.varObject(at);
          case "local":
            return this.lazyObject("local", [...this.locals.keys()], (n) => this.local(n));
          case "module":
            return this.lazyObject("module", [...this.calls.keys()], (n) => this.module(n));
          case "data":
            return this.dataObject();
          case "path":
            return { module: this.source.dir, root: ".", cwd: "." };
          case "terraform":
            return { workspace: "default" };
          case "count":
          case "each":
          case "self":
            throw new TfError(`${name} is only available inside a resource or module block that sets ${name === "self" ? "a provisioner" : name === "each" ? "for_each" : "count"}`, at);
        }
        const types = [...this.resources.keys()].filter((k) => k.startsWith(`${name}.`));
        if (types.length) return this.lazyObject(name, types.map((k) => k.slice(name.length + 1)), (n) => this.resource("resource", `${name}.${n}`));
        throw new TfError(`there is no ${JSON.stringify(name)} here: a reference starts with var., local., module., data., a resource type, count., each. or path.`, at);
      },
    };
  }

  /** An object whose members are computed when read: only what is referenced is evaluated. */
  private lazyObject(root: string, names: readonly string[], get: (name: string, at: number) => TfValue): TfObject {
    const target: Record<string, TfValue> = {};
    return new Proxy(target, {
      get: (_, key) => {
        if (typeof key !== "string") return undefined;
        if (!names.includes(key)) return undefined;
        return get(key, 0);
      },
      has: (_, key) => typeof key === "string" && names.includes(key),
      ownKeys: () => [...names],
      getOwnPropertyDescriptor: (_, key) => (typeof key === "string" && names.includes(key) ? { enumerable: true, configurable: true, value: get(key, 0) } : undefined),
    }) as TfObject;
  }

  private varObject(at: number): TfObject {
    return this.lazyObject("var", [...this.variables.keys()], (n) => this.variable(n, at));
  }

  private variable(name: string, at: number): TfValue {
    const d = this.variables.get(name)!;
    return this.once(`var.${name}`, d, () => {
      const type = d.node.body.items.find((i): i is Attribute => i.kind === "attribute" && i.name === "type")?.value;
      if (Object.prototype.hasOwnProperty.call(this.given, name)) return convert(this.given[name], type, this.shared.budget);
      const def = d.node.body.items.find((i): i is Attribute => i.kind === "attribute" && i.name === "default");
      if (def) return convert(this.evalIn(def.value, d.file), type, this.shared.budget);
      if (!this.unsetSaid.has(name)) {
        this.unsetSaid.add(name);
        this.shared.unset.push({ message: `variable '${name}'${this.prefix.length ? ` of ${this.prefix.join(".")}` : ""} has no value (no default, not in a .tfvars file, -var or TF_VAR_${name}): what depends on it is unknown`, path: [...this.prefix, "variable", name] });
      }
      return unknown(`variable '${name}' has no value`, at);
    });
  }

  private local(name: string): TfValue {
    const d = this.locals.get(name)!;
    return this.once(`local.${name}`, d, () => this.evalIn(d.node.value, d.file));
  }

  /** A memo with cycle detection: a name that needs itself is an error where it is read again. */
  private once(key: string, declared: Declared<Block | Attribute>, compute: () => TfValue): TfValue {
    const s = this.memo.get(key);
    if (s?.kind === "done") return s.value;
    if (s?.kind === "busy") throw new ConfigError("TF003", `${key} depends on itself: a reference cycle`, declared.file, declared.node.start);
    this.memo.set(key, { kind: "busy" });
    try {
      const value = compute();
      this.memo.set(key, { kind: "done", value });
      return value;
    } catch (e) {
      this.memo.delete(key);
      throw e;
    }
  }

  private dataObject(): TfObject {
    const types = [...new Set([...this.data.keys()].map((k) => k.split(".")[0]))];
    return this.lazyObject("data", types, (t) => this.lazyObject(`data.${t}`, [...this.data.keys()].filter((k) => k.startsWith(`${t}.`)).map((k) => k.slice(t.length + 1)), (n) => this.resource("data", `${t}.${n}`)));
  }

  /** A resource's (or data source's) value as references see it: one instance, a list (count) or a map (for_each). */
  private resource(mode: "resource" | "data", key: string): TfValue {
    const d = (mode === "resource" ? this.resources : this.data).get(key)!;
    return this.once(`${mode === "data" ? "data." : ""}${key}`, d, () => {
      const [type, name] = key.split(".");
      const path: SourcePath = [...this.prefix, mode, type, name];
      const meta = this.meta(d, path);
      if (meta.kind === "unknown") return meta.value;
      const expand = (extra: Readonly<Record<string, TfValue>>, suffix: string) => {
        const values = this.block(d.node.body, d.file, extra, [...path]);
        const address = `${this.prefix.length ? `${this.prefix.join(".")}.` : ""}${mode === "data" ? "data." : ""}${key}${suffix}`;
        const withId = this.computed(type, values, address, mode);
        this.shared.instances.push({ address, type, mode: mode === "data" ? "data" : "managed", values: withId, path });
        return withId;
      };
      if (meta.kind === "single") return expand({}, "");
      if (meta.kind === "count") return Array.from({ length: meta.count }, (_, i) => expand({ count: { index: i } }, `[${i}]`));
      const out: Record<string, TfValue> = {};
      for (const [k, v] of meta.entries) out[k] = expand({ each: { key: k, value: v } }, `[${JSON.stringify(k)}]`);
      return out;
    });
  }

  /**
   * What apply adds: the id (built from the arguments, for a data source as for a resource: a
   * reference to the VNet a data source finds names that VNet), every other attribute unknown.
   */
  private computed(type: string, values: Record<string, TfValue>, address: string, mode: "resource" | "data"): TfObject {
    const id = this.shared.options.idOf(type, values, address);
    const known = mode === "data" ? this.shared.options.dataValues(type) : {};
    return partial({ ...known, ...this.shared.options.withComputedIds(type, values, id), ...(id !== undefined ? { id } : {}) }, address);
  }

  private meta(d: Declared<Block>, path: SourcePath): { kind: "single" } | { kind: "count"; count: number } | { kind: "each"; entries: [string, TfValue][] } | { kind: "unknown"; value: Unknown } {
    const attr = (n: string) => d.node.body.items.find((i): i is Attribute => i.kind === "attribute" && i.name === n);
    const count = attr("count");
    const forEach = attr("for_each");
    const where = (a: Attribute) => ({ file: d.file, offset: a.value.start });
    const guard = (n: number, a: Attribute) => {
      if (n > this.shared.options.limits.maxInstances) throw new ConfigError("TF005", `${a.name} makes ${n.toLocaleString("en-US")} instances of ${path.slice(-2).join(".")}, more than ${this.shared.options.limits.maxInstances.toLocaleString("en-US")} (raise it with --max-resources)`, d.file, a.value.start);
    };
    if (count) {
      const v = this.evalIn(count.value, d.file);
      if (isUnknown(v)) return this.unknownMeta(v, count, path, where(count));
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new ConfigError("TF004", `count must be a whole number of 0 or more, not ${typeName(v)} ${JSON.stringify(v)}`, d.file, count.value.start);
      guard(v, count);
      return { kind: "count", count: v };
    }
    if (forEach) {
      const v = this.evalIn(forEach.value, d.file);
      if (isUnknown(v)) return this.unknownMeta(v, forEach, path, where(forEach));
      let entries: [string, TfValue][];
      if (isObject(v)) entries = Object.keys(v).sort().map((k) => [k, v[k]]);
      else if (isList(v)) {
        const keys = v.map((x) => toStringValue(x));
        if (keys.some((k) => k === undefined)) throw new ConfigError("TF004", "for_each over a set takes a set of strings", d.file, forEach.value.start);
        entries = [...new Set(keys as string[])].sort().map((k) => [k, k]);
      } else throw new ConfigError("TF004", `for_each takes a map or a set of strings, not ${typeName(v)}`, d.file, forEach.value.start);
      guard(entries.length, forEach);
      return { kind: "each", entries };
    }
    return { kind: "single" };
  }

  /**
   * count or for_each over a value the configuration can't tell: a variable without a value is an
   * unknown (the resource is left out, said once); a value known only after apply is an error, as
   * `terraform plan` reports it ("Invalid count argument").
   */
  private unknownMeta(v: Unknown, a: Attribute, path: SourcePath, where: Located): { kind: "unknown"; value: Unknown } {
    if (/known only after apply/.test(v.reason))
      throw new ConfigError("TF004", `${a.name} depends on ${v.reason}: Terraform can't plan how many instances to make ("Invalid ${a.name} argument"); use values the configuration knows`, where.file, where.offset);
    this.shared.warnings.push({ message: `${a.name} of ${path.slice(-2).join(".")} depends on ${v.reason}: its instances are left out`, path: [...path, a.name] });
    return { kind: "unknown", value: v };
  }

  private evalIn(e: Expr, file: string, extra: Readonly<Record<string, TfValue>> = {}): TfValue {
    try {
      return evaluate(e, this.scope(file, extra), this.shared.budget);
    } catch (x) {
      if (x instanceof TfError) throw new ConfigError(x instanceof LimitError ? "TF005" : "TF002", x.message, file, x.at);
      throw x;
    }
  }

  /** A block's arguments and nested blocks as an object (blocks as lists, dynamic blocks expanded). */
  private block(body: Body, file: string, extra: Readonly<Record<string, TfValue>>, path: SourcePath): Record<string, TfValue> {
    const out: Record<string, TfValue> = {};
    for (const item of body.items) {
      if (item.kind === "attribute") {
        if (item.name === "count" || item.name === "for_each" || item.name === "depends_on" || item.name === "provider") continue;
        out[item.name] = this.evalIn(item.value, file, extra);
        continue;
      }
      if (item.type === "lifecycle" || item.type === "provisioner" || item.type === "connection" || item.type === "timeouts") continue;
      if (item.type === "dynamic" && item.labels.length === 1) {
        const [blockType] = item.labels;
        const forEach = item.body.items.find((i): i is Attribute => i.kind === "attribute" && i.name === "for_each");
        const iterator = item.body.items.find((i): i is Attribute => i.kind === "attribute" && i.name === "iterator");
        const content = item.body.items.find((i): i is Block => i.kind === "block" && i.type === "content");
        if (!forEach || !content) throw new ConfigError("TF002", `dynamic "${blockType}" needs for_each and a content block`, file, item.start);
        const coll = this.evalIn(forEach.value, file, extra);
        const list = (out[blockType] as TfValue[] | undefined) ?? [];
        if (isUnknown(coll)) {
          out[blockType] = coll;
          continue;
        }
        const name = iterator && iterator.value.kind === "variable" ? iterator.value.name : blockType;
        const entries: [TfValue, TfValue][] = isList(coll) ? coll.map((v, i) => [i, v]) : isObject(coll) ? Object.keys(coll).sort().map((k) => [k, coll[k]]) : [];
        for (const [k, v] of entries) list.push(partial(this.block(content.body, file, { ...extra, [name]: { key: k, value: v } }, path), `${path.slice(-2).join(".")}.${blockType}`));
        out[blockType] = list;
        continue;
      }
      const prior = out[item.type];
      const list = isList(prior) ? [...prior] : [];
      // A nested block's attributes it doesn't set (identity's principal_id) are known after apply.
      list.push(partial(this.block(item.body, file, extra, path), `${path.slice(-2).join(".")}.${item.type}`));
      out[item.type] = list;
    }
    return out;
  }

  /** A module call's outputs (a child module on disk), or unknown when its source isn't here. */
  private module(name: string): TfValue {
    const d = this.calls.get(name)!;
    return this.once(`module.${name}`, d, () => {
      const attrs = d.node.body.items.filter((i): i is Attribute => i.kind === "attribute");
      const sourceAttr = attrs.find((a) => a.name === "source");
      const src = sourceAttr && sourceAttr.value.kind === "literal" && typeof sourceAttr.value.value === "string" ? sourceAttr.value.value : undefined;
      const path: SourcePath = [...this.prefix, "module", name];
      const local = !!src && /^\.\.?\//.test(src);
      // A registry or git module: where terraform init installed it, keyed by the calls leading to it.
      const key = [...this.callKeys, name].join(".");
      const dir = local ? joinDir(this.source.dir, src!) : this.shared.options.installed?.get(key);
      const child = dir === "." ? this.shared.root : dir !== undefined ? this.shared.options.modules.get(dir) : undefined;
      if (!child) {
        this.shared.warnings.push({ message: `module '${name}' (${src ?? "no source"}) isn't on disk${src && !local ? " (run terraform init to fetch registry and git modules)" : ""}: what it makes and returns is unknown`, path });
        return partial({}, `module.${name}`);
      }
      if (this.shared.calling.includes(child.dir) || this.shared.depth >= this.shared.options.limits.maxModuleDepth)
        throw new ConfigError("TF003", `module '${name}' calls ${child.dir}, which is already being read (${[...this.shared.calling, child.dir].join(" → ")}): a module loop`, d.file, d.node.start);
      const call = (extra: Readonly<Record<string, TfValue>>, suffix: string): TfObject => {
        const inputs: Record<string, TfValue> = {};
        for (const a of attrs) if (!["source", "version", "providers", "depends_on", "count", "for_each"].includes(a.name)) inputs[a.name] = this.evalIn(a.value, d.file, extra);
        const run = new ModuleRun(child, [...this.prefix, "module", `${name}${suffix}`], inputs, { ...this.shared, depth: this.shared.depth + 1, calling: [...this.shared.calling, child.dir] }, [...this.callKeys, name]);
        run.all();
        return run.outputValues();
      };
      // count and for_each on a module call make one instance of the module each ("The count
      // Meta-Argument": module.x[0], "The for_each Meta-Argument": module.x["key"]).
      const meta = this.meta(d, path);
      if (meta.kind === "unknown") return meta.value;
      if (meta.kind === "single") return call({}, "");
      if (meta.kind === "count") return Array.from({ length: meta.count }, (_, i) => call({ count: { index: i } }, `[${i}]`));
      const out: Record<string, TfValue> = {};
      for (const [k, v] of meta.entries) out[k] = call({ each: { key: k, value: v } }, `[${JSON.stringify(k)}]`);
      return out;
    });
  }

  outputValues(): TfObject {
    const out: Record<string, TfValue> = {};
    for (const [name, d] of this.outputs) {
      const value = d.node.body.items.find((i): i is Attribute => i.kind === "attribute" && i.name === "value");
      out[name] = value ? this.evalIn(value.value, d.file) : null;
    }
    return out;
  }
}

/** A module folder relative to the root: `source` resolved against the calling module's folder. */
export function joinDir(base: string, rel: string): string {
  const parts = base === "." ? [] : base.split("/");
  for (const p of rel.split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") {
      if (parts.length && parts[parts.length - 1] !== "..") parts.pop();
      else parts.push("..");
    } else parts.push(p);
  }
  return parts.length ? parts.join("/") : ".";
}

/** Local module sources a module's files call (to read their folders before evaluating). */
export function localModuleSources(files: readonly ModuleFile[]): string[] {
  const out: string[] = [];
  for (const f of files)
    for (const item of f.body.items) {
      if (item.kind !== "block" || item.type !== "module") continue;
      const src = item.body.items.find((i): i is Attribute => i.kind === "attribute" && i.name === "source");
      if (src && src.value.kind === "literal" && typeof src.value.value === "string" && /^\.\.?\//.test(src.value.value)) out.push(src.value.value);
    }
  return out;
}

export { step };
