// From resource bodies (a template's instances, an exported estate's resources, Terraform's azurerm
// and azapi resources once written as ARM) to the model. Every front end shares it. The model
// already speaks ARM, so mapping is mostly normalising the shapes the sources share: a VNet's
// subnets and peerings become child resources as the blueprint makes them; a child declared on its own (securityRules, routes) joins its parent's property array;
// a resource declared `existing` stays a reference unless the same input deploys it. Types amlnet
// has no knowledge of are kept in the model and listed, never dropped silently.
import { idKey, nameOfId, parentId, typeOfId } from "./ids.ts";
import { azureTypeName, isKnownType, T } from "./registry.ts";
import { pathUnder, type SourcePath } from "./source.ts";
import { isUnknown, type Identity, type Props, type Resource } from "./types.ts";

/** A resource body as ARM returns or a template declares it, once evaluated. */
export interface Body {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly body: { readonly [k: string]: unknown };
  readonly existing: boolean;
  readonly source: SourcePath;
}

// Arrays inside a parent's properties that the model keeps as child resources.
const INLINE_CHILDREN: readonly { parent: string; property: string; child: string }[] = [
  { parent: T.vnet, property: "subnets", child: T.subnet },
  { parent: T.vnet, property: "virtualNetworkPeerings", child: T.peering },
];
const MERGED_CHILDREN: readonly { parent: string; property: string; child: string }[] = [
  { parent: T.nsg, property: "securityRules", child: "Microsoft.Network/networkSecurityGroups/securityRules" },
  { parent: T.routeTable, property: "routes", child: "Microsoft.Network/routeTables/routes" },
];

// The same, looked up by lower-case type (estates hold a hundred thousand bodies).
const MERGED_CHILD_TYPES: ReadonlySet<string> = new Set(MERGED_CHILDREN.map((m) => m.child.toLowerCase()));
const byParent = (list: typeof MERGED_CHILDREN) => {
  const out = new Map<string, (typeof list)[number][]>();
  for (const m of list) out.set(m.parent.toLowerCase(), [...(out.get(m.parent.toLowerCase()) ?? []), m]);
  return out;
};
const MERGED_BY_PARENT = byParent(MERGED_CHILDREN);
const INLINE_BY_PARENT = byParent(INLINE_CHILDREN);

export interface Mapped {
  readonly resources: readonly Resource[];
  /** The same resources by lower-case id, in the same order (the model adopts it: ModelInput.byKey). */
  readonly byKey: ReadonlyMap<string, Resource>;
  /** The resources made from lists inside their parent (a VNet's subnets and peerings), as held. */
  readonly inline: readonly Resource[];
  /** Held resources by the ids the properties spell them with (ModelInput.exactIds). */
  readonly exactIds: ReadonlyMap<string, Resource>;
  /** Types amlnet doesn't know, with how many of each: kept, listed in the report. */
  readonly unrecognised: readonly { readonly type: string; readonly count: number }[];
}

export interface MapOptions {
  /**
   * An export (Resource Graph) holds no zone groups: each endpoint without one gets a placeholder,
   * so what depends on its records is unknown rather than missing.
   */
  readonly zoneGroupsUnknown?: boolean;
}

export function mapResources(written: readonly Body[], options: MapOptions = {}): Mapped {
  // Types as the registry spells them (ARM reads them case-insensitively), before any mapping
  // compares them; the model spells them so again for every front end.
  const bodies = written.map((b) => {
    const type = azureTypeName(b.type);
    return type === b.type ? b : { ...b, type };
  });
  const out = new Map<string, Resource>();
  const add = (r: Resource, key = idKey(r.id)) => {
    // A deployed resource wins over an `existing` reference to it; a later declaration of the same
    // resource (a top-level subnet after the VNet's inline one) wins over an earlier one. Only a
    // reference asks what came before (an estate's hundred thousand resources deploy).
    if (r.existing) {
      const before = out.get(key);
      if (before && !before.existing) return;
    }
    out.set(key, r);
  };
  // Children declared on their own (securityRules, routes) join their parent's array, replacing
  // an inline one of the same name.
  const lowerTypes = new Map<string, string>();
  const lowerType = (type: string) => {
    let lower = lowerTypes.get(type);
    if (lower === undefined) lowerTypes.set(type, (lower = type.toLowerCase()));
    return lower;
  };
  const joining = new Map<string, Body[]>();
  // The children made from lists, with their keys.
  const made: [string, Resource][] = [];
  // Index loops: a loop run once over a hundred thousand bodies spends its first iterations
  // unoptimized, where `for…of` makes an iterator result each time.
  for (let i = 0; i < bodies.length; i++) {
    const b = bodies[i];
    if (MERGED_CHILD_TYPES.has(lowerType(b.type))) {
      const key = idKey(parentId(b.id) ?? "");
      const list = joining.get(key);
      if (list) list.push(b);
      else joining.set(key, [b]);
    }
  }
  for (let k = 0; k < bodies.length; k++) {
    const b = bodies[k];
    const lower = lowerType(b.type);
    if (MERGED_CHILD_TYPES.has(lower)) continue;
    // ARM reads a null property as one not given (modules pass null for "not set").
    let properties = withoutNulls(isObject(b.body.properties) ? b.body.properties : {}) as Props;
    // The input's own objects are never changed (a body may be the parsed value itself): a parent
    // whose child lists change gets a copy.
    const merged = MERGED_BY_PARENT.get(lower);
    const inline = INLINE_BY_PARENT.get(lower);
    if ((merged || inline) && properties === b.body.properties) properties = { ...properties };
    if (merged)
      for (const m of merged) {
        const own = (joining.get(idKey(b.id)) ?? []).filter((c) => c.type.toLowerCase() === m.child.toLowerCase()).map((c) => ({ name: c.name.split("/").pop()!, properties: c.body.properties ?? {} }));
        if (own.length) properties[m.property] = [...((properties[m.property] as { name?: string }[] | undefined) ?? []).filter((x) => !own.some((o) => o.name === x.name)), ...own];
      }
    if (inline)
      for (const c of inline) {
        const children = properties[c.property];
        delete properties[c.property];
        if (!Array.isArray(children)) continue;
        children.forEach((child: { name?: unknown; id?: unknown; properties?: unknown }, i: number) => {
          const childName = typeof child.name === "string" ? child.name : typeof child.id === "string" ? child.id.split("/").pop()! : undefined;
          if (!childName) return;
          const last = c.child.split("/").pop()!;
          const r: Resource = { id: `${b.id}/${last}/${childName}`, type: c.child, name: `${b.name}/${childName}`, properties: (isObject(child.properties) ? child.properties : {}) as Props, existing: b.existing, source: pathUnder(b.source, "properties", c.property, i) };
          const key = idKey(r.id);
          made.push([key, r]);
          add(r, key);
        });
      }
    add(resource(b, properties));
  }
  const exactIds = addPlaceholders(out);
  if (options.zoneGroupsUnknown) addZoneGroupPlaceholders(out);
  // Collected and counted by forEach: a spread of the map's values, or a for…of over them, makes
  // an iterator result per resource until the loop is optimized.
  const resources: Resource[] = [];
  const counts = new Map<string, number>();
  out.forEach((r) => {
    resources.push(r);
    if (!isKnownType(r.type)) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  });
  // A top-level declaration of the same child, later, replaced one made from the list.
  const inline = made.filter(([key, r]) => out.get(key) === r).map(([, r]) => r);
  return { resources, byKey: out, inline, exactIds, unrecognised: [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([type, count]) => ({ type, count })) };
}

/** The tag (or resource metadata) holding suppressions, and how one reads: `AML037=reason; AML026=reason`. */
export const SUPPRESS_TAG = "amlnet:suppress";

function suppressionsOf(body: { readonly [k: string]: unknown }): { rule: string; reason: string }[] {
  const from = (v: unknown) => {
    if (!isObject(v)) return undefined;
    for (const k of Object.keys(v)) if (k.length === SUPPRESS_TAG.length && k.toLowerCase() === SUPPRESS_TAG) return v[k];
    return undefined;
  };
  const text = from(body.tags) ?? from(body.metadata);
  if (typeof text !== "string") return [];
  return text
    .split(";")
    .map((part) => /^\s*(AML\d{3})\s*=\s*(.*?)\s*$/i.exec(part))
    .filter((m): m is RegExpExecArray => !!m && m[2] !== "")
    .map((m) => ({ rule: m[1].toUpperCase(), reason: m[2] }));
}

function resource(b: Body, properties: Props): Resource {
  const x = b.body;
  const suppress = suppressionsOf(x);
  const sku = isObject(x.sku) && typeof x.sku.name === "string" ? (x.sku as { name: string; tier?: string }) : undefined;
  // Assigned in order, not spread from one small object per field (an estate has a hundred thousand).
  const r: { -readonly [K in keyof Resource]: Resource[K] } = { id: b.id, type: b.type, name: b.name } as Resource;
  // An unknown location (resourceGroup().location without --location) is left out: the
  // resource then shares the model's region, as it would share its resource group's.
  if (typeof x.location === "string") r.location = x.location;
  if (typeof x.kind === "string" && x.kind) r.kind = x.kind;
  if (sku) r.sku = sku;
  if (isObject(x.identity)) r.identity = x.identity as unknown as Identity;
  r.properties = properties;
  if (typeof x.scope === "string") r.scope = x.scope;
  if (b.existing) r.existing = true;
  if (suppress.length) r.suppress = suppress;
  r.source = b.source;
  return r;
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v) && !isUnknown(v);

// Referenced network containers and workspace dependencies the input doesn't hold (an endpoint
// into a VNet of another deployment, an existing storage account): placeholders whose every property is unknown, so the engine can place what sits
// in them and the rules say what depends on them instead of treating them as absent.
const PLACEHOLDER_TYPES: ReadonlySet<string> = new Set([T.vnet, T.subnet, T.zone, T.nsg, T.routeTable, T.storage, T.keyVault, T.acr, T.aiServices, T.workspace]);
const ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/.+/i;

/** Adds the placeholders; returns the held resources by each spelling of their ids the properties hold. */
function addPlaceholders(out: Map<string, Resource>): Map<string, Resource> {
  const wanted = new Map<string, { id: string; source?: SourcePath }>();
  // An estate refers to one subnet or zone thousands of times: each string that may be an id is
  // looked at once, and each of its parents once (the thousand subnets of one VNet don't look at
  // the VNet again). Every other string of the same text is replaced by the first, or by the held
  // resource's own id when it spells it exactly: an equal string changes nothing a reader can
  // tell, the copies are freed, and the analyses' look-ups by id (hundreds of thousands in an
  // estate) find their key by identity instead of comparing a hundred characters. Only the
  // strings the properties hold are entered (an estate refers to fewer ids than it holds), and a
  // held resource's parents are looked at from the resource itself (below).
  const canonical = new Map<string, string>();
  // What was looked up here is handed to the model, whose analyses look these ids up again (an
  // estate's first look-up of each would lower-case it and search the whole index once more).
  const exactIds = new Map<string, Resource>();
  const examined = new Set<string>();
  const examine = (v: string, from: Resource): void => {
    for (let id: string | undefined = v; id; id = parentId(id)) {
      const key = idKey(id);
      // Its parents were looked at with it, or (held) are looked at from it.
      if (examined.has(key)) break;
      examined.add(key);
      if (out.has(key)) break;
      const type = typeOfId(id);
      if (type && PLACEHOLDER_TYPES.has(azureTypeName(type))) wanted.set(key, { id, source: from.source });
    }
  };
  const canonicalOf = (v: string, from: Resource): string => {
    const known = canonical.get(v);
    if (known !== undefined) return known;
    let first = v;
    if (ID.test(v)) {
      const held = out.get(idKey(v));
      if (!held) examine(v, from);
      else {
        if (held.id === v) first = held.id;
        exactIds.set(first, held);
      }
    }
    canonical.set(v, first);
    return first;
  };
  // Plain loops: a closure and a value array per object add up over an estate's properties. Ids
  // start with a slash: most strings are ruled out without a look-up. Each is written back as its
  // first string, whatever it is (strings compare by text, so whether it already is can't be
  // asked; writing the same string changes nothing), except into a frozen value (a shared
  // constant a template's expression returned), which keeps its own.
  const visit = (v: unknown, from: Resource): void => {
    if (Array.isArray(v)) {
      const writable = Object.isExtensible(v);
      for (let i = 0; i < v.length; i++) {
        const c = look(v[i], from);
        if (c !== undefined && writable) v[i] = c;
      }
    } else if (isObject(v)) {
      const writable = Object.isExtensible(v);
      for (const k in v) {
        const c = look(v[k], from);
        if (c !== undefined && writable) v[k] = c;
      }
    }
  };
  // A value's first string when it may be an id; containers are visited.
  const look = (x: unknown, from: Resource): string | undefined => {
    if (typeof x === "string") return x.charCodeAt(0) === 47 ? canonicalOf(x, from) : undefined;
    if (x && typeof x === "object") visit(x, from);
    return undefined;
  };
  // The parent key the resource before had: siblings usually come together (a zone's links, a
  // VNet's subnets), and one look-up settles them all.
  let previousParent: string | undefined;
  out.forEach((r, key) => {
    visit(r.properties, r);
    // A child of a resource the input doesn't hold (a compute of another deployment's workspace)
    // refers to its parent by its own id. Found from the lower-case key the resource is held
    // under: a zone's thousand links don't each spell out and look up its id again.
    // A held parent (most are) needs nothing more: its own parents are looked at from it.
    const parentKey = parentId(key);
    if (!parentKey || parentKey === previousParent) return;
    previousParent = parentKey;
    if (examined.has(parentKey)) return;
    if (out.has(parentKey)) examined.add(parentKey);
    else {
      const parent = parentId(r.id)!;
      if (ID.test(parent)) examine(parent, r);
    }
  });
  for (const { id, source } of wanted.values()) {
    const name = nameOfId(id);
    out.set(idKey(id), { id, type: azureTypeName(typeOfId(id)!), name, properties: {}, existing: true, unknown: { unknown: true, reason: `${name}, which the input refers to but doesn't hold`, at: 0, path: source }, source });
  }
  return exactIds;
}

/**
 * The value without its null properties; what holds none is returned as it is, not copied. Only
 * objects and arrays are descended into (an estate's values are mostly strings); an unknown value
 * holds no null, so it comes back as it is too.
 */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x !== "object" || x === null) continue;
      const y = withoutNulls(x);
      if (y !== x) (out ??= v.slice())[i] = y;
    }
    return out ?? v;
  }
  if (typeof v !== "object" || v === null) return v;
  const o = v as Record<string, unknown>;
  // Entries are collected only from the first property that changes (exports are mostly clean:
  // no key list is made for an object that holds no null).
  let entries: [string, unknown][] | undefined;
  for (const key in o) {
    const x = o[key];
    const y = x === null ? undefined : typeof x === "object" ? withoutNulls(x) : x;
    if (y !== x && !entries) {
      entries = [];
      for (const before in o) {
        if (before === key) break;
        entries.push([before, o[before]]);
      }
    }
    if (entries && x !== null) entries.push([key, y]);
  }
  return entries ? Object.fromEntries(entries) : v;
}

function addZoneGroupPlaceholders(out: Map<string, Resource>): void {
  const withGroup = new Set([...out.values()].filter((r) => r.type === T.zoneGroup).map((r) => idKey(parentId(r.id) ?? "")));
  for (const pe of [...out.values()].filter((r) => r.type === T.pe && !withGroup.has(idKey(r.id)))) {
    const id = `${pe.id}/privateDnsZoneGroups/unknown`;
    out.set(idKey(id), {
      id,
      type: T.zoneGroup,
      name: `${pe.name}/unknown`,
      properties: {},
      existing: true,
      unknown: { unknown: true, reason: `the DNS zone groups of ${pe.name}, which Resource Graph doesn't export`, at: 0, path: pe.source },
      source: pe.source,
    });
  }
}
