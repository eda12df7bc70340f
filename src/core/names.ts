// The DNS names clients use for the workspace, its online endpoints and its dependencies (F09,
// F11), per cloud. Back
// ends that check resolution (verify.sh) and the flow engine read them from here.
import type { Cloud, Resource } from "./types.ts";
import type { Model } from "./model.ts";
import { T } from "./registry.ts";
import { zonesFor } from "./knowledge/private-link.ts";

interface Suffixes {
  readonly api: string;
  readonly notebooks: string;
  readonly storage: string;
  readonly vault: string;
  readonly acr: string;
  /** Online endpoint scoring names (F09): `<endpoint>.<region>.<inference>`. */
  readonly inference: string;
}

const SUFFIXES: Readonly<Record<Cloud, Suffixes>> = {
  AzureCloud: { api: "api.azureml.ms", notebooks: "notebooks.azure.net", storage: "core.windows.net", vault: "vault.azure.net", acr: "azurecr.io", inference: "inference.ml.azure.com" },
  AzureChinaCloud: { api: "api.ml.azure.cn", notebooks: "notebooks.chinacloudapi.cn", storage: "core.chinacloudapi.cn", vault: "vault.azure.cn", acr: "azurecr.cn", inference: "inference.ml.azure.cn" },
  AzureUSGovernment: { api: "api.ml.azure.us", notebooks: "notebooks.usgovcloudapi.net", storage: "core.usgovcloudapi.net", vault: "vault.usgovcloudapi.net", acr: "azurecr.us", inference: "inference.ml.azure.us" },
};

/** The stand-in for a workspace's id (a GUID assigned at deployment) in its DNS names. */
export function workspaceIdFor(workspaceName: string): string {
  return `{id-of-${workspaceName.toLowerCase()}}`;
}

export function suffixes(cloud: Cloud): Suffixes {
  return SUFFIXES[cloud];
}

/**
 * F09: the workspace's own names, given its workspace id (a GUID known only after deployment, so
 * scripts pass a shell expression such as `${WSID}`).
 */
export function workspaceNames(cloud: Cloud, region: string, name: string, wsid: string): { api: string[]; notebooks: string } {
  const s = SUFFIXES[cloud];
  // The notebooks label is ml-<name>-<region>-<wsid>, with the name cut so the label stays <= 63.
  const room = 63 - `ml--${region}-`.length - 36;
  return {
    api: [`${wsid}.workspace.${region}.${s.api}`, `${wsid}.workspace.${region}.cert.${s.api}`],
    notebooks: `ml-${name.toLowerCase().slice(0, Math.max(0, room))}-${region}-${wsid}.${region}.${s.notebooks}`,
  };
}

/**
 * The name clients use for a resource's sub-resource (F09, F11): the workspace API (or its
 * notebooks with group `notebooks`), an online endpoint's scoring name, a storage service, the
 * vault, the registry, a Synapse workspace's Sql, SqlOnDemand or Dev name.
 */
export function resourceFqdn(model: Pick<Model, "cloud" | "region">, r: Resource, group?: string): string | undefined {
  const s = SUFFIXES[model.cloud];
  const short = r.name.slice(r.name.lastIndexOf("/") + 1);
  switch (r.type) {
    case T.workspace: {
      const names = workspaceNames(model.cloud, r.location ?? model.region, short, workspaceIdFor(short));
      return group === "notebooks" ? names.notebooks : names.api[0];
    }
    case T.storage:
      return `${short}.${group ?? "blob"}.${s.storage}`;
    case T.keyVault:
      return `${short}.${s.vault}`;
    case T.acr:
      return `${short.toLowerCase()}.${s.acr}`;
    case T.onlineEndpoint:
      return `${short.toLowerCase()}.${(r.location ?? model.region).toLowerCase()}.${s.inference}`;
    case T.synapse: {
      // F07: the public name is the zone's name without "privatelink."; SqlOnDemand adds "-ondemand".
      const zone = zonesFor(T.synapse, group ?? "Dev", model.cloud)?.[0];
      const label = group?.toLowerCase() === "sqlondemand" ? `${short}-ondemand` : short;
      return zone && `${label.toLowerCase()}.${zone.replace(/^privatelink\./, "")}`;
    }
    default:
      return undefined;
  }
}
