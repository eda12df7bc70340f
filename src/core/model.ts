// The indexed model: built once from a front end's resources, then asked many questions (the
// Batfish habit). Edges are not stored by front ends; they are derived here from the resource ids
// that ARM properties hold, so an imported template and an expanded blueprint get the same graph.
import { idKey, parentId } from "./ids.ts";
import { flat } from "./flat.ts";
import type { Client, Cloud, DnsServer, Features, ModelInput, Resource } from "./types.ts";
import { azureTypeName } from "./registry.ts";

export interface Edge {
  readonly from: Resource;
  /** Target id as written; `target` is set when the model holds that resource. */
  readonly to: string;
  readonly target?: Resource;
  /** Property path of the reference without array indices or the final `id`, e.g. `subnet` or
   *  `privateLinkServiceConnections.properties.privateLinkServiceId`. */
  readonly via: string;
}

const ID_LIKE = /^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\//i;
// What a resource without children has (one list, shared).
const NO_CHILDREN: readonly Resource[] = Object.freeze([]);

export class Model {
  readonly cloud: Cloud;
  readonly region: string;
  readonly resources: readonly Resource[];
  readonly clients: readonly Client[];
  readonly dnsServers: readonly DnsServer[];
  readonly features: Features;
  readonly known: boolean;
  /** No property value is unknown (ModelInput.valuesKnown). */
  readonly valuesKnown: boolean;
  private readonly byId: Map<string, Resource>;
  /**
   * Ids as lookups spell them: the references' spellings the mapping found (ModelInput.exactIds),
   * then each learnt on first use. Most use the id a resource was created with (or one
   * reference's spelling), so a repeated lookup spares the lower-casing.
   */
  private readonly byExactId: Map<string, Resource>;
  private readonly byType = new Map<string, Resource[]>();
  private readonly childrenOf = new Map<string, Resource[]>();
  private readonly childrenByExactId = new Map<string, readonly Resource[]>();
  /** A resource's children (by their list) by type as asked. */
  private readonly childrenByType = new Map<readonly Resource[], Map<string, readonly Resource[]>>();
  private readonly parents = new Map<string, Resource | undefined>();
  // The id asked last of `get` and of `parentOf`, with the answer: a flow asks about its subnet
  // hop after hop (a quarter of an estate's look-ups repeat the one before, half its parent asks).
  private lastGet: string | undefined;
  private lastGot: Resource | undefined;
  private lastChild: string | undefined;
  private lastParent: Resource | undefined;
  // Edges are derived on first ask: checking and tracing never need them, generating does.
  private edges?: { readonly out: Map<string, Edge[]>; readonly in: Map<string, Edge[]> };

  constructor(input: ModelInput) {
    this.cloud = input.cloud;
    this.region = input.region;
    // ARM type names are case-insensitive (Resource Graph writes them in lower case, a template
    // may too): every known type is spelled as the registry spells it, once, here, so analyses
    // and back ends compare types exactly whatever the front end.
    // Types by the thousand share a few spellings: each spelling is looked up once.
    const spelled = new Map<string, { readonly type: string; readonly lower: string }>();
    const typeOf = (type: string) => {
      let t = spelled.get(type);
      if (!t) {
        const canonical = azureTypeName(type);
        spelled.set(type, (t = { type: canonical, lower: canonical.toLowerCase() }));
      }
      return t;
    };
    this.resources = input.resources.map((r) => {
      const type = typeOf(r.type).type;
      return type === r.type ? r : { ...r, type };
    });
    this.clients = input.clients;
    this.dnsServers = input.dnsServers;
    this.features = input.features;
    this.known = input.known ?? false;
    this.valuesKnown = this.known || (input.valuesKnown ?? false);
    // The front end's index of exactly these resources, in their order, is adopted: an estate's
    // hundred thousand ids aren't lower-cased and hashed a second time.
    const given = input.byKey && adoptable(input.byKey, this.resources) ? input.byKey : undefined;
    this.byId = given ?? new Map();
    // The mapping's spellings are of these very resources only when its index is adopted.
    this.byExactId = given && input.exactIds instanceof Map ? input.exactIds : new Map();
    // The children list of the resource before's parent: siblings usually come together (a VNet's
    // subnets, a zone's links), and comparing a key with the one before costs less than hashing it.
    let lastParent: string | undefined;
    let lastChildren: Resource[] | undefined;
    const index = (key: string, r: Resource) => {
      // Ids and names are kept and compared for the whole run (core/flat.ts).
      flat(r.id);
      flat(r.name);
      push(this.byType, typeOf(r.type).lower, r);
      // The parent of the lower-cased id is the parent's key.
      const parent = parentId(key);
      if (!parent) return;
      if (parent !== lastParent || !lastChildren) {
        lastParent = parent;
        lastChildren = this.childrenOf.get(parent);
        if (!lastChildren) this.childrenOf.set(parent, (lastChildren = []));
      }
      lastChildren.push(r);
    };
    // forEach, not for-of: entries made as arrays would be a hundred thousand allocations.
    if (given) given.forEach((r, key) => index(key, r));
    else
      for (const r of this.resources) {
        const key = idKey(r.id);
        this.byId.set(key, r);
        index(key, r);
      }
  }

  private edgeIndex(): { readonly out: Map<string, Edge[]>; readonly in: Map<string, Edge[]> } {
    if (this.edges) return this.edges;
    const edges = { out: new Map<string, Edge[]>(), in: new Map<string, Edge[]>() };
    for (const r of this.resources) {
      const emit = (to: string, via: string) => {
        const edge: Edge = { from: r, to, target: this.get(to), via };
        push(edges.out, idKey(r.id), edge);
        push(edges.in, idKey(to), edge);
      };
      collectRefs(r.properties, [], emit);
      if (r.scope) collectRefs(r.scope, ["scope"], emit);
      if (r.dependsOn) collectRefs(r.dependsOn, ["dependsOn"], emit);
    }
    return (this.edges = edges);
  }

  get(id: string | undefined): Resource | undefined {
    if (typeof id !== "string") return undefined;
    if (id === this.lastGet) return this.lastGot;
    let r = this.byExactId.get(id);
    if (!r) {
      r = this.byId.get(idKey(id));
      if (r) this.byExactId.set(id, r);
    }
    this.lastGet = id;
    return (this.lastGot = r);
  }

  ofType(type: string): readonly Resource[] {
    return this.byType.get(type.toLowerCase()) ?? [];
  }

  children(id: string, type?: string): readonly Resource[] {
    // Found by the id as asked, once it has been asked so (as `get` does): no id lower-cased per call.
    let all = this.childrenByExactId.get(id);
    if (!all) this.childrenByExactId.set(id, (all = this.childrenOf.get(idKey(id)) ?? NO_CHILDREN));
    if (!type || !all.length) return all;
    // Indexed by type on first ask: a hub VNet has thousands of peerings among its children.
    let byType = this.childrenByType.get(all);
    if (!byType) this.childrenByType.set(all, (byType = new Map()));
    let typed = byType.get(type);
    if (!typed) {
      const lower = type.toLowerCase();
      byType.set(type, (typed = all.filter((r) => r.type === type || (r.type.length === type.length && r.type.toLowerCase() === lower))));
    }
    return typed;
  }

  parent(r: Resource): Resource | undefined {
    return this.get(parentId(r.id));
  }

  /**
   * The resource holding the child that `id` names (a subnet's VNet), looked up once per id: flows
   * ask it of the same subnet ids thousands of times.
   */
  parentOf(id: string | undefined): Resource | undefined {
    if (typeof id !== "string") return undefined;
    if (id === this.lastChild) return this.lastParent;
    let parent = this.parents.get(id);
    if (parent === undefined && !this.parents.has(id)) this.parents.set(id, (parent = this.get(parentId(id))));
    this.lastChild = id;
    return (this.lastParent = parent);
  }

  /** References held by `id`'s properties, optionally only those whose path ends with `via`. */
  refsFrom(id: string, via?: string): readonly Edge[] {
    const all = this.edgeIndex().out.get(idKey(id)) ?? [];
    return via ? all.filter((e) => e.via === via || e.via.endsWith(`.${via}`)) : all;
  }

  /** References to `id`, optionally only from resources of `fromType`. */
  refsTo(id: string, fromType?: string): readonly Edge[] {
    const all = this.edgeIndex().in.get(idKey(id)) ?? [];
    return fromType ? all.filter((e) => e.from.type.toLowerCase() === fromType.toLowerCase()) : all;
  }
}

/** Whether `byKey` holds exactly `resources`, in order, each under its lower-case id. */
function adoptable(byKey: ReadonlyMap<string, Resource>, resources: readonly Resource[]): byKey is Map<string, Resource> {
  if (!(byKey instanceof Map) || byKey.size !== resources.length) return false;
  let i = 0;
  let same = true;
  byKey.forEach((r, key) => {
    if (r !== resources[i++] || key.length !== r.id.length) same = false;
  });
  return same;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Calls `emit` for every resource-id string in `value`, with the property path that holds it. */
function collectRefs(value: unknown, path: string[], emit: (to: string, via: string) => void): void {
  // One path array, pushed and popped: models hold hundreds of thousands of properties.
  if (typeof value === "string") {
    if (path.length > 0 && value.startsWith("/") && ID_LIKE.test(value)) {
      const end = path[path.length - 1] === "id" ? path.length - 1 : path.length;
      emit(value, path.slice(0, end).join("."));
    }
  } else if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, path, emit);
  } else if (value && typeof value === "object") {
    for (const k in value) {
      path.push(k);
      collectRefs((value as Record<string, unknown>)[k], path, emit);
      path.pop();
    }
  }
}
