// Exported live estates: what `az graph query -q "resources | …" -o json` prints
// (`{count, data: [...]}`, or several such pages in a list) or a list of resource bodies as
// `az resource show` and the ARM REST API return them. No expressions: the bodies are mapped as
// they are. Resource Graph writes types in lower case and a child's name without its parent's,
// so both are taken from the id and the type registry.
import { nameOfId } from "../../core/ids.ts";
import type { SourcePath } from "../../core/source.ts";
import type { Body } from "./map.ts";

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
  const visit = (v: unknown, at: SourcePath): { error: string; path: SourcePath } | undefined => {
    if (isPage(v)) return v.data.map((x, i) => visit(x, [...at, "data", i])).find(Boolean);
    if (Array.isArray(v)) return v.map((x, i) => visit(x, [...at, i])).find(Boolean);
    const r = v as Raw;
    const where = `item ${at.length ? at.join(".") : "0"}`;
    if (!r || typeof r !== "object") return { error: `${where} is not a resource body (an object with a string id and type)`, path: at };
    for (const key of ["id", "type"] as const)
      if (typeof r[key] !== "string") return { error: `${where} has ${r[key] === undefined ? "no" : "a non-string"} ${key}: a resource body has a string id and type`, path: r[key] === undefined ? at : [...at, key] };
    bodies.push({ id: r.id as string, type: r.type as string, name: nameOfId(r.id as string), body: r, existing: false, source: at });
    return undefined;
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
  for (const b of bodies) {
    const identity = b.body.identity as { principalId?: unknown } | undefined;
    const own = (b.body.properties as { principalId?: unknown } | undefined)?.principalId;
    if (typeof identity?.principalId === "string") holder.set(identity.principalId.toLowerCase(), b.id);
    if (b.type.toLowerCase() === "microsoft.managedidentity/userassignedidentities" && typeof own === "string") holder.set(own.toLowerCase(), b.id);
  }
  return bodies.map((b) => {
    if (b.type.toLowerCase() !== "microsoft.authorization/roleassignments") return b;
    const p = (b.body.properties ?? {}) as { principalId?: unknown };
    const id = typeof p.principalId === "string" ? holder.get(p.principalId.toLowerCase()) : undefined;
    return id ? { ...b, body: { ...b.body, properties: { ...p, principalId: id } } } : b;
  });
}

const isPage = (v: unknown): v is { data: unknown[] } => !!v && typeof v === "object" && !Array.isArray(v) && Array.isArray((v as { data?: unknown }).data);
