// Private DNS zones and their VNet links, custom DNS servers and the DNS Private Resolver.
import * as z from "zod";
import { Existing } from "./services.ts";
import { domainName, fqdn, ip, name, suppress } from "./values.ts";

export const Dns = z
  .object({
    zones: z
      .enum(["auto", "manual"])
      .default("auto")
      .describe("auto: amlnet creates every zone the endpoints need and links it to every VNet that must resolve it. manual: only privateZones."),
    privateZones: z
      .array(
        z
          .object({
            name: fqdn,
            ...Existing,
            links: z.array(name("VNet")).default([]),
            resolutionPolicy: z.enum(["Default", "NxDomainRedirect"]).default("Default"),
            suppress,
          })
          .strict(),
      )
      .default([])
      .describe(
        "Zones to create or use. A name may repeat when each entry is in its own resource group (existing: <id>), each linked to its own VNets: endpoints in each VNet then keep their own records (AML079).",
      ),
    zoneGroups: z.boolean().default(true).describe("Give every private endpoint a DNS zone group."),
    servers: z
      .array(
        z
          .object({
            name: name("DNS server name."),
            vnet: name("VNet the server sits in (its own resolver is Azure DNS there)."),
            ip,
            forwarders: z
              .array(z.object({ domain: domainName, target: ip }).strict())
              .default([])
              .describe("Conditional forwarders, e.g. api.azureml.ms -> 168.63.129.16 (F10)."),
            suppress,
          })
          .strict(),
      )
      .default([]),
    resolver: z
      .object({
        name: name("DNS Private Resolver name."),
        vnet: name("VNet of the resolver."),
        inboundSubnet: name("Subnet for the inbound endpoint."),
        outboundSubnet: name("Subnet for the outbound endpoint.").optional(),
        inboundIp: ip.optional(),
        forwardingRules: z.array(z.object({ domain: domainName, targets: z.array(ip).min(1) }).strict()).default([]),
        rulesetLinks: z.array(name("VNet")).default([]),
        suppress,
      })
      .strict()
      .optional(),
  })
  .strict();
