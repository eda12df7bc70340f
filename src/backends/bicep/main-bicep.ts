// Bicep back end: the same resources as main.json, written as Azure Verified Modules write Bicep:
// described parameters, symbolic names, `parent:` for children, references by `symbol.id`
// instead of string ids, `scope:` for extension resources, role names from guid().
import { isDeploymentValue, isSecret, type Resource } from "../../core/types.ts";
import { props } from "../../core/props.ts";
import { idKey, parentId } from "../../core/ids.ts";
import { azureType, T, versionFor } from "../../core/registry.ts";
import { builtInRole, plannedSecret, type DeploymentPlan } from "../plan.ts";
import { camelSymbol, Symbols } from "../symbols.ts";
import { commentSafe, generatedBy } from "../generated-by.ts";

/** A Bicep expression, written as is (not quoted). */
class Expr {
  constructor(readonly text: string) {}
}

/** An object whose keys are Bicep expressions (user-assigned identities by `${symbol.id}`). */
class ExprKeys {
  constructor(readonly entries: readonly (readonly [Expr | string, unknown])[]) {}
}

export function mainBicep(plan: DeploymentPlan, meta: { blueprint: string; version: string }): { bicep: string; bicepparam: string } {
  const model = plan.model;
  const path = plan.template;
  const created = path.created;
  const byId = new Map(created.map((r) => [idKey(r.id), r]));
  const symbols = new Map<string, string>();
  const used = new Symbols(["location"]);
  // The private DNS zones are alike (global, no properties): one loop over their names, as AVM
  // writes it; each zone is then `privateDnsZones[i]`.
  const zones = created.filter((r) => r.type === T.zone);
  const zoneLoop = zones.length > 1 && zones.every((z) => z.location === "global" && !Object.keys(z.properties).length);
  if (zoneLoop) {
    used.reserve("privateDnsZones");
    used.reserve("privateDnsZoneNames");
    zones.forEach((z, i) => symbols.set(idKey(z.id), `privateDnsZones[${i}]`));
  }
  for (const r of created) if (!symbols.has(idKey(r.id))) symbols.set(idKey(r.id), used.unique(camelSymbol(r)));
  const sym = (r: Resource) => symbols.get(idKey(r.id))!;
  const rgId = plan.resourceGroupId;

  const referenced = new Set<Resource>();
  const ref = (id: string): Expr | undefined => {
    if (idKey(id) === idKey(rgId)) return new Expr("resourceGroup().id");
    const r = byId.get(idKey(id));
    // A custom role's id is its subscription's, whichever group deploys it.
    if (r?.type === T.roleDefinition) return new Expr(`subscriptionResourceId('${T.roleDefinition}', ${sym(r)}.name)`);
    if (r) {
      referenced.add(r);
      return new Expr(`${sym(r)}.id`);
    }
    // deploy.sh creates it before the deployment (a private link scope without an official schema).
    const scripted = path.isScripted(id) ? model.get(id) : undefined;
    if (scripted && !scripted.scope && plan.inGroup(scripted.id))
      return new Expr(`resourceId(${[scripted.type, ...scripted.name.split("/")].map(str).join(", ")})`);
    const role = builtInRole(id);
    if (role) return new Expr(`subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${role}')`);
    return undefined;
  };
  // A weak reference (the plan's: the target depends on the holder) names the target by its
  // type and name, never by symbol, so Bicep sees no cycle.
  const byName = (id: string): Expr | undefined => {
    const r = byId.get(idKey(id));
    return r && new Expr(`resourceId(${[r.type, ...r.name.split("/")].map(str).join(", ")})`);
  };
  // Secrets are @secure() parameters; main.bicepparam reads them from the environment.
  const secrets = new Map<string, { description: string; variable: string }>();
  const convert = (value: unknown, at: readonly string[] = []): unknown => {
    if (isSecret(value)) {
      const secret = plannedSecret(plan, value);
      secrets.set(secret.parameter, { description: secret.description, variable: secret.variable });
      return new Expr(secret.parameter);
    }
    if (isDeploymentValue(value)) return new Expr("subscription().tenantId");
    if (plan.followsLocation(at, value)) return new Expr("location");
    // Every other string is a literal (a blueprint value never becomes code), unless it is the id
    // of a resource the file declares.
    if (typeof value === "string") return (plan.isWeakReference(at) ? byName(value) : ref(value)) ?? value;
    if (Array.isArray(value)) return value.map((v, i) => convert(v, [...at, String(i)]));
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convert(v, [...at, k])]));
    return value;
  };

  const blocks: string[] = [];
  for (const r of created) {
    const api = versionFor(r).apiVersion;
    if (r.type === T.subnet || (zoneLoop && r.type === T.zone)) continue;
    const body: Record<string, unknown> = {};
    const parent = byId.get(idKey(parentId(r.id) ?? ""));
    if (parent && !r.scope && r.type !== T.roleAssignment) {
      body.parent = new Expr(sym(parent));
      body.name = r.name.slice(r.name.lastIndexOf("/") + 1);
    } else body.name = r.name;
    if (r.scope && idKey(r.scope) !== idKey(rgId)) {
      const scope = byId.get(idKey(r.scope));
      if (scope) body.scope = new Expr(sym(scope));
    }
    const location = plan.location(r);
    if (location) body.location = location.kind === "parameter" ? new Expr("location") : location.value;
    if (r.kind) body.kind = r.kind;
    if (r.sku) body.sku = r.sku;
    if (r.identity) {
      const uai = r.identity.userAssignedIdentities;
      body.identity = uai
        ? { ...r.identity, userAssignedIdentities: new ExprKeys(Object.keys(uai).map((id) => [byId.has(idKey(id)) ? new Expr(`'\${${sym(byId.get(idKey(id))!)}.id}'`) : id, {}])) }
        : r.identity;
    }
    let properties = convert(r.properties) as Record<string, unknown>;
    if (r.type === T.vnet) {
      properties = { ...properties, subnets: path.inlineSubnets(r).map((s) => ({ name: s.name.split("/")[1], properties: convert(s.properties) })) };
    }
    if (r.type === T.roleDefinition) {
      // Its name (a GUID) and its roleName are unique in the tenant only when made from the real
      // group's id; the model's come from a placeholder subscription.
      const name = `guid(resourceGroup().id, ${str(r.name)})`;
      body.name = new Expr(name);
      properties = { ...properties, roleName: new Expr(`format('{0} {1}', ${str(String(props.roleDefinition(r).roleName ?? ""))}, ${name})`) };
    }
    if (r.type === T.roleAssignment) {
      const { scope, role, principal } = plan.roleAssignmentName(r, path);
      const principalRef = principal.kind === "created-identity" || principal.kind === "created-system" ? `${sym(principal.resource)}.id` : str(principal.id);
      // The model names the principal by resource id; Azure wants its object id at deployment.
      const principalIdExpr =
        principal.kind === "created-identity"
          ? `${sym(principal.resource)}.properties.principalId`
          : principal.kind === "created-system"
            ? `${sym(principal.resource)}.identity.principalId`
            : principal.kind === "existing"
              ? `reference(${principalRef}, '${azureType(principal.resource.type).apiVersion}', 'full').identity.principalId`
              : principalRef;
      properties = { ...properties, principalId: new Expr(principalIdExpr) };
      const scopeRef = scope.kind === "created" ? `${sym(scope.resource)}.id` : scope.kind === "id" ? render(ref(scope.id) ?? scope.id, 0) : "resourceGroup().id";
      body.name = new Expr(`guid(${scopeRef}, ${str(role)}, ${principalRef})`);
    }
    body.properties = properties;
    const after = (r.dependsOn ?? []).map((d) => byId.get(idKey(d))).filter((d): d is Resource => !!d);
    if (after.length) body.dependsOn = after.map((d) => new Expr(sym(d)));
    const description = r.type === T.roleAssignment || r.type === T.roleDefinition ? "" : `// ${r.type.split("/").slice(1).join("/")} ${commentSafe(r.name)}\n`;
    blocks.push(`${description}resource ${sym(r)} '${r.type}@${api}' = ${render(body, 0)}`);
  }
  // Subnets live inside their VNet's properties; an existing-resource handle names each one that
  // something references (Bicep's linter flags unused ones).
  const subnetBlocks = created
    .filter((r) => r.type === T.subnet && referenced.has(r))
    .map((r) => `resource ${sym(r)} '${r.type}@${azureType(r.type).apiVersion}' existing = {\n  parent: ${sym(byId.get(idKey(parentId(r.id)!))!)}\n  name: ${str(r.name.split("/")[1])}\n}`);
  const header = `// ${generatedBy(meta)}`;
  const bicep = [
    header,
    "targetScope = 'resourceGroup'",
    "",
    "@description('Region of the resources that follow the workspace\\'s region.')",
    `param location string = ${str(model.region)}`,
    "",
    ...[...secrets].flatMap(([name, x]) => ["@secure()", `@description(${str(x.description)})`, `param ${name} string`, ""]),
    ...(zoneLoop
      ? [
          "@description('Private DNS zones the endpoints register in (F01-F11).')",
          `var privateDnsZoneNames = ${render(zones.map((z) => z.name), 0)}`,
          "",
          `resource privateDnsZones '${T.zone}@${azureType(T.zone).apiVersion}' = [`,
          "  for name in privateDnsZoneNames: {",
          "    name: name",
          "    location: 'global'",
          "  }",
          "]",
          "",
        ]
      : []),
    [...blocks, ...subnetBlocks].join("\n\n"),
    "",
  ].join("\n");
  const bicepparam = [
    header,
    "using './main.bicep'",
    "",
    `param location = ${str(model.region)}`,
    ...[...secrets].map(([name, x]) => `param ${name} = readEnvironmentVariable(${str(x.variable)})`),
    "",
  ].join("\n");
  return { bicep, bicepparam };
}

function render(value: unknown, depth: number): string {
  const pad = "  ".repeat(depth + 1);
  const end = "  ".repeat(depth);
  if (value instanceof Expr) return value.text;
  if (value instanceof ExprKeys) {
    if (!value.entries.length) return "{}";
    return `{\n${value.entries.map(([k, v]) => `${pad}${k instanceof Expr ? k.text : key(k)}: ${render(v, depth + 1)}`).join("\n")}\n${end}}`;
  }
  if (typeof value === "string") return str(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return value.length ? `[\n${value.map((v) => pad + render(v, depth + 1)).join("\n")}\n${end}]` : "[]";
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (!entries.length) return "{}";
  return `{\n${entries.map(([k, v]) => `${pad}${key(k)}: ${render(v, depth + 1)}`).join("\n")}\n${end}}`;
}

function key(k: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : str(k);
}

/**
 * A Bicep string literal: backslash, quote and `${` escaped, and every control character (a
 * newline would end the literal) written as an escape, so the literal stays on one line.
 */
export function str(s: string): string {
  const body = s.replace(/[\\'\u0000-\u001f\u007f-\u009f\u2028\u2029]|\$\{/g, (c) => {
    if (c === "\\") return "\\\\";
    if (c === "'") return "\\'";
    if (c === "${") return "\\${";
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    return `\\u{${c.charCodeAt(0).toString(16)}}`;
  });
  return `'${body}'`;
}
