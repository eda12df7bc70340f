// NSG evaluation for one direction of one flow (F60, F61): rules by priority, first match wins,
// default rules last. Remote ends are service tags or addresses. This is the structural subset
// the rule catalog needs; the network engine builds on it.
import { contains, overlaps, parseCidr } from "../../net/cidr.ts";
import type { Resource } from "../../model/types.ts";

export interface NsgQuery {
  readonly direction: "Inbound" | "Outbound";
  readonly protocol: "Tcp" | "Udp";
  readonly port: number;
  /** The far end: a service tag (e.g. `AzureMachineLearning`, `Storage.eastus`) or an address/prefix. */
  readonly remote: string;
  /** The near end's prefix (the subnet), when known. */
  readonly local?: string;
  /**
   * What the VirtualNetwork tag covers for this subnet (F61): its VNet, peered VNets, on-premises
   * prefixes and every user-defined route prefix. Without it the tag matches no address.
   */
  readonly virtualNetwork?: readonly string[];
}

export interface NsgVerdict {
  readonly access: "Allow" | "Deny";
  readonly rule: string;
  readonly priority: number;
}

interface NsgRule {
  name: string;
  priority: number;
  direction: string;
  access: "Allow" | "Deny";
  protocol: string;
  sources: string[];
  destinations: string[];
  ports: string[];
}

const DEFAULTS: NsgRule[] = [
  { name: "AllowVnetInBound", priority: 65000, direction: "Inbound", access: "Allow", protocol: "*", sources: ["VirtualNetwork"], destinations: ["VirtualNetwork"], ports: ["*"] },
  { name: "AllowAzureLoadBalancerInBound", priority: 65001, direction: "Inbound", access: "Allow", protocol: "*", sources: ["AzureLoadBalancer"], destinations: ["*"], ports: ["*"] },
  { name: "DenyAllInBound", priority: 65500, direction: "Inbound", access: "Deny", protocol: "*", sources: ["*"], destinations: ["*"], ports: ["*"] },
  { name: "AllowVnetOutBound", priority: 65000, direction: "Outbound", access: "Allow", protocol: "*", sources: ["VirtualNetwork"], destinations: ["VirtualNetwork"], ports: ["*"] },
  { name: "AllowInternetOutBound", priority: 65001, direction: "Outbound", access: "Allow", protocol: "*", sources: ["*"], destinations: ["Internet"], ports: ["*"] },
  { name: "DenyAllOutBound", priority: 65500, direction: "Outbound", access: "Deny", protocol: "*", sources: ["*"], destinations: ["*"], ports: ["*"] },
];

function listOf(p: Record<string, unknown>, single: string, plural: string): string[] {
  const many = p[plural];
  if (Array.isArray(many) && many.length > 0) return many.map(String);
  return p[single] === undefined ? [] : [String(p[single])];
}

export function securityRules(nsg: Resource): NsgRule[] {
  return ((nsg.properties.securityRules ?? []) as { name: string; properties: Record<string, unknown> }[]).map((r) => ({
    name: r.name,
    priority: Number(r.properties.priority),
    direction: String(r.properties.direction),
    access: r.properties.access as "Allow" | "Deny",
    protocol: String(r.properties.protocol ?? "*"),
    sources: listOf(r.properties, "sourceAddressPrefix", "sourceAddressPrefixes"),
    destinations: listOf(r.properties, "destinationAddressPrefix", "destinationAddressPrefixes"),
    ports: listOf(r.properties, "destinationPortRange", "destinationPortRanges"),
  }));
}

/** The verdict of an NSG (undefined: no NSG, which allows everything) for a query. */
export function evaluateNsg(nsg: Resource | undefined, q: NsgQuery): NsgVerdict {
  if (!nsg) return { access: "Allow", rule: "(no NSG)", priority: 0 };
  const rules = [...securityRules(nsg).filter((r) => r.direction === q.direction), ...DEFAULTS.filter((r) => r.direction === q.direction)];
  rules.sort((a, b) => a.priority - b.priority);
  for (const r of rules) {
    const [remote, local] = q.direction === "Outbound" ? [r.destinations, r.sources] : [r.sources, r.destinations];
    if (
      protocolMatches(r.protocol, q.protocol) &&
      r.ports.some((p) => portMatches(p, q.port)) &&
      remote.some((a) => remoteMatches(a, q.remote, q.virtualNetwork)) &&
      local.some((a) => localMatches(a, q.local))
    )
      return { access: r.access, rule: r.name, priority: r.priority };
  }
  return { access: "Deny", rule: "(none)", priority: 65500 };
}

function protocolMatches(rule: string, p: string): boolean {
  return rule === "*" || rule.toLowerCase() === "any" || rule.toLowerCase() === p.toLowerCase();
}

export function portMatches(rule: string, port: number): boolean {
  if (rule === "*") return true;
  return rule.split(",").some((part) => {
    const [lo, hi] = part.trim().split("-").map(Number);
    return port >= lo && port <= (hi ?? lo);
  });
}

const LOCAL_TAGS = new Set(["virtualnetwork", "azureloadbalancer"]);

function remoteMatches(rule: string, remote: string, virtualNetwork: readonly string[] | undefined): boolean {
  const r = rule.toLowerCase();
  const x = remote.toLowerCase();
  if (r === "*" || r === "any" || r === x) return true;
  const remoteCidr = parseCidr(remote, true);
  if (r === "virtualnetwork" && virtualNetwork) {
    // A 0.0.0.0/0 user route puts every address, and so every service tag, inside VirtualNetwork.
    const covered = virtualNetwork.map((p) => parseCidr(p, true)).filter((c) => !!c);
    if (covered.some((c) => c.bits === 0)) return true;
    return !!remoteCidr && covered.some((c) => contains(c, remoteCidr));
  }
  const ruleCidr = parseCidr(rule, true);
  if (ruleCidr && remoteCidr) return contains(ruleCidr, remoteCidr) || overlaps(ruleCidr, remoteCidr);
  if (ruleCidr) return ruleCidr.bits === 0; // 0.0.0.0/0 holds every service tag's addresses
  if (remoteCidr) return false; // a tag rule against an address: the engine decides that, not this subset
  // A regional tag is inside its global tag (Storage covers Storage.eastus); Internet holds every
  // public service tag, AzureCloud every Azure one (F61).
  if (x.startsWith(`${r}.`)) return true;
  if ((r === "internet" || r === "azurecloud" || r.startsWith("azurecloud.")) && !LOCAL_TAGS.has(x)) return true;
  return false;
}

function localMatches(rule: string, local: string | undefined): boolean {
  const r = rule.toLowerCase();
  if (r === "*" || r === "any" || r === "virtualnetwork") return true;
  const ruleCidr = parseCidr(rule, true);
  const localCidr = local ? parseCidr(local, true) : undefined;
  return !!ruleCidr && !!localCidr && contains(ruleCidr, localCidr);
}
