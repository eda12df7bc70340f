// `amlnet trace --from --to`: the ends a user names (a client, a compute, vnet/subnet or an
// address; a resource[/subresource], an FQDN or a service tag) as trace sources and destinations.
import type { Model } from "../core/model.ts";
import type { Resource } from "../core/types.ts";
import { computes, workspaces } from "../core/views.ts";
import { T } from "../core/registry.ts";
import { resourceFqdn } from "../core/names.ts";
import { clientSource } from "./flows.ts";
import { inPrefixes, type Destination, type Protocol, type Source } from "../engine/flow.ts";
import { props } from "../core/props.ts";

const short = (r: Resource) => r.name.slice(r.name.lastIndexOf("/") + 1);

export function parseEnds(model: Model, from: string, to: string, port: number, protocol: Protocol): { from: Source; to: Destination } | { error: string } {
  const source = parseSource(model, from);
  if (!source) return { error: `--from ${from}: not a client, compute, vnet/subnet or address of this blueprint` };
  return { from: source, to: parseDestination(model, to, port, protocol) };
}

function parseSource(model: Model, from: string): Source | undefined {
  const client = model.clients.find((c) => c.name === from);
  if (client) return clientSource(model, client);
  const compute = computes(model).find((c) => short(c.r) === from && c.subnetId);
  if (compute) return { kind: "subnet", name: from, subnetId: compute.subnetId! };
  const aks = model.ofType(T.aks).find((a) => a.name === from);
  const aksSubnet = props.aks(aks).agentPoolProfiles?.[0]?.vnetSubnetID;
  if (aksSubnet) return { kind: "subnet", name: from, subnetId: aksSubnet };
  if (from === "managed" && workspaces(model)[0]) return { kind: "managed", name: `managed network of ${short(workspaces(model)[0])}`, workspace: workspaces(model)[0] };
  const subnets = model.ofType(T.subnet);
  const byName = subnets.find((s) => s.name === from);
  if (byName) return { kind: "subnet", name: byName.name, subnetId: byName.id };
  // An address: the packets come from it alone, not the whole subnet it is in.
  const byAddress = /^\d+\.\d+\.\d+\.\d+$/.test(from) ? subnets.find((s) => inPrefixes(from, [String(props.subnet(s).addressPrefix)])) : undefined;
  return byAddress ? { kind: "subnet", name: from, subnetId: byAddress.id, prefix: from } : undefined;
}

function parseDestination(model: Model, to: string, port: number, protocol: Protocol): Destination {
  const [resourceName, sub] = to.split("/");
  // Top-level resources by name, and online endpoints (scored by name, F09).
  const byName = model.resources.find((r) => (!r.type.includes("/", r.type.indexOf("/") + 1) || r.type === T.onlineEndpoint) && short(r) === resourceName);
  const fqdn = byName && resourceFqdn(model, byName, sub);
  if (byName && fqdn) return { kind: "name", fqdn, port, protocol, target: byName, group: byName.type === T.workspace || byName.type === T.onlineEndpoint ? "amlworkspace" : byName.type === T.keyVault ? "vault" : byName.type === T.acr ? "registry" : (sub ?? "blob") };
  if (to.includes(".") && !/^[A-Z]/.test(to)) {
    // An FQDN: find the resource it names, so the trace can check that resource's own gate.
    const lower = to.toLowerCase();
    for (const r of model.resources)
      for (const g of r.type === T.storage ? ["blob", "file", "dfs", "queue", "table"] : [undefined, "notebooks"]) {
        if (resourceFqdn(model, r, g)?.toLowerCase() === lower)
          return { kind: "name", fqdn: to, port, protocol, target: r, group: r.type === T.workspace ? "amlworkspace" : r.type === T.keyVault ? "vault" : r.type === T.acr ? "registry" : g };
      }
    return { kind: "name", fqdn: to, port, protocol };
  }
  return { kind: "tag", tag: to, port, protocol };
}
