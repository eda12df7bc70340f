// What ARM's environment() function returns in each cloud ("Deployment functions for ARM
// templates", environment()): templates build zone names and endpoint host names from its
// suffixes, so an imported template is evaluated with the cloud the user names (--cloud).
import type { Cloud } from "../types.ts";

export interface ArmEnvironment {
  readonly name: Cloud;
  readonly resourceManager: string;
  readonly portal: string;
  readonly authentication: { readonly loginEndpoint: string; readonly tenant: string; readonly identityProvider: string };
  readonly suffixes: {
    readonly storage: string;
    readonly keyvaultDns: string;
    readonly acrLoginServer: string;
    readonly sqlServerHostname: string;
  };
}

export const ARM_ENVIRONMENTS: Readonly<Record<Cloud, ArmEnvironment>> = {
  AzureCloud: {
    name: "AzureCloud",
    resourceManager: "https://management.azure.com/",
    portal: "https://portal.azure.com",
    authentication: { loginEndpoint: "https://login.microsoftonline.com/", tenant: "common", identityProvider: "AAD" },
    suffixes: { storage: "core.windows.net", keyvaultDns: ".vault.azure.net", acrLoginServer: ".azurecr.io", sqlServerHostname: ".database.windows.net" },
  },
  AzureUSGovernment: {
    name: "AzureUSGovernment",
    resourceManager: "https://management.usgovcloudapi.net/",
    portal: "https://portal.azure.us",
    authentication: { loginEndpoint: "https://login.microsoftonline.us/", tenant: "common", identityProvider: "AAD" },
    suffixes: { storage: "core.usgovcloudapi.net", keyvaultDns: ".vault.usgovcloudapi.net", acrLoginServer: ".azurecr.us", sqlServerHostname: ".database.usgovcloudapi.net" },
  },
  AzureChinaCloud: {
    name: "AzureChinaCloud",
    resourceManager: "https://management.chinacloudapi.cn/",
    portal: "https://portal.azure.cn",
    authentication: { loginEndpoint: "https://login.chinacloudapi.cn/", tenant: "common", identityProvider: "AAD" },
    suffixes: { storage: "core.chinacloudapi.cn", keyvaultDns: ".vault.azure.cn", acrLoginServer: ".azurecr.cn", sqlServerHostname: ".database.chinacloudapi.cn" },
  },
};
