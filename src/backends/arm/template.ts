// ARM back end: the expanded model as a deployment template (2019-04-01 schema) for one resource
// group. Ids of resources the template creates become resourceId() expressions with dependsOn;
// existing resources stay literal ids. Subnets are written inside their VNet (separate subnet
// resources race each other on the VNet). Deterministic: same model, same bytes.
import { isDeploymentValue, isSecret, type Resource } from "../../core/types.ts";
import { idKey, parentId, relativeId } from "../../core/ids.ts";
import { builtInRole, plannedSecret, type DeploymentPlan } from "../plan.ts";
import { azureType, T, versionFor } from "../../core/registry.ts";
import { props } from "../../core/props.ts";

export interface ArmMeta {
  readonly blueprint: string;
  readonly version: string;
}

export interface ArmOutput {
  readonly template: object;
  readonly parameters: object;
}

/**
 * A literal string as ARM reads it: a value starting with `[` is an expression to Azure (evaluated
 * at deployment: `[listKeys(...)]`), so a literal one is written `[[`. Every string that reaches
 * the template from the model goes through here or through quote().
 */
export function armLiteral(s: string): string {
  return s.startsWith("[") ? `[${s}` : s;
}

/** A string literal inside an ARM expression: single quotes doubled. */
export function quote(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** Literal JSON: every string (keys too) escaped for ARM. */
function literalJson(value: unknown): unknown {
  if (typeof value === "string") return armLiteral(value);
  if (Array.isArray(value)) return value.map(literalJson);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [armLiteral(k), literalJson(v)]));
  return value;
}

export function emitArm(plan: DeploymentPlan, meta: ArmMeta): ArmOutput {
  const model = plan.model;
  const path = plan.template;
  const created = new Map(path.created.map((r) => [idKey(r.id), r]));
  const rgId = plan.resourceGroupId;

  /** The template resource that stands for `id` (a subnet is written inside its VNet). */
  const holder = (id: string): Resource | undefined => {
    const r = created.get(idKey(id));
    if (r?.type === T.subnet) return created.get(idKey(parentId(r.id)!));
    return r;
  };

  const expr = (id: string): string | undefined => {
    if (idKey(id) === idKey(rgId)) return "resourceGroup().id";
    const r = created.get(idKey(id)) ?? (path.isScripted(id) && plan.inGroup(id) ? model.get(id) : undefined);
    // A custom role's id is its subscription's, whichever group deploys it.
    if (r?.type === T.roleDefinition) return `subscriptionResourceId('${T.roleDefinition}', ${roleDefinitionName(r)})`;
    if (r) return resourceIdExpr(r);
    const role = builtInRole(id);
    if (role) return `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${role}')`;
    return undefined;
  };

  /**
   * A role assignment's name: unique per real scope, role and principal, as Bicep's guid() idiom
   * makes it (the model's GUID comes from placeholder ids and would repeat across subscriptions).
   */
  const roleName = (r: Resource): string => {
    const { scope, role, principal } = plan.roleAssignmentName(r, path);
    const ref = principal.kind === "created-identity" || principal.kind === "created-system" ? resourceIdExpr(principal.resource) : quote(principal.id);
    const scopeExpr = scope.kind === "created" ? resourceIdExpr(scope.resource) : scope.kind === "id" ? (expr(scope.id) ?? quote(scope.id)) : "resourceGroup().id";
    return `guid(${scopeExpr}, ${quote(role)}, ${ref})`;
  };
  /** How a dependsOn entry names a template resource (a role assignment by its guid() name and scope). */
  const dependency = (h: Resource): string => {
    if (h.type !== T.roleAssignment) return resourceIdExpr(h);
    if (h.scope && idKey(h.scope) !== idKey(rgId)) return `extensionResourceId(${expr(h.scope) ?? quote(h.scope)}, '${T.roleAssignment}', ${roleName(h)})`;
    return `resourceId('${T.roleAssignment}', ${roleName(h)})`;
  };

  // Secrets become secureString parameters without a default (and without a value in
  // main.parameters.json): deploy.sh passes them from the environment.
  const secrets = new Map<string, { type: string; metadata: { description: string } }>();

  const resources: object[] = [];
  for (const r of created.values()) {
    if (r.type === T.subnet) continue;
    const deps = new Set<string>();
    const rewrite = (value: unknown, path: string[]): unknown => {
      if (isSecret(value)) {
        const secret = plannedSecret(plan, value);
        secrets.set(secret.parameter, { type: "securestring", metadata: { description: armLiteral(secret.description) } });
        return `[parameters('${secret.parameter}')]`;
      }
      if (isDeploymentValue(value)) return "[subscription().tenantId]";
      if (plan.followsLocation(path, value)) return "[parameters('location')]";
      if (typeof value === "string") {
        const e = expr(value);
        if (e) {
          const h = holder(value);
          if (h && h !== r && !plan.isWeakReference(path)) deps.add(resourceIdExpr(h));
          return `[${e}]`;
        }
        return armLiteral(value);
      }
      if (Array.isArray(value)) return value.map((v, i) => rewrite(v, [...path, String(i)]));
      if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [armLiteral(k), rewrite(v, [...path, k])]));
      return value;
    };

    let properties = r.properties;
    if (r.type === T.vnet) {
      properties = { ...properties, subnets: path.inlineSubnets(r).map((s) => ({ name: s.name.split("/")[1], properties: s.properties })) };
    }
    const out: Record<string, unknown> = {
      type: r.type,
      apiVersion: versionFor(r).apiVersion,
      name: armName(r.name),
    };
    if (r.scope && idKey(r.scope) !== idKey(rgId)) {
      // Extension resources name their scope relative to the resource group.
      out.scope = armLiteral(relativeId(r.scope));
      const h = holder(r.scope);
      if (h) deps.add(resourceIdExpr(h));
    }
    if (r.type === T.roleDefinition) {
      // Its name (a GUID) and its roleName are unique in the tenant only when made from the real
      // group's id; the model's come from a placeholder subscription.
      const p = props.roleDefinition(r);
      out.name = `[${roleDefinitionName(r)}]`;
      out.properties = { ...(rewrite(r.properties, ["properties"]) as object), roleName: `[format('{0} {1}', ${quote(String(p.roleName ?? ""))}, ${roleDefinitionName(r)})]` };
    }
    if (r.type === T.roleAssignment) {
      const principalId = String(props.roleAssignment(r).principalId);
      const principal = path.principal(principalId);
      const rewritten = rewrite(r.properties, ["properties"]) as Record<string, unknown>;
      // The model names the principal by resource id; Azure wants its object id at deployment.
      const ref = principal.kind === "created-identity" || principal.kind === "created-system" ? resourceIdExpr(principal.resource) : quote(principalId);
      out.properties = { ...rewritten, principalId: principal.kind === "unknown" || principal.kind === "object-id" ? armLiteral(principalId) : `[${principalIdExpr(principal.resource, ref)}]` };
      if (principal.kind === "created-identity" || principal.kind === "created-system") deps.add(resourceIdExpr(principal.resource));
      out.name = `[${roleName(r)}]`;
    }
    const location = plan.location(r);
    if (location) out.location = location.kind === "parameter" ? "[parameters('location')]" : armLiteral(location.value);
    if (r.kind) out.kind = armLiteral(r.kind);
    if (r.sku) out.sku = literalJson(r.sku);
    if (r.identity) out.identity = rewriteIdentity(r.identity, created, deps);
    if (!out.properties) out.properties = rewrite(properties, []);
    const parent = parentId(r.id);
    if (parent && created.has(idKey(parent)) && r.type !== T.roleAssignment && !r.scope) deps.add(resourceIdExpr(created.get(idKey(parent))!));
    for (const d of r.dependsOn ?? []) {
      const h = holder(d);
      if (h) deps.add(dependency(h));
    }
    deps.delete(resourceIdExpr(r));
    // Each entry is an expression, so it is bracketed like any other ARM expression.
    if (deps.size) out.dependsOn = [...deps].sort().map((d) => `[${d}]`);
    resources.push(out);
  }

  const template = {
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    contentVersion: "1.0.0.0",
    metadata: { generator: armLiteral(`amlnet ${meta.version}`), blueprint: armLiteral(meta.blueprint) },
    parameters: {
      location: { type: "string", defaultValue: armLiteral(model.region), metadata: { description: "Region of the resources that follow the workspace's region." } },
      ...Object.fromEntries(secrets),
    },
    resources,
  };
  const parameters = {
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
    contentVersion: "1.0.0.0",
    parameters: { location: { value: armLiteral(model.region) } },
  };
  return { template, parameters };
}

/**
 * A child's name as compiled Bicep writes it, `[format('{0}/{1}', 'parent', 'child')]`: the
 * official schemas give some child types a name pattern without '/' that a literal
 * `parent/child` would fail.
 */
export function armName(name: string): string {
  const parts = name.split("/");
  if (parts.length === 1) return armLiteral(name);
  return `[format('${parts.map((_, i) => `{${i}}`).join("/")}', ${parts.map(quote).join(", ")})]`;
}

function resourceIdExpr(r: Resource): string {
  if (r.type === T.roleDefinition) return `resourceId('${r.type}', ${roleDefinitionName(r)})`;
  return `resourceId('${r.type}', ${r.name.split("/").map(quote).join(", ")})`;
}

/** A custom role's name: a GUID of the resource group it is deployed to and the model's own. */
function roleDefinitionName(r: Resource): string {
  return `guid(resourceGroup().id, ${quote(r.name)})`;
}

/** The principal id of the identity a resource id stands for, at deployment time. */
function principalIdExpr(r: Resource, ref: string): string {
  const api = azureType(r.type).apiVersion;
  if (r.type === T.identity) return `reference(${ref}, '${api}').principalId`;
  return `reference(${ref}, '${api}', 'full').identity.principalId`;
}

function rewriteIdentity(identity: Resource["identity"], created: Map<string, Resource>, deps: Set<string>): object | undefined {
  if (!identity?.userAssignedIdentities) return literalJson(identity) as object | undefined;
  const entries = Object.keys(identity.userAssignedIdentities).map((id) => {
    const r = created.get(idKey(id));
    if (!r) return [armLiteral(id), {}];
    deps.add(resourceIdExpr(r));
    return [`[${resourceIdExpr(r)}]`, {}];
  });
  return { ...(literalJson(identity) as object), userAssignedIdentities: Object.fromEntries(entries) };
}
