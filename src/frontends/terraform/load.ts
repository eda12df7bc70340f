// A Terraform configuration into the model: the root module's files (and the local modules it
// calls), parsed by the caller with tree-sitter-hcl, evaluated (config.ts), each azurerm or azapi
// instance written as an ARM body (azurerm.ts) and mapped as a template's are (core/bodies.ts).
// Findings point at the .tf line of the block or argument that causes them.
import { mapResources, type Body } from "../../core/bodies.ts";
import { DEFAULT_SUBSCRIPTION, idKey } from "../../core/ids.ts";
import type { Cloud, Resource } from "../../core/types.ts";
import { lineStarts, positionAt, type InputError, type Position, type SourceDoc, type SourcePath } from "../../core/source.ts";
import { quoteInput } from "../../core/quote.ts";
import { firstError, SyntaxProblem, toBody, type CstNode } from "./syntax.ts";
import { ConfigError, pathKey, readConfig, type ConfigLimits, type Instance, type ModuleSource } from "./config.ts";
import { armLocation, dataValues, idOf, withComputedIds, written, type Patch } from "./azurerm.ts";
import type { TfValue } from "./values.ts";

export interface TerraformFile {
  /** The file as the user knows it (a path relative to where amlnet runs). */
  readonly file: string;
  readonly text: string;
  readonly cst: CstNode;
}

export interface TerraformModuleInput {
  /** Relative to the root module (`.` for the root). */
  readonly dir: string;
  readonly files: readonly TerraformFile[];
}

export interface TerraformOptions {
  readonly cloud?: Cloud;
  readonly location?: string;
  readonly subscriptionId?: string;
  /** Values for the root's variables, in the order Terraform applies them (later wins). */
  readonly variables?: Readonly<Record<string, TfValue>>;
  readonly limits?: Partial<ConfigLimits>;
  /** Registry and git modules terraform init installed: each module call key's folder. */
  readonly installed?: ReadonlyMap<string, string>;
}

export const TERRAFORM_LIMITS: Readonly<ConfigLimits> = { maxSteps: 20_000_000, maxInstances: 10_000, maxModuleDepth: 16 };

export interface Notice {
  readonly message: string;
  readonly position: Position;
  readonly path: SourcePath;
}

export type TerraformLoad =
  | {
      readonly ok: true;
      readonly kind: "configuration" | "plan";
      readonly source: SourceDoc;
      readonly cloud: Cloud;
      readonly region: string;
      readonly resources: readonly Resource[];
      readonly unrecognised: readonly { readonly type: string; readonly count: number }[];
      readonly warnings: readonly Notice[];
      readonly filled: readonly Notice[];
      readonly unset: readonly Notice[];
    }
  | { readonly ok: false; readonly errors: readonly InputError[] };


export function loadTerraform(label: string, root: TerraformModuleInput, modules: readonly TerraformModuleInput[], options: TerraformOptions = {}): TerraformLoad {
  const files = [...root.files, ...modules.flatMap((m) => m.files)];
  const lines = new Map(files.map((f) => [f.file, lineStarts(f.text)]));
  const position = (file: string, offset: number): Position => positionAt(file, lines.get(file) ?? [0], offset);
  const read = (m: TerraformModuleInput): ModuleSource | InputError => {
    const out = [];
    for (const f of m.files) {
      const bad = firstError(f.cst);
      if (bad) return { code: "TF001", message: `${f.file} isn't Terraform's native syntax here (${bad.isMissing ? `a missing ${bad.type}` : `unexpected ${quoteInput(f.text.slice(bad.startIndex, Math.min(bad.endIndex, bad.startIndex + 40)), 40)}`})`, position: position(f.file, bad.startIndex) };
      try {
        out.push({ file: f.file, body: toBody(f.cst) });
      } catch (e) {
        if (e instanceof SyntaxProblem) return { code: "TF001", message: e.message, position: position(f.file, e.at) };
        throw e;
      }
    }
    return { dir: m.dir, files: out };
  };
  const rootModule = read(root);
  if ("code" in rootModule) return { ok: false, errors: [rootModule] };
  const children = new Map<string, ModuleSource>();
  for (const m of modules) {
    const r = read(m);
    if ("code" in r) return { ok: false, errors: [r] };
    children.set(m.dir, r);
  }
  const subscriptionId = options.subscriptionId ?? DEFAULT_SUBSCRIPTION;
  let config;
  try {
    config = readConfig(rootModule, {
      modules: children,
      installed: options.installed,
      variables: options.variables ?? {},
      subscriptionId,
      limits: { maxSteps: options.limits?.maxSteps ?? TERRAFORM_LIMITS.maxSteps, maxInstances: options.limits?.maxInstances ?? TERRAFORM_LIMITS.maxInstances, maxModuleDepth: TERRAFORM_LIMITS.maxModuleDepth },
      idOf: (type, values, address) => idOf(type, values, address, subscriptionId),
      dataValues: (type) => dataValues(type, subscriptionId),
      withComputedIds,
    });
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, errors: [{ code: e.code, message: e.message, position: position(e.file, e.offset) }] };
    throw e;
  }
  const locate = (path: SourcePath): Position => {
    for (let n = path.length; n > 0; n--) {
      const at = config.positions.get(pathKey(path.slice(0, n)));
      if (at) return position(at.file, at.offset);
    }
    // About the whole configuration: its main.tf, else its first file.
    const main = root.files.find((f) => /(^|[\\/])main\.tf$/.test(f.file)) ?? root.files[0];
    return { file: main?.file ?? label, line: 1, col: 1 };
  };
  const source: SourceDoc = { file: label, locate: (path, key) => locate(key === undefined ? path : [...path, key]) };

  const mapped = modelFrom(config.instances, subscriptionId);
  const region = options.location ?? mapped.resources.find((r) => r.type === "Microsoft.MachineLearningServices/workspaces" && r.location)?.location ?? mapped.resources.find((r) => r.location && r.location !== "global")?.location ?? "resourcegroup";
  const notice = (n: { message: string; path: SourcePath }): Notice => ({ message: n.message, path: n.path, position: locate(n.path) });
  return {
    ok: true,
    kind: "configuration",
    source,
    cloud: options.cloud ?? "AzureCloud",
    region: armLocation(region),
    resources: mapped.resources,
    unrecognised: mapped.unrecognised,
    warnings: config.warnings.map(notice),
    filled: [],
    unset: config.unset.map(notice),
  };
}

/**
 * Resource instances (of a configuration, or of a plan's planned values) as the model's resources:
 * each managed azurerm or azapi instance written as ARM bodies, associations and updates applied to
 * the resource they name, then mapped as a template's bodies are. Other types are listed.
 */
export function modelFrom(instances: readonly Instance[], subscriptionId: string): ReturnType<typeof mapResources> {
  const bodies: Body[] = [];
  const patches: Patch[] = [];
  const notRead = new Map<string, number>();
  for (const i of instances) {
    if (i.mode !== "managed") continue;
    const w = written(i.type, i.values, i.address, i.path, subscriptionId);
    if (!w) {
      notRead.set(i.type, (notRead.get(i.type) ?? 0) + 1);
      continue;
    }
    bodies.push(...w.bodies.map((b) => ({ ...b, body: { ...b.body, ...(typeof b.body.location === "string" ? { location: armLocation(b.body.location) } : {}) } })));
    patches.push(...w.patches);
  }
  const at = new Map(bodies.map((b, i) => [idKey(b.id), i]));
  for (const p of patches) {
    const i = at.get(idKey(p.id));
    if (i === undefined) continue;
    const target = bodies[i];
    bodies[i] = { ...target, body: { ...target.body, properties: p.apply((target.body.properties as Record<string, unknown> | undefined) ?? {}) } };
  }
  const mapped = mapResources(bodies);
  const unrecognised = [...mapped.unrecognised, ...[...notRead].map(([type, count]) => ({ type, count }))].sort((a, b) => a.type.localeCompare(b.type));
  return { ...mapped, unrecognised };
}

