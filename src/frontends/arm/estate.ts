// Exported live estates: what `az graph query -q "resources | …" -o json` prints
// (`{count, data: [...]}`, or several such pages in a list), a list of resource bodies as
// `az resource show`/`list` and the ARM REST API return them, the service commands' flattened
// objects (`az network vnet list`: properties at the top, subnets likewise), and Azure PowerShell's
// and PSRule's `Export-AzRuleData` objects (`ResourceId`, `ResourceType`, `Properties`, children
// under `resources`). No expressions: the bodies are mapped as they are. Resource Graph writes
// types in lower case and a child's name without its parent's, so both are taken from the id and
// the type registry.
import { nameOfId } from "../../core/ids.ts";
import { azureTypeName, T, typeFacts } from "../../core/registry.ts";
import { pathUnder, type SourcePath } from "../../core/source.ts";
import type { Body } from "../../core/bodies.ts";

type Raw = { readonly id?: unknown; readonly type?: unknown; readonly [k: string]: unknown };

export function estateBodies(value: unknown): { readonly bodies: readonly Body[] } | { readonly error: string; readonly path?: SourcePath } {
  if (!isPage(value) && !Array.isArray(value))
    return {
      error:
        "not a deployment template (no deploymentTemplate.json $schema), an Azure Resource Graph result ({count, data}) or a list of resource bodies: amlnet can't tell what this file is",
    };
  const bodies: Body[] = [];
  // Pages, lists of bodies and bodies, nested as appended az outputs nest them.
  // The first item that isn't a resource body, located at the item (or at its key of the wrong type).
  const visitAll = (list: readonly unknown[], at: SourcePath): { error: string; path: SourcePath } | undefined => {
    for (let i = 0; i < list.length; i++) {
      const problem = visit(list[i], pathUnder(at, i));
      if (problem) return problem;
    }
    return undefined;
  };
  const visit = (v: unknown, at: SourcePath): { error: string; path: SourcePath } | undefined => {
    if (isPage(v)) return visitAll(v.data, pathUnder(at, "data"));
    if (Array.isArray(v)) return visitAll(v, at);
    if (!v || typeof v !== "object") return { error: `${itemAt(at)} is not a resource body (an object with a string id and type)`, path: at };
    const { body: r, written, children } = envelope(v as Raw);
    if (typeof r.id !== "string" || typeof r.type !== "string") {
      const key = typeof r.id !== "string" ? "id" : "type";
      return { error: `${itemAt(at)} has ${r[key] === undefined ? "no" : "a non-string"} ${key}${key === "id" ? " (or ResourceId)" : " (or ResourceType)"}: a resource body has a string id and type`, path: r[key] === undefined ? at : [...at, written?.[key] ?? key] };
    }
    // The type as the registry spells it (Resource Graph writes lower case): every later look-up
    // of it then finds the registry's own string.
    bodies.push({ id: r.id, type: azureTypeName(r.type), name: nameOfId(r.id), body: r, existing: false, source: at });
    // PSRule writes a resource's sub-resources inside it.
    return children ? visitAll(children.list, pathUnder(at, children.key)) : undefined;
  };
  const problem = visit(value, []);
  return problem ?? { bodies: withPrincipals(bodies) };
}

/**
 * Role assignments name their principal by object id; the model names it by the resource that
 * holds the identity (as a template's reference(...).identity.principalId does). An export holds
 * both sides: a workspace's identity.principalId, an identity's properties.principalId.
 */
function withPrincipals(bodies: Body[]): Body[] {
  const holder = new Map<string, string>();
  for (let i = 0; i < bodies.length; i++) {
    const b = bodies[i];
    const identity = b.body.identity as { principalId?: unknown } | undefined;
    const own = (b.body.properties as { principalId?: unknown } | undefined)?.principalId;
    if (typeof identity?.principalId === "string") holder.set(identity.principalId.toLowerCase(), b.id);
    if (b.type === T.identity && typeof own === "string") holder.set(own.toLowerCase(), b.id);
  }
  return bodies.map((b) => {
    if (b.type !== T.roleAssignment) return b;
    const p = (b.body.properties ?? {}) as { principalId?: unknown };
    const id = typeof p.principalId === "string" ? holder.get(p.principalId.toLowerCase()) : undefined;
    return id ? { ...b, body: { ...b.body, properties: { ...p, principalId: id } } } : b;
  });
}

// The envelope's keys, lower-cased, with the other spellings exporters use (Azure PowerShell and
// PSRule write ResourceId, ResourceType, ResourceName and PascalCase keys). Everything else on an
// object without `properties` is a flattened property.
const ENVELOPE: Readonly<Record<string, string>> = {
  id: "id",
  resourceid: "id",
  type: "type",
  resourcetype: "type",
  name: "name",
  resourcename: "name",
  location: "location",
  properties: "properties",
  sku: "sku",
  kind: "kind",
  identity: "identity",
  tags: "tags",
  zones: "zones",
  etag: "etag",
  plan: "plan",
  managedby: "managedBy",
  extendedlocation: "extendedLocation",
  systemdata: "systemData",
  resourcegroup: "resourceGroup",
  resourcegroupname: "resourceGroup",
  subscriptionid: "subscriptionId",
  tenantid: "tenantId",
  apiversion: "apiVersion",
};
const ARM_SPELLED: ReadonlySet<string> = new Set(Object.values(ENVELOPE));
// What Azure PowerShell adds around a body, which is none of its properties.
const NOT_PROPERTIES: ReadonlySet<string> = new Set(["parentresource", "changedtime", "createdtime"]);

// Where an item is, for a message (built only for one: an estate has a hundred thousand items).
const itemAt = (at: SourcePath) => `item ${at.length ? at.join(".") : "0"}`;

/**
 * An item as ARM writes a body: envelope keys in ARM's spelling, properties under `properties`;
 * with how the item spells each envelope key when that isn't ARM's own spelling.
 */
function envelope(raw: Raw): { body: Raw; written?: Record<string, string>; children?: { key: string; list: unknown[] } } {
  // Resource Graph and the REST API already write ARM's envelope: the item is the body (most of an
  // estate, a hundred thousand items), unless a list inside needs folding.
  let armSpelled = true;
  for (const key in raw)
    if (!ARM_SPELLED.has(key)) {
      armSpelled = false;
      break;
    }
  if (armSpelled) {
    const props = folded(raw);
    return { body: props === raw.properties ? raw : { ...raw, properties: props } };
  }
  const body: Record<string, unknown> = {};
  const written: Record<string, string> = {};
  const flattened: Record<string, unknown> = {};
  let children: { key: string; list: unknown[] } | undefined;
  for (const [key, value] of Object.entries(raw)) {
    const lower = key.toLowerCase();
    const arm = ENVELOPE[lower];
    if (arm) {
      // The first spelling wins (an item with both id and ResourceId keeps id).
      if (!(arm in body)) (body[arm] = value), (written[arm] = key);
    } else if (lower === "resources" && Array.isArray(value)) children = { key, list: value };
    else if (!NOT_PROPERTIES.has(lower)) flattened[key] = value;
  }
  if (body.properties === undefined && Object.keys(flattened).length) body.properties = flattened;
  const props = folded(body);
  if (props !== body.properties) body.properties = props;
  return { body, written, ...(children ? { children } : {}) };
}

/**
 * The body's properties with the elements of lists ARM writes as {name, id, properties} that an
 * exporter flattened folded back; the properties themselves when nothing needs folding.
 */
function folded(body: Raw): unknown {
  const props = body.properties;
  const lists = typeof body.type === "string" ? typeFacts(body.type)?.childLists : undefined;
  if (!lists || !props || typeof props !== "object" || Array.isArray(props)) return props;
  let out: Record<string, unknown> | undefined;
  for (const list of lists) {
    const items = (props as Record<string, unknown>)[list];
    const flattened = (x: unknown) => !!x && typeof x === "object" && !Array.isArray(x) && !("properties" in x);
    if (Array.isArray(items) && items.some(flattened)) (out ??= { ...(props as Record<string, unknown>) })[list] = items.map((x) => (flattened(x) ? envelope(x as Raw).body : x));
  }
  return out ?? props;
}

const isPage = (v: unknown): v is { data: unknown[] } => !!v && typeof v === "object" && !Array.isArray(v) && Array.isArray((v as { data?: unknown }).data);
