// ARM resource ids: building and taking them apart. Azure compares ids case-insensitively.

/** The subscription a blueprint without subscriptionId is modelled in; back ends never emit it as such. */
export const DEFAULT_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

export interface Scope {
  readonly subscription: string;
  readonly resourceGroup: string;
}

/**
 * The id of a resource of `type` (e.g. `Microsoft.Network/virtualNetworks/subnets`) with name
 * segments `names` (one per type segment after the namespace).
 */
export function resourceId(scope: Scope, type: string, ...names: string[]): string {
  const [ns, ...types] = type.split("/");
  if (types.length !== names.length) throw new Error(`resourceId: ${type} needs ${types.length} names`);
  const tail = types.map((t, i) => `${t}/${names[i]}`).join("/");
  return `/subscriptions/${scope.subscription}/resourceGroups/${scope.resourceGroup}/providers/${ns}/${tail}`;
}

// Ids read from an input may be unknown (a template parameter without a value, a Terraform value
// known only after apply): every function here takes them as ids of nothing, never throws.

export function idKey(id: string): string {
  return typeof id === "string" ? id.toLowerCase() : "";
}

/** The parent's id of a child resource id, or undefined for a top-level resource. */
export function parentId(id: string): string | undefined {
  if (typeof id !== "string") return undefined;
  const i = id.toLowerCase().lastIndexOf("/providers/");
  if (i < 0) return undefined;
  const segments = id.slice(i + "/providers/".length).split("/");
  // namespace, then type/name pairs; a child has at least two pairs.
  if (segments.length < 5) return undefined;
  return id.slice(0, id.length - segments.slice(-2).join("/").length - 1);
}

/** The resource group id (`/subscriptions/x/resourceGroups/y`) an id lives in, or "" for none. */
export function resourceGroupOf(id: string): string {
  if (typeof id !== "string") return "";
  const i = id.toLowerCase().indexOf("/providers/");
  return i > 0 ? id.slice(0, i) : "";
}

/** An id relative to its resource group (`Namespace/type/name/...`), the form ARM's `scope` takes. */
export function relativeId(id: string): string {
  const i = id.toLowerCase().indexOf("/providers/");
  return i >= 0 ? id.slice(i + "/providers/".length) : id;
}

/** The last name segment of an id. */
export function lastName(id: string): string {
  if (typeof id !== "string") return "";
  return id.slice(id.lastIndexOf("/") + 1);
}

/** ARM type of an id: namespace plus its type segments. */
export function typeOfId(id: string): string | undefined {
  if (typeof id !== "string") return undefined;
  const i = id.toLowerCase().lastIndexOf("/providers/");
  if (i < 0) return undefined;
  const [ns, ...rest] = id.slice(i + "/providers/".length).split("/");
  return [ns, ...rest.filter((_, k) => k % 2 === 0)].join("/");
}

/** The name ARM gives the resource an id names: its name segments joined, `parent/child` for a child. */
export function nameOfId(id: string): string {
  if (typeof id !== "string") return "";
  const i = id.toLowerCase().lastIndexOf("/providers/");
  return id.slice(i + "/providers/".length).split("/").slice(1).filter((_, k) => k % 2 === 1).join("/");
}
