// `amlnet trace --from --to`: the ends a user names (a client, a compute, vnet/subnet or an
// address; a resource[/subresource], an FQDN or a service tag) as trace sources and destinations.
import type { Analysis } from "../core/analysis.ts";
import type { Resource } from "../core/types.ts";
import { computes, workspaces } from "../core/views.ts";
import { T } from "../core/registry.ts";
import { resourceFqdn } from "../core/names.ts";
import { clientSource } from "./flows.ts";
import { inPrefixes, type Destination, type Protocol, type Source } from "../engine/flow.ts";
import { serviceTag, serviceTagNames } from "../core/knowledge/service-tags.ts";
import { closest } from "../core/closest.ts";
import { quoteInput, someNames } from "../core/quote.ts";
import { resourceGroupName } from "../core/ids.ts";
import { groupIdsOf } from "../core/zones.ts";
import { memoTable } from "../core/analysis.ts";

const short = (r: Resource) => r.name.slice(r.name.lastIndexOf("/") + 1);

// Names looked up by map, built once per analysis (a session of traces over a 100k-resource estate
// asks many): each name with every item of it, in model order. Environments stamped from one
// template repeat names (a `cpu-cluster` in each): such a name is refused as ambiguous, and the
// resource id says which one is meant.
const allBy = <T>(items: readonly T[], key: (x: T) => string | undefined): ReadonlyMap<string, readonly T[]> => {
  const out = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
};
/** Each item's name, or its id where the name is another's too: what --from and --to can take. */
const namesOrIds = <T>(items: readonly T[], key: (x: T) => string | undefined, id: (x: T) => string): string[] => {
  const by = allBy(items, key);
  return items.flatMap((x) => {
    const k = key(x);
    return k === undefined ? [] : [by.get(k)!.length > 1 ? id(x) : k];
  });
};
const ambiguous = (flag: string, name: string, what: string, ids: readonly string[]) => ({
  error: `${flag} ${quoteInput(name, 120)}: ${ids.length} ${what} have that name (in ${someNames(ids.map((id) => quoteInput(resourceGroupName(id), 90)))}): give the resource id of the one you mean, such as ${quoteInput(ids[0], 400)}`,
});
const CLIENTS_BY_NAME = memoTable<"all", ReadonlyMap<string, readonly Analysis["clients"][number][]>>("clients by name");
const COMPUTES_BY_NAME = memoTable<"all", ReadonlyMap<string, readonly ReturnType<typeof computes>[number][]>>("computes in a subnet by name");
const SUBNETS_BY_NAME = memoTable<"all", ReadonlyMap<string, readonly Resource[]>>("subnets by vnet/subnet name");
const TARGETS_BY_NAME = memoTable<"all", ReadonlyMap<string, readonly Resource[]>>("trace destinations by name");
const TARGETS_BY_FQDN = memoTable<"all", ReadonlyMap<string, { readonly r: Resource; readonly group?: string }>>("trace destinations by DNS name");

/** Resources --to takes by name: top-level ones and online endpoints (scored by name, F09). */
const isDestination = (r: Resource) => !r.type.includes("/", r.type.indexOf("/") + 1) || r.type === T.onlineEndpoint;

export function parseEnds(model: Analysis, from: string, to: string, port: number, protocol: Protocol): { from: Source; to: Destination } | { error: string } {
  const source = parseSource(model, from);
  if (source && "error" in source) return source;
  if (!source) {
    const names = sourceNames(model);
    const near = closest(from, names);
    // An estate has thousands of sources: the message names twenty and counts the rest.
    const listed = someNames(names, ", ", 20);
    return { error: `--from ${from}: not a client, compute, vnet/subnet or address of this blueprint${near.length ? `; did you mean ${near.join(", ")}?` : ""} (it has: ${listed})` };
  }
  const destination = parseDestination(model, to, port, protocol);
  if (destination && "error" in destination) return destination;
  if (destination) return { from: source, to: destination };
  const near = closest(to, [...destinationNames(model), ...serviceTagNames()]);
  return {
    error: `--to ${to}: not a resource of this blueprint, a service tag, an address or a DNS name${near.length ? `; did you mean ${near.join(", ")}?` : ""}`,
  };
}

/** What --from accepts: clients, computes, AKS clusters, subnets (vnet/subnet), by name or, where a name repeats, by id. */
export function sourceNames(model: Analysis): string[] {
  return [
    ...model.clients.map((c) => c.name),
    ...namesOrIds(
      computes(model).filter((c) => c.subnetId),
      (c) => short(c.r),
      (c) => c.r.id,
    ),
    ...model.ofType(T.aks).map((a) => a.name),
    ...(workspaces(model).length ? ["managed"] : []),
    ...namesOrIds(model.ofType(T.subnet), (s) => s.name, (s) => s.id),
  ];
}

/** Resources --to accepts: by name or, where a name repeats, by id. */
export function destinationNames(model: Analysis): string[] {
  return namesOrIds(
    model.resources.filter((r) => isDestination(r) && resourceFqdn(model, r) !== undefined),
    short,
    (r) => r.id,
  );
}

function parseSource(model: Analysis, from: string): Source | { error: string } | undefined {
  if (from.startsWith("/")) return sourceById(model, from);
  const clients = model.memo(CLIENTS_BY_NAME, "all", () => allBy(model.clients, (c) => c.name)).get(from);
  if (clients) return clients.length > 1 ? { error: `--from ${quoteInput(from, 120)}: ${clients.length} clients have that name; give each its own in the clients file` } : clientSource(model, clients[0]);
  const compute = model.memo(COMPUTES_BY_NAME, "all", () => allBy(computes(model), (c) => (c.subnetId ? short(c.r) : undefined))).get(from);
  if (compute)
    return compute.length > 1
      ? ambiguous(
          "--from",
          from,
          "computes",
          compute.map((c) => c.r.id),
        )
      : { kind: "subnet", name: from, subnetId: compute[0].subnetId! };
  const aks = model.ofType(T.aks).find((a) => a.name === from);
  const aksSubnet = model.props.aks(aks).agentPoolProfiles?.[0]?.vnetSubnetID;
  if (aksSubnet) return { kind: "subnet", name: from, subnetId: aksSubnet };
  if (from === "managed" && workspaces(model)[0]) return { kind: "managed", name: `managed network of ${short(workspaces(model)[0])}`, workspace: workspaces(model)[0] };
  const subnets = model.ofType(T.subnet);
  const byName = model.memo(SUBNETS_BY_NAME, "all", () => allBy(subnets, (s) => s.name)).get(from);
  if (byName)
    return byName.length > 1
      ? ambiguous(
          "--from",
          from,
          "subnets",
          byName.map((s) => s.id),
        )
      : { kind: "subnet", name: byName[0].name, subnetId: byName[0].id };
  // An address: the packets come from it alone, not the whole subnet it is in.
  const byAddress = /^\d+\.\d+\.\d+\.\d+$/.test(from) ? subnets.find((s) => inPrefixes(from, [String(model.props.subnet(s).addressPrefix)])) : undefined;
  return byAddress ? { kind: "subnet", name: from, subnetId: byAddress.id, prefix: from } : undefined;
}

/** A source by resource id: a subnet, a compute or AKS cluster (its subnet), a VM (a client, or its NIC's subnet). */
function sourceById(model: Analysis, id: string): Source | undefined {
  const r = model.get(id);
  if (!r) return undefined;
  if (r.type === T.subnet) return { kind: "subnet", name: r.name, subnetId: r.id };
  const compute = r.type === T.compute ? computes(model).find((c) => c.r === r) : undefined;
  if (compute?.subnetId) return { kind: "subnet", name: short(r), subnetId: compute.subnetId };
  const aksSubnet = r.type === T.aks ? model.props.aks(r).agentPoolProfiles?.[0]?.vnetSubnetID : undefined;
  if (aksSubnet) return { kind: "subnet", name: r.name, subnetId: aksSubnet };
  if (r.type !== T.vm) return undefined;
  const client = model.clients.find((c) => c.vm !== undefined && model.get(c.vm) === r);
  return client ? clientSource(model, client) : clientSource(model, { name: r.name, kind: "vm", vm: r.id, subnet: vmSubnet(model, r) });
}

const vmSubnet = (model: Analysis, vm: Resource): string | undefined => {
  const subnet = model.props.nic(model.get(model.props.vm(vm).networkProfile?.networkInterfaces?.[0]?.id)).ipConfigurations?.[0]?.properties?.subnet?.id;
  return typeof subnet === "string" ? subnet : undefined;
};

function parseDestination(model: Analysis, to: string, port: number, protocol: Protocol): Destination | { error: string } | undefined {
  // A resource by id (where its name repeats): its default sub-resource.
  if (to.startsWith("/")) {
    const r = model.get(to);
    const fqdn = r && isDestination(r) ? resourceFqdn(model, r) : undefined;
    return r && fqdn ? { kind: "name", fqdn, port, protocol, target: r, group: groupOf(r, undefined) } : undefined;
  }
  const [resourceName, sub] = to.split("/");
  // Top-level resources by name, and online endpoints (scored by name, F09).
  const named = model.memo(TARGETS_BY_NAME, "all", () => allBy(model.resources, (r) => (isDestination(r) ? short(r) : undefined))).get(resourceName);
  if (named && named.length > 1)
    return ambiguous(
      "--to",
      resourceName,
      "resources",
      named.map((r) => r.id),
    );
  const byName = named?.[0];
  if (byName && sub !== undefined) {
    // A sub-resource the resource doesn't have is a mistake, never a DNS name traced to BLOCKED.
    const subs = subResourcesOf(byName);
    if (!subs.some((s) => s.toLowerCase() === sub.toLowerCase())) {
      const near = closest(sub, subs);
      return { error: `--to ${quoteInput(to, 120)}: ${short(byName)} has ${subs.length ? `the sub-resources ${subs.join(", ")}` : "no sub-resources"}, not '${quoteInput(sub, 60)}'${near.length ? `; did you mean ${resourceName}/${near[0]}?` : ""}` };
    }
  }
  const fqdn = byName && resourceFqdn(model, byName, sub);
  if (byName && fqdn) return { kind: "name", fqdn, port, protocol, target: byName, group: groupOf(byName, sub) };
  // An address: the trace skips the lookup.
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(to)) return to.split(".").every((o) => Number(o) <= 255) ? { kind: "name", fqdn: to, port, protocol } : undefined;
  const tag = serviceTag(to);
  if (tag) return { kind: "tag", tag, port, protocol };
  if (/^(\*\.)?([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]\.?$/i.test(to)) {
    // A DNS name (names are case-insensitive): find the resource it names, so the trace checks
    // that resource's own gate.
    const lower = to.toLowerCase().replace(/\.$/, "");
    const named = model
      .memo(TARGETS_BY_FQDN, "all", () => {
        const out = new Map<string, { r: Resource; group?: string }>();
        for (const r of model.resources)
          for (const g of r.type === T.storage ? ["blob", "file", "dfs", "queue", "table"] : [undefined, "notebooks"]) {
            const fqdn = resourceFqdn(model, r, g)?.toLowerCase();
            if (fqdn && !out.has(fqdn)) out.set(fqdn, { r, group: g });
          }
        return out;
      })
      .get(lower);
    return named ? { kind: "name", fqdn: lower, port, protocol, target: named.r, group: groupOf(named.r, named.group) } : { kind: "name", fqdn: lower, port, protocol };
  }
  return undefined;
}

/** What `--to name/sub` may name after a resource: its sub-resources with a public name of their own. */
function subResourcesOf(r: Resource): string[] {
  if (r.type === T.workspace) return ["notebooks"];
  return groupIdsOf(r.type).filter((g) => !g.endsWith("_secondary") && g !== "web");
}

function groupOf(r: Resource, sub: string | undefined): string | undefined {
  if (r.type === T.workspace || r.type === T.onlineEndpoint) return "amlworkspace";
  if (r.type === T.keyVault) return "vault";
  if (r.type === T.acr) return "registry";
  return sub ?? (r.type === T.storage ? "blob" : undefined);
}
