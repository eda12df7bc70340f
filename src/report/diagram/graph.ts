// The topology as a diagram graph: VNets as containers of their subnets, and each
// subnet of what sits in it (endpoints, compute, VMs, Bastion, firewalls, gateways); the managed
// network as its own container; PaaS resources, private DNS zones and clients outside, each group
// in a container of its own; edges for endpoints (endpoint -> target, and a managed network's
// private endpoint rules), peerings and zone links.
// Built from the model alone, so a blueprint, a template and an estate draw the same way.
import { idKey, parentId } from "../../core/ids.ts";
import type { Analysis } from "../../core/analysis.ts";
import { T, typeFacts } from "../../core/registry.ts";
import { computes, endpoints, hubOf, linkedVnets, managedNetwork, name, outboundRules, workspaces } from "../../core/views.ts";

export type NodeKind = "vnet" | "subnet" | "group" | "managed" | "endpoint" | "compute" | "vm" | "bastion" | "firewall" | "gateway" | "paas" | "zone" | "client";
export type EdgeKind = "endpoint" | "peering" | "link";

export interface DiagramNode {
  /** Stable id: the resource id (lower case), or `group:<name>` / `client:<name>`. */
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  /** A second line: the type, the address prefix, the subresource. */
  readonly detail?: string;
  readonly parent?: string;
  /** The model resource it stands for, when one does. */
  readonly resourceId?: string;
}

export interface DiagramEdge {
  readonly id: string;
  readonly kind: EdgeKind;
  readonly from: string;
  readonly to: string;
}

export interface DiagramGraph {
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

const key = (id: string) => idKey(id);


export function diagramGraph(model: Analysis): DiagramGraph {
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const have = new Set<string>();
  const add = (n: DiagramNode) => {
    if (have.has(n.id)) return;
    have.add(n.id);
    nodes.push(n);
  };
  const subnetNode = (subnetId: string | undefined) => (subnetId && have.has(key(subnetId)) ? key(subnetId) : undefined);

  for (const v of model.ofType(T.vnet)) {
    add({ id: key(v.id), kind: "vnet", label: name(v), detail: (model.props.vnet(v).addressSpace?.addressPrefixes ?? []).filter((p) => typeof p === "string").join(", ") || undefined, resourceId: v.id });
    for (const s of model.children(v.id, T.subnet)) {
      const p = model.props.subnet(s);
      add({ id: key(s.id), kind: "subnet", label: name(s), detail: typeof p.addressPrefix === "string" ? p.addressPrefix : undefined, parent: key(v.id), resourceId: s.id });
    }
  }
  // A managed network: the workspace's own VNet, drawn as its container.
  for (const ws of workspaces(model))
    if (managedNetwork(model, ws)) add({ id: `managed:${key(ws.id)}`, kind: "managed", label: `Managed network of ${name(ws)}`, detail: managedNetwork(model, ws)!.isolationMode });

  for (const e of endpoints(model)) {
    const parent = subnetNode(e.subnetId);
    add({ id: key(e.pe.id), kind: "endpoint", label: name(e.pe), detail: e.groupIds.join(", ") || undefined, parent, resourceId: e.pe.id });
  }
  for (const c of computes(model)) {
    const managed = workspaces(model).find((ws) => managedNetwork(model, ws) && key(c.r.id).startsWith(`${key(ws.id)}/`));
    const parent = subnetNode(c.subnetId) ?? (managed ? `managed:${key(managed.id)}` : undefined);
    add({ id: key(c.r.id), kind: "compute", label: name(c.r), detail: String(model.props.compute(c.r).computeType ?? "compute"), parent, resourceId: c.r.id });
  }
  for (const aks of model.ofType(T.aks)) {
    const pool = (model.props.aks(aks).agentPoolProfiles ?? [])[0] as { vnetSubnetID?: string } | undefined;
    add({ id: key(aks.id), kind: "compute", label: name(aks), detail: "AKS", parent: subnetNode(pool?.vnetSubnetID), resourceId: aks.id });
  }
  for (const vm of model.ofType(T.vm)) {
    const nic = model.get(model.props.vm(vm).networkProfile?.networkInterfaces?.[0]?.id);
    add({ id: key(vm.id), kind: "vm", label: name(vm), detail: "VM", parent: subnetNode(model.props.nic(nic).ipConfigurations?.[0]?.properties?.subnet?.id), resourceId: vm.id });
  }
  for (const [type, kind, detail] of [
    [T.bastion, "bastion", "Bastion"],
    [T.firewall, "firewall", "Firewall"],
    [T.gateway, "gateway", "VPN gateway"],
  ] as const)
    for (const r of model.ofType(type)) {
      const configs = model.props.appliance(r).ipConfigurations ?? [];
      add({ id: key(r.id), kind, label: name(r), detail, parent: subnetNode(configs[0]?.properties?.subnet?.id), resourceId: r.id });
    }

  // PaaS resources outside the VNets, in their own group.
  const paas = model.resources.filter((r) => typeFacts(r.type)?.label && !r.unknown);
  if (paas.length) add({ id: "group:paas", kind: "group", label: "Azure services (PaaS)" });
  // A hub and its projects say so: the projects are served through the hub's endpoints [HUBPL].
  const detail = (r: (typeof paas)[number]) => {
    const hub = hubOf(model, r);
    if (hub) return `project of ${name(hub)}`;
    return r.type === T.workspace && r.kind?.toLowerCase() === "hub" ? "AI hub" : typeFacts(r.type)?.label;
  };
  for (const r of paas) add({ id: key(r.id), kind: "paas", label: name(r), detail: detail(r), parent: "group:paas", resourceId: r.id });

  const zones = model.ofType(T.zone).filter((z) => !z.unknown);
  if (zones.length) add({ id: "group:dns", kind: "group", label: "Private DNS zones" });
  for (const z of zones) add({ id: key(z.id), kind: "zone", label: name(z), parent: "group:dns", resourceId: z.id });

  // Clients: VMs in a subnet sit there; the others (on-premises, internet, Spark) outside.
  const outside = model.clients.filter((c) => c.kind !== "vm" || !subnetNode(c.subnet));
  if (outside.length) add({ id: "group:clients", kind: "group", label: "Clients" });
  // A client the model holds as a VM is drawn as that VM.
  const drawnVms = new Set(model.ofType(T.vm).filter((r) => have.has(key(r.id))).map((r) => name(r)));
  for (const c of model.clients) {
    const inVnet = c.kind === "vm" ? subnetNode(c.subnet) : undefined;
    if (c.kind === "vm" && (c.vm !== undefined ? have.has(key(c.vm)) : drawnVms.has(c.name))) continue;
    add({ id: `client:${c.name.toLowerCase()}`, kind: "client", label: c.name, detail: c.kind === "vm" ? "client VM" : c.kind, parent: inVnet ?? "group:clients" });
  }

  // Edges: endpoint -> target, peerings (one per pair), zone -> linked VNet.
  for (const e of endpoints(model))
    if (e.targetId && have.has(key(e.targetId))) edges.push({ id: `endpoint:${key(e.pe.id)}`, kind: "endpoint", from: key(e.pe.id), to: key(e.targetId) });
  // A managed network's private endpoint rules: edges from its container to their targets.
  for (const ws of workspaces(model))
    if (managedNetwork(model, ws))
      for (const r of outboundRules(model, ws)) {
        const target = (r.destination as { serviceResourceId?: unknown } | undefined)?.serviceResourceId;
        if (r.type === "PrivateEndpoint" && typeof target === "string" && have.has(key(target)))
          edges.push({ id: `rule:${key(ws.id)}:${r.name}`, kind: "endpoint", from: `managed:${key(ws.id)}`, to: key(target) });
      }
  const pairs = new Set<string>();
  for (const p of model.ofType(T.peering)) {
    const a = parentId(p.id);
    const b = model.props.peering(p).remoteVirtualNetwork?.id;
    if (!a || typeof b !== "string" || !have.has(key(a)) || !have.has(key(b))) continue;
    const pair = [key(a), key(b)].sort().join(" ");
    if (pairs.has(pair)) continue;
    pairs.add(pair);
    edges.push({ id: `peering:${pair}`, kind: "peering", from: key(a), to: key(b) });
  }
  for (const z of zones)
    for (const v of [...linkedVnets(model, z)].sort())
      if (have.has(v)) edges.push({ id: `link:${key(z.id)}:${v}`, kind: "link", from: key(z.id), to: v });
  return { nodes, edges };
}
