// The workspace (its network: own VNets or a managed one, with outbound rules; its identity) and its dependencies: storage, Key Vault, container registry, monitoring, ML registries.
import * as z from "zod";
import { access, armId, fqdn, groupId, ipOrPrefix, name, ports, subnetRef, suppress, tag } from "./values.ts";

const OutboundRule = z.discriminatedUnion("type", [
  z
    .object({
      type: z.literal("PrivateEndpoint"),
      name: name("Rule name."),
      target: z
        .string()
        .describe("What the endpoint reaches: storage, keyVault, containerRegistry, aiServices/<name>, or a resource id of a supported service (AML078; Synapse is not one)."),
      subresource: groupId.describe("Sub-resource (groupId) of the target, e.g. blob, vault, account."),
      sparkEnabled: z.boolean().default(false),
      suppress,
    })
    .strict(),
  z
    .object({
      type: z.literal("FQDN"),
      name: name("Rule name."),
      destination: fqdn.describe("An FQDN, optionally with a leading '*.'."),
      ports: z.array(z.number().int().min(1).max(65535)).default([443]),
      suppress,
    })
    .strict(),
  z
    .object({
      type: z.literal("ServiceTag"),
      name: name("Rule name."),
      serviceTag: tag,
      protocol: z.enum(["TCP", "UDP", "ICMP", "*"]).default("TCP"),
      ports: ports.default("443").describe("Port or range, e.g. 443 or 80-443."),
      suppress,
    })
    .strict(),
]);

const Network = z.discriminatedUnion("mode", [
  z
    .object({ mode: z.literal("user-vnet").describe("Private endpoints into your own VNets; compute in your subnets.") })
    .strict(),
  z
    .object({
      mode: z.literal("managed").describe("A Microsoft-managed VNet (F30-F37)."),
      isolationMode: z.enum(["AllowInternetOutbound", "AllowOnlyApprovedOutbound"]).default("AllowOnlyApprovedOutbound"),
      firewallSku: z.enum(["Standard", "Basic"]).default("Standard"),
      outboundRules: z.array(OutboundRule).default([]),
    })
    .strict(),
]);

const Identity = z.discriminatedUnion("type", [
  z.object({ type: z.literal("SystemAssigned") }).strict(),
  z
    .object({
      type: z.literal("UserAssigned"),
      name: name("User-assigned identity to create."),
      existing: armId.optional(),
    })
    .strict(),
]);

export const Workspace = z
  .object({
    name: name("Workspace name."),
    kind: z.enum(["Default", "Hub"]).default("Default").describe("Hub: an Azure AI Foundry hub, whose projects share its network, endpoints and default resources."),
    projects: z
      .array(z.object({ name: name("Project name (a workspace of kind Project under this hub)."), suppress }).strict())
      .default([])
      .describe(
        'A hub\'s projects ("How to configure a private link for Azure AI Foundry hubs"): served by the hub\'s private endpoints and its public-access setting, with no endpoints or storage of their own. Needs kind: Hub.',
      ),
    publicNetworkAccess: access.default("Disabled").describe("Secure by default: the workspace is reached through its endpoints."),
    ipRules: z.array(ipOrPrefix).default([]).describe("Public IPv4 addresses or prefixes allowed when public access is enabled (F45)."),
    identity: Identity.default({ type: "SystemAssigned" }),
    users: z
      .array(
        z
          .object({
            name: name("Who this is, for messages and role descriptions."),
            objectId: z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, "a Microsoft Entra object id (GUID)"),
            type: z.enum(["User", "Group"]).default("Group"),
          })
          .strict(),
      )
      .default([])
      .describe("People and groups who use the workspace: with shared-key access off they need data roles on its storage, which amlnet assigns."),
    hbi: z.boolean().default(false).describe("High business impact workspace."),
    serverless: z
      .object({ subnet: subnetRef, publicIp: z.boolean().default(false).describe("Secure by default: no public IP (F23).") })
      .strict()
      .optional()
      .describe("Serverless compute in a subnet of your VNet (serverlessComputeSettings); it then needs what compute there needs."),
    imageBuildCompute: z
      .union([name("Compute cluster or instance that builds images."), z.literal(false)])
      .optional()
      .describe("Cluster or instance for image builds when the registry is private (F42); false to opt out; omitted: amlnet adds one when needed."),
    network: Network.default({ mode: "user-vnet" }),
    suppress,
  })
  .strict();

export const Existing = Object.freeze({ existing: armId.optional() });

const StorageSub = z.enum(["blob", "file", "dfs", "queue", "table", "web"]);
export const Storage = z
  .object({
    name: z.string().regex(/^[a-z0-9]{3,24}$/, "3-24 lower-case letters and digits"),
    ...Existing,
    subresources: z.array(StorageSub).default(["blob", "file"]).describe("Sub-resources that get private endpoints (F03)."),
    kind: z
      .enum(["StorageV2", "Storage", "BlobStorage", "BlockBlobStorage", "FileStorage"])
      .default("StorageV2")
      .describe("Account kind; for an existing account, what it is. The default storage must be general-purpose (AML077)."),
    sku: z
      .enum(["Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_RAGRS", "Standard_GZRS", "Standard_RAGZRS", "Premium_LRS", "Premium_ZRS"])
      .default("Standard_ZRS")
      .describe("Redundancy (Standard_LRS where the region has no zones); the default storage can't be premium (AML077)."),
    hierarchicalNamespace: z.boolean().default(false).describe("Data Lake Storage Gen2 namespace: not for the default storage (AML077); for an existing account, whether it has one."),
    publicNetworkAccess: access.default("Disabled"),
    defaultAction: z.enum(["Allow", "Deny"]).default("Deny"),
    bypass: z.array(z.enum(["AzureServices", "Logging", "Metrics"])).default(["AzureServices"]),
    resourceInstanceRules: z.boolean().default(true).describe("Allow the workspace by a resource-instance rule (F43)."),
    ipRules: z.array(ipOrPrefix).default([]),
    virtualNetworkRules: z.array(subnetRef).default([]),
    suppress,
  })
  .strict();

export const KeyVault = z
  .object({
    name: name("Key Vault name."),
    ...Existing,
    publicNetworkAccess: access.default("Disabled"),
    defaultAction: z.enum(["Allow", "Deny"]).default("Deny"),
    bypass: z.enum(["AzureServices", "None"]).default("AzureServices"),
    suppress,
  })
  .strict();

export const ContainerRegistry = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9]{5,50}$/, "5-50 letters and digits"),
    ...Existing,
    sku: z.enum(["Basic", "Standard", "Premium"]).default("Premium"),
    publicNetworkAccess: access.default("Disabled"),
    trustedServices: z.boolean().default(true).describe("Allow trusted Azure services (F42)."),
    suppress,
  })
  .strict();

export const Monitoring = z
  .object({
    appInsights: name("Application Insights name."),
    logAnalytics: name("Log Analytics workspace name."),
    privateLinkScope: z
      .object({ name: name("Azure Monitor private link scope."), accessMode: z.enum(["Open", "PrivateOnly"]).default("Open") })
      .strict()
      .optional(),
    suppress,
  })
  .strict();

export const Registry = z
  .object({
    name: name("Azure Machine Learning registry name."),
    ...Existing,
    publicNetworkAccess: access.default("Disabled"),
    acrPublicNetworkAccess: access.default("Disabled").describe("Public access of the registry's own container registry (F48)."),
    suppress,
  })
  .strict();
