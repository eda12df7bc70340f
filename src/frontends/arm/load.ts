// Front end for JSON input: what the file is is read from its content, never its name
// — a deployment template (`$schema` …deploymentTemplate.json), an Azure Resource Graph result
// (`{count, data}`, or a list of pages), or a list of resource bodies as `az resource show` and
// the REST API return them — and each becomes the same list of resource bodies for map.ts.
import { ARM_LIMITS, type TemplateLimits } from "./limits.ts";
import { azureTypeName, shapeOf, T } from "../../core/registry.ts";
import { shapeProblems, type Shaped } from "../../core/shapes.ts";
import { ARM_ENVIRONMENTS } from "../../core/knowledge/arm-environments.ts";
import { DEFAULT_SUBSCRIPTION } from "../../core/ids.ts";
import type { Cloud, Resource } from "../../core/types.ts";
import type { InputError, Position, SourcePath } from "../../core/source.ts";
import { deployTemplate, type Problem } from "./deploy.ts";
import { estateBodies } from "./estate.ts";
import { mapResources, type Body } from "../../core/bodies.ts";
import { parseJsonSource, type JsonSource } from "./source.ts";
import type { Value } from "./evaluate.ts";

export type JsonKind = "template" | "estate";

/** The region stand-in when nothing gives one (see loadJson). */
export const REGION_STAND_IN = "resourcegroup";

export interface JsonOptions {
  readonly cloud?: Cloud;
  /** A parameters file (deploymentParameters.json), as text. */
  readonly parametersFile?: { readonly file: string; readonly text: string };
  /** --param name=value, in order (a later one wins). */
  readonly params?: readonly string[];
  readonly subscriptionId?: string;
  readonly resourceGroup?: string;
  /** The resource group's location (resourceGroup().location); unknown when not given. */
  readonly location?: string;
  /** ARM's template limits and amlnet's evaluation budget, raised (--max-resources, --max-copy, --max-steps). */
  readonly templateLimits?: Partial<TemplateLimits>;
}

export interface ImportWarning {
  readonly message: string;
  readonly position: Position;
  readonly path: SourcePath;
}

export type JsonLoad =
  | {
      readonly ok: true;
      readonly kind: JsonKind;
      readonly source: JsonSource;
      readonly cloud: Cloud;
      readonly region: string;
      readonly resources: readonly Resource[];
      readonly unrecognised: readonly { readonly type: string; readonly count: number }[];
      readonly warnings: readonly ImportWarning[];
      /** Parameters given a value by an option rather than by the user (`location` from --location). */
      readonly filled: readonly ImportWarning[];
      /** Parameters left without a value, taken as unknown. */
      readonly unset: readonly ImportWarning[];
      /** An export: no expression was evaluated, so no property value is unknown. */
      readonly valuesKnown: boolean;
      /** The resources by lower-case id (ModelInput.byKey). */
      readonly byKey: ReadonlyMap<string, Resource>;
      /** The resources by the ids references spell (ModelInput.exactIds). */
      readonly exactIds: ReadonlyMap<string, Resource>;
    }
  | { readonly ok: false; readonly errors: readonly InputError[] };

/** Whether text looks like JSON input rather than a YAML blueprint: it starts with `{` or `[`. */
export function looksLikeJson(text: string): boolean {
  // ARM reads JSON with comments: a template may open with `// …` or `/* … */` lines.
  return /^\uFEFF?(?:\s+|\/\/[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*[[{]/.test(text.slice(0, 64 * 1024));
}

export function loadJson(file: string, text: string, options: JsonOptions = {}): JsonLoad {
  const parsed = parseJsonSource(file, text);
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map((e) => ({ code: "limit" in e && e.limit ? "AR006" : "AR001", message: e.message, position: e.position })) };
  const source = parsed.source;
  const value = source.value;
  const cloud = options.cloud ?? "AzureCloud";
  const fail = (code: string, message: string, path: SourcePath = []): JsonLoad => ({ ok: false, errors: [{ code, message, position: source.locate(path) }] });
  let bodies: readonly Body[];
  let problems: readonly Problem[] = [];
  let filledNames: readonly string[] = [];
  let kind: JsonKind;
  if (isTemplate(value)) {
    if (/deploymentParameters\.json/i.test(String((value as { $schema?: unknown }).$schema)))
      return fail("AR002", "this is a parameters file: give the template, with --parameters for this file");
    const maxBytes = options.templateLimits?.maxBytes ?? ARM_LIMITS.maxBytes;
    // UTF-8 takes at most three bytes a UTF-16 unit: only a text that may be over the limit is measured.
    const bytes = text.length * 3 <= maxBytes ? 0 : new TextEncoder().encode(text).length;
    if (bytes > maxBytes)
      return { ok: false, errors: [{ code: "AR006", message: `the template is ${bytes.toLocaleString("en-US")} bytes, over ARM's limit of ${maxBytes.toLocaleString("en-US")} (raise it with --max-bytes)`, position: source.locate([]) }] };
    const given = parameterValues(value as { parameters?: Record<string, { type?: string }> }, options, source);
    if ("errors" in given) return { ok: false, errors: given.errors };
    filledNames = given.filled;
    const deployed = deployTemplate(value, given.values, {
      subscriptionId: options.subscriptionId ?? DEFAULT_SUBSCRIPTION,
      resourceGroup: options.resourceGroup ?? "rg",
      location: options.location ?? "",
      deploymentName: "main",
      environment: ARM_ENVIRONMENTS[cloud] as unknown as Value,
    }, { ...ARM_LIMITS, ...options.templateLimits });
    problems = deployed.problems;
    kind = "template";
    bodies = deployed.instances.map((i) => ({ id: i.id, type: i.type, name: i.name, body: i.body, existing: i.existing, source: i.source }));
  } else {
    const estate = estateBodies(value);
    if ("error" in estate) return fail("AR002", estate.error, estate.path);
    kind = "estate";
    bodies = estate.bodies;
  }
  const errors = dedupe(problems.filter((p) => p.severity === "error")).map((p) => ({ code: p.limit ? "AR006" : "AR003", message: p.message, position: offset(source, p) }));
  if (errors.length) return { ok: false, errors };
  // Properties the network is computed from must be the shapes Azure takes: a wrong one is an input
  // error where it is written. The bodies are checked before mapping reads them, the subnets and
  // peerings written inside a VNet once mapping has made them resources.
  const shapeErrors = (items: readonly Shaped[]) => shapeProblems(items, shapeOf).map((p) => ({ code: "AR007", message: p.message, position: source.locate(p.source) }));
  const wrong = shapeErrors(bodies.map((b) => ({ type: b.type, properties: b.body.properties, source: b.source })));
  if (wrong.length) return { ok: false, errors: wrong };
  // An export with zone groups in it (appended `az network private-endpoint dns-zone-group list`) knows them.
  const mapped = mapResources(bodies, { zoneGroupsUnknown: kind === "estate" && !bodies.some((b) => azureTypeName(b.type) === T.zoneGroup) });
  const inline = shapeErrors(mapped.inline.map((r) => ({ type: r.type, properties: r.properties, source: r.source! })));
  if (inline.length) return { ok: false, errors: inline };
  const workspace = mapped.resources.find((r) => r.type === T.workspace && typeof r.location === "string");
  const known = workspace?.location ?? mapped.resources.find((r) => typeof r.location === "string" && r.location !== "global")?.location ?? options.location;
  const unset = problems.filter((p) => p.unset).map((p) => ({ message: p.message, position: offset(source, p), path: p.path }));
  const warnings = dedupe(problems.filter((p) => p.severity === "warning" && !p.unset)).map((p) => ({ message: p.message, position: offset(source, p), path: p.path }));
  // Names that carry a region (the workspace's FQDNs) need one; without it, one stand-in region
  // for everything, said out loud.
  if (!known)
    warnings.push({ message: `no resource says its region and --location isn't given: every resource is taken to share one region, written '${REGION_STAND_IN}' in names`, position: source.locate([]), path: [] });
  const region = known ?? REGION_STAND_IN;
  return {
    ok: true,
    kind,
    source,
    cloud,
    region: region.toLowerCase().replace(/\s+/g, ""),
    resources: mapped.resources,
    byKey: mapped.byKey,
    exactIds: mapped.exactIds,
    valuesKnown: kind === "estate",
    unrecognised: mapped.unrecognised,
    warnings,
    unset,
    filled: filledNames.map((name) => ({
      message: `parameter '${name}' has no default and wasn't given: it takes --location's value, ${options.location}`,
      position: source.locate(["parameters", name]),
      path: ["parameters", name],
    })),
  };
}

function isTemplate(v: unknown): boolean {
  return !!v && typeof v === "object" && !Array.isArray(v) && /deployment(Template|Parameters)\.json/i.test(String((v as { $schema?: unknown }).$schema ?? ""));
}

/** The position of a problem: its string's, moved to the offset in the expression when on one line. */
function offset(source: JsonSource, p: Problem): Position {
  const at = source.locate(p.path);
  return { ...at, col: at.col + (p.at > 0 ? p.at + 1 : 0) };
}

function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path.join("/")} ${p.at} ${p.message}`;
    return !seen.has(key) && !!seen.add(key);
  });
}

const JSON_TYPE: Readonly<Record<string, { test: (v: unknown) => boolean; name: string }>> = {
  string: { test: (v) => typeof v === "string", name: "String" },
  securestring: { test: (v) => typeof v === "string", name: "String" },
  int: { test: (v) => typeof v === "number" && Number.isSafeInteger(v), name: "Integer" },
  bool: { test: (v) => typeof v === "boolean", name: "Boolean" },
  array: { test: Array.isArray, name: "Array" },
  object: { test: (v) => !!v && typeof v === "object" && !Array.isArray(v), name: "Object" },
  secureobject: { test: (v) => !!v && typeof v === "object" && !Array.isArray(v), name: "Object" },
};

/**
 * How a given value isn't of its parameter's declared type, in ARM's words ("Template parameter
 * JToken type is not valid"), or undefined. A null leaves the parameter unset, as ARM reads it.
 */
function typeMismatch(declared: unknown, value: unknown): string | undefined {
  const want = typeof declared === "string" ? JSON_TYPE[declared.toLowerCase()] : undefined;
  if (!want || value === null || value === undefined || want.test(value)) return undefined;
  const actual = Array.isArray(value) ? "Array" : typeof value === "string" ? "String" : typeof value === "boolean" ? "Boolean" : typeof value === "number" ? (Number.isInteger(value) ? "Integer" : "Float") : "Object";
  return `the value's type is not valid: expected ${want.name}, got ${actual}`;
}

/** Parameter values from a parameters file, then --param name=value (typed by the template's declaration). */
function parameterValues(template: { parameters?: Record<string, { type?: string }> }, options: JsonOptions, templateSource: JsonSource): { values: Record<string, unknown>; filled: string[] } | { errors: InputError[] } {
  const values: Record<string, unknown> = {};
  const errors: InputError[] = [];
  const declared = (name: string) => Object.entries(template.parameters ?? {}).find(([k]) => k.toLowerCase() === name.toLowerCase());
  if (options.parametersFile) {
    const p = parseJsonSource(options.parametersFile.file, options.parametersFile.text);
    if (!p.ok) return { errors: p.errors.map((e) => ({ code: "AR001", ...e })) };
    const params = (p.source.value as { parameters?: unknown })?.parameters;
    if (!params || typeof params !== "object" || Array.isArray(params)) return { errors: [{ code: "AR005", message: "a parameters file holds { \"parameters\": { \"name\": { \"value\": … } } }", position: p.source.locate([]) }] };
    for (const [name, entry] of Object.entries(params as Record<string, { value?: unknown; reference?: unknown }>)) {
      const d = declared(name);
      if (!d) {
        errors.push({ code: "AR005", message: `the template has no parameter '${name}'`, position: p.source.locate(["parameters", name]) });
        continue;
      }
      // A Key Vault reference is a secret given at deployment: known to be set, not its value.
      const given = entry && typeof entry === "object" && "value" in entry;
      const wrong = given ? typeMismatch(d[1].type, entry.value) : undefined;
      if (wrong) errors.push({ code: "AR005", message: `parameter '${name}': ${wrong}`, position: p.source.locate(["parameters", name, "value"]) });
      values[d[0]] = given ? entry.value : { unknown: true, reason: `parameter '${name}' is a Key Vault reference`, at: 0 };
    }
  }
  for (const pair of options.params ?? []) {
    const eq = pair.indexOf("=");
    const name = eq > 0 ? pair.slice(0, eq) : pair;
    const d = declared(name);
    const position = templateSource.locate(["parameters"]);
    if (eq <= 0) errors.push({ code: "AR005", message: `--param ${pair}: write name=value`, position });
    else if (!d) errors.push({ code: "AR005", message: `--param ${name}: the template has no parameter '${name}'`, position });
    else {
      const raw = pair.slice(eq + 1);
      const type = (d[1].type ?? "").toLowerCase();
      if (type === "string" || type === "securestring" || type === "") values[d[0]] = raw;
      else
        try {
          const value: unknown = JSON.parse(raw);
          // JSON reads 1e400 as Infinity, which no ARM parameter holds.
          if (typeof value === "number" && !Number.isFinite(value)) throw new RangeError("not finite");
          if (typeMismatch(type, value)) throw new RangeError("not of its type");
          values[d[0]] = value;
        } catch {
          errors.push({ code: "AR005", message: `--param ${name}: ${/^[aeiou]/.test(type) ? "an" : "a"} ${type} is written as JSON, e.g. ${type === "bool" ? "true" : type === "int" ? "3" : type === "array" ? '["a","b"]' : '{"a":1}'}`, position: templateSource.locate(["parameters", d[0]]) });
        }
    }
  }
  // A required `location` parameter (no default, not given) takes --location's value, said once.
  const location = declared("location");
  const filled: string[] = [];
  if (options.location && location && (location[1] as { defaultValue?: unknown }).defaultValue === undefined && !(location[0] in values)) {
    values[location[0]] = options.location;
    filled.push(location[0]);
  }
  return errors.length ? { errors } : { values, filled };
}

