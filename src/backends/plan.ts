// The deployment plan: one prepare pass before any back end renders (the aws-cdk habit). It
// decides, once, what each deployment path creates and how: what the ARM/Bicep template holds,
// what deploy.sh creates before or after it, what Terraform holds, which values are secrets, how
// an identity's principal and a built-in role are named. ARM, Bicep, Terraform and the scripts
// render this plan; none decides any of it again.
import type { Model } from "../core/model.ts";
import { Analysis } from "../core/analysis.ts";
import { isSecret, type Resource, type Secret } from "../core/types.ts";
import { idKey, lastName, resourceGroupOf } from "../core/ids.ts";
import { props } from "../core/props.ts";
import { azureType, T } from "../core/registry.ts";

/** A model resource one deployment path leaves to deploy.sh. */
export interface ScriptedStep {
  readonly id: string;
  readonly reason: string;
  /** Before the template deployment (the template names it) or after it. */
  readonly when: "before" | "after";
}

/** A value given at deployment time: its parameter name in templates and its variable in scripts. */
export interface PlannedSecret {
  readonly name: string;
  readonly description: string;
  /** `jumpbox-admin-password` -> `jumpboxAdminPassword` (ARM and Bicep parameter). */
  readonly parameter: string;
  /** `jumpbox-admin-password` -> `JUMPBOX_ADMIN_PASSWORD` (environment variable). */
  readonly variable: string;
}

/** How the principal (object id) of the identity behind a resource id is known at deployment. */
export type Principal =
  /** A managed identity this path creates. */
  | { readonly kind: "created-identity"; readonly resource: Resource }
  /** A resource this path creates with a system-assigned identity. */
  | { readonly kind: "created-system"; readonly resource: Resource }
  /** A resource of the model this path doesn't create: read at deployment from ARM. */
  | { readonly kind: "existing"; readonly id: string; readonly resource: Resource }
  /** A Microsoft Entra object id (a person or group): it is the principal id itself. */
  | { readonly kind: "object-id"; readonly id: string }
  /** A resource id the model knows nothing of. */
  | { readonly kind: "unknown"; readonly id: string };

export interface PathPlan {
  /** What the path's own files create, in model order. */
  readonly created: readonly Resource[];
  /**
   * The subnets written inside their VNet's body (ARM and Bicep: a VNet redeployed without its
   * subnets would delete them); Terraform writes each subnet on its own.
   */
  inlineSubnets(vnet: Resource): readonly Resource[];
  /** What deploy.sh creates for this path. */
  readonly scripted: readonly ScriptedStep[];
  isCreated(id: string): boolean;
  isScripted(id: string): boolean;
  principal(id: string): Principal;
}

export interface DeploymentPlan {
  readonly model: Model;
  /** The model's views (endpoints, role assignments) as the back ends ask them. */
  readonly analysis: Analysis;
  /** The resource group everything the deployment creates lives in (`/subscriptions/x/resourceGroups/y`). */
  readonly resourceGroupId: string;
  readonly resourceGroup: string;
  /** ARM template and Bicep. */
  readonly template: PathPlan;
  /** Terraform (azurerm and azapi). */
  readonly terraform: PathPlan;
  readonly secrets: readonly PlannedSecret[];
  /** Whether an id lies inside the deployment's resource group. */
  inGroup(id: string): boolean;
  /**
   * Whether a reference at this property path (array indices left out) is written as the
   * target's id built from its name, never as a symbolic reference or a dependency: the target
   * depends on the holder, so anything stronger would be a cycle.
   */
  isWeakReference(path: readonly string[]): boolean;
  /** How a resource's region is written: the deployment's location parameter, or its own. */
  location(r: Resource): PlannedLocation | undefined;
  /**
   * Whether a property value is the deployment's region where Azure takes a region (a compute's
   * computeLocation): written as the location parameter, so one LOCATION moves everything.
   */
  followsLocation(path: readonly string[], value: unknown): boolean;
  /** The parts of a role assignment's name (every path names it alike). */
  roleAssignmentName(r: Resource, path: PathPlan): RoleAssignmentName;
}

export type PlannedLocation = { readonly kind: "parameter" } | { readonly kind: "literal"; readonly value: string };

/**
 * A role assignment's name is guid(scope, role, principal): unique per real scope, role and
 * principal, as Bicep's guid() idiom makes it (the model's GUID comes from placeholder ids and
 * would repeat across subscriptions).
 */
export interface RoleAssignmentName {
  /** The scope: a resource the path creates, the resource group, or an id written as a literal. */
  readonly scope: { readonly kind: "created"; readonly resource: Resource } | { readonly kind: "resource-group" } | { readonly kind: "id"; readonly id: string };
  /** The role definition's GUID. */
  readonly role: string;
  readonly principal: Principal;
}

/**
 * F43: the workspace's storage names the workspace in a resource-access rule while the workspace
 * needs the storage first; that mention is by id only. Property paths, array indices left out.
 */
const WEAK_REFERENCES: ReadonlySet<string> = new Set(["networkAcls.resourceAccessRules.resourceId"]);

const DATA_PLANE_REASON = "created through the service's data plane (az CLI), not ARM";
const OUTSIDE_GROUP_REASON = "its scope is outside this template's resource group";

export function planDeployment(model: Model): DeploymentPlan {
  const resourceGroupId = resourceGroupOf(model.resources.find((r) => !r.existing)?.id ?? "");
  const inGroup = (id: string) => {
    const rg = resourceGroupId.toLowerCase();
    return id.toLowerCase() === rg || id.toLowerCase().startsWith(`${rg}/`);
  };
  const template = pathPlan(model, (r) => {
    if (azureType(r.type).deploy === "data-plane") return DATA_PLANE_REASON;
    // A template deploys into one group; role assignments on other scopes, and links of an
    // existing zone in another group (a zone of one name per VNet, AML079), are scripted.
    if ((r.type === T.roleAssignment || r.type === T.roleDefinition) && !inGroup(r.scope ?? "")) return OUTSIDE_GROUP_REASON;
    if (r.type === T.zoneLink && !inGroup(r.id)) return OUTSIDE_GROUP_REASON;
    return undefined;
  });
  // Terraform reaches any scope.
  const terraform = pathPlan(model, (r) => (azureType(r.type).deploy === "data-plane" ? DATA_PLANE_REASON : undefined));
  return {
    model,
    analysis: new Analysis(model),
    resourceGroupId,
    resourceGroup: resourceGroupId.split("/")[4] ?? "",
    template,
    terraform,
    secrets: secretsOf(model),
    inGroup,
    isWeakReference: (path) => WEAK_REFERENCES.has(path.filter((p) => !/^\d+$/.test(p)).join(".")),
    location: (r) => (r.location === undefined ? undefined : r.location === model.region ? { kind: "parameter" } : { kind: "literal", value: r.location }),
    followsLocation: (path, value) => path[path.length - 1] === "computeLocation" && value === model.region,
    roleAssignmentName(r, path) {
      const p = props.roleAssignment(r);
      const scopeId = r.scope && idKey(r.scope) !== idKey(resourceGroupId) ? r.scope : undefined;
      const scoped = scopeId && path.isCreated(scopeId) ? model.get(scopeId) : undefined;
      return {
        scope: scoped ? { kind: "created", resource: scoped } : scopeId ? { kind: "id", id: scopeId } : { kind: "resource-group" },
        role: lastName(String(p.roleDefinitionId)),
        principal: path.principal(String(p.principalId)),
      };
    },
  };
}

function pathPlan(model: Model, scriptReason: (r: Resource) => string | undefined): PathPlan {
  const scripted = new Map<string, { id: string; reason: string }>();
  const created = new Map<string, Resource>();
  for (const r of model.resources) {
    if (r.existing) continue;
    const reason = scriptReason(r);
    if (reason) scripted.set(idKey(r.id), { id: r.id, reason });
    else created.set(idKey(r.id), r);
  }
  // What must follow a scripted resource is scripted too (a Kubernetes compute after the
  // extension deploy.sh installs).
  for (let moved = true; moved; ) {
    moved = false;
    for (const r of created.values()) {
      const after = r.dependsOn?.find((d) => scripted.has(idKey(d)));
      if (!after) continue;
      scripted.set(idKey(r.id), { id: r.id, reason: `it must follow ${model.get(after)?.type ?? ""} ${model.get(after)?.name ?? after}, which deploy.sh creates` });
      created.delete(idKey(r.id));
      moved = true;
    }
  }
  // A scripted resource the path's files name (the private link scope a templated endpoint
  // connects to) is created before the deployment; the rest after it.
  const named = (id: string) => model.refsTo(id).some((e) => created.has(idKey(e.from.id)));
  const steps = [...scripted.values()].map((s): ScriptedStep => ({ ...s, when: named(s.id) ? "before" : "after" }));
  return {
    created: [...created.values()],
    inlineSubnets: (vnet) => model.children(vnet.id, T.subnet).filter((s) => created.has(idKey(s.id))),
    scripted: steps,
    isCreated: (id) => created.has(idKey(id)),
    isScripted: (id) => scripted.has(idKey(id)),
    principal(id) {
      const r = created.get(idKey(id));
      if (r) return r.type === T.identity ? { kind: "created-identity", resource: r } : { kind: "created-system", resource: r };
      const known = model.get(id);
      if (known) return { kind: "existing", id, resource: known };
      return id.startsWith("/") ? { kind: "unknown", id } : { kind: "object-id", id };
    },
  };
}

/** The GUID of a built-in role definition id (`/subscriptions/x/providers/Microsoft.Authorization/roleDefinitions/<guid>`). */
export function builtInRole(id: string): string | undefined {
  return /^\/subscriptions\/[^/]+\/providers\/Microsoft\.Authorization\/roleDefinitions\/([0-9a-f-]+)$/i.exec(id)?.[1];
}

function secretsOf(model: Model): PlannedSecret[] {
  const found = new Map<string, string>();
  const walk = (v: unknown): void => {
    if (isSecret(v)) found.set(v.$secret.name, v.$secret.description);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  model.resources.forEach((r) => walk(r.properties));
  return [...found].map(([name, description]) => ({ name, description, parameter: secretParameter(name), variable: secretVariable(name) }));
}

/** The template parameter of a secret. */
export function secretParameter(name: string): string {
  return name.replace(/[^A-Za-z0-9]+(.)/g, (_, c: string) => c.toUpperCase());
}

function secretVariable(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, "_").toUpperCase();
}

/** The plan's secret for a secret value met while rendering. */
export function plannedSecret(plan: DeploymentPlan, s: Secret): PlannedSecret {
  return plan.secrets.find((x) => x.name === s.$secret.name)!;
}
