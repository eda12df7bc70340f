// VNets and subnets, peerings, NSGs, route tables, NAT gateways, firewalls, VPN gateways and Bastion hosts.
import * as z from "zod";
import { addressOrTag, fqdn, ip, name, ports, prefix, regionName, suppress } from "./values.ts";

const SubnetPurpose = z.enum(["endpoints", "training", "scoring", "bastion", "firewall", "gateway", "dns-inbound", "dns-outbound", "jumpbox", "other"]);

const Subnet = z
  .object({
    name: name("Subnet name."),
    purpose: SubnetPurpose.default("other"),
    prefix: prefix.optional(),
    size: z.number().int().min(8).max(29).optional().describe("Prefix length to allocate instead of a fixed prefix."),
    nsg: z.union([z.literal("auto"), z.literal("none"), name("An NSG from networks.nsgs.")]).default("auto"),
    routeTable: name("A route table from networks.routeTables.").optional(),
    natGateway: z.union([z.literal("auto"), z.literal("none"), name("A NAT gateway from networks.natGateways.")]).default("auto"),
    serviceEndpoints: z.array(z.string().regex(/^Microsoft\.[A-Za-z]+(\.[A-Za-z]+)?$/, "a service such as Microsoft.Storage")).default([]),
    privateEndpointNetworkPolicies: z.enum(["Disabled", "Enabled", "NetworkSecurityGroupEnabled", "RouteTableEnabled"]).default("Disabled"),
    suppress,
  })
  .strict();

const Vnet = z
  .object({
    name: name("VNet name."),
    region: regionName.optional().describe("Defaults to the blueprint region."),
    addressSpace: z.array(prefix).min(1),
    dnsServers: z
      .array(z.union([ip, name("A firewall of networks.firewalls with dnsProxy.")]))
      .default([])
      .describe("Custom DNS servers (addresses, or a DNS-proxy firewall by name); empty means Azure-provided DNS (168.63.129.16)."),
    subnets: z.array(Subnet).default([]),
    suppress,
  })
  .strict();

const NsgRule = z
  .object({
    name: name("Rule name."),
    priority: z.number().int().min(100).max(4096),
    direction: z.enum(["Inbound", "Outbound"]),
    access: z.enum(["Allow", "Deny"]),
    protocol: z.enum(["Tcp", "Udp", "Icmp", "*"]).default("*"),
    source: addressOrTag.default("*").describe("Prefix, service tag or *."),
    sourcePorts: ports.default("*"),
    destination: addressOrTag.default("*"),
    destinationPorts: ports.default("*").describe("Port, range or comma list, or *."),
    sourceAsgs: z.array(name("An application security group from networks.applicationSecurityGroups.")).default([]).describe("Instead of source: NICs in these groups."),
    destinationAsgs: z.array(name("An application security group from networks.applicationSecurityGroups.")).default([]).describe("Instead of destination: NICs in these groups."),
  })
  .strict();

const Route = z
  .object({
    name: name("Route name."),
    prefix: addressOrTag.describe("Destination prefix or service tag."),
    nextHop: z.enum(["VirtualAppliance", "VirtualNetworkGateway", "VnetLocal", "Internet", "None"]),
    nextHopIp: ip.optional(),
    firewall: name("An Azure Firewall from networks.firewalls, as the next hop.").optional(),
  })
  .strict();

const FirewallRule = z
  .object({
    name: name("Rule name."),
    kind: z.enum(["application", "network"]),
    sources: z.array(addressOrTag).default(["*"]),
    fqdns: z.array(z.union([z.literal("*"), fqdn])).default([]).describe("Application rules: target FQDNs."),
    destinations: z.array(addressOrTag).default([]).describe("Network rules: prefixes or service tags."),
    ports: z.array(ports).default(["443"]),
    protocols: z
      .array(z.string().regex(/^((Http|Https|Mssql)(:\d{1,5})?|TCP|UDP|ICMP|Any)$/i, "Http[:port], Https[:port] or Mssql[:port] (application rules); TCP, UDP, ICMP or Any (network rules)"))
      .default(["Https"]),
  })
  .strict();

export const Networks = z
  .object({
    vnets: z.array(Vnet).default([]),
    peerings: z
      .array(
        z
          .object({
            between: z.tuple([name("VNet"), name("VNet")]),
            allowGatewayTransit: z.boolean().default(false).describe("On the first VNet of the pair."),
            useRemoteGateways: z.boolean().default(false).describe("On the second VNet of the pair."),
            oneWay: z.boolean().default(false).describe("Create only the first VNet's side (to model a half-built peering)."),
          })
          .strict(),
      )
      .default([]),
    nsgs: z.array(z.object({ name: name("NSG name."), rules: z.array(NsgRule).default([]), suppress }).strict()).default([]),
    applicationSecurityGroups: z
      .array(z.object({ name: name("Application security group name.") }).strict())
      .default([])
      .describe("Groups NSG rules can name instead of addresses; NICs join them."),
    routeTables: z.array(z.object({ name: name("Route table name."), routes: z.array(Route).default([]) }).strict()).default([]),
    natGateways: z.array(z.object({ name: name("NAT gateway name.") }).strict()).default([]),
    firewalls: z
      .array(
        z
          .object({
            name: name("Azure Firewall name."),
            vnet: name("VNet holding AzureFirewallSubnet."),
            sku: z.enum(["Basic", "Standard", "Premium"]).default("Standard"),
            privateIp: ip.optional().describe("Defaults to the fourth address of AzureFirewallSubnet."),
            dnsProxy: z.boolean().default(false).describe("The firewall answers DNS for the VNets that name it in dnsServers, through Azure DNS in its own VNet."),
            rules: z.array(FirewallRule).default([]),
          })
          .strict(),
      )
      .default([]),
    gateways: z
      .array(
        z
          .object({
            name: name("Gateway name."),
            vnet: name("VNet holding GatewaySubnet."),
            type: z.enum(["Vpn", "ExpressRoute"]).default("Vpn"),
            onPremisesPrefixes: z.array(prefix).default([]),
          })
          .strict(),
      )
      .default([]),
    bastions: z.array(z.object({ name: name("Bastion name."), vnet: name("VNet holding AzureBastionSubnet.") }).strict()).default([]),
  })
  .strict();
