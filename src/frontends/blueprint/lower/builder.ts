// Shared state while a blueprint expands into resources: the scope, the resources so far, and
// the ids of the named things the blueprint declares.
import { sha1 } from "@noble/hashes/legacy.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { DEFAULT_SUBSCRIPTION, resourceId, type Scope } from "../../../core/ids.ts";
import type { Resource } from "../../../core/types.ts";
import type { Blueprint } from "../schema.ts";
import { T } from "../../../core/registry.ts";
import { Lookup } from "../lookup.ts";

export class Builder {
  readonly scope: Scope;
  readonly resources: Resource[] = [];
  private readonly byId = new Map<string, Resource>();

  /** The resources by lower-case id, in the order they were added (the model adopts it: ModelInput.byKey). */
  get byKey(): ReadonlyMap<string, Resource> {
    return this.byId;
  }
  /** Indexed look-ups into the blueprint's lists. */
  readonly lookup = new Lookup();

  constructor(readonly bp: Blueprint) {
    this.scope = { subscription: bp.subscriptionId ?? DEFAULT_SUBSCRIPTION, resourceGroup: bp.resourceGroup };
  }

  get region(): string {
    return this.bp.region;
  }

  id(type: string, ...names: string[]): string {
    return resourceId(this.scope, type, ...names);
  }

  get resourceGroupId(): string {
    return `/subscriptions/${this.scope.subscription}/resourceGroups/${this.scope.resourceGroup}`;
  }

  /** Adds a resource once; a second resource with the same id is ignored (first one wins). */
  add(r: Resource): Resource {
    const key = r.id.toLowerCase();
    if (!this.byId.has(key)) {
      this.byId.set(key, r);
      this.resources.push(r);
    }
    return r;
  }

  has(id: string): boolean {
    return this.byId.has(id.toLowerCase());
  }

  /** Replaces resources in place (same ids, same order): for passes that need everything added first. */
  replaceAll(f: (r: Resource) => Resource): void {
    for (let i = 0; i < this.resources.length; i++) {
      const next = f(this.resources[i]);
      if (next === this.resources[i]) continue;
      this.resources[i] = next;
      this.byId.set(next.id.toLowerCase(), next);
    }
  }

  /** The resource added with this id, if any. */
  get(id: string): Resource | undefined {
    return this.byId.get(id.toLowerCase());
  }

  subnetId(ref: string): string {
    const [vnet, subnet] = ref.split("/");
    return this.id(T.subnet, vnet, subnet);
  }

  vnetId(name: string): string {
    return this.id(T.vnet, name);
  }

  get workspaceId(): string {
    return this.id(T.workspace, this.bp.workspace.name);
  }

  get storageId(): string {
    return this.bp.storage.existing ?? this.id(T.storage, this.bp.storage.name);
  }

  get keyVaultId(): string {
    return this.bp.keyVault.existing ?? this.id(T.keyVault, this.bp.keyVault.name);
  }

  get registryId(): string | undefined {
    const acr = this.bp.containerRegistry;
    return acr && (acr.existing ?? this.id(T.acr, acr.name));
  }

  /** The resource whose identity acts for the workspace: its user-assigned identity, or itself. */
  get workspacePrincipalId(): string {
    const identity = this.bp.workspace.identity;
    if (identity.type === "UserAssigned")
      return identity.existing ?? this.id(T.identity, identity.name);
    return this.workspaceId;
  }
}

/** A GUID derived from its inputs (role assignment names must be GUIDs and stable across runs). */
export function stableGuid(...parts: string[]): string {
  // SHA-1 because the GUIDs must stay what earlier versions wrote (role assignments are keyed by
  // them); pure JS so the front end also runs in a browser.
  const h = bytesToHex(sha1(utf8ToBytes(parts.join("|").toLowerCase())));
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
