// VNets, subnets, NSGs, route tables, NAT gateways, firewalls, gateways, Bastion and peerings.
import { parseCidr, formatIp } from "../../../core/net/cidr.ts";
import type { Builder } from "./builder.ts";
import { aksRegistryOutbound, PUBLIC_IP_INBOUND, requiredOutbound, situationalOutbound, toSecurityRule, type RequiredFlow } from "../../../core/knowledge/compute-traffic.ts";
import { allocateSubnets } from "./addresses.ts";
import { imageBuildCompute } from "./compute.ts";
import { T } from "../../../core/registry.ts";
import { endpointTargets } from "../schema.ts";

const NO_NSG_SUBNETS: ReadonlySet<string> = new Set(["bastion", "firewall", "gateway"]);

export function expandNetworks(b: Builder): void {
  const bp = b.bp;
  const n = bp.networks;
  const prefixes = allocateSubnets(bp).prefixes;
  const build = imageBuildCompute(b);
  const computes: { subnet?: string; publicIp: boolean }[] = [...bp.compute.instances, ...bp.compute.clusters];
  if (build?.added && build.subnet) computes.push({ subnet: build.subnet, publicIp: false });
  if (bp.workspace.serverless) computes.push(bp.workspace.serverless);

  // F21: a subnet whose default route goes to an appliance has a firewall before storage.
  const viaAppliance = (table: string | undefined) =>
    !!b.lookup.findBy(n.routeTables, "name", table ?? "")?.routes.some((r) => r.prefix === "0.0.0.0/0" && r.nextHop === "VirtualAppliance");
  // F21: SMB to storage crosses the firewall unless the storage's file endpoint is in the compute's own VNet.
  const reachesFile = (t: string) => t === "storage:file" || (t === "storage" && bp.storage.subresources.includes("file"));
  const fileEndpointVnets = new Set(bp.endpoints.filter((e) => endpointTargets(bp, e).some(reachesFile)).map((e) => e.subnet.split("/")[0]));
  const storageFileEndpointIn = (vnet: string) => fileEndpointVnets.has(vnet);
  // [FW]: compute needs VirtualNetwork 443 when private endpoints sit in its VNet or a peered one.
  const endpointVnets = new Set(bp.endpoints.map((e) => e.subnet.split("/")[0]));
  // VNets peered with one holding endpoints, indexed once (a hub has thousands of peerings).
  const nearEndpoints = new Set(endpointVnets);
  for (const p of n.peerings) if (p.between.some((x) => endpointVnets.has(x))) for (const x of p.between) nearEndpoints.add(x);
  const endpointsNearby = (vnet: string) => nearEndpoints.has(vnet);

  n.vnets.forEach((v, i) => {
    const vnetId = b.vnetId(v.name);
    b.add({
      id: vnetId,
      type: T.vnet,
      name: v.name,
      location: v.region ?? b.region,
      properties: {
        addressSpace: { addressPrefixes: [...v.addressSpace] },
        // A DNS-proxy firewall named as a server is its private address.
        ...(v.dnsServers.length ? { dhcpOptions: { dnsServers: v.dnsServers.map((s) => (/^\d+\.\d+\.\d+\.\d+$/.test(s) ? s : (firewallIp(b, s) ?? s))) } } : {}),
      },
      source: ["networks", "vnets", i],
    });
    v.subnets.forEach((s, j) => {
      const ref = `${v.name}/${s.name}`;
      const at = ["networks", "vnets", i, "subnets", j];
      const hosted = b.lookup.filterBy(computes, "subnet", ref);
      const aks = b.lookup.filterBy(bp.compute.kubernetes, "subnet", ref);
      let nsgId: string | undefined;
      if (s.nsg === "auto" && !NO_NSG_SUBNETS.has(s.purpose)) {
        nsgId = b.id(T.nsg, `nsg-${v.name}-${s.name}`);
        const flows: RequiredFlow[] = [];
        if (hosted.length > 0 || s.purpose === "training") {
          flows.push(...requiredOutbound(b.region, bp.cloud));
          flows.push(
            ...situationalOutbound(b.region, {
              monitorPublic: !!bp.monitoring && !bp.monitoring.privateLinkScope,
              hbi: bp.workspace.hbi,
              endpointsNearby: endpointsNearby(v.name),
              smbThroughFirewall: viaAppliance(s.routeTable) && !storageFileEndpointIn(v.name),
            }),
          );
          if (hosted.some((c) => c.publicIp)) flows.push(PUBLIC_IP_INBOUND);
        }
        if (aks.length > 0) flows.push(aksRegistryOutbound(b.region));
        b.add({
          id: nsgId,
          type: T.nsg,
          name: `nsg-${v.name}-${s.name}`,
          location: v.region ?? b.region,
          properties: { securityRules: flows.map((f, k) => toSecurityRule(f, 100 + 10 * k)) },
          source: at,
        });
      } else if (s.nsg !== "auto" && s.nsg !== "none") {
        nsgId = b.id(T.nsg, s.nsg);
      }
      let natId: string | undefined;
      const needsEgress = (hosted.some((c) => !c.publicIp) || aks.length > 0) && !s.routeTable;
      if (s.natGateway === "auto" && needsEgress) natId = addNatGateway(b, `nat-${v.name}-${s.name}`, v.region ?? b.region, at);
      else if (s.natGateway !== "auto" && s.natGateway !== "none") natId = b.id(T.natGateway, s.natGateway);
      b.add({
        id: b.subnetId(ref),
        type: T.subnet,
        name: ref,
        properties: {
          addressPrefix: prefixes.get(ref),
          ...(nsgId ? { networkSecurityGroup: { id: nsgId } } : {}),
          ...(s.routeTable ? { routeTable: { id: b.id(T.routeTable, s.routeTable) } } : {}),
          ...(natId ? { natGateway: { id: natId } } : {}),
          ...(s.serviceEndpoints.length ? { serviceEndpoints: s.serviceEndpoints.map((service) => ({ service })) } : {}),
          privateEndpointNetworkPolicies: s.privateEndpointNetworkPolicies,
          // F23: no-public-IP compute relies on explicit egress, not default outbound access.
          ...(hosted.length > 0 || aks.length > 0 ? { defaultOutboundAccess: false } : {}),
        },
        intent: { purpose: s.purpose },
        source: at,
      });
    });
  });

  const asgId = (name: string) => b.id(T.asg, name);
  n.applicationSecurityGroups.forEach((g, i) =>
    b.add({ id: asgId(g.name), type: T.asg, name: g.name, location: b.region, properties: {}, source: ["networks", "applicationSecurityGroups", i] }),
  );

  n.nsgs.forEach((g, i) =>
    b.add({
      id: b.id(T.nsg, g.name),
      type: T.nsg,
      name: g.name,
      location: b.region,
      properties: {
        securityRules: g.rules.map((r) => ({
          name: r.name,
          properties: {
            priority: r.priority,
            direction: r.direction,
            access: r.access,
            protocol: r.protocol,
            // A rule names either addresses or application security groups at each end.
            ...(r.sourceAsgs.length ? { sourceApplicationSecurityGroups: r.sourceAsgs.map((x) => ({ id: asgId(x) })) } : { sourceAddressPrefix: r.source }),
            sourcePortRange: r.sourcePorts,
            ...(r.destinationAsgs.length ? { destinationApplicationSecurityGroups: r.destinationAsgs.map((x) => ({ id: asgId(x) })) } : { destinationAddressPrefix: r.destination }),
            ...(r.destinationPorts.includes(",")
              ? { destinationPortRanges: r.destinationPorts.split(",").map((p) => p.trim()) }
              : { destinationPortRange: r.destinationPorts }),
          },
        })),
      },
      source: ["networks", "nsgs", i],
    }),
  );

  n.natGateways.forEach((g, i) => addNatGateway(b, g.name, b.region, ["networks", "natGateways", i]));

  n.routeTables.forEach((t, i) =>
    b.add({
      id: b.id(T.routeTable, t.name),
      type: T.routeTable,
      name: t.name,
      location: b.region,
      properties: {
        disableBgpRoutePropagation: false,
        routes: t.routes.map((r) => ({
          name: r.name,
          properties: {
            addressPrefix: r.prefix,
            nextHopType: r.nextHop,
            ...(r.nextHop === "VirtualAppliance" ? { nextHopIpAddress: r.nextHopIp ?? firewallIp(b, r.firewall!) } : {}),
          },
        })),
      },
      source: ["networks", "routeTables", i],
    }),
  );

  n.firewalls.forEach((f, i) => {
    const pip = addPublicIp(b, `pip-${f.name}`, ["networks", "firewalls", i]);
    const rules = (kind: "application" | "network") => f.rules.filter((r) => r.kind === kind);
    b.add({
      id: b.id(T.firewall, f.name),
      type: T.firewall,
      name: f.name,
      location: b.region,
      properties: {
        sku: { name: "AZFW_VNet", tier: f.sku },
        ...(f.dnsProxy ? { additionalProperties: { "Network.DNS.EnableProxy": "true" } } : {}),
        ipConfigurations: [{ name: "ipconfig", properties: { subnet: { id: b.subnetId(`${f.vnet}/AzureFirewallSubnet`) }, publicIPAddress: { id: pip } } }],
        applicationRuleCollections: collection("amlnet-application", 200, rules("application"), (r) => ({
          name: r.name,
          sourceAddresses: r.sources,
          targetFqdns: r.fqdns,
          protocols: r.protocols.map((p) => {
            const [protocolType, port] = p.split(":");
            return { protocolType, port: Number(port ?? (protocolType === "Http" ? 80 : 443)) };
          }),
        })),
        networkRuleCollections: collection("amlnet-network", 100, rules("network"), (r) => ({
          name: r.name,
          sourceAddresses: r.sources,
          destinationAddresses: r.destinations,
          destinationPorts: r.ports,
          protocols: r.protocols,
        })),
      },
      intent: { privateIp: f.privateIp ?? firewallIp(b, f.name) },
      source: ["networks", "firewalls", i],
    });
  });

  n.gateways.forEach((g, i) => {
    const at = ["networks", "gateways", i];
    const gwId = b.id(T.gateway, g.name);
    b.add({
      id: gwId,
      type: T.gateway,
      name: g.name,
      location: b.region,
      properties: {
        gatewayType: g.type,
        ...(g.type === "Vpn" ? { vpnType: "RouteBased" } : {}),
        sku: { name: g.type === "Vpn" ? "VpnGw1AZ" : "ErGw1AZ", tier: g.type === "Vpn" ? "VpnGw1AZ" : "ErGw1AZ" },
        ipConfigurations: [
          {
            name: "ipconfig",
            properties: { subnet: { id: b.subnetId(`${g.vnet}/GatewaySubnet`) }, publicIPAddress: { id: addPublicIp(b, `pip-${g.name}`, at) } },
          },
        ],
      },
      intent: { onPremisesPrefixes: [...g.onPremisesPrefixes] },
      source: at,
    });
    if (g.type === "Vpn" && g.onPremisesPrefixes.length > 0) {
      b.add({
        id: b.id(T.localGateway, `lgw-${g.name}`),
        type: T.localGateway,
        name: `lgw-${g.name}`,
        location: b.region,
        properties: { localNetworkAddressSpace: { addressPrefixes: [...g.onPremisesPrefixes] } },
        source: at,
      });
    }
  });

  n.bastions.forEach((x, i) => {
    const at = ["networks", "bastions", i];
    b.add({
      id: b.id(T.bastion, x.name),
      type: T.bastion,
      name: x.name,
      location: b.region,
      sku: { name: "Standard" },
      properties: {
        ipConfigurations: [
          { name: "ipconfig", properties: { subnet: { id: b.subnetId(`${x.vnet}/AzureBastionSubnet`) }, publicIPAddress: { id: addPublicIp(b, `pip-${x.name}`, at) } } },
        ],
      },
      source: at,
    });
  });

  n.peerings.forEach((p, i) => {
    const [a, c] = p.between;
    const at = ["networks", "peerings", i];
    const side = (from: string, to: string, transit: boolean, remote: boolean) =>
      b.add({
        id: b.id(T.peering, from, `peer-${from}-to-${to}`),
        type: T.peering,
        name: `${from}/peer-${from}-to-${to}`,
        properties: {
          remoteVirtualNetwork: { id: b.vnetId(to) },
          allowVirtualNetworkAccess: true,
          allowForwardedTraffic: true,
          allowGatewayTransit: transit,
          useRemoteGateways: remote,
        },
        source: at,
      });
    side(a, c, p.allowGatewayTransit, false);
    if (!p.oneWay) side(c, a, false, p.useRemoteGateways);
  });
}

/** One Allow collection holding `rules`, or none when there are no rules. */
function collection<R>(name: string, priority: number, rules: readonly R[], toArm: (r: R) => object): object[] {
  return rules.length ? [{ name, properties: { priority, action: { type: "Allow" }, rules: rules.map(toArm) } }] : [];
}

function addPublicIp(b: Builder, name: string, source: (string | number)[]): string {
  const id = b.id(T.publicIp, name);
  b.add({
    id,
    type: T.publicIp,
    name,
    location: b.region,
    sku: { name: "Standard" },
    properties: { publicIPAllocationMethod: "Static" },
    source,
  });
  return id;
}

function addNatGateway(b: Builder, name: string, location: string, source: (string | number)[]): string {
  const id = b.id(T.natGateway, name);
  const pip = addPublicIp(b, `pip-${name}`, source);
  b.add({ id, type: T.natGateway, name, location, sku: { name: "Standard" }, properties: { publicIpAddresses: [{ id: pip }] }, source });
  return id;
}

/** Azure Firewall takes the first usable address of AzureFirewallSubnet (the fourth, after Azure's reserved ones). */
function firewallIp(b: Builder, firewall: string): string | undefined {
  const fw = b.bp.networks.firewalls.find((f) => f.name === firewall);
  if (!fw) return undefined;
  if (fw.privateIp) return fw.privateIp;
  const prefix = allocateSubnets(b.bp).prefixes.get(`${fw.vnet}/AzureFirewallSubnet`);
  const c = prefix ? parseCidr(prefix) : undefined;
  return c ? formatIp(c.base + 4) : undefined;
}
