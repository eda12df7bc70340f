// Validates ARM resources against Azure's official schemas in ../shared/arm-schemas (draft-04),
// with common/definitions.json registered under its official id. One documented quirk is
// handled and nothing else relaxed: in an allOf that has a branch with oneOf (a discriminated
// union), the other branches lose additionalProperties: false (see that folder's README).
import { readFileSync, existsSync } from "node:fs";
import AjvModule from "ajv-draft-04";
import type { ValidateFunction } from "ajv";
import { azureType, isKnownType } from "../../src/core/registry.ts";

// The package sets module.exports to the class itself; its typings describe the ES default.
const AjvDraft04 = AjvModule as unknown as typeof AjvModule.default;

export const SCHEMAS = new URL("../../../shared/arm-schemas/", import.meta.url);
const COMMON_ID = "https://schema.management.azure.com/schemas/common/definitions.json";

function relaxUnions(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(relaxUnions);
  if (!node || typeof node !== "object") return;
  const o = node as Record<string, unknown>;
  if (Array.isArray(o.allOf) && o.allOf.some((b) => b && typeof b === "object" && "oneOf" in b)) {
    for (const b of o.allOf as Record<string, unknown>[]) if (!("oneOf" in b)) delete b.additionalProperties;
  }
  Object.values(o).forEach(relaxUnions);
}

export class ArmSchemas {
  private readonly ajv = new AjvDraft04({ strict: false, allErrors: false, validateFormats: false });
  private readonly files = new Map<string, { id: string; resourceDefinitions: Record<string, unknown> }>();
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    const common = JSON.parse(readFileSync(new URL("common/definitions.json", SCHEMAS), "utf8"));
    relaxUnions(common);
    this.ajv.addSchema({ ...common, id: COMMON_ID }, COMMON_ID);
  }

  /** The schema file the type registry names for a type, if ../shared has one. */
  private file(type: string, apiVersion?: string): { id: string; resourceDefinitions: Record<string, unknown> } | undefined {
    const preview = isKnownType(type) ? azureType(type).preview : undefined;
    const name = preview && apiVersion === preview.apiVersion ? preview.schema : isKnownType(type) ? azureType(type).schema : undefined;
    if (!name || !existsSync(new URL(name, SCHEMAS))) return undefined;
    const s = this.load(name);
    return this.definitionKey(s, type) || azureType(type).propertiesDefinition ? s : undefined;
  }

  private load(name: string): { id: string; resourceDefinitions: Record<string, unknown> } {
    if (!this.files.has(name)) {
      const schema = JSON.parse(readFileSync(new URL(name, SCHEMAS), "utf8"));
      relaxUnions(schema);
      schema.id = String(schema.id).replace(/#$/, "");
      this.ajv.addSchema(schema, schema.id);
      this.standInsFor(schema);
      this.files.set(name, schema);
    }
    return this.files.get(name)!;
  }

  /**
   * Microsoft.Compute.json points at Microsoft.Compute.Extensions.json (VM extension settings),
   * which ../shared does not hold. Each definition it needs is registered as `{ not: {} }`: the
   * references resolve, and any VM extension amlnet might write would fail rather than pass
   * unchecked. Nothing amlnet writes today uses them.
   */
  private standInsFor(schema: object): void {
    const missing = new Map<string, Set<string>>();
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) return n.forEach(walk);
      if (!n || typeof n !== "object") return;
      const ref = (n as { $ref?: unknown }).$ref;
      const m = typeof ref === "string" ? /^(https:\/\/schema\.management\.azure\.com\/schemas\/[^#]+)#\/definitions\/(\w+)$/.exec(ref) : null;
      if (m && m[1] !== COMMON_ID && !this.ajv.getSchema(m[1])) missing.set(m[1], (missing.get(m[1]) ?? new Set()).add(m[2]));
      Object.values(n).forEach(walk);
    };
    walk(schema);
    for (const [id, names] of missing) this.ajv.addSchema({ id, definitions: Object.fromEntries([...names].map((d) => [d, { not: {} }])) }, id);
  }

  private definitionKey(schema: { resourceDefinitions: Record<string, unknown> }, type: string): string | undefined {
    const key = type.split("/").slice(1).join("_");
    return Object.keys(schema.resourceDefinitions ?? {}).find((k) => k.toLowerCase() === key.toLowerCase());
  }

  /** Errors for one template resource; `undefined` when no schema exists for its type. */
  validate(resource: { type: string; apiVersion?: string; properties?: unknown; [k: string]: unknown }): string[] | undefined {
    const file = this.file(resource.type, resource.apiVersion);
    if (!file) return undefined;
    const definition = azureType(resource.type).propertiesDefinition;
    // An extension resource (see ../shared/arm-schemas/README.md): the properties against their
    // definition, the envelope by hand.
    const ref = definition ? `${file.id}#/definitions/${definition}` : `${file.id}#/resourceDefinitions/${this.definitionKey(file, resource.type)}`;
    const v = this.compiled.get(ref) ?? this.ajv.compile({ $ref: ref });
    this.compiled.set(ref, v);
    const errors = v(definition ? resource.properties : resource) ? [] : (v.errors ?? []).map((e: { instancePath: string; message?: string; params: object }) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
    if (definition) {
      const allowed = new Set(["type", "apiVersion", "name", "scope", "identity", "properties", "dependsOn", "plan", "systemData"]);
      for (const k of Object.keys(resource)) if (!allowed.has(k)) errors.push(`/${k} is not a property of an extension resource`);
      if (resource.apiVersion !== azureType(resource.type).apiVersion) errors.push(`/apiVersion must be ${azureType(resource.type).apiVersion}`);
      if (typeof resource.name !== "string" || typeof resource.scope !== "string") errors.push("/name and /scope must be strings");
      const identity = resource.identity as { type?: string } | undefined;
      if (identity && !["SystemAssigned", "None"].includes(String(identity.type))) errors.push("/identity/type must be SystemAssigned or None");
    }
    return errors;
  }

  validateParameters(parameters: object): string[] {
    const load = (f: string) => JSON.parse(readFileSync(new URL(`2019-04-01/${f}`, SCHEMAS), "utf8"));
    const template = load("deploymentTemplate.json");
    const templateId = String(template.id).replace(/#$/, "");
    // The parameters schema borrows two self-contained definitions of the template schema; the
    // rest of it points at every provider's schema, which this folder doesn't hold.
    const borrowed = { parameterValueTypes: template.definitions.parameterValueTypes, keyVaultReference: template.definitions.keyVaultReference };
    if (!this.ajv.getSchema(templateId)) this.ajv.addSchema({ id: templateId, definitions: borrowed }, templateId);
    const v = this.ajv.compile({ ...load("deploymentParameters.json"), id: undefined, $schema: undefined });
    return v(parameters) ? [] : (v.errors ?? []).map((e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message}`);
  }
}
