// Azure Firewall as the next hop of a 0.0.0.0/0 route: network rule collections first, then
// application rule collections, each by priority; nothing matched means denied.
import { name } from "../core/views.ts";
import { T } from "../core/registry.ts";
import { contains, parseCidr } from "../core/net/cidr.ts";
import { intersect, portRanges } from "../core/net/ranges.ts";
import type { DataPlane } from "./plane.ts";
import { fqdnMatches, type Hop, type Protocol } from "./flow.ts";
import type { FirewallRuleCollection } from "../core/props.ts";

export function firewallVerdict(plane: DataPlane, ip: string, source: string, dest: { tag?: string; fqdn?: string }, port: number, protocol: Protocol): Hop {
  const m = plane.model;
  const fw = m.ofType(T.firewall).find((f) =>
    (m.props.firewall(f).ipConfigurations ?? []).some((c) => {
      const prefix = parseCidr(String(m.props.subnet(m.get(c.properties?.subnet?.id)).addressPrefix), true);
      const at = parseCidr(ip, true);
      return !!prefix && !!at && contains(prefix, at);
    }),
  );
  const what = dest.fqdn ?? dest.tag ?? "the destination";
  if (!fw) return { step: "firewall", ok: true, detail: `appliance ${ip} is not an Azure Firewall of this blueprint: its rules are not checked` };
  const sourceOk = (list: unknown) => ((list ?? ["*"]) as string[]).some((s) => s === "*" || covers(s, source));
  const byPriority = (key: "networkRuleCollections" | "applicationRuleCollections") => (m.props.firewall(fw)[key] ?? []).slice().sort((a, b) => a.properties.priority - b.properties.priority);
  for (const c of byPriority("networkRuleCollections"))
    for (const r of c.properties.rules) {
      const protocols = ((r.protocols ?? []) as string[]).map((x) => x.toUpperCase());
      const dests = (r.destinationAddresses ?? []) as string[];
      // Service tags are case-insensitive; a base tag covers its regional ones.
      const tag = dest.tag?.toLowerCase();
      const destOk = dests.some((d) => d === "*" || (tag !== undefined && (d.toLowerCase() === tag || tag.startsWith(`${d.toLowerCase()}.`))));
      if (sourceOk(r.sourceAddresses) && destOk && (protocols.includes("ANY") || protocols.includes(protocol.toUpperCase())) && ((r.destinationPorts ?? []) as string[]).some((p) => intersect(portRanges(p), [[port, port]]).length > 0))
        return { ...verdict(c, `network rule ${c.name}/${String(r.name)}`, what, name(fw)), resourceId: fw.id };
    }
  if (dest.fqdn && protocol === "Tcp")
    for (const c of byPriority("applicationRuleCollections"))
      for (const r of c.properties.rules) {
        const ports = ((r.protocols ?? []) as { port: number }[]).map((p) => p.port);
        if (sourceOk(r.sourceAddresses) && ports.includes(port) && ((r.targetFqdns ?? []) as string[]).some((f) => fqdnMatches(f, dest.fqdn!)))
          return { ...verdict(c, `application rule ${c.name}/${String(r.name)}`, what, name(fw)), resourceId: fw.id };
      }
  return {
    step: "firewall",
    ok: false,
    resourceId: fw.id,
    detail: `firewall ${name(fw)} has no rule for ${what}:${port}/${protocol.toLowerCase()} from ${source}`,
    fix: `Allow ${what} port ${port} in ${dest.fqdn ? "an application" : "a network"} rule collection of ${name(fw)} (F26).`,
    facts: ["F26"],
  };
}

function verdict(c: FirewallRuleCollection, rule: string, what: string, fw: string): Hop {
  const allow = c.properties.action.type === "Allow";
  return allow
    ? { step: "firewall", ok: true, detail: `firewall ${fw}: ${rule} allows ${what}` }
    : { step: "firewall", ok: false, detail: `firewall ${fw}: ${rule} denies ${what}`, fix: `Remove or narrow ${rule} in ${fw}.` };
}

function covers(prefix: string, source: string): boolean {
  const a = parseCidr(prefix, true);
  const b = parseCidr(source, true);
  return !!a && !!b && contains(a, b);
}
