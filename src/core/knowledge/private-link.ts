// Private endpoint sub-resources (groupIds) and the private DNS zones each needs, per cloud.
// F01-F08, F11 from "Azure Private Endpoint private DNS zone values" [PEDNS] (its Commercial,
// Government and China tables, read in the 2025-08-04 revision),
// "Configure a private endpoint for an Azure Machine Learning workspace" [PL] and
// "How to use your workspace with a custom DNS server" [DNS].
import type { Cloud } from "../types.ts";

/** Zones per cloud; a cloud missing from a table has no zone documented for that sub-resource. */
export type ZoneTable = Partial<Record<Cloud, readonly string[]>>;

/** A type's sub-resources (lower-case groupIds) and the zones each needs. */
export type ZonesByGroup = Readonly<Record<string, ZoneTable>>;

const storageZone = (sub: string): ZoneTable => ({
  AzureCloud: [`privatelink.${sub}.core.windows.net`],
  AzureChinaCloud: [`privatelink.${sub}.core.chinacloudapi.cn`],
  AzureUSGovernment: [`privatelink.${sub}.core.usgovcloudapi.net`],
});

// Per type: sub-resource (lower-case groupId) -> zones per cloud. The type registry
// (core/registry.ts) holds each table in its type's entry; core/zones.ts answers from there.

// F01, F11: the workspace endpoint needs both the API and the notebooks zone.
export const WORKSPACE_ZONES: ZonesByGroup = {
  amlworkspace: {
    AzureCloud: ["privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"],
    AzureChinaCloud: ["privatelink.api.ml.azure.cn", "privatelink.notebooks.chinacloudapi.cn"],
    AzureUSGovernment: ["privatelink.api.ml.azure.us", "privatelink.notebooks.usgovcloudapi.net"],
  },
};

// F02: registries share the workspace API zone.
export const ML_REGISTRY_ZONES: ZonesByGroup = {
  amlregistry: {
    AzureCloud: ["privatelink.api.azureml.ms"],
    AzureChinaCloud: ["privatelink.api.ml.azure.cn"],
    AzureUSGovernment: ["privatelink.api.ml.azure.us"],
  },
};

// F03: one zone per storage sub-resource.
export const STORAGE_ZONES: ZonesByGroup = Object.fromEntries(
  ["blob", "file", "dfs", "queue", "table", "web"].flatMap((s) => [
    [s, storageZone(s)],
    [`${s}_secondary`, storageZone(s)],
  ]),
);

// F04
export const KEY_VAULT_ZONES: ZonesByGroup = {
  vault: {
    AzureCloud: ["privatelink.vaultcore.azure.net"],
    AzureChinaCloud: ["privatelink.vaultcore.azure.cn"],
    AzureUSGovernment: ["privatelink.vaultcore.usgovcloudapi.net"],
  },
};

// F05
export const CONTAINER_REGISTRY_ZONES: ZonesByGroup = {
  registry: {
    AzureCloud: ["privatelink.azurecr.io"],
    AzureChinaCloud: ["privatelink.azurecr.cn"],
    AzureUSGovernment: ["privatelink.azurecr.us"],
  },
};

// F06: the zones every account endpoint needs; an AIServices account also answers on
// services.ai.azure.com (AI_SERVICES_OPTIONAL_ZONES). Microsoft's network-restricted template links only
// these two for its AIServices account, and Azure OpenAI's own names live in them.
// [PEDNS] Government lists cognitiveservices.azure.us alone for AI services; its China table
// lists no AI services zone, so none is demanded there.
export const AI_SERVICES_ZONES: ZonesByGroup = {
  account: {
    AzureCloud: ["privatelink.openai.azure.com", "privatelink.cognitiveservices.azure.com"],
    AzureUSGovernment: ["privatelink.cognitiveservices.azure.us"],
  },
};

// F07; [PEDNS] Government has usgovcloudapi.net twins; its China table lists no Synapse zone.
export const SYNAPSE_ZONES: ZonesByGroup = {
  sql: {
    AzureCloud: ["privatelink.sql.azuresynapse.net"],
    AzureUSGovernment: ["privatelink.sql.azuresynapse.usgovcloudapi.net"],
  },
  sqlondemand: {
    AzureCloud: ["privatelink.sql.azuresynapse.net"],
    AzureUSGovernment: ["privatelink.sql.azuresynapse.usgovcloudapi.net"],
  },
  dev: {
    AzureCloud: ["privatelink.dev.azuresynapse.net"],
    AzureUSGovernment: ["privatelink.dev.azuresynapse.usgovcloudapi.net"],
  },
};

export const SYNAPSE_HUB_ZONES: ZonesByGroup = {
  web: { AzureCloud: ["privatelink.azuresynapse.net"], AzureUSGovernment: ["privatelink.azuresynapse.usgovcloudapi.net"] },
};

// F08: Azure Monitor private link scope; [PEDNS] Government adds the adx.monitor zone; its
// China table lists no Azure Monitor zones.
export const MONITOR_ZONES: ZonesByGroup = {
  azuremonitor: {
    AzureCloud: [
      "privatelink.monitor.azure.com",
      "privatelink.oms.opinsights.azure.com",
      "privatelink.ods.opinsights.azure.com",
      "privatelink.agentsvc.azure-automation.net",
      "privatelink.blob.core.windows.net",
    ],
    AzureUSGovernment: [
      "privatelink.monitor.azure.us",
      "privatelink.adx.monitor.azure.us",
      "privatelink.oms.opinsights.azure.us",
      "privatelink.ods.opinsights.azure.us",
      "privatelink.agentsvc.azure-automation.us",
      "privatelink.blob.core.usgovcloudapi.net",
    ],
  },
};

/**
 * Zones a target's kind adds that its endpoints work without: an AIServices account's Foundry
 * names (`<account>.services.ai.azure.com`, F06) resolve privately only with this zone, but the
 * OpenAI and Cognitive Services names AML calls don't use it. Keyed by kind (lower case).
 */
export const AI_SERVICES_OPTIONAL_ZONES: Readonly<Record<string, ZonesByGroup>> = {
  // [PEDNS] lists services.ai.azure.com in Commercial only.
  aiservices: { account: { AzureCloud: ["privatelink.services.ai.azure.com"] } },
  // An OpenAI account in Government answers on <name>.openai.azure.us. [PEDNS] demands only the
  // cognitiveservices zone there, so the openai twin is created beside it, never demanded.
  openai: { account: { AzureUSGovernment: ["privatelink.openai.azure.us"] } },
};

/**
 * F10: the public zones a custom DNS server must forward to 168.63.129.16 (Azure DNS) for the
 * workspace. Older and newer documents name the compute-instance zone differently; both are listed.
 */
export function workspaceForwarderZones(cloud: Cloud): readonly string[] {
  if (cloud === "AzureCloud")
    return ["api.azureml.ms", "notebooks.azure.net", "instances.azureml.ms", "aznbcontent.net", "inference.ml.azure.com"];
  // Sovereign clouds: the public twins of the privatelink zones of F11.
  return (WORKSPACE_ZONES.amlworkspace[cloud] ?? []).map((z) =>
    z.replace(/^privatelink\./, ""),
  );
}

/** Alternative names the documents accept for a forwarder zone (F09: instances.ml.azure.ms). */
export const FORWARDER_ALIASES: Readonly<Record<string, readonly string[]>> = {
  "instances.azureml.ms": ["instances.ml.azure.ms"],
};

/**
 * Public suffixes whose privatelink zone isn't simply `privatelink.` + the suffix ([PEDNS]):
 * Key Vault's public names CNAME into the vaultcore zones.
 */
export const PRIVATELINK_ALIASES: Readonly<Record<string, string>> = {
  "vault.azure.net": "privatelink.vaultcore.azure.net",
  "vault.azure.cn": "privatelink.vaultcore.azure.cn",
  "vault.usgovcloudapi.net": "privatelink.vaultcore.usgovcloudapi.net",
};

/** The Azure-provided DNS virtual IP (F10, F60, F67). */
export const AZURE_DNS = "168.63.129.16";
