// NSG evaluation (F60, F61): rules by priority, first match wins, default rules last. The query
// is a set of packets (the near end's prefix, the far end's prefix or service tag, a port range),
// so a rule that covers part of a subnet splits it: each part gets the rule that decides it.
// Application security groups match by membership of the NIC (or endpoint) at either end.
import { PRIVATE_PREFIXES, parseCidr } from "../../core/net/cidr.ts";
import { ALL_IPS, NONE, boxCovers, boxEmpty, boxesMeet, equals, boxIntersect, boxSubtract, ipRanges, portRanges, subtract, union, type Box, type Ranges } from "../../core/net/ranges.ts";
import type { Resource } from "../../core/types.ts";
import { memoTable, type Analysis } from "../../core/analysis.ts";

export interface NsgQuery {
  readonly direction: "Inbound" | "Outbound";
  readonly protocol: "Tcp" | "Udp";
  readonly port: number;
  /** A port range instead of the single port (NSG syntax: "8000-8999,443"). */
  readonly ports?: string;
  /** The far end: a service tag (e.g. `AzureMachineLearning`, `Storage.eastus`) or an address/prefix. */
  readonly remote: string;
  /** The near end's prefix (the subnet, or a NIC's address), when known. */
  readonly local?: string;
  /**
   * What the VirtualNetwork tag covers for this subnet (F61): its VNet, peered VNets, on-premises
   * prefixes and every user-defined route prefix. Without it the tag matches no address.
   */
  readonly virtualNetwork?: readonly string[];
  /** Application security groups (ids) the near end's NIC is in. */
  readonly localAsgs?: readonly string[];
  /** Application security groups (ids) the far end is in. */
  readonly remoteAsgs?: readonly string[];
}

export interface NsgVerdict {
  readonly access: "Allow" | "Deny";
  readonly rule: string;
  readonly priority: number;
}

/** The packets of a query one rule decides: near-end addresses, far-end addresses (or the tag), ports. */
export interface NsgPart extends NsgVerdict, Box {}

interface NsgRule {
  name: string;
  priority: number;
  direction: string;
  access: "Allow" | "Deny";
  protocol: string;
  /** Prefixes, tags, `*`, or `asg:<id>` for application security groups. */
  sources: string[];
  destinations: string[];
  ports: string[];
}

const DEFAULTS: readonly NsgRule[] = [
  { name: "AllowVnetInBound", priority: 65000, direction: "Inbound", access: "Allow", protocol: "*", sources: ["VirtualNetwork"], destinations: ["VirtualNetwork"], ports: ["*"] },
  { name: "AllowAzureLoadBalancerInBound", priority: 65001, direction: "Inbound", access: "Allow", protocol: "*", sources: ["AzureLoadBalancer"], destinations: ["*"], ports: ["*"] },
  { name: "DenyAllInBound", priority: 65500, direction: "Inbound", access: "Deny", protocol: "*", sources: ["*"], destinations: ["*"], ports: ["*"] },
  { name: "AllowVnetOutBound", priority: 65000, direction: "Outbound", access: "Allow", protocol: "*", sources: ["VirtualNetwork"], destinations: ["VirtualNetwork"], ports: ["*"] },
  { name: "AllowInternetOutBound", priority: 65001, direction: "Outbound", access: "Allow", protocol: "*", sources: ["*"], destinations: ["Internet"], ports: ["*"] },
  { name: "DenyAllOutBound", priority: 65500, direction: "Outbound", access: "Deny", protocol: "*", sources: ["*"], destinations: ["*"], ports: ["*"] },
];

function listOf(p: Record<string, unknown>, single: string, plural: string, asgs: string): string[] {
  const groups = p[asgs];
  if (Array.isArray(groups) && groups.length > 0) return groups.map((g: { id: string }) => `asg:${g.id.toLowerCase()}`);
  const many = p[plural];
  if (Array.isArray(many) && many.length > 0) return many.map(String);
  return p[single] === undefined ? [] : [String(p[single])];
}

export function securityRules(a: Analysis, nsg: Resource): NsgRule[] {
  return (a.props.nsg(nsg).securityRules ?? []).map((r) => ({
    name: r.name,
    priority: Number(r.properties.priority),
    direction: String(r.properties.direction),
    access: r.properties.access,
    protocol: String(r.properties.protocol ?? "*"),
    sources: listOf(r.properties, "sourceAddressPrefix", "sourceAddressPrefixes", "sourceApplicationSecurityGroups"),
    destinations: listOf(r.properties, "destinationAddressPrefix", "destinationAddressPrefixes", "destinationApplicationSecurityGroups"),
    ports: listOf(r.properties, "destinationPortRange", "destinationPortRanges", "-"),
  }));
}

// A service tag as the far end is one opaque atom: a rule covers all of it or none of it.
const TAG: Readonly<Ranges> = [[0, 0]];
const NON_INTERNET = union(...PRIVATE_PREFIXES.map((p) => ipRanges(p)!));

/** Every part of the query's packets with the rule that decides it, in priority order. */
export function evaluateNsgParts(a: Analysis, nsg: Resource | undefined, q: NsgQuery): NsgPart[] {
  const caches = nsgCaches(a);
  const remoteIps = rangesOf(caches, q.remote);
  const local = q.local ? (rangesOf(caches, q.local) ?? NONE) : ALL_IPS;
  const query: Box = { local, remote: remoteIps ?? TAG, ports: q.ports ? portRanges(q.ports) : portOf(caches, q.port) };
  if (!nsg) return [{ access: "Allow", rule: "(no NSG)", priority: 0, ...query }];
  const rules = orderedRules(a, nsg, q.direction);
  const parts: NsgPart[] = [];
  let rest: Box[] = [query];
  for (const { rule: r, box: ruleBox } of compiledRules(caches, rules, q, !!remoteIps)) {
    // The common case, without building anything: one box still open, which the rule misses or
    // decides whole.
    if (rest.length === 1) {
      const b = rest[0];
      if (!boxesMeet(b, ruleBox)) continue;
      if (boxCovers(ruleBox, b)) {
        const part: NsgPart = { access: r.access, rule: r.name, priority: r.priority, local: b.local, remote: b.remote, ports: b.ports };
        // Most flows: one rule decides the whole query (a list of one, not one with room to grow).
        if (!parts.length) return [part];
        parts.push(part);
        break;
      }
    }
    // Most rules miss every box still open: then nothing is rebuilt.
    if (!meetsAny(rest, ruleBox)) continue;
    const next: Box[] = [];
    for (const b of rest) {
      if (!boxesMeet(b, ruleBox)) {
        next.push(b);
        continue;
      }
      const m = boxCovers(ruleBox, b) ? b : boxIntersect(b, ruleBox);
      if (m === b) {
        parts.push({ access: r.access, rule: r.name, priority: r.priority, ...b });
        continue;
      }
      parts.push({ access: r.access, rule: r.name, priority: r.priority, ...m });
      next.push(...boxSubtract(b, m));
    }
    rest = next;
    if (!rest.length) break;
  }
  return parts;
}

function meetsAny(boxes: readonly Box[], box: Box): boolean {
  for (let i = 0; i < boxes.length; i++) if (boxesMeet(boxes[i], box)) return true;
  return false;
}

// What a rule covers depends on the query only through this context: whether the far end is an
// address or which tag it is, whether the near end is known, the ASGs at either end and the
// VirtualNetwork prefixes. Flows share contexts (every flow from one subnet to one service tag),
// so the rules' boxes are built once per context instead of once per flow. The caches are the
// analysis's: keyed by objects it handed out (its ordered rules, its VirtualNetwork arrays).
interface NsgCaches {
  readonly vnetIds: WeakMap<readonly string[], number>;
  nextVnetId: number;
  readonly compiled: WeakMap<readonly OrderedRule[], Map<string, Map<string | number, readonly CompiledRule[]>>>;
  /** The plane hands out one VirtualNetwork array per distinct prefix list; a hub's is long, so its set is built once. */
  readonly vnetSets: WeakMap<readonly string[], Ranges>;
  /**
   * The addresses of each prefix or address the queries name (a subnet's, an endpoint's), parsed
   * once; null for a far end that is no address (a service tag), so each is one look-up.
   */
  readonly ranges: Map<string, Ranges | null>;
  /** Each single port the queries name, as a set. */
  readonly ports: Map<number, Ranges>;
  /**
   * Verdicts of compiled rules that ignore the near end, by far end and port (evaluateNsg); null
   * for compiled rules that tell one near-end address from another.
   */
  readonly verdicts: WeakMap<readonly CompiledRule[], Map<string, Map<number, NsgVerdict>> | null>;
}

function rangesOf(caches: NsgCaches, text: string): Ranges | undefined {
  let r = caches.ranges.get(text);
  if (r === undefined) caches.ranges.set(text, (r = ipRanges(text) ?? null));
  return r ?? undefined;
}

function portOf(caches: NsgCaches, port: number): Ranges {
  let r = caches.ports.get(port);
  if (!r) caches.ports.set(port, (r = [[port, port]]));
  return r;
}

const NSG_CACHES = memoTable<"all", NsgCaches>("NSG evaluation caches");
const ORDERED_RULES = memoTable<Resource, Readonly<Record<string, readonly OrderedRule[]>>>("NSG rules in evaluation order");
const RULES_BY_CONTENT = memoTable<string, Readonly<Record<string, readonly OrderedRule[]>>>("NSG rules in evaluation order, by what they say");

const nsgCaches = (a: Analysis): NsgCaches =>
  a.memo(NSG_CACHES, "all", () => ({ vnetIds: new WeakMap(), nextVnetId: 1, compiled: new WeakMap(), vnetSets: new WeakMap(), ranges: new Map(), ports: new Map(), verdicts: new WeakMap() }));

function contextKey(caches: NsgCaches, q: NsgQuery, remoteIsAddress: boolean): { readonly remote: string; readonly rest: string | number } {
  // Towards a service tag the VirtualNetwork prefixes matter only as "everything or not" (a 0/0
  // user route), so every subnet shares the context; towards an address they are the subnet's own.
  let vnet = 0;
  if (q.virtualNetwork && !remoteIsAddress) vnet = equals(virtualNetworkRanges(caches, q.virtualNetwork)!, ALL_IPS) ? -1 : 0;
  else if (q.virtualNetwork) {
    vnet = caches.vnetIds.get(q.virtualNetwork) ?? 0;
    if (!vnet) caches.vnetIds.set(q.virtualNetwork, (vnet = caches.nextVnetId++));
  }
  // The far end as asked (a tag spelled two ways is compiled twice, alike); the rest of the
  // context as a number unless application security groups are in it (asked for every flow: no
  // key string is built for the common case).
  const remote = remoteIsAddress ? "" : q.remote;
  const flags = (q.local ? 1 : 0) + (q.protocol === "Udp" ? 2 : 0);
  const rest = q.localAsgs?.length || q.remoteAsgs?.length ? `${(q.localAsgs ?? []).join(",")}|${(q.remoteAsgs ?? []).join(",")}|${vnet}|${flags}` : (vnet + 1) * 4 + flags;
  return { remote, rest };
}

/**
 * The rules of one direction that match the query's protocol, each with the packets it covers in
 * the query's context, empty ones left out: built once per context and shared by every flow in it.
 */
function compiledRules(caches: NsgCaches, rules: readonly OrderedRule[], q: NsgQuery, remoteIsAddress: boolean): readonly CompiledRule[] {
  const { remote, rest } = contextKey(caches, q, remoteIsAddress);
  let byRemote = caches.compiled.get(rules);
  if (!byRemote) caches.compiled.set(rules, (byRemote = new Map()));
  let byRest = byRemote.get(remote);
  if (!byRest) byRemote.set(remote, (byRest = new Map()));
  const known = byRest.get(rest);
  if (known) return known;
  const vnet = virtualNetworkRanges(caches, q.virtualNetwork);
  const compiled: CompiledRule[] = [];
  for (const r of rules) {
    if (!protocolMatches(r.protocol, q.protocol)) continue;
    const [remoteEntries, localEntries] = q.direction === "Outbound" ? [r.destinations, r.sources] : [r.sources, r.destinations];
    const box: Box = {
      local: union(...localEntries.map((e) => localRanges(e, q))),
      remote: union(...remoteEntries.map((e) => (remoteIsAddress ? remoteRanges(e, q, vnet) : remoteMatches(caches, e, q) ? TAG : NONE))),
      ports: r.portSet,
    };
    if (!boxEmpty(box)) compiled.push({ rule: r, box });
  }
  byRest.set(rest, compiled);
  return compiled;
}

interface CompiledRule {
  readonly rule: OrderedRule;
  readonly box: Box;
}

type OrderedRule = NsgRule & { readonly portSet: Ranges };

/**
 * An NSG's rules in evaluation order, per direction, with their port sets: built once per NSG, and
 * one array for every NSG with the same rules (a spoke's NSGs are usually written from one
 * template), so the rules' boxes compiled for a context are shared by all of them.
 */
function orderedRules(a: Analysis, nsg: Resource, direction: string): readonly OrderedRule[] {
  const byDirection = a.memo(ORDERED_RULES, nsg, () => {
    const own = securityRules(a, nsg);
    // The defaults are the same for every NSG: only the NSG's own rules tell one from another.
    const content = JSON.stringify(own.map((r) => [r.name, r.priority, r.direction, r.access, r.protocol, r.sources, r.destinations, r.ports]));
    return a.memo(RULES_BY_CONTENT, content, () => {
      const all = [...own.map(ordered), ...ORDERED_DEFAULTS];
      all.sort((x, y) => x.priority - y.priority);
      return { Inbound: all.filter((r) => r.direction === "Inbound"), Outbound: all.filter((r) => r.direction === "Outbound") };
    });
  });
  return byDirection[direction] ?? [];
}

const ordered = (r: NsgRule): OrderedRule => ({ name: r.name, priority: r.priority, direction: r.direction, access: r.access, protocol: r.protocol, sources: r.sources, destinations: r.destinations, ports: r.ports, portSet: union(...r.ports.map(portRanges)) });
const ORDERED_DEFAULTS: readonly OrderedRule[] = DEFAULTS.map(ordered);

/** One verdict for the whole query: the deciding Deny if any part is denied, else the first Allow. */
export function evaluateNsg(a: Analysis, nsg: Resource | undefined, q: NsgQuery): NsgVerdict {
  // Rules that don't tell one near-end address from another (sources `*` or VirtualNetwork, as
  // most are) give every subnet in the same context the same verdict: it is kept per far end and
  // port, so the rules that judge each compute subnet's NSG don't evaluate it again per subnet.
  const caches = nsgCaches(a);
  const local = q.local ? rangesOf(caches, q.local) : ALL_IPS;
  if (nsg && !q.ports && local?.length) {
    const remoteIsAddress = rangesOf(caches, q.remote) !== undefined;
    const compiled = compiledRules(caches, orderedRules(a, nsg, q.direction), q, remoteIsAddress);
    let byRemote = caches.verdicts.get(compiled);
    if (byRemote === undefined) caches.verdicts.set(compiled, (byRemote = compiled.every((c) => c.box.local === ALL_IPS) ? new Map() : null));
    if (byRemote) {
      let byPort = byRemote.get(q.remote);
      if (!byPort) byRemote.set(q.remote, (byPort = new Map()));
      let v = byPort.get(q.port);
      if (!v) byPort.set(q.port, (v = verdictOf(evaluateNsgParts(a, nsg, q))));
      return v;
    }
  }
  return verdictOf(evaluateNsgParts(a, nsg, q));
}

function verdictOf(parts: readonly NsgPart[]): NsgVerdict {
  const v = parts.find((p) => p.access === "Deny") ?? parts[0];
  return v ? { access: v.access, rule: v.rule, priority: v.priority } : { access: "Deny", rule: "(none)", priority: 65500 };
}

function virtualNetworkRanges(caches: NsgCaches, prefixes: readonly string[] | undefined): Ranges | undefined {
  if (!prefixes) return undefined;
  let r = caches.vnetSets.get(prefixes);
  if (!r) caches.vnetSets.set(prefixes, (r = union(...prefixes.map((p) => ipRanges(p) ?? NONE))));
  return r;
}

/** The near-end addresses a rule entry covers. */
function localRanges(entry: string, q: NsgQuery): Ranges {
  const e = entry.toLowerCase();
  if (e.startsWith("asg:")) return (q.localAsgs ?? []).some((a) => `asg:${a.toLowerCase()}` === e) ? ALL_IPS : NONE;
  if (e === "*" || e === "any" || e === "virtualnetwork") return ALL_IPS;
  if (!q.local) return NONE; // a prefix rule against an unknown near end decides nothing
  return ipRanges(entry) ?? NONE;
}

/** The far-end addresses a rule entry covers when the far end is an address range. */
function remoteRanges(entry: string, q: NsgQuery, vnet: Ranges | undefined): Ranges {
  const e = entry.toLowerCase();
  if (e.startsWith("asg:")) return (q.remoteAsgs ?? []).some((a) => `asg:${a.toLowerCase()}` === e) ? ALL_IPS : NONE;
  if (e === "*" || e === "any") return ALL_IPS;
  // F61: VirtualNetwork is the VNet, its peers, on-premises and every UDR prefix (so a 0/0 UDR
  // makes it everything).
  if (e === "virtualnetwork") return vnet ?? NONE;
  // Internet: whatever is neither private space nor inside VirtualNetwork.
  if (e === "internet") return subtract(subtract(ALL_IPS, NON_INTERNET), vnet ?? NONE);
  return ipRanges(entry) ?? NONE; // other service tags: addresses amlnet does not hold
}

function protocolMatches(rule: string, p: string): boolean {
  return rule === "*" || rule.toLowerCase() === "any" || rule.toLowerCase() === p.toLowerCase();
}

const LOCAL_TAGS: ReadonlySet<string> = new Set(["virtualnetwork", "azureloadbalancer"]);

/** Whether a rule entry covers the service tag at the far end. */
function remoteMatches(caches: NsgCaches, rule: string, q: NsgQuery): boolean {
  const r = rule.toLowerCase();
  const x = q.remote.toLowerCase();
  if (r.startsWith("asg:")) return false; // a service is never in an application security group
  if (r === "*" || r === "any" || r === x) return true;
  // A 0.0.0.0/0 user route puts every address, and so every service tag, inside VirtualNetwork (F61).
  if (r === "virtualnetwork") return equals(virtualNetworkRanges(caches, q.virtualNetwork) ?? NONE, ALL_IPS);
  const ruleCidr = parseCidr(rule, true);
  if (ruleCidr) return ruleCidr.bits === 0; // 0.0.0.0/0 holds every service tag's addresses
  // A regional tag is inside its global tag (Storage covers Storage.eastus); Internet holds every
  // public service tag, AzureCloud every Azure one (F61).
  if (x.startsWith(`${r}.`)) return true;
  if ((r === "internet" || r === "azurecloud" || r.startsWith("azurecloud.")) && !LOCAL_TAGS.has(x)) return true;
  return false;
}
