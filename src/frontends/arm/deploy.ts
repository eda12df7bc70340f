// What a template deploys: every resource instance, after copy loops and conditions,
// with inline child resources flattened, nested deployments (inline templates, inner or outer
// expression scope, other resource groups) opened, languageVersion 2.0's symbolic names and
// `existing` resources, and reference() answered from the template itself where it can be:
// a nested deployment's outputs, or the properties a resource is declared with (what only Azure
// knows stays unknown). Deployments are structure, not resources: they don't reach the model.
import { ARM_LIMITS, Budget, LimitError, type TemplateLimits } from "./limits.ts";
import { idKey } from "../../core/ids.ts";
import type { SourcePath } from "../../core/source.ts";
import { EvaluationError, isUnknown, partial, type Scope, type Value } from "./evaluate.ts";
import { checkedCount, copyLoop, evaluateValue, isNullable, LocatedError, templateScope, withCopyIndex, type Deployment, type Diagnostics, type TemplateJson } from "./scope.ts";

export interface Instance {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  /** The evaluated resource body (location, kind, sku, identity, properties, scope…). */
  readonly body: { readonly [k: string]: Value };
  /** Declared `existing` (languageVersion 2.0): referenced, not deployed. */
  readonly existing: boolean;
  /** Where the declaration is in the file. */
  readonly source: SourcePath;
  /** A condition that couldn't be known: deployed only if it holds. */
  readonly condition?: Value;
}

export interface Problem {
  readonly severity: "error" | "warning";
  readonly message: string;
  readonly path: SourcePath;
  /** Offset in the string at `path`. */
  readonly at: number;
  /** A template limit crossed (AR006). */
  readonly limit?: boolean;
  /** Parameters left without a value, taken as unknown (AML908). */
  readonly unset?: boolean;
}

export interface Deployed {
  readonly instances: readonly Instance[];
  readonly problems: readonly Problem[];
  readonly outputs: { readonly [k: string]: Value };
  /** The deployment failed to open (its error is reported): what reads its outputs gets unknowns. */
  readonly failed?: true;
}

interface Template extends TemplateJson {
  readonly languageVersion?: string;
  readonly resources?: readonly RawResource[] | Record<string, RawResource>;
  readonly outputs?: Record<string, { readonly value?: unknown; readonly copy?: { count: unknown; input: unknown } }>;
}

interface RawResource {
  readonly type: string;
  readonly name: string;
  readonly apiVersion?: string;
  readonly condition?: unknown;
  readonly existing?: boolean;
  readonly copy?: { readonly name?: string; readonly count: unknown };
  readonly resources?: readonly RawResource[];
  readonly scope?: unknown;
  readonly resourceGroup?: unknown;
  readonly subscriptionId?: unknown;
  readonly properties?: Record<string, unknown>;
  readonly [k: string]: unknown;
}

/** One declared instance, its body evaluated on demand (reference() may ask before its turn). */
interface Declared {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly raw: RawResource;
  readonly symbol?: string;
  readonly scope: Scope;
  readonly deployment: Deployment;
  readonly source: SourcePath;
  readonly condition?: Value;
  body?: { readonly [k: string]: Value } | "evaluating" | "failed";
  nested?: Deployed;
}

const DEPLOYMENTS = "microsoft.resources/deployments";
// Body fields that are structure, not the resource's own settings.
const STRUCTURE: ReadonlySet<string> = new Set(["copy", "condition", "resources", "dependsOn", "existing", "comments", "apiVersion", "type", "name"]);

export function deployTemplate(template: unknown, given: Readonly<Record<string, unknown>>, deployment: Deployment, limits: Readonly<TemplateLimits> = ARM_LIMITS): Deployed {
  const problems: Problem[] = [];
  const run = new Run(problems, new Budget(limits));
  const result = run.template(template as Template, given, deployment, [], undefined);
  return { ...result, problems };
}

class Run {
  /** Every declared instance, by id, across nested deployments (reference() by id). */
  private readonly byId = new Map<string, Declared>();
  /** Every nested deployment declared so far, in declaration order. */
  private readonly deployments: Declared[] = [];
  /** The resources whose bodies are being evaluated, innermost last: a reference() into one is a cycle. */
  private readonly evaluating: Declared[] = [];
  /** Nested deployments being opened, outermost first: reading the outputs of one of them is a cycle. */
  private readonly opening: Declared[] = [];

  constructor(
    private readonly problems: Problem[],
    private readonly budget: Budget,
  ) {}

  private readonly diagnostics: Diagnostics = {
    warn: (message, path, at) => this.problems.push({ severity: "warning", message, path, at }),
  };

  private error(e: unknown): void {
    if (e instanceof LocatedError) this.problems.push({ severity: "error", message: e.message, path: e.path, at: e.at, ...(e.limit ? { limit: true } : {}) });
    else throw e;
  }

  /** ARM's limits on one template's declarations ("ARM template best practices", Template limits). */
  private checkCounts(t: Template, path: SourcePath): void {
    const l = this.budget.limits;
    const variables = Object.keys(t.variables ?? {}).filter((k) => k !== "copy").length + (Array.isArray((t.variables as { copy?: unknown })?.copy) ? ((t.variables as { copy: unknown[] }).copy.length) : 0);
    for (const [what, n, max, key] of [
      ["parameters", Object.keys(t.parameters ?? {}).length, l.maxParameters, "parameters"],
      ["variables", variables, l.maxVariables, "variables"],
      ["outputs", Object.keys(t.outputs ?? {}).length, l.maxOutputs, "outputs"],
    ] as const)
      if (n > max) this.problems.push({ severity: "error", message: `${n} ${what} are over ARM's limit of ${max} for a template`, path: [...path, key], at: 0, limit: true });
  }

  /**
   * Deploys one template. `outer` is the scope of the deployment holding it when its expressions
   * are evaluated in the outer scope (ARM's default for a nested template).
   */
  template(t: Template, given: Readonly<Record<string, unknown>>, deployment: Deployment, path: SourcePath, outer: Scope | undefined): Omit<Deployed, "problems"> {
    const declared: Declared[] = [];
    const symbols = new Map<string, Declared[]>();
    const reference: Scope["reference"] = (args, at) => this.reference(args, at, symbols, declared);
    const scope = outer ?? templateScope(t, given, deployment, { path, diagnostics: this.diagnostics, reference, budget: this.budget });
    if (!outer) this.requireParameters(t, given, path);
    this.checkCounts(t, path);
    if (t.functions !== undefined && !Array.isArray(t.functions))
      this.problems.push({ severity: "error", message: "functions is a list of namespaces, each { namespace, members }", path: [...path, "functions"], at: 0 });
    // A nested template in outer scope still resolves its own resources' symbolic names.
    const local: Scope = outer ? { ...outer, reference } : scope;
    const resources = t.resources ?? [];
    const entries: [string | undefined, RawResource, SourcePath][] = Array.isArray(resources)
      ? resources.map((r, i) => [undefined, r, [...path, "resources", i]])
      : Object.entries(resources).map(([k, r]) => [k, r, [...path, "resources", k]]);
    for (const [symbol, raw, at] of entries) this.declare(raw, symbol, local, deployment, at, undefined, declared, symbols);
    // Copies included, children declared inline too: ARM counts every resource of the template.
    if (declared.length > this.budget.limits.maxResources)
      this.problems.push({ severity: "error", message: `${declared.length.toLocaleString("en-US")} resources (copies included) are over ARM's limit of ${this.budget.limits.maxResources} for a template (raise it with --max-resources)`, path: [...path, "resources"], at: 0, limit: true });
    const instances: Instance[] = [];
    for (const d of declared) {
      const body = this.body(d);
      if (!body) continue;
      if (d.type.toLowerCase() === DEPLOYMENTS) {
        const nested = this.nested(d);
        if (nested) instances.push(...nested.instances);
        continue;
      }
      // An extension resource's scope as a full id (compiled Bicep writes `type/name` in this group).
      const scoped = d.raw.scope !== undefined ? { ...body, scope: d.id.slice(0, d.id.lastIndexOf("/providers/")) } : body;
      instances.push({ id: d.id, type: d.type, name: d.name, body: scoped, existing: d.raw.existing === true, source: d.source, condition: d.condition });
    }
    return { instances, outputs: this.outputs(t, local, path) };
  }

  /**
   * Parameters without a value, a default or `nullable` are unknown (what reads them is too), said
   * in one note naming them; ARM would ask for them, amlnet judges what it can without them.
   */
  private requireParameters(t: Template, given: Readonly<Record<string, unknown>>, path: SourcePath): void {
    const missing = Object.entries(t.parameters ?? {}).filter(
      ([name, p]) => p.defaultValue === undefined && !isNullable(t, p) && !/^secure(string|object)$/i.test(p.type ?? "") && !Object.keys(given).some((k) => k.toLowerCase() === name.toLowerCase()),
    );
    if (missing.length)
      this.problems.push({
        severity: "warning",
        message: `${missing.length === 1 ? "parameter" : "parameters"} ${missing.map(([n]) => `'${n}'`).join(", ")} without a value: taken as unknown (give ${missing.length === 1 ? "it" : "them"} with --parameters p.json or --param name=value)`,
        path: [...path, "parameters", missing[0][0]],
        at: 0,
        unset: true,
      });
  }

  private declare(raw: RawResource, symbol: string | undefined, scope: Scope, deployment: Deployment, path: SourcePath, parent: { type: string; name: string } | undefined, out: Declared[], symbols: Map<string, Declared[]>): void {
    // ARM refuses a resource without a type (a string) or a name.
    if (!raw || typeof raw !== "object" || typeof raw.type !== "string" || !raw.type)
      return void this.problems.push({ severity: "error", message: "a resource needs a type, a string such as Microsoft.Storage/storageAccounts", path: raw && typeof raw === "object" && "type" in raw ? [...path, "type"] : path, at: 0 });
    if (typeof raw.name !== "string" && !raw.existing)
      return void this.problems.push({ severity: "error", message: "a resource needs a name, a string", path: raw.name === undefined ? path : [...path, "name"], at: 0 });
    const loop = raw.copy;
    let count = 1;
    if (loop) {
      try {
        const n = evaluateValue(loop.count, scope, [...path, "copy", "count"], this.diagnostics);
        if (isUnknown(n)) {
          this.problems.push({ severity: "warning", message: `copy loop count depends on ${n.reason}: its resources are left out`, path: [...path, "copy", "count"], at: n.at });
          return;
        }
        count = checkedCount(loop.name ?? "", n, scope, [...path, "copy", "count"]);
      } catch (e) {
        return this.error(e);
      }
    }
    for (let i = 0; i < count; i++) {
      const s = loop ? withCopyIndex(withCopyIndex(scope, "", i), loop.name ?? "", i) : scope;
      try {
        let condition: Value | undefined;
        if (raw.condition !== undefined) {
          const c = evaluateValue(raw.condition, s, [...path, "condition"], this.diagnostics);
          if (isUnknown(c)) {
            condition = c;
            this.problems.push({ severity: "warning", message: `deployed only if ${c.reason} holds: taken as deployed`, path: [...path, "condition"], at: c.at });
          } else if (!c) continue;
        }
        const type = parent && !raw.type.includes("/") ? `${parent.type}/${raw.type}` : raw.type;
        const nameValue = evaluateValue(raw.name, s, [...path, "name"], this.diagnostics);
        if (typeof nameValue !== "string") {
          this.problems.push({ severity: "warning", message: `the name depends on ${isUnknown(nameValue) ? nameValue.reason : JSON.stringify(nameValue)}: the resource is left out`, path: [...path, "name"], at: 0 });
          continue;
        }
        const name = parent && nameValue.split("/").length < type.split("/").length - 1 ? `${parent.name}/${nameValue}` : nameValue;
        const d: Declared = { id: this.idOf(raw, type, name, s, deployment, path), type, name, raw, symbol, scope: s, deployment: this.targetDeployment(raw, s, deployment, path), source: path, condition };
        out.push(d);
        if (symbol) symbols.set(symbol.toLowerCase(), [...(symbols.get(symbol.toLowerCase()) ?? []), d]);
        if (!this.byId.has(idKey(d.id))) this.byId.set(idKey(d.id), d);
        if (type.toLowerCase() === DEPLOYMENTS) this.deployments.push(d);
        (raw.resources ?? []).forEach((child, j) => this.declare(child, undefined, s, deployment, [...path, "resources", j], { type, name }, out, symbols));
      } catch (e) {
        this.error(e);
      }
    }
  }

  /** A nested deployment may target another resource group or subscription. */
  private targetDeployment(raw: RawResource, scope: Scope, deployment: Deployment, path: SourcePath): Deployment {
    if (raw.type.toLowerCase() !== DEPLOYMENTS) return deployment;
    const known = (v: unknown, key: string, fallback: string): string => {
      if (v === undefined) return fallback;
      const x = evaluateValue(v, scope, [...path, key], this.diagnostics);
      return typeof x === "string" ? x : fallback;
    };
    const name = evaluateValue(raw.name, scope, [...path, "name"], this.diagnostics);
    return {
      ...deployment,
      subscriptionId: known(raw.subscriptionId, "subscriptionId", deployment.subscriptionId),
      resourceGroup: known(raw.resourceGroup, "resourceGroup", deployment.resourceGroup),
      deploymentName: typeof name === "string" ? name : deployment.deploymentName,
    };
  }

  private idOf(raw: RawResource, type: string, name: string, scope: Scope, deployment: Deployment, path: SourcePath): string {
    const [namespace, ...types] = type.split("/");
    const names = name.split("/");
    const tail = `providers/${namespace}/${types.map((t, i) => `${t}/${names[i] ?? ""}`).join("/")}`;
    const rg = `/subscriptions/${deployment.subscriptionId}/resourceGroups/${deployment.resourceGroup}`;
    if (raw.scope !== undefined) {
      // An extension resource: its scope is a resource id, or (compiled Bicep) `type/name` in this group.
      const s = evaluateValue(raw.scope, scope, [...path, "scope"], this.diagnostics);
      if (typeof s === "string") return `${s.startsWith("/") ? s.replace(/\/$/, "") : `${rg}/providers/${s}`}/${tail}`;
    }
    if (type.toLowerCase() === DEPLOYMENTS) {
      const t = this.targetDeployment(raw, scope, deployment, path);
      return `/subscriptions/${t.subscriptionId}/resourceGroups/${t.resourceGroup}/${tail}`;
    }
    return `${rg}/${tail}`;
  }

  private body(d: Declared): { readonly [k: string]: Value } | undefined {
    if (d.body === "evaluating" || d.body === "failed") return undefined;
    if (d.body) return d.body;
    d.body = "evaluating";
    this.evaluating.push(d);
    try {
      const out: Record<string, Value> = {};
      for (const [k, v] of Object.entries(d.raw)) {
        if (STRUCTURE.has(k)) continue;
        // A nested deployment's template is opened by nested(), in its own scope.
        if (d.type.toLowerCase() === DEPLOYMENTS && k === "properties") continue;
        out[k] = evaluateValue(v, d.scope, [...d.source, k], this.diagnostics);
      }
      return (d.body = out);
    } catch (e) {
      d.body = "failed";
      this.error(e);
      return undefined;
    } finally {
      this.evaluating.pop();
    }
  }

  private nested(d: Declared): Deployed | undefined {
    if (d.nested) return d.nested;
    const props = (d.raw.properties ?? {}) as { template?: Template; templateLink?: unknown; parameters?: unknown; expressionEvaluationOptions?: { scope?: string } };
    if (!props.template || typeof props.template !== "object") {
      this.problems.push({ severity: "warning", message: "a linked template (templateLink) is not read: its resources are left out", path: [...d.source, "properties"], at: 0 });
      return (d.nested = { instances: [], outputs: {}, problems: [] });
    }
    const inner = String(props.expressionEvaluationOptions?.scope ?? "outer").toLowerCase() === "inner";
    const path = [...d.source, "properties", "template"];
    this.opening.push(d);
    try {
      // Reading the outputs of a deployment being opened is refused below (a cycle); what opens
      // deployments to find an id sees this one as opened, with nothing declared yet.
      d.nested = { instances: [], outputs: {}, problems: [] };
      let given: Record<string, unknown> = {};
      if (inner) {
        const params = evaluateValue(props.parameters ?? {}, d.scope, [...d.source, "properties", "parameters"], this.diagnostics);
        if (!isUnknown(params) && params && typeof params === "object")
          given = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v && typeof v === "object" && !Array.isArray(v) && "value" in v ? (v as { value: Value }).value : { unknown: true, reason: `parameter '${k}' of deployment ${d.name} (a Key Vault reference)`, at: 0 }]));
      }
      const template = props.template;
      const result = this.budget.nested(0, "nested deployments", () => this.template(template, given, d.deployment, path, inner ? undefined : d.scope));
      return (d.nested = { ...result, problems: [] });
    } catch (e) {
      this.error(e instanceof EvaluationError && !(e instanceof LocatedError) ? new LocatedError(e.message, d.source, e.at, e instanceof LimitError) : e);
      return (d.nested = { instances: d.nested?.instances ?? [], outputs: d.nested?.outputs ?? {}, problems: [], failed: true });
    } finally {
      this.opening.pop();
    }
  }

  private outputs(t: Template, scope: Scope, path: SourcePath): { readonly [k: string]: Value } {
    const out: Record<string, Value> = {};
    for (const [k, o] of Object.entries(t.outputs ?? {})) {
      try {
        const at = [...path, "outputs", k];
        out[k] = { value: o.copy ? copyLoop("", o.copy.count, o.copy.input, scope, [...at, "copy"], this.diagnostics) : evaluateValue(o.value, scope, [...at, "value"], this.diagnostics) };
      } catch (e) {
        // A limit crossed is reported wherever it is (ARM refuses the template); otherwise an
        // output nobody reads must not stop the import, and one that is read fails where it is read.
        if (e instanceof LocatedError && e.limit) this.error(e);
        out[k] = { value: { unknown: true, reason: e instanceof Error ? e.message : String(e), at: 0 } };
      }
    }
    return out;
  }

  /**
   * A resource id no deployment opened so far declares may sit in one not opened yet (declared
   * later, or not yet referred to): open them, in order, until it turns up.
   */
  private openDeploymentsUntil(id: string): void {
    for (const d of this.deployments) {
      if (this.byId.has(idKey(id))) return;
      if (!d.nested) this.nested(d);
    }
  }

  /** reference(): a deployment's outputs, or a resource's declared properties; unknown beyond. */
  private reference(args: readonly Value[], at: number, symbols: Map<string, Declared[]>, local: readonly Declared[]): Value {
    const target = args[0];
    const full = typeof args[2] === "string" && args[2].toLowerCase() === "full";
    if (typeof target !== "string") return { unknown: true, reason: "reference(...)", at };
    const d =
      symbols.get(target.toLowerCase())?.[0] ??
      this.byId.get(idKey(target)) ??
      (target.startsWith("/") ? (this.openDeploymentsUntil(target), this.byId.get(idKey(target))) : local.find((x) => x.name.toLowerCase() === target.toLowerCase() || x.name.toLowerCase().endsWith(`/${target.toLowerCase()}`)));
    const reason = `reference('${target.length > 60 ? `…${target.slice(-50)}` : target}')`;
    if (!d || d.raw.existing) return { unknown: true, reason, at };
    if (d.type.toLowerCase() === DEPLOYMENTS) {
      // ARM refuses a deployment whose parameters or template read its own outputs, or a chain of
      // deployments that comes back to one.
      if (this.opening.includes(d)) {
        if (this.opening.at(-1) === d) throw new EvaluationError(`${reason}: the deployment '${d.name}' can't read its own outputs`, at);
        const chain = this.opening.slice(this.opening.indexOf(d)).map((x) => `'${x.name}'`);
        throw new EvaluationError(`${reason}: a circular dependency (${[...chain, `'${d.name}'`].join(" → ")}), which ARM refuses`, at);
      }
      const nested = this.nested(d);
      return partial({ outputs: nested?.failed ? partial(nested.outputs, `${reason}.outputs`) : (nested?.outputs ?? {}) }, reason);
    }
    // ARM refuses a resource that reads its own state, or a chain of them that comes back to it.
    if (d.body === "evaluating") {
      if (this.evaluating.at(-1) === d) throw new EvaluationError(`${reason}: the resource '${d.name}' can't reference itself`, at);
      const chain = this.evaluating.slice(this.evaluating.indexOf(d)).map((x) => `'${x.name}'`);
      throw new EvaluationError(`${reason}: a circular dependency (${[...chain, `'${d.name}'`].join(" → ")}), which ARM refuses`, at);
    }
    const body = this.body(d);
    if (!body) return { unknown: true, reason, at };
    // Azure adds to what was declared (principalId, provisioningState): what's missing is unknown,
    // except a principal id, which the model writes as the id of the resource holding the identity.
    const withPrincipal = principalOf(d, body);
    if (full) return deepPartial(withPrincipal, reason);
    return withPrincipal.properties && typeof withPrincipal.properties === "object" && !isUnknown(withPrincipal.properties) ? deepPartial(withPrincipal.properties, `${reason}.properties`) : { unknown: true as const, reason: `${reason}.properties`, at };
  }
}

function deepPartial(v: Value, reason: string): Value {
  if (!v || typeof v !== "object" || isUnknown(v)) return v;
  if (Array.isArray(v)) return v.map((x, i) => deepPartial(x, `${reason}[${i}]`));
  return partial(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepPartial(x, `${reason}.${k}`)])), reason);
}

/** A resource's body with its identity's principalId filled in as the model writes it: the resource's id. */
function principalOf(d: Declared, body: { readonly [k: string]: Value }): { readonly [k: string]: Value } {
  if (d.type.toLowerCase() === "microsoft.managedidentity/userassignedidentities")
    return { ...body, properties: { ...(body.properties && typeof body.properties === "object" && !Array.isArray(body.properties) && !isUnknown(body.properties) ? body.properties : {}), principalId: d.id } };
  const identity = body.identity;
  if (identity && typeof identity === "object" && !Array.isArray(identity) && !isUnknown(identity) && /systemassigned/i.test(String((identity as { type?: Value }).type)))
    return { ...body, identity: { ...identity, principalId: d.id } };
  return body;
}
