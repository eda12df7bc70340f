// NSG rules that compute in your own VNet needs, from "Configure inbound and outbound network
// traffic" [FW] (the page as of 2026-03-19) and "Secure an Azure Machine Learning training
// environment" [TRAIN]. The blueprint expander writes them into generated NSGs, AML046-AML048 check
// NSGs against them and the documented flows trace them, so generating, checking and tracing can't
// drift apart. Where F20/F21 (older text) and the current page differ, the page wins: 8787 is in
// the basic list now, MicrosoftContainerRegistry is not regional, and VirtualNetwork 443 is needed
// when private endpoints are in the VNet or a peered one.
import type { Cloud } from "../types.ts";

export interface RequiredFlow {
  readonly name: string;
  readonly direction: "Inbound" | "Outbound";
  readonly protocol: "Tcp" | "Udp";
  /** Service tag on the far side (destination for outbound, source for inbound). */
  readonly tag: string;
  readonly ports: readonly string[];
  readonly fact: "F20" | "F21" | "F27";
}

const out = (name: string, tag: string, ports: string[], fact: "F20" | "F21", protocol: "Tcp" | "Udp" = "Tcp"): RequiredFlow => ({
  name,
  direction: "Outbound",
  protocol,
  tag,
  ports,
  fact,
});

/** F20: outbound every compute subnet needs, with or without a public IP ([FW] "Basic configuration"). */
export function requiredOutbound(region: string, cloud: Cloud): RequiredFlow[] {
  return [
    out("AllowAzureActiveDirectory", "AzureActiveDirectory", ["80", "443"], "F20"),
    // 8787 is RStudio on a compute instance, 18881 the notebooks' language server.
    out("AllowAzureMachineLearning", "AzureMachineLearning", ["443", "8787", "18881"], "F20"),
    out("AllowAzureMachineLearningUdp", "AzureMachineLearning", ["5831"], "F20", "Udp"),
    out("AllowBatchNodeManagement", `BatchNodeManagement.${region}`, ["443"], "F20"),
    out("AllowAzureResourceManager", "AzureResourceManager", ["443"], "F20"),
    out("AllowStorage", `Storage.${region}`, ["443"], "F20"),
    // The studio's global entry point; [FW] marks it not needed in Azure operated by 21Vianet.
    ...(cloud === "AzureChinaCloud" ? [] : [out("AllowAzureFrontDoorFrontEnd", "AzureFrontDoor.FrontEnd", ["443"], "F20")]),
    out("AllowMicrosoftContainerRegistry", "MicrosoftContainerRegistry", ["443"], "F20"),
    out("AllowAzureFrontDoorFirstParty", "AzureFrontDoor.FirstParty", ["443"], "F20"),
  ];
}

/** F21: inbound from the AML service, only for compute with a public IP. */
export const PUBLIC_IP_INBOUND: Readonly<RequiredFlow> = {
  name: "AllowAzureMachineLearningInbound",
  direction: "Inbound",
  protocol: "Tcp",
  tag: "AzureMachineLearning",
  ports: ["44224"],
  fact: "F21",
};

/** F27: AKS with restricted outbound pulls images from the regional registry tag. */
export function aksRegistryOutbound(region: string): RequiredFlow {
  return { name: "AllowAzureContainerRegistry", direction: "Outbound", protocol: "Tcp", tag: `AzureContainerRegistry.${region}`, ports: ["443"], fact: "F27" };
}

/**
 * F27 and "Outbound network and FQDN rules for Azure Kubernetes Service (AKS) clusters" [AKSEGRESS]:
 * the hosts every AKS node reaches over HTTPS, from the page's Azure Global, Azure US Government and
 * Azure operated by 21Vianet tables. Wildcards are written as one representative name the flows
 * can trace.
 */
export function aksRequiredHosts(region: string, cloud: Cloud): readonly { readonly label: string; readonly fqdn: string }[] {
  const mcr = [
    { label: "mcr.microsoft.com", fqdn: "mcr.microsoft.com" },
    { label: "MCR content (*.data.mcr.microsoft.com)", fqdn: `${region}.data.mcr.microsoft.com` },
  ];
  if (cloud === "AzureUSGovernment")
    return [
      { label: "AKS API server (*.hcp.<region>.cx.aks.containerservice.azure.us)", fqdn: `cluster.hcp.${region}.cx.aks.containerservice.azure.us` },
      ...mcr,
      { label: "management.usgovcloudapi.net", fqdn: "management.usgovcloudapi.net" },
      { label: "login.microsoftonline.us", fqdn: "login.microsoftonline.us" },
      { label: "packages.microsoft.com", fqdn: "packages.microsoft.com" },
      { label: "acs-mirror.azureedge.net", fqdn: "acs-mirror.azureedge.net" },
    ];
  if (cloud === "AzureChinaCloud")
    return [
      { label: "AKS API server (*.hcp.<region>.cx.prod.service.azk8s.cn)", fqdn: `cluster.hcp.${region}.cx.prod.service.azk8s.cn` },
      { label: "AKS tunnel (*.tun.<region>.cx.prod.service.azk8s.cn)", fqdn: `cluster.tun.${region}.cx.prod.service.azk8s.cn` },
      ...mcr,
      { label: "management.chinacloudapi.cn", fqdn: "management.chinacloudapi.cn" },
      { label: "login.chinacloudapi.cn", fqdn: "login.chinacloudapi.cn" },
      { label: "packages.microsoft.com", fqdn: "packages.microsoft.com" },
      // The binaries mirror (*.azk8s.cn).
      { label: "binaries mirror (*.azk8s.cn)", fqdn: "mirror.azk8s.cn" },
    ];
  return [
    { label: "AKS API server (*.hcp.<region>.azmk8s.io)", fqdn: `cluster.hcp.${region}.azmk8s.io` },
    ...mcr,
    { label: "management.azure.com", fqdn: "management.azure.com" },
    { label: "login.microsoftonline.com", fqdn: "login.microsoftonline.com" },
    { label: "packages.microsoft.com", fqdn: "packages.microsoft.com" },
    { label: "acs-mirror.azureedge.net", fqdn: "acs-mirror.azureedge.net" },
  ];
}

/** F21 and [FW]: outbound only some subnets need, each under the condition the page names. */
export function situationalOutbound(region: string, opts: { monitorPublic: boolean; hbi: boolean; endpointsNearby: boolean; smbThroughFirewall: boolean }): RequiredFlow[] {
  return [
    // Only while Azure Monitor is not reached through a private link scope.
    ...(opts.monitorPublic ? [out("AllowAzureMonitor", "AzureMonitor", ["443"], "F21")] : []),
    // The hbi_workspace flag: the back-end Batch service reads its key vault.
    ...(opts.hbi ? [out("AllowKeyVault", `AzureKeyVault.${region}`, ["443"], "F21")] : []),
    // Private endpoints in the compute's VNet or a peered one.
    ...(opts.endpointsNearby ? [out("AllowVirtualNetwork", "VirtualNetwork", ["443"], "F20")] : []),
    // "445 is only required if you have a firewall between your virtual network for Azure ML and a
    // private endpoint for your storage accounts" (the same page warns it can exfiltrate data).
    ...(opts.smbThroughFirewall ? [storageSmbOutbound(region)] : []),
  ];
}

/** F21: SMB to the storage service when a firewall sits between compute and storage (file shares). */
export function storageSmbOutbound(region: string): RequiredFlow {
  return out("AllowStorageSmb", `Storage.${region}`, ["445"], "F21");
}

/** The ARM securityRules entry for a required flow. */
export function toSecurityRule(flow: RequiredFlow, priority: number): Record<string, unknown> {
  const inbound = flow.direction === "Inbound";
  return {
    name: flow.name,
    properties: {
      priority,
      direction: flow.direction,
      access: "Allow",
      protocol: flow.protocol,
      sourceAddressPrefix: inbound ? flow.tag : "VirtualNetwork",
      sourcePortRange: "*",
      destinationAddressPrefix: inbound ? "VirtualNetwork" : flow.tag,
      ...(flow.ports.length === 1 ? { destinationPortRange: flow.ports[0] } : { destinationPortRanges: [...flow.ports] }),
    },
  };
}
