// Private DNS: the zones every endpoint needs (F01-F08, per cloud F11), linked to every VNet
// that must resolve them (F67), zone groups on the endpoints, and the DNS Private Resolver (F68).
import type { Builder } from "./builder.ts";
import type { PlannedEndpoint } from "./endpoints.ts";
import type { DnsServer } from "../../../core/types.ts";
import { T } from "../../../core/registry.ts";

/** A private DNS zone the blueprint deploys or uses, with the VNets linked to it. */
interface ZonePlan {
  readonly id: string;
  readonly name: string;
  readonly links: Set<string>;
  /** Index in dns.privateZones, or -1 for a zone amlnet adds. */
  readonly declared: number;
}

export function expandDns(b: Builder, endpoints: readonly PlannedEndpoint[]): DnsServer[] {
  const bp = b.bp;
  const dns = bp.dns;
  // Zones by lower-case name: several entries may share a name when they live in different
  // resource groups (a zone per VNet, so endpoints in each VNet keep their own records).
  const zones = new Map<string, ZonePlan[]>();
  const plan = (z: ZonePlan) => zones.set(z.name.toLowerCase(), [...(zones.get(z.name.toLowerCase()) ?? []), z]);

  dns.privateZones.forEach((z, i) => {
    const id = z.existing ?? b.id(T.zone, z.name);
    plan({ id, name: z.name, links: new Set(z.links), declared: i });
    b.add({ id, type: T.zone, name: z.name, location: "global", existing: !!z.existing, properties: {}, source: ["dns", "privateZones", i] });
  });
  if (dns.zones === "auto") {
    const resolving = resolvingVnets(b);
    for (const zone of new Set(endpoints.flatMap((pe) => pe.zones))) {
      const known = zones.get(zone.toLowerCase());
      if (!known) {
        const id = b.id(T.zone, zone);
        plan({ id, name: zone, links: new Set(resolving), declared: -1 });
        b.add({ id, type: T.zone, name: zone, location: "global", properties: {}, source: ["dns"] });
      } else if (known.length === 1) resolving.forEach((v) => known[0].links.add(v));
      // Several zones of one name: the blueprint chose which VNet links to which; amlnet adds none.
    }
  }
  for (const zone of [...zones.values()].flat()) {
    const policy = zone.declared >= 0 ? dns.privateZones[zone.declared].resolutionPolicy : "Default";
    for (const vnet of [...zone.links].sort()) {
      b.add({
        id: `${zone.id}/virtualNetworkLinks/link-${vnet}`,
        type: T.zoneLink,
        name: `${zone.name}/link-${vnet}`,
        location: "global",
        properties: { virtualNetwork: { id: b.vnetId(vnet) }, registrationEnabled: false, resolutionPolicy: policy },
        source: zone.declared >= 0 ? ["dns", "privateZones", zone.declared] : ["dns"],
      });
    }
  }
  if (dns.zoneGroups) {
    for (const pe of endpoints) {
      // Of several zones with the name, the one linked to the endpoint's VNet takes its records.
      const pick = (candidates: readonly ZonePlan[]) => candidates.find((z) => z.links.has(pe.vnet)) ?? candidates[0];
      const chosen = pe.zones.map((z) => zones.get(z.toLowerCase())).filter((c): c is ZonePlan[] => !!c).map(pick);
      if (chosen.length === 0) continue;
      const peName = pe.id.slice(pe.id.lastIndexOf("/") + 1);
      b.add({
        id: `${pe.id}/privateDnsZoneGroups/default`,
        type: T.zoneGroup,
        name: `${peName}/default`,
        properties: {
          privateDnsZoneConfigs: chosen.map((z) => ({ name: z.name.replace(/\./g, "-"), properties: { privateDnsZoneId: z.id } })),
        },
        source: b.get(pe.id)?.source,
      });
    }
  }
  if (dns.resolver) expandResolver(b);
  return dns.servers.map((s, i) => ({
    name: s.name,
    ip: s.ip,
    vnet: b.vnetId(s.vnet),
    forwarders: s.forwarders.map((f) => ({ ...f })),
    source: ["dns", "servers", i],
  }));
}

/** VNets whose occupants look names up: endpoints, compute, clients, DNS servers, the resolver. */
function resolvingVnets(b: Builder): Set<string> {
  const bp = b.bp;
  const vnetOf = (ref: string | undefined) => ref?.split("/")[0];
  const names = [
    ...bp.endpoints.map((e) => vnetOf(e.subnet)),
    ...bp.compute.instances.map((c) => vnetOf(c.subnet)),
    ...bp.compute.clusters.map((c) => vnetOf(c.subnet)),
    ...bp.compute.kubernetes.map((k) => vnetOf(k.subnet)),
    ...bp.clients.map((c) => (c.kind === "vm" ? vnetOf(c.subnet) : undefined)),
    ...bp.dns.servers.map((s) => s.vnet),
    // A DNS-proxy firewall asks Azure DNS in its own VNet.
    ...bp.networks.firewalls.filter((f) => f.dnsProxy).map((f) => f.vnet),
    bp.dns.resolver?.vnet,
  ];
  return new Set(names.filter((n): n is string => n !== undefined));
}

function expandResolver(b: Builder): void {
  const r = b.bp.dns.resolver!;
  const at = ["dns", "resolver"];
  const resolverId = b.id(T.resolver, r.name);
  b.add({ id: resolverId, type: T.resolver, name: r.name, location: b.region, properties: { virtualNetwork: { id: b.vnetId(r.vnet) } }, source: at });
  b.add({
    id: `${resolverId}/inboundEndpoints/in`,
    type: T.inboundEndpoint,
    name: `${r.name}/in`,
    location: b.region,
    properties: {
      ipConfigurations: [
        {
          subnet: { id: b.subnetId(`${r.vnet}/${r.inboundSubnet}`) },
          ...(r.inboundIp ? { privateIpAddress: r.inboundIp, privateIpAllocationMethod: "Static" } : { privateIpAllocationMethod: "Dynamic" }),
        },
      ],
    },
    source: at,
  });
  if (!r.outboundSubnet) return;
  const outId = `${resolverId}/outboundEndpoints/out`;
  b.add({ id: outId, type: T.outboundEndpoint, name: `${r.name}/out`, location: b.region, properties: { subnet: { id: b.subnetId(`${r.vnet}/${r.outboundSubnet}`) } }, source: at });
  const rulesetName = `${r.name}-rules`;
  const rulesetId = b.id(T.ruleset, rulesetName);
  b.add({ id: rulesetId, type: T.ruleset, name: rulesetName, location: b.region, properties: { dnsResolverOutboundEndpoints: [{ id: outId }] }, source: at });
  r.forwardingRules.forEach((f, i) =>
    b.add({
      id: `${rulesetId}/forwardingRules/rule-${i}`,
      type: T.forwardingRule,
      name: `${rulesetName}/rule-${i}`,
      properties: {
        domainName: f.domain.endsWith(".") ? f.domain : `${f.domain}.`,
        targetDnsServers: f.targets.map((ipAddress) => ({ ipAddress, port: 53 })),
        forwardingRuleState: "Enabled",
      },
      source: [...at, "forwardingRules", i],
    }),
  );
  r.rulesetLinks.forEach((v) =>
    b.add({
      id: `${rulesetId}/virtualNetworkLinks/link-${v}`,
      type: T.rulesetLink,
      name: `${rulesetName}/link-${v}`,
      properties: { virtualNetwork: { id: b.vnetId(v) } },
      source: at,
    }),
  );
}
