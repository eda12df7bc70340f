// A saved plan as `terraform show -json` prints it ("JSON Output Format"): planned_values hold each
// resource instance's values (what only apply knows is left out, and marked true in its
// resource_changes entry's after_unknown), configuration holds each argument's references. The
// values become instances as a configuration's do; an argument known only after apply that refers
// to a resource's id (`subnet_id = azurerm_subnet.pe.id`) is that resource's id, built from its
// planned values, so the endpoint still links to its subnet. Findings point at the .tf line that
// writes the resource when the configuration is beside the plan, else into the plan file.
import { parseTree, type Node as JsonNode, type ParseError } from "jsonc-parser";
import type { Cloud, Unknown } from "../../core/types.ts";
import { lineStarts, positionAt, type Position, type SourceDoc, type SourcePath } from "../../core/source.ts";
import { armLocation, idOf } from "./azurerm.ts";
import { modelFrom, type TerraformLoad } from "./load.ts";
import { partial, isList, isObject, type TfObject, type TfValue } from "./values.ts";
import type { Instance } from "./config.ts";
import { DEFAULT_SUBSCRIPTION } from "../../core/ids.ts";

/** Whether JSON text is a Terraform plan (or state) as terraform show -json prints it. */
export function looksLikePlan(text: string): boolean {
  return /"format_version"\s*:/.test(text.slice(0, 4096)) && /"terraform_version"\s*:/.test(text.slice(0, 4096));
}

interface PlannedResource {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly values?: Record<string, unknown>;
}

interface PlannedModule {
  readonly resources?: readonly PlannedResource[];
  readonly child_modules?: readonly (PlannedModule & { readonly address?: string })[];
}

interface ConfigModule {
  readonly resources?: readonly { readonly address: string; readonly expressions?: Record<string, unknown> }[];
  readonly module_calls?: Readonly<Record<string, { readonly module?: ConfigModule }>>;
}

interface Plan {
  readonly planned_values?: { readonly root_module?: PlannedModule };
  readonly values?: { readonly root_module?: PlannedModule };
  readonly resource_changes?: readonly { readonly address: string; readonly change?: { readonly after_unknown?: unknown } }[];
  readonly configuration?: { readonly root_module?: ConfigModule };
}

/**
 * Where the configuration beside a plan writes a resource (its block, or one of its arguments),
 * by the resource's address without instance keys; undefined where it doesn't say.
 */
export type ConfigurationPositions = (address: string, argument?: string) => Position | undefined;

export function loadTerraformPlan(
  file: string,
  text: string,
  options: { readonly cloud?: Cloud; readonly location?: string; readonly subscriptionId?: string; readonly positions?: ConfigurationPositions } = {},
): TerraformLoad {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const lines = lineStarts(text);
  const position = (offset: number): Position => positionAt(file, lines, offset);
  if (!tree || errors.length) return { ok: false, errors: [{ code: "TF001", message: "the plan isn't JSON (save it with terraform show -json plan.out > plan.json)", position: position(errors[0]?.offset ?? 0) }] };
  const plan = JSON.parse(text) as Plan;
  const root = plan.planned_values?.root_module ?? plan.values?.root_module;
  if (!root) return { ok: false, errors: [{ code: "TF001", message: "the JSON has no planned_values (or values) root_module: is it terraform show -json of a plan?", position: position(0) }] };
  const subscriptionId = options.subscriptionId ?? DEFAULT_SUBSCRIPTION;
  const afterUnknown = new Map((plan.resource_changes ?? []).map((c) => [c.address, c.change?.after_unknown]));

  // Instances, each with where its object is in planned_values.
  const planned: { r: PlannedResource; path: (string | number)[] }[] = [];
  const walk = (m: PlannedModule, path: (string | number)[]) => {
    (m.resources ?? []).forEach((r, i) => planned.push({ r, path: [...path, "resources", i] }));
    (m.child_modules ?? []).forEach((c, i) => walk(c, [...path, "child_modules", i]));
  };
  walk(root, [plan.planned_values ? "planned_values" : "values", "root_module"]);

  // References of each configured resource's arguments, by its address without instance keys.
  const references = new Map<string, Record<string, unknown>>();
  const configWalk = (m: ConfigModule | undefined, prefix: string) => {
    for (const r of m?.resources ?? []) references.set(`${prefix}${r.address}`, r.expressions ?? {});
    for (const [name, call] of Object.entries(m?.module_calls ?? {})) configWalk(call.module, `${prefix}module.${name}.`);
  };
  configWalk(plan.configuration?.root_module, "");

  // First, each instance's planned values with what only apply knows as Unknowns.
  const values = new Map<string, TfObject>();
  for (const { r } of planned) values.set(r.address, withUnknowns((r.values ?? {}) as TfValue, afterUnknown.get(r.address), r.address) as TfObject);
  const idByAddress = new Map<string, string>();
  for (const { r } of planned) {
    const id = idOf(r.type, values.get(r.address)!, r.address, subscriptionId);
    if (id !== undefined) {
      idByAddress.set(r.address, id);
      // A reference names the resource without instance keys (its own and its modules').
      const bare = r.address.replace(/\[[^\]]*\]/g, "");
      if (!idByAddress.has(bare)) idByAddress.set(bare, id);
    }
  }
  // Then references: an unknown argument that refers to a resource's id is that id.
  const instances: Instance[] = planned.map(({ r, path }) => {
    const expressions = references.get(r.address.replace(/\[[^\]]*\]/g, "")) ?? {};
    // References in a module's configuration are relative to that module.
    const modulePrefix = (/^(?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*/.exec(r.address)?.[0] ?? "").replace(/\[[^\]]*\]/g, "");
    const linked = resolveReferences(values.get(r.address)!, expressions, idByAddress, modulePrefix);
    return { address: r.address, type: r.type, mode: r.mode === "data" ? "data" : "managed", values: partial({ ...linked, ...(idByAddress.has(r.address) ? { id: idByAddress.get(r.address)! } : {}) }, r.address), path };
  });
  const mapped = modelFrom(instances, subscriptionId);
  // With the configuration beside the plan, a finding points at the .tf line that writes it.
  const addressAt = new Map(planned.map(({ r, path }) => [JSON.stringify(path), r.address]));
  const inConfiguration = (path: SourcePath): Position | undefined => {
    if (!options.positions) return undefined;
    for (let n = path.length; n > 0; n--) {
      const address = addressAt.get(JSON.stringify(path.slice(0, n)));
      if (address === undefined) continue;
      const bare = address.replace(/\[[^\]]*\]/g, "");
      const argument = path[n] === "values" && typeof path[n + 1] === "string" ? (path[n + 1] as string) : undefined;
      return (argument !== undefined ? options.positions(bare, argument) : undefined) ?? options.positions(bare);
    }
    return undefined;
  };
  const locate = (path: SourcePath): Position => {
    const written = inConfiguration(path);
    if (written) return written;
    for (let n = path.length; n > 0; n--) {
      const node = at(tree, path.slice(0, n));
      if (node) return position(node.offset);
    }
    return position(0);
  };
  const source: SourceDoc = { file, locate: (path, key) => locate(key === undefined ? path : [...path, key]) };
  const region = options.location ?? mapped.resources.find((r) => r.type === "Microsoft.MachineLearningServices/workspaces" && r.location)?.location ?? mapped.resources.find((r) => r.location && r.location !== "global")?.location ?? "resourcegroup";
  return { ok: true, kind: "plan", source, cloud: options.cloud ?? "AzureCloud", region: armLocation(region), resources: mapped.resources, unrecognised: mapped.unrecognised, warnings: [], filled: [], unset: [] };
}

function at(tree: JsonNode, path: SourcePath): JsonNode | undefined {
  let node: JsonNode | undefined = tree;
  for (const key of path) {
    if (!node) return undefined;
    if (node.type === "array" && typeof key === "number") node = node.children?.[key];
    else if (node.type === "object") node = node.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
    else return undefined;
  }
  return node;
}

/** Planned values with every attribute after_unknown marks as an Unknown (known after apply). */
function withUnknowns(v: TfValue, marks: unknown, where: string): TfValue {
  if (marks === true) return { unknown: true, reason: `${where}, known only after apply`, at: 0 } satisfies Unknown;
  if (isList(v) && Array.isArray(marks)) return [...v, ...marks.slice(v.length).map((m, i) => withUnknowns(null, m, `${where}[${v.length + i}]`))].map((x, i) => withUnknowns(x, marks[i], `${where}[${i}]`));
  if (isObject(v) && marks && typeof marks === "object" && !Array.isArray(marks)) {
    const out: Record<string, TfValue> = { ...v };
    for (const [k, m] of Object.entries(marks)) out[k] = withUnknowns(k in v ? v[k] : null, m, `${where}.${k}`);
    return out;
  }
  if (v === null && marks && typeof marks === "object" && !Array.isArray(marks)) return withUnknowns({}, marks, where);
  if (v === null && Array.isArray(marks)) return withUnknowns([], marks, where);
  return v;
}

/** Unknown arguments whose configuration refers to a resource (its id) resolved to that resource's id. */
function resolveReferences(v: TfObject, expressions: Record<string, unknown>, ids: ReadonlyMap<string, string>, modulePrefix: string): Record<string, TfValue> {
  const resolve = (value: TfValue, expr: unknown): TfValue => {
    if (!expr || typeof expr !== "object") return value;
    if (Array.isArray(expr)) return isList(value) ? value.map((x, i) => resolve(x, expr[i] ?? expr[0])) : value;
    const e = expr as { references?: unknown; [k: string]: unknown };
    if (Array.isArray(e.references)) {
      if (!(value && typeof value === "object" && "unknown" in value)) return value;
      const target = e.references.filter((x): x is string => typeof x === "string").find((x) => ids.has(`${modulePrefix}${x.replace(/\.id$/, "")}`) && x.endsWith(".id"));
      return target ? ids.get(`${modulePrefix}${target.replace(/\.id$/, "")}`)! : value;
    }
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, resolve(x, e[k])]));
    if (isList(value)) return value.map((x) => resolve(x, expr));
    return value;
  };
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x, expressions[k])]));
}
