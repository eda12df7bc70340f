// Azure Firewall as the next hop of a 0.0.0.0/0 route. Its rules are classic rule collections or
// a Firewall Policy's rule collection groups (with the policy it inherits from); either way network
// rules are processed before application rules, each in priority order, the first match decides
// and nothing matched means denied ("Azure Firewall rule processing logic": rules inherited from a
// parent policy come first; within a policy, rule collection groups, then their collections, by
// priority, 100 first).
import { name } from "../core/views.ts";
import { T } from "../core/registry.ts";
import { contains, parseCidr } from "../core/net/cidr.ts";
import { intersect, portRanges } from "../core/net/ranges.ts";
import type { DataPlane } from "./plane.ts";
import { fqdnMatches, type Hop, type Protocol } from "./flow.ts";
import { memoTable, type Analysis } from "../core/analysis.ts";
import type { Resource } from "../core/types.ts";
import { parentId } from "../core/ids.ts";
import { inReach } from "./net/reach.ts";

/** A rule as the firewall processes it, whichever way it was written. */
interface FirewallRule {
  /** How a message names it: `network rule collection/rule`, or `policy p: group/collection/rule`. */
  readonly label: string;
  readonly allow: boolean;
  readonly sources: readonly string[];
  /** Network rules: protocols (TCP, UDP, ICMP, Any), destination addresses or tags, FQDNs, ports. */
  readonly protocols: readonly string[];
  readonly addresses: readonly string[];
  readonly fqdns: readonly string[];
  readonly ports: readonly string[];
  /** Application rules: the protocols' ports and the target FQDNs. */
  readonly appPorts: readonly number[];
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const byPriority = <T extends { priority?: unknown }>(xs: readonly T[]) => [...xs].sort((a, b) => Number(a.priority ?? 65000) - Number(b.priority ?? 65000));

// Every compute of a subnet asks its firewall the same questions (a flow per destination and
// port): each is answered once per analysis, not by scanning the rules again per compute.
const VERDICTS = memoTable<string, Hop>("firewall verdicts");

/**
 * The verdict of the firewall at `ip` (a route's next hop, as `fromVnet` reaches it) on traffic
 * from `source` (a prefix) to a service tag or name.
 */
export function firewallVerdict(plane: DataPlane, fromVnet: string, ip: string, source: string, dest: { tag?: string; fqdn?: string }, port: number, protocol: Protocol): Hop {
  const key = JSON.stringify([fromVnet, ip, source, dest.tag ?? null, dest.fqdn ?? null, port, protocol]);
  return plane.model.memo(VERDICTS, key, () => judge(plane, fromVnet, ip, source, dest, port, protocol));
}

function judge(plane: DataPlane, fromVnet: string, ip: string, source: string, dest: { tag?: string; fqdn?: string }, port: number, protocol: Protocol): Hop {
  const m = plane.model;
  const at = parseCidr(ip, true);
  // The firewall whose subnet holds the address, in the VNet the route leads to: hubs built from
  // one address plan each have a firewall at the same address (engine/net/reach.ts).
  const subnetHolding = (f: Resource) =>
    (m.props.firewall(f).ipConfigurations ?? [])
      .map((c) => c.properties?.subnet?.id)
      .find((id) => {
        const prefix = parseCidr(String(m.props.subnet(m.get(id)).addressPrefix), true);
        return !!prefix && !!at && contains(prefix, at);
      });
  const holding = m.ofType(T.firewall).filter((f) => subnetHolding(f) !== undefined);
  const fw = inReach(m, fromVnet, holding, (f) => parentId(subnetHolding(f) ?? ""), "first");
  const what = dest.fqdn ?? dest.tag ?? "the destination";
  if (!fw) return { step: "firewall", ok: true, detail: `appliance ${ip} is not an Azure Firewall of this blueprint: its rules are not checked` };
  const { network, application } = rulesOf(m, fw);
  const sourceOk = (list: readonly string[]) => (list.length ? list : ["*"]).some((s) => s === "*" || covers(s, source));
  // Service tags are case-insensitive; a base tag covers its regional ones.
  const tag = dest.tag?.toLowerCase();
  const addressOk = (d: string) => d === "*" || (tag !== undefined && (d.toLowerCase() === tag || tag.startsWith(`${d.toLowerCase()}.`)));
  for (const r of network) {
    const protocols = r.protocols.map((x) => x.toUpperCase());
    const destOk = r.addresses.some(addressOk) || (dest.fqdn !== undefined && r.fqdns.some((f) => fqdnMatches(f, dest.fqdn!)));
    if (sourceOk(r.sources) && destOk && (protocols.includes("ANY") || protocols.includes(protocol.toUpperCase())) && r.ports.some((p) => intersect(portRanges(p), [[port, port]]).length > 0))
      return { ...verdict(r, what, name(fw)), resourceId: fw.id };
  }
  if (dest.fqdn && protocol === "Tcp")
    for (const r of application)
      if (sourceOk(r.sources) && r.appPorts.includes(port) && r.fqdns.some((f) => fqdnMatches(f, dest.fqdn!))) return { ...verdict(r, what, name(fw)), resourceId: fw.id };
  return {
    step: "firewall",
    ok: false,
    resourceId: fw.id,
    detail: `firewall ${name(fw)} has no rule for ${what}:${port}/${protocol.toLowerCase()} from ${source}`,
    fix: `Allow ${what} port ${port} in ${dest.fqdn ? "an application" : "a network"} rule collection of ${name(fw)}${m.props.firewall(fw).firewallPolicy?.id ? "'s firewall policy" : ""} (F26).`,
    facts: ["F26"],
  };
}

/** The firewall's rules in processing order: network rules, then application rules. */
function rulesOf(m: Analysis, fw: Resource): { network: FirewallRule[]; application: FirewallRule[] } {
  const network: FirewallRule[] = [];
  const application: FirewallRule[] = [];
  const p = m.props.firewall(fw);
  for (const c of byPriority((p.networkRuleCollections ?? []).map((c) => ({ ...c, priority: c.properties.priority }))))
    for (const r of c.properties.rules ?? [])
      network.push(networkRule(`network rule ${c.name}/${String(r.name)}`, c.properties.action?.type === "Allow", r, strings(r.protocols)));
  for (const c of byPriority((p.applicationRuleCollections ?? []).map((c) => ({ ...c, priority: c.properties.priority }))))
    for (const r of c.properties.rules ?? []) application.push(applicationRule(`application rule ${c.name}/${String(r.name)}`, c.properties.action?.type === "Allow", r));
  // The policy chain, the parent first: its rules take precedence over the child's.
  const chain: Resource[] = [];
  for (let id = p.firewallPolicy?.id; typeof id === "string" && chain.length < 10; ) {
    const policy = m.get(id);
    if (!policy || policy.unknown) {
      // A policy this input only names (another deployment's, a central team's): its rules are unknown.
      m.notGiven(fw, `the rules of firewall policy ${id.split("/").pop()}, which the input doesn't hold`);
      break;
    }
    if (chain.includes(policy)) break;
    chain.unshift(policy);
    id = m.props.firewallPolicy(policy).basePolicy?.id;
  }
  for (const policy of chain)
    for (const group of byPriority(m.children(policy.id, T.ruleCollectionGroup).map((g) => ({ g, priority: m.props.ruleCollectionGroup(g).priority }))))
      for (const c of byPriority(m.props.ruleCollectionGroup(group.g).ruleCollections ?? [])) {
        if (c.ruleCollectionType !== "FirewallPolicyFilterRuleCollection") continue;
        const allow = c.action?.type === "Allow";
        for (const r of c.rules ?? []) {
          const label = `policy ${name(policy)}: ${name(group.g)}/${String(c.name)}/${String(r.name)}`;
          if (r.ruleType === "NetworkRule") network.push(networkRule(label, allow, r, strings(r.ipProtocols)));
          else if (r.ruleType === "ApplicationRule") application.push(applicationRule(label, allow, r));
        }
      }
  return { network, application };
}

function networkRule(label: string, allow: boolean, r: Record<string, unknown>, protocols: string[]): FirewallRule {
  return { label, allow, sources: strings(r.sourceAddresses), protocols, addresses: strings(r.destinationAddresses), fqdns: strings(r.destinationFqdns), ports: strings(r.destinationPorts), appPorts: [] };
}

function applicationRule(label: string, allow: boolean, r: Record<string, unknown>): FirewallRule {
  const ports = (Array.isArray(r.protocols) ? r.protocols : []).map((x) => Number((x as { port?: unknown }).port)).filter((x) => Number.isInteger(x));
  return { label, allow, sources: strings(r.sourceAddresses), protocols: [], addresses: [], fqdns: strings(r.targetFqdns), ports: [], appPorts: ports };
}

function verdict(r: FirewallRule, what: string, fw: string): Hop {
  return r.allow
    ? { step: "firewall", ok: true, detail: `firewall ${fw}: ${r.label} allows ${what}` }
    : { step: "firewall", ok: false, detail: `firewall ${fw}: ${r.label} denies ${what}`, fix: `Remove or narrow ${r.label} in ${fw}.` };
}

function covers(prefix: string, source: string): boolean {
  const a = parseCidr(prefix, true);
  const b = parseCidr(source, true);
  return !!a && !!b && contains(a, b);
}
