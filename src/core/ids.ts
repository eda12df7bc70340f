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
  // Asked for every hop of every flow: found by character codes, nothing built but the answer.
  const i = lastProviders(id);
  if (i < 0) return undefined;
  // namespace, then type/name pairs; a child has at least two pairs (four slashes after it).
  let slash = i + PROVIDERS.length - 1;
  for (let n = 0; n < 4; n++) if ((slash = id.indexOf("/", slash + 1)) < 0) return undefined;
  return id.slice(0, id.lastIndexOf("/", id.lastIndexOf("/") - 1));
}

const PROVIDERS = "/providers/";

/** Where the last `/providers/` (in any case) starts, or -1. */
function lastProviders(id: string): number {
  // Asked of every id an estate holds: ids mostly spell it in lower case, which the native search
  // finds; only a slash after that one can start a later one spelled otherwise.
  let found = id.lastIndexOf(PROVIDERS);
  for (let s = id.indexOf("/", found + 1); s >= 0; s = id.indexOf("/", s + 1)) if (providersAt(id, s)) found = s;
  return found;
}

/** Whether `/providers/`, in any case, starts at `i`. */
function providersAt(id: string, i: number): boolean {
  if (i + PROVIDERS.length > id.length) return false;
  for (let k = 1; k < PROVIDERS.length; k++) {
    let c = id.charCodeAt(i + k);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== PROVIDERS.charCodeAt(k)) return false;
  }
  return true;
}

/** The resource group id (`/subscriptions/x/resourceGroups/y`) an id lives in, or "" for none. */
export function resourceGroupOf(id: string): string {
  if (typeof id !== "string") return "";
  const i = id.toLowerCase().indexOf("/providers/");
  return i > 0 ? id.slice(0, i) : "";
}

/** The name of the resource group an id lives in, or "" for none. */
export function resourceGroupName(id: string): string {
  const group = resourceGroupOf(id);
  return group.slice(group.lastIndexOf("/") + 1);
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
  const i = lastProviders(id);
  if (i < 0) return undefined;
  // Asked of every id an estate holds: the segments are walked, not split into arrays.
  return segmentsAfterProviders(id, i, 0);
}

/** The name ARM gives the resource an id names: its name segments joined, `parent/child` for a child. */
export function nameOfId(id: string): string {
  if (typeof id !== "string") return "";
  const i = lastProviders(id);
  return i < 0 ? id.slice(PROVIDERS.length - 1).split("/").slice(1).filter((_, k) => k % 2 === 1).join("/") : segmentsAfterProviders(id, i, 1);
}

/**
 * The segments after `/providers/` at `i`: the namespace and every type (`parity` 0), or every name
 * (`parity` 1), joined by slashes.
 */
function segmentsAfterProviders(id: string, i: number, parity: 0 | 1): string {
  let out: string | undefined;
  let start = i + PROVIDERS.length;
  // Segment 0 is the namespace, then type/name pairs: types at odd positions, names at even ones.
  for (let k = 0; start <= id.length; k++) {
    let end = id.indexOf("/", start);
    if (end < 0) end = id.length;
    const wanted = parity === 0 ? k === 0 || k % 2 === 1 : k > 0 && k % 2 === 0;
    if (wanted) out = out === undefined ? id.slice(start, end) : `${out}/${id.slice(start, end)}`;
    start = end + 1;
  }
  return out ?? "";
}
