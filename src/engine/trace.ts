// One flow, hop by hop, over the data plane: the DNS answer chain, the route chosen, each NSG
// rule matched, the endpoint and its connection state, the firewall, the service's own gate.
// A blocked flow lists every blocker with the change that fixes it, not only the first: after a
// blocker the trace carries on along the path the flow was meant to take.
import type { Resource } from "../core/types.ts";
import { parentId } from "../core/ids.ts";
import { flat } from "../core/flat.ts";
import { memoTable } from "../core/analysis.ts";
import { endpointsTo, managedNetwork, name, outboundRules, servingWorkspace, type EndpointView } from "../core/views.ts";
import { T, typeFacts } from "../core/registry.ts";
import { parseCidr } from "../core/net/cidr.ts";
import { disagreeing, dnsServerAt, resolverInbound, resolveVia, type Resolution } from "./dns/resolve.ts";
import { evaluateNsgParts, type NsgPart, type NsgQuery, type NsgVerdict } from "./net/nsg.ts";
import { cidrsOf, formatPorts } from "../core/net/ranges.ts";
import type { Route } from "./net/routes.ts";
import { describe, fqdnMatches, inPrefixes, type Destination, type Hop, type Protocol, type Source, type Trace } from "./flow.ts";
import type { DataPlane } from "./plane.ts";
import { firewallVerdict } from "./firewall.ts";
import { subnetQuery, subnetSide, type SubnetSide } from "./subnet-nsg.ts";
import { serviceGate } from "./gates.ts";

/**
 * A trace judged as far as the input allows: a flow blocked only on what reading unknown values
 * (an imported template's placeholders) told is UNKNOWN, with the values listed.
 */
export function judgedTrace(plane: DataPlane, from: Source, to: Destination): Trace {
  const { result, reads } = plane.model.record(() => trace(plane, from, to));
  if (result.verdict !== "fail" || !reads.length) return result;
  return { ...result, verdict: "unknown", unknowns: [...new Set(reads.map((r) => r.unknown.reason))].sort() };
}

export function trace(plane: DataPlane, from: Source, to: Destination): Trace {
  const hops: Hop[] = [];
  if (to.kind === "inbound") inbound(plane, to, hops);
  else if (from.kind === "managed") managed(plane, from, to, hops);
  else if (from.kind === "deployment") deployment(plane, from, to, hops);
  else if (from.kind === "synapse-spark") spark(plane, from, to, hops);
  else if (to.kind === "tag") egress(plane, from, { tag: to.tag }, to.port, to.protocol, hops);
  else toName(plane, from, to, hops);
  // Kept for the whole run (flows, findings, the web view): flattened once (core/flat.ts), in a
  // list of their own length (one that grew by pushes has room for a dozen more). A hop written
  // when read has no text to flatten.
  let ok = true;
  for (const h of hops) {
    if (!(h instanceof WrittenWhenRead)) {
      flat(h.detail);
      if (h.fix) flat(h.fix);
    }
    if (!h.ok) ok = false;
  }
  return { from: from.name, to: plane.model.memo(DESCRIBED, to, () => flat(describe(to))), hops: hops.slice(), verdict: ok ? "pass" : "fail" };
}

// A destination is described the same for every flow to it (a workspace's computes share theirs).
const DESCRIBED = memoTable<Destination, string>("destinations described");

/** RFC 1918 space (and the shared 100.64/10), where VNets and on-premises networks live. */
function isPrivateAddress(ip: string): boolean {
  return inPrefixes(ip, ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"]);
}

function toName(plane: DataPlane, from: Source, to: Extract<Destination, { kind: "name" }>, hops: Hop[]): void {
  const m = plane.model;
  const vnet = dnsVnet(plane, from);
  let ip: string | undefined;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(to.fqdn)) {
    // An address: nothing to look up; a private one is reached inside the network.
    hops.push({ step: "dns", ok: true, detail: `${to.fqdn} is an address: no lookup` });
    if (isPrivateAddress(to.fqdn)) privatePath(plane, from, to, to.fqdn, hops);
    else publicPath(plane, from, to, hops);
    return;
  }
  if (from.kind === "internet" || (from.kind === "on-premises" && !vnet)) {
    hops.push({ step: "dns", ok: true, detail: `${from.name} resolves ${to.fqdn} with public DNS` });
  } else if (!vnet) {
    hops.push({ step: "dns", ok: false, detail: `${from.name} uses DNS servers amlnet can't place`, fix: "Describe the DNS servers in dns.servers or point them at a resolver inbound endpoint." });
  } else {
    // An on-premises client asks its DNS server, whose forwarders decide; a VNet client asks as its VNet does.
    const viaServer = from.kind === "on-premises" && from.dnsServers.length > 0;
    const r = viaServer ? resolveVia(plane.dns, from.dnsServers[0], to.fqdn) : plane.resolve(vnet.id, to.fqdn);
    // The chain of steps, written out only for a hop that shows it.
    const chain = () => r.steps.join("; ");
    // Several servers that answer differently: whichever a client asks decides (F10).
    const servers = from.kind === "on-premises" ? from.dnsServers : [];
    const split = servers.length > 1 ? disagreeing(plane.dns, servers, undefined, to.fqdn) : r.disagreement;
    if (split)
      hops.push({
        step: "dns",
        ok: false,
        detail: `the DNS servers ${from.name} uses disagree on ${to.fqdn}: ${split}`,
        fix: "Make every listed DNS server resolve the privatelink zones the same way (forward them to Azure DNS or a resolver inbound endpoint), or list only those that do (F10).",
        facts: ["F10"],
      });
    // A VNet's answer is the same hop for every flow that asks it (one object, made once); a
    // server's, asked afresh, is made each time.
    const answered = (answer: string): Hop => new Answered(to.fqdn, answer, r);
    if (r.answer.kind === "private") {
      const answer = r.answer.ips[0];
      ip = answer;
      hops.push(viaServer ? answered(answer) : m.memo(ANSWER_HOPS, r, () => answered(answer)));
    } else if (r.answer.kind === "public") {
      hops.push(viaServer ? answered("public address") : m.memo(ANSWER_HOPS, r, () => answered("public address")));
    } else {
      const intended = to.target && endpointsTo(m, linkTarget(plane, to.target), to.group)[0];
      hops.push({
        step: "dns",
        ok: false,
        detail: `${to.fqdn} does not resolve: ${r.answer.kind === "nxdomain" ? `NXDOMAIN from zone ${r.answer.zone}` : r.answer.reason} (${chain()})`,
        fix:
          r.answer.kind === "nxdomain"
            ? intended
              ? `Give endpoint ${intended.pe.name} a zone group in ${r.answer.zone}, or set resolutionPolicy NxDomainRedirect on the link (F67).`
              : // No endpoint reaches the target (none was made, or one was removed): the zone answers for nobody.
                `No private endpoint reaches ${to.target ? to.target.name : to.fqdn}${to.group ? ` (${to.group})` : ""}: add one with a zone group in ${r.answer.zone}, or set resolutionPolicy NxDomainRedirect on the link (F67).`
            : "Forward the privatelink zones to Azure DNS (168.63.129.16) from the DNS servers in use (F10).",
        facts: ["F10", "F67"],
      });
      // Carry on along the private path the flow was meant to take.
      const planned = intended && plane.addresses.byEndpoint.get(intended.pe.id.toLowerCase());
      ip = planned?.[0];
    }
  }
  if (ip) privatePath(plane, from, to, ip, hops);
  else if (!hops.some((h) => !h.ok)) publicPath(plane, from, to, hops);
}

/** The VNet whose DNS view a source has: its own, or the one its DNS servers resolve in. */
function dnsVnet(plane: DataPlane, from: Source): Resource | undefined {
  const m = plane.model;
  if (from.kind === "subnet") return m.parentOf(from.subnetId);
  if (from.kind !== "on-premises" || !from.dnsServers.length) return undefined;
  const ip = from.dnsServers[0];
  const entry = entryVnet(plane, from);
  const server = dnsServerAt(m, ip, entry);
  if (server) return m.get(server.vnet);
  const inbound = resolverInbound(plane.dns, ip, entry);
  if (inbound) return m.get(inbound.vnet);
  // A DNS server a template or configuration can't describe: where it resolves is unknown.
  const user = (entry === undefined ? undefined : m.get(entry)) ?? m.ofType(T.vnet).find((v) => (m.props.vnet(v).dhcpOptions?.dnsServers ?? []).includes(ip)) ?? m.get(from.gatewayId);
  if (user) m.notGiven(user, `where DNS server ${ip} (of ${from.name}) resolves, which the input doesn't describe`);
  return undefined;
}

/**
 * The VNet a source's packets to a private address start in: a subnet's own, an on-premises
 * network's gateway's. What owns the address is looked up from there.
 */
function entryVnet(plane: DataPlane, from: Source): string | undefined {
  // The subnet's VNet as the model holds it (looked up once per subnet), not a new string a flow.
  if (from.kind === "subnet") return plane.model.parentOf(from.subnetId)?.id ?? parentId(from.subnetId);
  if (from.kind !== "on-premises" || !from.gatewayId) return undefined;
  const subnet = plane.model.props.appliance(plane.model.get(from.gatewayId)).ipConfigurations?.[0]?.properties?.subnet?.id;
  return typeof subnet === "string" ? parentId(subnet) : undefined;
}

function privatePath(plane: DataPlane, from: Source, to: Extract<Destination, { kind: "name" }>, ip: string, hops: Hop[]): void {
  const m = plane.model;
  const e = plane.endpointAt(ip, entryVnet(plane, from));
  const place = from.kind === "subnet" ? placeOf(plane, from) : undefined;
  const sourcePrefix = place ? place.local : from.kind === "on-premises" ? from.prefixes[0] : undefined;
  const endpointAsgs = (plane.model.props.pe(e?.pe).applicationSecurityGroups ?? []).map((a) => a.id);
  if (from.kind === "subnet" && place) {
    hops.push(routeHop(plane, from.subnetId, ip, e?.vnetId, place.subnetName));
    outboundNsgs(plane, place, { remote: ip, port: to.port, protocol: to.protocol, remoteAsgs: endpointAsgs }, hops);
  } else if (from.kind === "on-premises") {
    // Traffic enters at the gateway; the endpoint's subnet must route the answer back to it.
    const back = e?.subnetId ? plane.route(e.subnetId, from.prefixes[0]) : undefined;
    const ok = back?.nextHop === "VirtualNetworkGateway";
    hops.push({
      step: "route",
      ok,
      detail: ok ? `${e ? name(m.get(e.subnetId)) : "?"} routes ${from.prefixes[0]} back through ${back!.origin}` : `${e ? name(m.get(e.subnetId)) : "the endpoint's subnet"} has no route back to ${from.prefixes[0]}`,
      fix: ok ? undefined : "Peer the endpoint's VNet with the gateway VNet using the remote gateway (useRemoteGateways / allowGatewayTransit), or put the endpoint in the gateway VNet (F62).",
      facts: ["F62"],
    });
  }
  if (!e) {
    hops.push({ step: "endpoint", ok: false, detail: `no private endpoint owns ${ip}`, fix: "Fix the DNS record: it points at an address no endpoint has." });
    return;
  }
  const owner = to.target && linkTarget(plane, to.target);
  if (owner && e.target !== owner && e.targetId?.toLowerCase() !== owner.id.toLowerCase())
    hops.push({ step: "endpoint", ok: false, resourceId: e.pe.id, detail: `${ip} belongs to ${e.pe.name}, an endpoint of ${e.target ? name(e.target) : e.targetId}, not of ${name(owner)}`, fix: "Point the zone group of the right endpoint at this zone." });
  else if (e.status !== "Approved")
    hops.push({ step: "endpoint", ok: false, resourceId: e.pe.id, detail: `${e.pe.name} is ${e.status}: traffic is dropped until the owner approves it`, fix: `Approve the connection of ${e.pe.name} on ${e.target ? name(e.target) : e.targetId}.` });
  else hops.push(m.memo2(ENDPOINT_HOPS, e, ip, () => ({ step: "endpoint", ok: true, resourceId: e.pe.id, detail: flat(`${ip} is endpoint ${e.pe.name} (${e.groupIds.join(", ")}) of ${e.target ? name(e.target) : e.targetId}, Approved`) })));
  // F64: an endpoint's subnet NSG applies to it only when network policies are on.
  const filtered = m.memo(FILTERED_SUBNETS, e, () => {
    const subnet = m.get(e.subnetId);
    const policies = String(plane.model.props.subnet(subnet).privateEndpointNetworkPolicies ?? "Disabled");
    return /^(Enabled|NetworkSecurityGroupEnabled)$/.test(policies) && e.subnetId ? { side: subnetSide(plane, e.subnetId), where: `inbound at ${name(subnet)}` } : undefined;
  });
  if (filtered && sourcePrefix)
    nsgHop(plane, filtered.side.nsg, filtered.where, { direction: "Inbound", remote: sourcePrefix, local: ip, port: to.port, protocol: to.protocol, virtualNetwork: filtered.side.virtualNetwork, localAsgs: endpointAsgs, remoteAsgs: place ? place.localAsgs : [] }, hops);
}

// The subnet of an endpoint whose NSG applies to it (network policies on), asked by every flow to it.
const FILTERED_SUBNETS = memoTable<EndpointView, { readonly side: SubnetSide; readonly where: string } | undefined>("endpoint subnets with network policies");

/**
 * The route to `ip`. A private address (an endpoint's, in `endpointVnet`) that the routes send to
 * the Internet is not reached: endpoint addresses live only inside VNets, and a VNet whose space
 * is public address space is no exception ("Virtual network traffic routing": only the VNet's
 * own space, its peers' and user routes keep such an address inside Azure).
 */
function routeHop(plane: DataPlane, subnetId: string, ip: string, endpointVnet: string | undefined, subnet: string): Hop {
  const r = plane.route(subnetId, ip);
  if (!r || r.nextHop === "None")
    return { step: "route", ok: false, detail: flat(`${subnet} has no route to ${ip}${r ? ` (${r.prefix} -> None)` : ""}`), fix: "Peer the VNets in both directions (peering is not transitive), or route through a hub appliance that forwards.", facts: ["F62"] };
  if (r.nextHop === "Internet" && endpointVnet)
    return {
      step: "route",
      ok: false,
      detail: flat(`${subnet}: ${ip} matches ${r.prefix} -> Internet, but it is a private endpoint's address in ${name(plane.model.get(endpointVnet))}, which is neither this VNet nor a peered one: the packets leave Azure and never reach it`),
      fix: "Peer the VNets in both directions (peering is not transitive), or route the endpoint's VNet space through a hub appliance that forwards.",
      facts: ["F62"],
    };
  return new RouteTaken(subnet, ip, r);
}

/**
 * A passing hop whose text is written when it is read. An estate's flows pass a hundred thousand
 * NSGs and routes and resolve tens of thousands of names, and a check shows none of those hops (it
 * reports the blocked flows): each keeps what its text names (shared strings and objects), not a
 * text of its own. It serialises as the plain hop it stands for.
 */
abstract class WrittenWhenRead implements Hop {
  abstract readonly step: Hop["step"];
  readonly ok = true;
  abstract get detail(): string;
  toJSON(): Hop {
    return { step: this.step, ok: this.ok, detail: this.detail };
  }
}

class RouteTaken extends WrittenWhenRead {
  readonly step = "route";
  constructor(
    private readonly subnet: string,
    private readonly ip: string,
    private readonly route: Route,
  ) {
    super();
  }
  get detail(): string {
    const r = this.route;
    return `${this.subnet}: ${this.ip} matches ${r.prefix} -> ${r.nextHop}${r.nextHopIp ? ` ${r.nextHopIp}` : ""} (${r.source}, ${r.origin})`;
  }
}

/** A name resolved: the answer and the chain of steps that gave it. */
class Answered extends WrittenWhenRead {
  readonly step = "dns";
  constructor(
    private readonly fqdn: string,
    private readonly answer: string,
    private readonly resolution: Resolution,
  ) {
    super();
  }
  get detail(): string {
    return `${this.fqdn} -> ${this.answer} (${this.resolution.steps.join("; ")})`;
  }
}

/** One rule of an NSG allows every packet of the flow (most NSG hops). */
class AllowedByNsg extends WrittenWhenRead {
  readonly step = "nsg";
  private readonly rule: string;
  private readonly priority: number;
  private readonly remote: string;
  private readonly ports: string | number;
  private readonly protocol: NsgQuery["protocol"];
  constructor(
    private readonly nsg: Resource,
    private readonly where: string,
    by: NsgVerdict,
    q: FlowPackets,
  ) {
    super();
    this.rule = by.rule;
    this.priority = by.priority;
    this.remote = q.remote;
    this.ports = q.ports ?? q.port;
    this.protocol = q.protocol;
  }
  get detail(): string {
    return `${name(this.nsg)} ${this.where}: ${this.rule} (${this.priority}) allows ${packets(this.remote, this.ports, this.protocol)}`;
  }
}

/** What an NSG hop names of its query: the far end, the ports and the protocol. */
type FlowPackets = Pick<NsgQuery, "remote" | "port" | "ports" | "protocol">;
const packets = (remote: string, ports: string | number, protocol: string): string => `${remote}:${ports}/${protocol.toLowerCase()}`;

/**
 * What every flow from one subnet source shares: its subnet, NIC, their NSGs, where its packets
 * come from (the given address, else the whole subnet) and its security groups. Worked out once
 * per source: a compute's twenty flows each asked the model for all of it.
 */
interface Place {
  readonly subnet: Resource | undefined;
  readonly subnetName: string;
  readonly nsg: Resource | undefined;
  readonly nic: Resource | undefined;
  readonly nicNsg: Resource | undefined;
  readonly local: string;
  readonly localAsgs: readonly string[];
  readonly virtualNetwork: readonly string[];
  /** Where its NSG hops are, as they name it. */
  readonly outboundAtNic: string;
  readonly outboundAtSubnet: string;
}

const PLACES = memoTable<Extract<Source, { kind: "subnet" }>, Place>("subnet sources");

function placeOf(plane: DataPlane, from: Extract<Source, { kind: "subnet" }>): Place {
  const m = plane.model;
  return m.memo(PLACES, from, () => {
    const subnet = m.get(from.subnetId);
    const side = subnetSide(plane, from.subnetId);
    const nic = m.get(from.nicId);
    const subnetName = name(subnet);
    return {
      subnet,
      subnetName,
      nsg: side.nsg,
      nic,
      nicNsg: m.get(m.props.nic(nic).networkSecurityGroup?.id),
      local: from.prefix ?? side.local,
      localAsgs: (m.props.nic(nic).ipConfigurations ?? []).flatMap((c) => (c.properties?.applicationSecurityGroups ?? []).map((a) => a.id)),
      virtualNetwork: side.virtualNetwork,
      outboundAtNic: flat(`outbound at NIC ${name(nic)}`),
      outboundAtSubnet: flat(`outbound at ${subnetName}`),
    };
  });
}

/** Leaving a subnet: the NIC's NSG first (a VM's), then the subnet's (F60). */
function outboundNsgs(plane: DataPlane, place: Place, q: Omit<NsgQuery, "direction" | "local" | "virtualNetwork" | "localAsgs">, hops: Hop[]): void {
  // Written out, not spread: this runs for every flow from a subnet.
  const base: NsgQuery = {
    direction: "Outbound",
    protocol: q.protocol,
    port: q.port,
    ports: q.ports,
    remote: q.remote,
    remoteAsgs: q.remoteAsgs,
    local: place.local,
    virtualNetwork: place.virtualNetwork,
    localAsgs: place.localAsgs,
  };
  if (place.nicNsg) nsgHop(plane, place.nicNsg, place.outboundAtNic, base, hops);
  nsgHop(plane, place.nsg, place.outboundAtSubnet, base, hops);
}

/**
 * One NSG's verdict over the flow's packets. When rules split them (a Deny for part of the
 * subnet), the hop names each part and the rule that decides it; any denied part blocks.
 */
function nsgHop(plane: DataPlane, nsg: Resource | undefined, where: string, q: NsgQuery, hops: Hop[]): void {
  if (!nsg) {
    hops.push({ step: "nsg", ok: true, detail: `no NSG ${where}` });
    return;
  }
  const parts = evaluateNsgParts(plane.model, nsg, q);
  const whole = parts.length === 1;
  // Most hops: one rule decides the whole flow, and allows it.
  if (whole && parts[0].access === "Allow") {
    hops.push(new AllowedByNsg(nsg, where, parts[0], q));
    return;
  }
  const what = packets(q.remote, q.ports ?? q.port, q.protocol);
  const describePart = (p: NsgPart) => `${p.rule} (${p.priority}) ${p.access === "Allow" ? "allows" : "denies"} ${whole ? what : `${cidrsOf(p.local).join(", ")} -> ${q.remote}:${formatPorts(p.ports)}`}`;
  const denied = parts.filter((p) => p.access === "Deny");
  if (!denied.length) {
    hops.push({ step: "nsg", ok: true, detail: `${name(nsg)} ${where}: ${parts.map(describePart).join("; ")}` });
    return;
  }
  const first = denied[0];
  hops.push({
    step: "nsg",
    ok: false,
    detail: `${name(nsg)} ${where}: ${parts.map(describePart).join("; ")}`,
    fix: `Add ${q.direction === "Inbound" ? "an inbound" : "an outbound"} Allow rule for ${whole ? what : `${cidrsOf(first.local).join(", ")} to ${q.remote}:${formatPorts(first.ports)}/${q.protocol.toLowerCase()}`} to ${name(nsg)} with a priority below ${first.priority}${first.priority < 65000 ? `, or narrow ${first.rule}` : ""}.`,
    facts: ["F60"],
  });
}

/** Leaving Azure's private space: the default route, NAT, appliance, and the NSG towards a tag. */
function egress(plane: DataPlane, from: Source, dest: { tag?: string; fqdn?: string }, port: number, protocol: Protocol, hops: Hop[]): void {
  if (from.kind !== "subnet") {
    hops.push({ step: "egress", ok: true, detail: `${from.name} reaches the internet outside Azure's VNets` });
    return;
  }
  const m = plane.model;
  const place = placeOf(plane, from);
  const { subnet, subnetName } = place;
  const routes = plane.routes(from.subnetId);
  const route = plane.model.memo(EGRESS_ROUTES, routes, () => egressRoute(routes));
  const remote = dest.tag ?? "Internet";
  if (!route || route.nextHop === "None") {
    hops.push({ step: "route", ok: false, detail: `${subnetName} has no route to ${remote}`, fix: "Add a 0.0.0.0/0 route to the internet or to a firewall." });
  } else if (route.nextHop === "VirtualAppliance") {
    hops.push({ step: "route", ok: true, detail: `${subnetName}: ${remote} matches ${route.prefix} -> VirtualAppliance ${route.nextHopIp} (${route.origin})` });
    hops.push(firewallVerdict(plane, entryVnet(plane, from) ?? "", route.nextHopIp ?? "", String(plane.model.props.subnet(subnet).addressPrefix), dest, port, protocol));
  } else if (route.nextHop === "Internet") {
    // The same hop for every flow out of the subnet: made once.
    hops.push(
      m.memo(EGRESS_HOPS, subnet!, (): Hop => {
        const nat = m.get(plane.model.props.subnet(subnet).natGateway?.id);
        if (nat) return { step: "egress", ok: true, detail: flat(`${subnetName} leaves through NAT gateway ${name(nat)}`) };
        if (plane.model.props.subnet(subnet).defaultOutboundAccess === false)
          return {
            step: "egress",
            ok: false,
            detail: flat(`${subnetName} has default outbound access off and no NAT gateway, firewall route or public IP: nothing leaves it`),
            fix: flat(`Attach a NAT gateway to ${subnetName} or route 0.0.0.0/0 to a firewall (F23).`),
            facts: ["F23"],
          };
        return { step: "egress", ok: true, detail: flat(`${subnetName} uses default outbound access (being retired; prefer a NAT gateway)`) };
      }),
    );
  } else hops.push({ step: "route", ok: true, detail: `${subnetName}: ${remote} -> ${route.nextHop} (${route.origin})` });
  outboundNsgs(plane, place, { remote, port, protocol }, hops);
}

// Hops many flows share, made once per analysis: a VNet's answer for a name, an endpoint address
// reached, a subnet's way out to the internet. (A route hop names the subnet and the address, a
// pair hardly two flows share: it is made for each.)
const ANSWER_HOPS = memoTable<Resolution, Hop>("DNS answer hops");
const ENDPOINT_HOPS = memoTable<readonly [EndpointView, string], Hop>("endpoint hops");
const EGRESS_HOPS = memoTable<Resource, Hop>("egress hops");

// Every flow from a compute to a service tag asks it of the same routes.
const EGRESS_ROUTES = memoTable<readonly Route[], Route | undefined>("default route of a subnet");

/** The route public destinations take: the best 0.0.0.0/0, User > Gateway > Default. */
function egressRoute(routes: readonly Route[]): Route | undefined {
  const rank = { User: 0, Gateway: 1, Default: 2 } as const;
  // Only a /0 can be a default route; the suffix test spares parsing every endpoint /32.
  return routes.filter((r) => r.prefix.endsWith("/0") && parseCidr(r.prefix, true)?.bits === 0).sort((a, b) => rank[a.source] - rank[b.source])[0];
}

function publicPath(plane: DataPlane, from: Source, to: Extract<Destination, { kind: "name" }>, hops: Hop[]): void {
  egress(plane, from, { tag: to.target ? serviceTagOf(plane, to.target) : undefined, fqdn: to.fqdn }, to.port, to.protocol, hops);
  if (to.target) hops.push(serviceGate(plane, from, to.target));
}

/** The service tag a resource's public endpoint is in (NSG and firewall rules name these). */
export function serviceTagOf(plane: DataPlane, r: Resource): string {
  const tag = typeFacts(r.type)?.serviceTag;
  if (!tag) return "Internet";
  return tag.regional ? `${tag.name}.${r.location ?? plane.model.region}` : tag.name;
}

/** Azure services reaching into a compute subnet (F21: 44224 only for compute with public IPs). */
function inbound(plane: DataPlane, to: Extract<Destination, { kind: "inbound" }>, hops: Hop[]): void {
  const subnet = plane.model.get(to.subnetId);
  nsgHop(plane, subnetSide(plane, to.subnetId).nsg, `inbound at ${name(subnet)}`, subnetQuery(plane, to.subnetId, "Inbound", to.tag, to.port, to.protocol), hops);
}

/** The Microsoft-managed VNet (F30-F37): the workspace's own resources by required rules, the rest by user rules. */
function managed(plane: DataPlane, from: Extract<Source, { kind: "managed" }>, to: Destination, hops: Hop[]): void {
  const ws = from.workspace;
  const mn = managedNetwork(plane.model, ws);
  if (!mn) {
    hops.push({ step: "managed-network", ok: false, detail: `workspace ${name(ws)} has no managed network` });
    return;
  }
  if (to.kind === "name" && to.target) {
    const own = [plane.model.props.workspace(ws).storageAccount, plane.model.props.workspace(ws).keyVault, plane.model.props.workspace(ws).containerRegistry].some((id) => String(id).toLowerCase() === to.target!.id.toLowerCase());
    if (own) {
      hops.push({ step: "managed-network", ok: true, detail: `required outbound rule: the managed VNet has a private endpoint to ${name(to.target)} (F32)`, facts: ["F32"] });
      return;
    }
    const rule = outboundRules(plane.model, ws).find((r) => r.type === "PrivateEndpoint" && String((r.destination as { serviceResourceId?: string }).serviceResourceId).toLowerCase() === to.target!.id.toLowerCase());
    if (rule) {
      hops.push({ step: "managed-network", ok: true, detail: `outbound rule ${rule.name}: private endpoint to ${name(to.target)} (F31)`, facts: ["F31"] });
      return;
    }
  }
  if (mn.isolationMode === "AllowInternetOutbound") hops.push({ step: "managed-network", ok: true, detail: "isolation mode AllowInternetOutbound lets it out to the internet" });
  else {
    const fqdn = to.kind === "name" ? to.fqdn.toLowerCase() : undefined;
    const tag = to.kind === "tag" ? to.tag : undefined;
    const rule = outboundRules(plane.model, ws).find((r) => {
      const d = r.destination as string | { serviceTag?: string };
      if (r.type === "FQDN" && fqdn && typeof d === "string") return fqdnMatches(d, fqdn);
      if (r.type === "ServiceTag" && tag && typeof d === "object") return !!d.serviceTag && (tag === d.serviceTag || tag.startsWith(`${d.serviceTag}.`));
      return false;
    });
    hops.push(
      rule
        ? { step: "managed-network", ok: true, detail: `outbound rule ${rule.name} (${rule.type}) allows it`, facts: ["F31"] }
        : {
            step: "managed-network",
            ok: false,
            detail: `isolation mode AllowOnlyApprovedOutbound and no outbound rule for ${to.kind === "name" ? to.fqdn : describe(to)}`,
            fix: `Add an outbound rule to workspace ${name(ws)}: ${to.kind === "name" && to.target ? "PrivateEndpoint to the resource" : to.kind === "tag" ? `ServiceTag ${to.tag}` : "FQDN"} (F31).`,
            facts: ["F31", "F33"],
          },
    );
  }
  if (to.kind === "name" && to.target) hops.push(serviceGate(plane, from, to.target));
}

/** Synapse Spark reaches the workspace over a managed private endpoint approved on the AML side (F46). */
function spark(plane: DataPlane, from: Extract<Source, { kind: "synapse-spark" }>, to: Destination, hops: Hop[]): void {
  const target = to.kind === "name" ? to.target : undefined;
  // F46: the integration doesn't support a Synapse workspace with data exfiltration protection,
  // whatever its endpoints look like.
  if (plane.model.props.synapse(from.synapse).managedVirtualNetworkSettings?.preventDataExfiltration)
    hops.push({
      step: "synapse",
      ok: false,
      detail: `Synapse ${name(from.synapse)} has data exfiltration protection on, which the Azure Machine Learning integration doesn't support`,
      fix: `Use a Synapse workspace without data exfiltration protection for the integration (F46).`,
      facts: ["F46"],
    });
  const mpe = plane.model
    .ofType(T.synapseMpe)
    .find((x) => x.id.toLowerCase().startsWith(`${from.synapse.id.toLowerCase()}/`) && String(plane.model.props.managedPrivateEndpoint(x).privateLinkResourceId).toLowerCase() === target?.id.toLowerCase());
  // Synapse's managed private endpoints are made in its data plane, never in a template or configuration.
  if (!mpe) plane.model.notGiven(from.synapse, `the managed private endpoints of Synapse ${name(from.synapse)}, made in its data plane, not in this input`);
  if (!mpe)
    hops.push({ step: "synapse", ok: false, detail: `Synapse ${name(from.synapse)} has no managed private endpoint to ${target ? name(target) : "the target"}`, fix: "Add a managed private endpoint (groupId amlworkspace) in Synapse (F46).", facts: ["F46"] });
  else if (mpe.intent?.approval !== "Approved")
    hops.push({ step: "synapse", ok: false, detail: `managed private endpoint ${name(mpe)} waits for approval on the workspace`, fix: `Approve ${name(mpe)} under the workspace's private endpoint connections (F46).`, facts: ["F46"] });
  else hops.push({ step: "synapse", ok: true, detail: `managed private endpoint ${name(mpe)}, approved on the workspace (F46)`, facts: ["F46"] });
}

/** The resource whose private endpoint serves a target: an online endpoint is scored through its workspace's (F09, F47). */
function linkTarget(plane: DataPlane, target: Resource): Resource {
  // An online endpoint is reached through its workspace's endpoint, a project through its hub's [HUBPL].
  const owner = target.type === T.onlineEndpoint ? (plane.model.get(parentId(target.id)) ?? target) : target;
  return servingWorkspace(plane.model, owner);
}

/**
 * A managed online endpoint's deployment reaching the workspace's storage, registry and API (F47):
 * under a managed network by its rules; with the legacy egress flag off through the three private
 * endpoints Azure creates for it; otherwise over the public network, where each target's gate decides.
 */
function deployment(plane: DataPlane, from: Extract<Source, { kind: "deployment" }>, to: Destination, hops: Hop[]): void {
  const ws = from.workspace;
  const mn = managedNetwork(plane.model, ws);
  if (mn && mn.isolationMode !== "Disabled") {
    managed(plane, { kind: "managed", name: from.name, workspace: ws }, to, hops);
    return;
  }
  // A template or configuration holds the endpoint but not always its deployments, whose egress
  // setting decides: without them, the path rests on something the input doesn't tell.
  if (from.endpoint.intent?.egressPublicNetworkAccess === undefined) plane.model.notGiven(from.endpoint, `the egress setting of ${name(from.endpoint)}'s deployments, which the input doesn't hold`);
  if (from.endpoint.intent?.egressPublicNetworkAccess === "Disabled") {
    hops.push({ step: "egress", ok: true, detail: `egress public network access is disabled: Azure gives the deployment private endpoints to the workspace, its blob storage and its registry (F47)`, facts: ["F47"] });
    return;
  }
  hops.push({ step: "egress", ok: true, detail: `the deployment of ${name(from.endpoint)} leaves over the public network (egress public network access enabled)`, facts: ["F47"] });
  if (to.kind !== "name" || !to.target) return;
  const gate = serviceGate(plane, from, to.target);
  hops.push(
    gate.ok
      ? gate
      : { ...gate, fix: `Set egressPublicNetworkAccess: Disabled on online endpoint ${name(from.endpoint)} (the workspace has no managed network), or put the workspace in a managed network (F47).`, facts: ["F47"] },
  );
}
