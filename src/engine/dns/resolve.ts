// Name resolution as seen from a VNet, hop by hop (F10, F67, F68): custom DNS servers and their
// conditional forwarders, DNS Private Resolver rulesets (longest suffix wins), Azure DNS with the
// private zones linked to the VNet, the public CNAME to the privatelink name, and NXDOMAIN for a
// linked zone without the record unless the link falls back to the internet.
import { memoTable, type Analysis } from "../../core/analysis.ts";
import { AZURE_DNS, PRIVATELINK_ALIASES } from "../../core/knowledge/private-link.ts";
import { knownZones } from "../../core/zones.ts";
import { customDnsServers, linkedZoneNamed, zonesByName } from "../../core/views.ts";
import { T } from "../../core/registry.ts";
import type { ZoneRecords } from "./records.ts";
import { suffixes, workspaceIdFor } from "../../core/names.ts";
import { parentId } from "../../core/ids.ts";
import type { DnsServer, Resource } from "../../core/types.ts";
import { inReach } from "../net/reach.ts";

export type Answer =
  | { readonly kind: "private"; readonly ips: readonly string[]; readonly zone: string }
  | { readonly kind: "public"; readonly reason: string }
  | { readonly kind: "nxdomain"; readonly zone: string }
  | { readonly kind: "unknown"; readonly reason: string };

export interface Resolution {
  readonly name: string;
  readonly steps: readonly string[];
  readonly answer: Answer;
  /**
   * When the VNet lists several DNS servers and they answer differently: clients that fail over
   * to (or rotate through) the others get another answer.
   */
  readonly disagreement?: string;
}

export interface DnsContext {
  readonly model: Analysis;
  readonly records: ZoneRecords;
}

/** Resolves `fqdn` for a client in `vnetId`. */
export function resolveFrom(ctx: DnsContext, vnetId: string, fqdn: string): Resolution {
  const steps: string[] = [];
  const name = fqdn.toLowerCase().replace(/\.$/, "");
  const vnet = ctx.model.get(vnetId);
  const answer = viaVnet(ctx, vnet, vnetId, name, steps, 0);
  // Every listed server counts here, Azure DNS too (F10 lists it beside custom servers).
  const servers = ctx.model.props.vnet(vnet).dhcpOptions?.dnsServers ?? [];
  const disagreement = servers.length > 1 ? disagreeing(ctx, servers, vnetId, name) : undefined;
  return { name: fqdn, steps, answer, ...(disagreement ? { disagreement } : {}) };
}

/**
 * Resolves `fqdn` by asking the DNS server at `ip` (an on-premises client's server): the server's
 * own conditional forwarders decide, not the DNS settings of the VNet it sits in.
 */
export function resolveVia(ctx: DnsContext, ip: string, fqdn: string): Resolution {
  const steps: string[] = [];
  const answer = viaServer(ctx, ip, fqdn.toLowerCase().replace(/\.$/, ""), steps, 0, `asks DNS server ${ip}`, undefined);
  return { name: fqdn, steps, answer };
}

/** What one DNS server answers (Azure DNS answers with the zones linked to `vnetId`). */
export function answerOf(ctx: DnsContext, ip: string, fqdn: string, vnetId?: string): Answer {
  const name = fqdn.toLowerCase().replace(/\.$/, "");
  if (ip === AZURE_DNS) return vnetId ? azureDns(ctx, vnetId, name, [], 0) : { kind: "unknown", reason: `${AZURE_DNS} is reachable only from inside a VNet` };
  return viaServer(ctx, ip, name, [], 0, "", vnetId);
}

/** A sentence naming servers of one list that answer differently, if any do. */
export function disagreeing(ctx: DnsContext, servers: readonly string[], vnetId: string | undefined, fqdn: string): string | undefined {
  // A server amlnet can't follow (not described) is left out rather than guessed at.
  const answers = servers.map((ip) => ({ ip, answer: answerOf(ctx, ip, fqdn, vnetId) })).filter((x) => x.answer.kind !== "unknown");
  const key = (a: Answer) => (a.kind === "private" ? `private ${[...a.ips].sort().join(",")}` : a.kind);
  if (new Set(answers.map((x) => key(x.answer))).size < 2) return undefined;
  return answers.map((x) => `${x.ip} answers ${key(x.answer)}`).join("; ");
}

const MAX_HOPS = 8;

function viaVnet(ctx: DnsContext, vnet: Resource | undefined, vnetId: string, name: string, steps: string[], hops: number): Answer {
  if (hops > MAX_HOPS) return { kind: "unknown", reason: "forwarding loop" };
  if (!vnet) return { kind: "unknown", reason: `VNet ${vnetId} is not in the model` };
  const servers = customDnsServers(ctx.model, vnet);
  // Clients ask the first server listed; Azure DNS may be that one (F10 lists it beside custom ones).
  if (servers.length === 0 || ctx.model.props.vnet(vnet).dhcpOptions?.dnsServers?.[0] === AZURE_DNS) {
    steps.push(`${vnet.name} uses Azure DNS (${AZURE_DNS})`);
    return azureDns(ctx, vnet.id, name, steps, hops);
  }
  return viaServer(ctx, servers[0], name, steps, hops, `${vnet.name} uses custom DNS ${servers[0]}`, vnet.id);
}

/**
 * A query sent to a DNS server address from `fromVnet` (where the asking client, server or
 * ruleset is): a described custom server, a resolver inbound endpoint, or Azure DNS. The address
 * names what that VNet reaches (engine/net/reach.ts).
 */
function viaServer(ctx: DnsContext, ip: string, name: string, steps: string[], hops: number, why: string, fromVnet: string | undefined): Answer {
  if (hops > MAX_HOPS) return { kind: "unknown", reason: "forwarding loop" };
  steps.push(why);
  const inbound = resolverInbound(ctx, ip, fromVnet);
  if (inbound) {
    steps.push(`${ip} is the inbound endpoint of resolver ${inbound.name}: Azure DNS in its VNet answers`);
    return azureDns(ctx, inbound.vnet, name, steps, hops + 1);
  }
  const proxy = dnsProxyAt(ctx, ip, fromVnet);
  if (proxy) {
    steps.push(`${ip} is firewall ${proxy.name}, a DNS proxy: Azure DNS in its VNet answers`);
    return azureDns(ctx, proxy.vnet, name, steps, hops + 1);
  }
  const server = dnsServerAt(ctx.model, ip, fromVnet);
  if (!server) {
    // A template or configuration can't describe a DNS server's forwarders: what rests on them is unknown.
    if (!ctx.model.model.known) {
      // Charged to the VNet asking (environments on one address plan each have their server at
      // this address), else the first that lists the server.
      const user = (fromVnet === undefined ? undefined : ctx.model.get(fromVnet)) ?? ctx.model.ofType(T.vnet).find((v) => (ctx.model.props.vnet(v).dhcpOptions?.dnsServers ?? []).includes(ip));
      if (user) ctx.model.notGiven(user, `the forwarders of DNS server ${ip}, which the input doesn't describe`);
      return { kind: "unknown", reason: `DNS server ${ip}'s forwarders aren't in the input` };
    }
    return { kind: "unknown", reason: `DNS server ${ip} is not described in the blueprint (dns.servers)` };
  }
  const forwarders = server.forwarders.map((f) => ({ domain: f.domain, target: f.target }));
  let rule = longestSuffix(forwarders, name);
  if (!rule) {
    // Public DNS answers a name whose resource has private endpoints with a CNAME into the
    // privatelink zone; a server that forwards that zone then chases the CNAME privately.
    const target = privatelinkName(ctx, name);
    rule = target !== name ? longestSuffix(forwarders, target) : undefined;
    if (!rule) {
      steps.push(`${server.name} has no conditional forwarder for ${name}: it resolves it on the internet`);
      return { kind: "public", reason: `${server.name} doesn't forward ${name} to Azure DNS (F10)` };
    }
    steps.push(`${server.name} resolves ${name} on the internet: a CNAME to ${target}, which it forwards`);
    name = target;
  }
  if (rule.target === AZURE_DNS) {
    steps.push(`${server.name} forwards ${rule.domain} to ${AZURE_DNS}, which answers with the zones linked to the server's VNet`);
    return azureDns(ctx, server.vnet, name, steps, hops + 1);
  }
  return viaServer(ctx, rule.target, name, steps, hops + 1, `${server.name} forwards ${rule.domain} to ${rule.target}`, server.vnet);
}

function azureDns(ctx: DnsContext, vnetId: string, name: string, steps: string[], hops: number): Answer {
  if (hops > MAX_HOPS) return { kind: "unknown", reason: "forwarding loop" };
  const m = ctx.model;
  const vnetKey = vnetId.toLowerCase();
  // F68: forwarding rulesets linked to the VNet come first, longest suffix wins.
  const rules = m
    .ofType(T.ruleset)
    .filter((rs) => m.children(rs.id, T.rulesetLink).some((l) => String(ctx.model.props.vnetBound(l).virtualNetwork?.id).toLowerCase() === vnetKey))
    .flatMap((rs) =>
      m.children(rs.id, T.forwardingRule).flatMap((r) =>
        (ctx.model.props.forwardingRule(r).targetDnsServers ?? []).slice(0, 1).map((t) => ({ domain: String(ctx.model.props.forwardingRule(r).domainName), target: t.ipAddress })),
      ),
    );
  const rule = longestSuffix(rules, name);
  if (rule) return viaServer(ctx, rule.target, name, steps, hops + 1, `a forwarding ruleset linked here sends ${rule.domain} to ${rule.target}`, vnetId);

  // The CNAME depends on the name alone: worked out once per analysis, asked from every VNet.
  const target = m.memo(PRIVATELINK_NAMES, name, () => privatelinkName(ctx, name));
  if (target !== name) steps.push(`${name} is a CNAME to ${target}`);
  // The longest zone that holds the name and is linked here (asked for every VNet and name): the
  // name and each of its parent domains looked up in turn, longest first, so an estate's hundred
  // privatelink zones aren't each compared with every name.
  const byName = zonesByName(m);
  let linked: { zone: string; z: Resource } | undefined;
  for (let at = 0; !linked && at >= 0; at = target.indexOf(".", at) + 1 || -1) {
    const zone = at ? target.slice(at) : target;
    const z = byName.has(zone) ? linkedZoneNamed(m, zone, vnetKey) : undefined;
    if (z) linked = { zone, z };
  }
  if (!linked) {
    steps.push(`no private zone for ${target} is linked to ${m.get(vnetId)?.name}: the public answer comes back`);
    return { kind: "public", reason: `no linked private zone holds ${target}` };
  }
  const relative = target === linked.zone ? "@" : target.slice(0, -(linked.zone.length + 1));
  const records = ctx.records.get(linked.z.id.toLowerCase());
  const ips = records?.get(relative) ?? wildcard(records, relative);
  if (ips) {
    steps.push(`zone ${linked.zone} (linked) answers ${relative} -> ${ips.join(", ")}`);
    return { kind: "private", ips, zone: linked.zone };
  }
  const link = m.children(linked.z.id, T.zoneLink).find((l) => String(ctx.model.props.vnetBound(l).virtualNetwork?.id).toLowerCase() === vnetKey);
  if (ctx.model.props.vnetBound(link).resolutionPolicy === "NxDomainRedirect") {
    steps.push(`zone ${linked.zone} has no record ${relative}; its link falls back to the internet`);
    return { kind: "public", reason: `no record ${relative} in ${linked.zone}; NxDomainRedirect` };
  }
  steps.push(`zone ${linked.zone} (linked) has no record ${relative}: NXDOMAIN`);
  return { kind: "nxdomain", zone: linked.zone };
}

function wildcard(records: Map<string, string[]> | undefined, relative: string): string[] | undefined {
  const rest = relative.slice(relative.indexOf(".") + 1);
  return relative.includes(".") ? records?.get(`*.${rest}`) : undefined;
}

/** The privatelink name Azure's public DNS CNAMEs `name` to (F09, F67); `name` itself if none. */
function privatelinkName(ctx: DnsContext, name: string): string {
  if (name.includes(".privatelink.")) return name;
  const scoring = scoringTarget(ctx, name);
  if (scoring) return scoring;
  for (const [suffix, zone] of Object.entries(PRIVATELINK_ALIASES))
    if (name.endsWith(`.${suffix}`)) return `${name.slice(0, -suffix.length)}${zone}`;
  // The longest public suffix of `name` that has a privatelink zone: tried from the longest down,
  // one label at a time, against the zones indexed once per analysis.
  const zones = ctx.model.memo(PRIVATELINK_ZONES, "all", () => new Set([...knownZones(), ...ctx.model.ofType(T.zone).map((z) => z.name.toLowerCase())].filter((z) => z.startsWith("privatelink."))));
  for (let dot = name.indexOf("."); dot >= 0; dot = name.indexOf(".", dot + 1)) {
    const suffix = name.slice(dot + 1);
    if (zones.has(`privatelink.${suffix}`)) return `${name.slice(0, dot + 1)}privatelink.${suffix}`;
  }
  return name;
}

const PRIVATELINK_ZONES = memoTable<"all", ReadonlySet<string>>("privatelink zone names");
const PRIVATELINK_NAMES = memoTable<string, string>("privatelink names, by public name");

/**
 * F09: an online endpoint's scoring name `<endpoint>.<region>.<inference suffix>` is a CNAME to
 * `<endpoint>.<wsid>.inference.<region>.privatelink.<api suffix>`, in its workspace's zone.
 */
function scoringTarget(ctx: DnsContext, name: string): string | undefined {
  const s = suffixes(ctx.model.cloud);
  if (!name.endsWith(`.${s.inference}`)) return undefined;
  const [endpoint, region] = name.slice(0, -s.inference.length - 1).split(".");
  // Endpoint names are unique within a region: the one in the name's region, else the first of the name.
  const named = ctx.model.ofType(T.onlineEndpoint).filter((x) => x.name.split("/")[1]?.toLowerCase() === endpoint);
  const e = named.find((x) => (x.location ?? ctx.model.region).toLowerCase() === region) ?? named[0];
  const ws = e && ctx.model.get(parentId(e.id));
  if (!ws || !region) return undefined;
  return `${endpoint}.${workspaceIdFor(ws.name.toLowerCase())}.inference.${region}.privatelink.${s.api}`;
}

/**
 * The forwarding rule (conditional forwarder or ruleset rule) that decides `name`: the longest
 * domain that is the name or a suffix of it; `.` (the root) catches every name.
 */
export function longestSuffix<R extends { domain: string }>(rules: readonly R[], name: string): R | undefined {
  const n = name.toLowerCase().replace(/\.$/, "");
  return rules
    .filter((r) => {
      const d = r.domain.toLowerCase().replace(/\.$/, "");
      return d === "" || n === d || n.endsWith(`.${d}`);
    })
    .sort((a, b) => b.domain.replace(/\.$/, "").length - a.domain.replace(/\.$/, "").length)[0];
}

/** An Azure Firewall with DNS proxy at `ip`, and the VNet whose Azure DNS it asks. */
function dnsProxyAt(ctx: DnsContext, ip: string, fromVnet: string | undefined): { name: string; vnet: string } | undefined {
  // DNS proxy is a classic firewall's setting, or its Firewall Policy's (dnsSettings.enableProxy).
  const proxy = (f: Resource) => {
    const p = ctx.model.props.firewall(f);
    return p.additionalProperties?.["Network.DNS.EnableProxy"] === "true" || ctx.model.props.firewallPolicy(ctx.model.get(p.firewallPolicy?.id)).dnsSettings?.enableProxy === true;
  };
  const subnetOf = (f: Resource) => ctx.model.props.firewall(f).ipConfigurations?.[0]?.properties?.subnet?.id;
  const at = ctx.model.ofType(T.firewall).filter((f) => f.intent?.privateIp === ip && proxy(f));
  const fw = inReach(ctx.model, fromVnet, at, (f) => parentId(subnetOf(f) ?? ""), "first");
  const subnet = fw && subnetOf(fw);
  return fw && subnet ? { name: fw.name, vnet: parentId(subnet) ?? "" } : undefined;
}

/** The DNS Private Resolver whose inbound endpoint is at `ip`, as `fromVnet` reaches it, and its VNet. */
export function resolverInbound(ctx: DnsContext, ip: string, fromVnet: string | undefined): { name: string; vnet: string } | undefined {
  const vnetOf = (r: Resource) => String(ctx.model.props.vnetBound(r).virtualNetwork?.id);
  const at = ctx.model
    .ofType(T.resolver)
    .filter((r) => ctx.model.children(r.id, T.inboundEndpoint).some((i) => (ctx.model.props.inboundEndpoint(i).ipConfigurations ?? []).some((c) => c.privateIpAddress === ip)));
  const r = inReach(ctx.model, fromVnet, at, vnetOf, "first");
  return r && { name: r.name, vnet: vnetOf(r) };
}

/** The described DNS server at `ip` that `fromVnet` reaches. */
export function dnsServerAt(m: Analysis, ip: string, fromVnet: string | undefined): DnsServer | undefined {
  return inReach(
    m,
    fromVnet,
    m.dnsServers.filter((s) => s.ip === ip),
    (s) => s.vnet,
    "first",
  );
}
