// The public DNS names of the workspace and its dependencies, per cloud (F09, F11): the suffix
// each service answers under, and the workspace's own names. Data the type registry's entries
// and the network engine read; it imports nothing but the model's types.
import type { Cloud } from "../types.ts";

export interface Suffixes {
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

