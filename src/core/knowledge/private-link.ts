// Private endpoint sub-resources (groupIds) and the private DNS zones each needs, per cloud.
// F01-F08, F11 from "Azure Private Endpoint private DNS zone values" [PEDNS] (its Commercial,
// Government and China tables, read in the 2025-08-04 revision),
// "Configure a private endpoint for an Azure Machine Learning workspace" [PL] and
// "How to use your workspace with a custom DNS server" [DNS].
import type { Cloud } from "../types.ts";

/** Zones per cloud; a cloud missing from a table has no zone documented for that sub-resource. */
type ZoneTable = Partial<Record<Cloud, readonly string[]>>;

const storageZone = (sub: string): ZoneTable => ({
  AzureCloud: [`privatelink.${sub}.core.windows.net`],
  AzureChinaCloud: [`privatelink.${sub}.core.chinacloudapi.cn`],
  AzureUSGovernment: [`privatelink.${sub}.core.usgovcloudapi.net`],
});

/** Lower-cased ARM type -> groupId -> zones per cloud. */
const ZONES: Readonly<Record<string, Record<string, ZoneTable>>> = {
  // F01, F11: the workspace endpoint needs both the API and the notebooks zone.
  "microsoft.machinelearningservices/workspaces": {
    amlworkspace: {
      AzureCloud: ["privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"],
      AzureChinaCloud: ["privatelink.api.ml.azure.cn", "privatelink.notebooks.chinacloudapi.cn"],
      AzureUSGovernment: ["privatelink.api.ml.azure.us", "privatelink.notebooks.usgovcloudapi.net"],
    },
  },
  // F02: registries share the workspace API zone.
  "microsoft.machinelearningservices/registries": {
    amlregistry: {
      AzureCloud: ["privatelink.api.azureml.ms"],
      AzureChinaCloud: ["privatelink.api.ml.azure.cn"],
      AzureUSGovernment: ["privatelink.api.ml.azure.us"],
    },
  },
  // F03: one zone per storage sub-resource.
  "microsoft.storage/storageaccounts": Object.fromEntries(
    ["blob", "file", "dfs", "queue", "table", "web"].flatMap((s) => [
      [s, storageZone(s)],
      [`${s}_secondary`, storageZone(s)],
    ]),
  ),
  // F04
  "microsoft.keyvault/vaults": {
    vault: {
      AzureCloud: ["privatelink.vaultcore.azure.net"],
      AzureChinaCloud: ["privatelink.vaultcore.azure.cn"],
      AzureUSGovernment: ["privatelink.vaultcore.usgovcloudapi.net"],
    },
  },
  // F05
  "microsoft.containerregistry/registries": {
    registry: {
      AzureCloud: ["privatelink.azurecr.io"],
      AzureChinaCloud: ["privatelink.azurecr.cn"],
      AzureUSGovernment: ["privatelink.azurecr.us"],
    },
  },
  // F06: the zones every account endpoint needs; an AIServices account also answers on
  // services.ai.azure.com (OPTIONAL_ZONES). Microsoft's network-restricted template links only
  // these two for its AIServices account, and Azure OpenAI's own names live in them.
  // [PEDNS] Government lists cognitiveservices.azure.us alone for AI services; its China table
  // lists no AI services zone, so none is demanded there.
  "microsoft.cognitiveservices/accounts": {
    account: {
      AzureCloud: ["privatelink.openai.azure.com", "privatelink.cognitiveservices.azure.com"],
      AzureUSGovernment: ["privatelink.cognitiveservices.azure.us"],
    },
  },
  // F07; [PEDNS] Government has usgovcloudapi.net twins; its China table lists no Synapse zone.
  "microsoft.synapse/workspaces": {
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
  },
  "microsoft.synapse/privatelinkhubs": {
    web: { AzureCloud: ["privatelink.azuresynapse.net"], AzureUSGovernment: ["privatelink.azuresynapse.usgovcloudapi.net"] },
  },
  // F08: Azure Monitor private link scope; [PEDNS] Government adds the adx.monitor zone; its
  // China table lists no Azure Monitor zones.
  "microsoft.insights/privatelinkscopes": {
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
  },
};

/**
 * Zones a target's kind adds that its endpoints work without: an AIServices account's Foundry
 * names (`<account>.services.ai.azure.com`, F06) resolve privately only with this zone, but the
 * OpenAI and Cognitive Services names AML calls don't use it.
 */
const OPTIONAL_ZONES: Readonly<Record<string, Record<string, ZoneTable>>> = {
  // [PEDNS] lists services.ai.azure.com in Commercial only.
  "microsoft.cognitiveservices/accounts|aiservices": { account: { AzureCloud: ["privatelink.services.ai.azure.com"] } },
  // An OpenAI account in Government answers on <name>.openai.azure.us. [PEDNS] demands only the
  // cognitiveservices zone there, so the openai twin is created beside it, never demanded.
  "microsoft.cognitiveservices/accounts|openai": { account: { AzureUSGovernment: ["privatelink.openai.azure.us"] } },
};

/**
 * The private DNS zones an endpoint to `type`/`groupId` needs in `cloud`; undefined if the
 * sub-resource is unknown or [PEDNS] documents no zone for it in that cloud (see zoneDocumented).
 */
export function zonesFor(type: string, groupId: string, cloud: Cloud): readonly string[] | undefined {
  return ZONES[type.toLowerCase()]?.[groupId.toLowerCase()]?.[cloud];
}

/**
 * False when amlnet knows `type`/`groupId` but [PEDNS] lists no zone for it in `cloud` (Azure
 * China has none for AI services, Synapse or Azure Monitor): its names can't be checked there.
 */
export function zoneDocumented(type: string, groupId: string, cloud: Cloud): boolean {
  const table = ZONES[type.toLowerCase()]?.[groupId.toLowerCase()];
  return !table || table[cloud] !== undefined;
}

/** The zones a target of `kind` adds to those it needs (created with them, never demanded). */
export function optionalZonesFor(type: string, kind: string | undefined, groupId: string, cloud: Cloud): readonly string[] {
  return OPTIONAL_ZONES[`${type.toLowerCase()}|${(kind ?? "").toLowerCase()}`]?.[groupId.toLowerCase()]?.[cloud] ?? [];
}

/** The groupIds a resource type accepts. */
export function groupIdsOf(type: string): readonly string[] {
  return Object.keys(ZONES[type.toLowerCase()] ?? {});
}

/** Every privatelink zone name amlnet knows, in every cloud (for spotting misspellings). */
export function knownZones(): ReadonlySet<string> {
  const all = new Set<string>();
  for (const byGroup of [...Object.values(ZONES), ...Object.values(OPTIONAL_ZONES)])
    for (const table of Object.values(byGroup)) for (const zones of Object.values(table)) zones?.forEach((z) => all.add(z));
  return all;
}

/** The cloud whose zone list contains `zone`, when only one does. */
export function cloudOfZone(zone: string): Cloud | undefined {
  const clouds = new Set<Cloud>();
  for (const byGroup of Object.values(ZONES))
    for (const table of Object.values(byGroup))
      for (const [cloud, zones] of Object.entries(table) as [Cloud, readonly string[]][])
        if (zones.includes(zone.toLowerCase())) clouds.add(cloud);
  return clouds.size === 1 ? [...clouds][0] : undefined;
}

/**
 * F10: the public zones a custom DNS server must forward to 168.63.129.16 (Azure DNS) for the
 * workspace. Older and newer documents name the compute-instance zone differently; both are listed.
 */
export function workspaceForwarderZones(cloud: Cloud): readonly string[] {
  if (cloud === "AzureCloud")
    return ["api.azureml.ms", "notebooks.azure.net", "instances.azureml.ms", "aznbcontent.net", "inference.ml.azure.com"];
  // Sovereign clouds: the public twins of the privatelink zones of F11.
  return (ZONES["microsoft.machinelearningservices/workspaces"].amlworkspace[cloud] ?? []).map((z) =>
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
