// Synapse, Data Factory, AI Services (OpenAI) and other PaaS resources the workspace reaches.
import * as z from "zod";
import { access, armId, fqdn, groupId, ipOrPrefix, name, suppress } from "./values.ts";

export const Integrations = z
  .object({
    synapse: z
      .array(
        z
          .object({
            name: name("Synapse workspace name."),
            managedVnet: z.boolean().default(true),
            dataExfiltrationProtection: z.boolean().default(false),
            managedPrivateEndpoint: z.enum(["Approved", "Pending", "none"]).default("Approved"),
            contributorOnWorkspace: z.boolean().default(true).describe("F46: Synapse's identity gets Contributor on the workspace."),
            dataLake: z
              .string()
              .regex(/^[a-z0-9]{3,24}$/, "3-24 lower-case letters and digits")
              .optional()
              .describe("Synapse's own Data Lake Storage Gen2 account (default: the Synapse name's letters and digits + 'dl'): the workspace's default storage can't have a hierarchical namespace."),
            access: z
              .enum(["firewall", "private"])
              .default("firewall")
              .describe(
                "How people and deploy.sh reach the Synapse workspace itself, which its managed VNet does not restrict: 'firewall' keeps public network access with the firewall open only to allowedRanges; 'private' turns public access off and gives it Sql, SqlOnDemand and Dev endpoints in the client VNets (deploy.sh's Synapse steps then run from inside one).",
              ),
            allowedRanges: z
              .array(ipOrPrefix)
              .default([])
              .describe("Public addresses allowed through the Synapse firewall in 'firewall' access (the machine running deploy.sh among them)."),
            suppress,
          })
          .strict(),
      )
      .default([]),
    dataFactory: z
      .array(
        z
          .object({
            name: name("Data Factory name."),
            managedPrivateEndpoint: z.enum(["Approved", "Pending"]).default("Approved").describe("Its managed VNet's endpoint to the workspace."),
            suppress,
          })
          .strict(),
      )
      .default([]),
    paas: z
      .array(
        z
          .object({
            name: name("Short name used in endpoint targets (paas/<name>)."),
            resourceId: armId.describe("The existing PaaS resource (SQL server, Cosmos DB account, Event Hubs namespace ...)."),
            subresources: z.array(groupId).min(1).describe("Its private-link sub-resources (groupIds), e.g. sqlServer."),
            zones: z.array(fqdn).default([]).describe("Private DNS zones its endpoints need, e.g. privatelink.database.windows.net."),
            suppress,
          })
          .strict(),
      )
      .default([]),
    aiServices: z
      .array(
        z
          .object({
            name: name("Azure OpenAI / AI Services account name."),
            kind: z.enum(["OpenAI", "AIServices"]).default("OpenAI"),
            publicNetworkAccess: access.default("Disabled"),
            suppress,
          })
          .strict(),
      )
      .default([]),
  })
  .strict();
