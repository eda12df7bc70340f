// Every flow the documents describe, for every client and compute of a model: clients to the
// workspace API, notebooks, online endpoint scoring and default storage (studio, F09, F44, F47);
// online endpoint deployments to the workspace, its storage and registry (F47); compute to storage, Key Vault,
// registry and the workspace (F41), to the service tags it needs (F20), AML into public-IP compute
// (F21); AKS to its registry (F27); image builds to package hosts (F42); Synapse Spark to the
// workspace (F46); the managed network to the workspace's resources and its rule targets (F31-F32).
import { memoTable, type Analysis } from "../core/analysis.ts";
import type { Client, Resource } from "../core/types.ts";
import type { ComputeView } from "../core/views.ts";
import { aksWorkspace, computes, smbCrossesFirewall, endpoints, managedNetwork, outboundRules, peeredVnets, serverlessCompute, servingWorkspace, workspaceComputes, workspaces } from "../core/views.ts";
import { T } from "../core/registry.ts";
import { parentId, resourceGroupName } from "../core/ids.ts";
import { resourceFqdn, suffixes, workspaceIdFor, workspaceNames } from "../core/names.ts";
import { PUBLIC_IP_INBOUND, requiredOutbound, aksRegistryOutbound, aksRequiredHosts, storageSmbOutbound } from "../core/knowledge/compute-traffic.ts";
import type { DataPlane } from "../engine/plane.ts";
import { judgedTrace } from "../engine/trace.ts";
import type { Destination, Source, Trace } from "../engine/flow.ts";
import { flat } from "../core/flat.ts";

export interface Flow {
  /** Stable id: `<source> -> <what>`. */
  readonly id: string;
  readonly from: Source;
  readonly to: Destination;
  readonly facts: readonly string[];
}

/**
 * A key for a flow that scripts can rely on: the source's kind and name and the slug of what it
 * reaches (`subnet:cpu:workspace-api`), unlike the display id.
 */
export function flowKey(f: Flow): string {
  const what = f.id.slice(f.id.indexOf(" -> ") + 4);
  return `${f.from.kind}:${f.from.name}:${what.toLowerCase().replace(/[^a-z0-9.*]+/g, "-").replace(/^-|-$/g, "")}`;
}

export interface FlowResult extends Flow {
  readonly trace: Trace;
  /** For a blocked flow whose AML080 finding a suppression silences: its reason. */
  readonly suppressed?: string;
}

const short = (r: Resource) => r.name.slice(r.name.lastIndexOf("/") + 1);

export function documentedFlows(model: Analysis): Flow[] {
  const flows: Flow[] = [];
  const clientsOf = clientIndex(model);
  // A compute's flows are named by it; where several workspaces each have a compute of that name
  // (environments stamped from one template), by it and its workspace, so no two flows share a name.
  const computeNames = new Map<string, number>();
  for (const c of computes(model)) if (c.subnetId) computeNames.set(short(c.r), (computeNames.get(short(c.r)) ?? 0) + 1);
  const sourceName = (c: ComputeView, ws: Resource) => (c.computeType === "Serverless" ? `serverless of ${short(ws)}` : computeNames.get(short(c.r))! > 1 ? `${short(c.r)} of ${short(ws)}` : short(c.r));
  for (const ws of workspaces(model)) {
    const region = ws.location ?? model.region;
    const names = workspaceNames(model.cloud, region, short(ws), workspaceIdFor(short(ws)));
    // A project uses its hub's storage, Key Vault and registry [HUBPL].
    const home = servingWorkspace(model, ws);
    const storage = model.get(model.props.workspace(home).storageAccount);
    const vault = model.get(model.props.workspace(home).keyVault);
    const registry = model.get(model.props.workspace(home).containerRegistry);
    const https = (fqdn: string, target?: Resource, group?: string): Destination => ({ kind: "name", fqdn, port: 443, protocol: "Tcp", target, group });
    const api = https(names.api[0], ws, "amlworkspace");
    const notebooks = https(names.notebooks, ws, "amlworkspace");
    const dependencies: [string, Destination][] = [];
    if (storage) for (const g of ["blob", "file"]) dependencies.push([`storage ${g}`, https(resourceFqdn(model, storage, g)!, storage, g)]);
    if (vault) dependencies.push(["key vault", https(resourceFqdn(model, vault)!, vault, "vault")]);
    if (registry) dependencies.push(["registry", https(resourceFqdn(model, registry)!, registry, "registry")]);
    const scoring = model.children(ws.id, T.onlineEndpoint);
    const add = (from: Source, what: string, to: Destination, facts: string[]) => flows.push({ id: flat(`${from.name} -> ${what}`), from, to, facts });
    // With several workspaces (a hub and its projects), a client's flows name the workspace they are to.
    const of = workspaces(model).length > 1 ? ` of ${short(ws)}` : "";

    // Studio previews data straight from the default storage (F44).
    const studio = dependencies.filter(([w]) => w.startsWith("storage"));
    for (const c of clientsOf(ws)) {
      const from = clientSource(model, c);
      if (!from) continue;
      if (from.kind === "synapse-spark") {
        add(from, `workspace API${of}`, api, ["F46"]);
        continue;
      }
      add(from, `workspace API${of}`, api, ["F09"]);
      add(from, `notebooks${of}`, notebooks, ["F09"]);
      for (const e of scoring) add(from, `scoring ${short(e)}`, https(resourceFqdn(model, e)!, e, "amlworkspace"), ["F09", "F47"]);
      for (const [what, to] of studio) add(from, `${what} (studio)${of}`, to, ["F44"]);
    }

    // Each deployment pulls its model and image and reads the workspace (F47).
    for (const e of scoring) {
      const from: Source = { kind: "deployment", name: `deployment of ${short(e)}`, endpoint: e, workspace: ws };
      add(from, "workspace API", api, ["F47"]);
      for (const [what, to] of dependencies.filter(([w]) => w === "storage blob" || w === "registry")) add(from, what, to, ["F47"]);
    }

    const mn = managedNetwork(model, ws);
    const serverless = serverlessCompute(model, ws);
    const own = serverless ? [...workspaceComputes(model, ws), serverless] : workspaceComputes(model, ws);
    // Every documented port is a flow of its own (F20): a firewall that passes 443 alone still
    // breaks notebooks (8787) and the compute's own traffic (18881). Where a destination has
    // several ports, the flow names its port. The same for every compute of the workspace: made once.
    const required = requiredOutbound(region, model.cloud).flatMap((f) =>
      f.ports.map((port) => ({
        what: f.ports.length > 1 ? `${f.tag} (${f.protocol.toLowerCase()} ${port})` : f.tag + (f.protocol === "Udp" ? " (udp)" : ""),
        to: { kind: "tag", tag: f.tag, port: Number(port), protocol: f.protocol } as const,
        facts: [f.fact],
      })),
    );
    for (const c of own) {
      if (!c.subnetId) continue;
      const from: Source = { kind: "subnet", name: sourceName(c, ws), subnetId: c.subnetId, origin: c.r.id };
      add(from, "workspace API", api, ["F41"]);
      for (const [what, to] of dependencies) add(from, what, to, ["F41"]);
      for (const r of required) add(from, r.what, r.to, r.facts);
      if (smbCrossesFirewall(model, c.subnetId)) {
        const smb = storageSmbOutbound(region);
        add(from, `${smb.tag} (SMB, behind a firewall)`, { kind: "tag", tag: smb.tag, port: Number(smb.ports[0]), protocol: smb.protocol }, [smb.fact]);
      }
      if (c.publicIp) add(from, `inbound from ${PUBLIC_IP_INBOUND.tag}`, { kind: "inbound", tag: PUBLIC_IP_INBOUND.tag, port: Number(PUBLIC_IP_INBOUND.ports[0]), protocol: "Tcp", subnetId: c.subnetId }, ["F21"]);
      if (short(c.r) === model.props.workspace(ws).imageBuildCompute) add(from, "package hosts (image build)", https("pypi.org"), ["F42"]);
    }
    if (mn) {
      const from: Source = { kind: "managed", name: `managed network of ${short(ws)}`, workspace: ws };
      for (const [what, to] of dependencies) add(from, what, to, ["F32"]);
      // F42: with a private registry images build on the image build compute, which sits in the
      // managed network here and installs packages from the internet.
      if (model.props.workspace(ws).imageBuildCompute) add(from, "package hosts (image build)", https("pypi.org"), ["F42", "F31"]);
      for (const r of outboundRules(model, ws).filter((x) => x.type === "PrivateEndpoint")) {
        const target = model.get((r.destination as { serviceResourceId?: string }).serviceResourceId);
        if (target) add(from, `${short(target)} (rule ${r.name})`, https(short(target), target), ["F31"]);
      }
    }
  }
  const clusters = model.ofType(T.aks);
  const clusterNames = new Map<string, number>();
  for (const aks of clusters) clusterNames.set(short(aks), (clusterNames.get(short(aks)) ?? 0) + 1);
  for (const aks of clusters) {
    const subnetId = model.props.aks(aks).agentPoolProfiles?.[0]?.vnetSubnetID;
    const ws = aksWorkspace(model, aks);
    const registry = ws && model.get(model.props.workspace(ws).containerRegistry);
    if (!subnetId || !registry) continue;
    // A cluster name several resource groups repeat is told apart by its group, as a VM client's
    // is. Its flows start from the workspace's compute attaching it, where one does (a blueprint's
    // kubernetes entry), else the cluster.
    const attach = ws && model.children(ws.id, T.compute).find((c) => String(model.props.compute(c).resourceId).toLowerCase() === aks.id.toLowerCase());
    const from: Source = { kind: "subnet", name: clusterNames.get(short(aks))! > 1 ? `${short(aks)} (${resourceGroupName(aks.id)})` : short(aks), subnetId, origin: (attach ?? aks).id };
    const rule = aksRegistryOutbound(ws.location ?? model.region);
    flows.push({ id: `${from.name} -> registry`, from, to: { kind: "name", fqdn: `${short(registry).toLowerCase()}.${suffixes(model.cloud).acr}`, port: 443, protocol: "Tcp", target: registry, group: "registry" }, facts: ["F27"] });
    flows.push({ id: `${from.name} -> ${rule.tag}`, from, to: { kind: "tag", tag: rule.tag, port: Number(rule.ports[0]), protocol: "Tcp" }, facts: ["F27"] });
    // The cluster's own egress: with a firewall on the default route (userDefinedRouting) these
    // must be allowed there, or nodes can't join, pull system images or scale.
    for (const h of aksRequiredHosts((aks.location ?? model.region).toLowerCase(), model.cloud)) flows.push({ id: `${from.name} -> ${h.label}`, from, to: { kind: "name", fqdn: h.fqdn, port: 443, protocol: "Tcp" }, facts: ["F27"] });
  }
  return flows;
}

/**
 * The clients whose flows to a workspace are documented flows: all of them with one workspace; in
 * an estate of many, VNet clients only for workspaces with an endpoint in their VNet or a peer
 * (otherwise every client would be paired with every workspace). Indexed once per model.
 */
function clientIndex(model: Analysis): (ws: Resource) => readonly Client[] {
  if (workspaces(model).length <= 1) return () => model.clients;
  const byVnet = new Map<string, Client[]>();
  const elsewhere = model.clients.filter((c) => c.kind !== "vm" || !c.subnet);
  for (const c of model.clients)
    if (c.kind === "vm" && c.subnet) {
      const key = (parentId(c.subnet) ?? "").toLowerCase();
      const list = byVnet.get(key);
      if (list) list.push(c);
      else byVnet.set(key, [c]);
    }
  const vnetsByTarget = new Map<string, Set<string>>();
  for (const e of endpoints(model))
    if (e.targetId && e.vnetId) vnetsByTarget.set(e.targetId.toLowerCase(), (vnetsByTarget.get(e.targetId.toLowerCase()) ?? new Set()).add(e.vnetId.toLowerCase()));
  return (ws) => {
    const near = new Set<string>();
    for (const v of vnetsByTarget.get(servingWorkspace(model, ws).id.toLowerCase()) ?? []) {
      near.add(v);
      const vnet = model.get(v);
      if (vnet) for (const p of peeredVnets(model, vnet)) near.add(p.id.toLowerCase());
    }
    return [...elsewhere, ...[...near].flatMap((v) => byVnet.get(v) ?? [])];
  };
}

// Every client is looked up among the VMs: by map, or an estate's thousands of jump boxes make it quadratic.
const VMS_BY_NAME = memoTable<"all", ReadonlyMap<string, Resource>>("VMs by name");

export function clientSource(model: Analysis, c: Client): Source | undefined {
  switch (c.kind) {
    case "vm": {
      if (!c.subnet) return undefined;
      // A VM the model deploys (a jump box) brings its NIC: its NSG and security groups apply.
      // An estate's client names its VM; a blueprint's has the VM's name.
      const vm =
        c.vm !== undefined
          ? model.get(c.vm)
          : model
              .memo(VMS_BY_NAME, "all", () => {
                const out = new Map<string, Resource>();
                for (const v of model.ofType(T.vm)) if (!out.has(v.name)) out.set(v.name, v);
                return out;
              })
              .get(c.name);
      const nicId = model.props.vm(vm).networkProfile?.networkInterfaces?.[0]?.id;
      return { kind: "subnet", name: c.name, subnetId: c.subnet, ...(nicId ? { nicId } : {}), ...(vm ? { origin: vm.id } : {}) };
    }
    case "on-premises":
      return { kind: "on-premises", name: c.name, prefixes: c.prefixes ?? [], gatewayId: c.gateway, dnsServers: c.dnsServers ?? [] };
    case "internet":
      return c.ip ? { kind: "internet", name: c.name, ip: c.ip } : undefined;
    case "synapse-spark": {
      const synapse = model.get(c.synapse);
      return synapse ? { kind: "synapse-spark", name: c.name, synapse } : undefined;
    }
  }
}

export function runFlows(plane: DataPlane, flows: readonly Flow[] = documentedFlows(plane.model)): FlowResult[] {
  // Written out, not spread: a spread of many flows gave each result a hidden class of its own.
  return flows.map((f) => ({ id: f.id, from: f.from, to: f.to, facts: f.facts, trace: judgedTrace(plane, f.from, f.to) }));
}

const DOCUMENTED = memoTable<"all", readonly FlowResult[]>("documented flows, traced");

/** Every documented flow of a plane, traced once per analysis and shared (AML080, `flows`, studio, diff). */
export function documentedFlowResults(plane: DataPlane): readonly FlowResult[] {
  return plane.model.memo(DOCUMENTED, "all", () => runFlows(plane));
}
