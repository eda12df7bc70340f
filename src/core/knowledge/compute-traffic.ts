// NSG rules that compute in your own VNet needs, from "Configure inbound and outbound network
// traffic" [FW] and "Secure an Azure Machine Learning training environment" [TRAIN]. The
// blueprint expander writes them into generated NSGs, AML046-AML048 check NSGs against them and
// the documented flows trace them, so generating, checking and tracing can't drift apart.

export interface RequiredFlow {
  readonly name: string;
  readonly direction: "Inbound" | "Outbound";
  readonly protocol: "Tcp" | "Udp";
  /** Service tag on the far side (destination for outbound, source for inbound). */
  readonly tag: string;
  readonly ports: readonly string[];
  readonly fact: "F20" | "F21" | "F27";
}

/** F20: outbound every compute subnet needs, with or without a public IP. */
export function requiredOutbound(region: string): RequiredFlow[] {
  const out = (name: string, tag: string, ports: string[], protocol: "Tcp" | "Udp" = "Tcp"): RequiredFlow => ({
    name,
    direction: "Outbound",
    protocol,
    tag,
    ports,
    fact: "F20",
  });
  return [
    out("AllowAzureActiveDirectory", "AzureActiveDirectory", ["80", "443"]),
    out("AllowAzureMachineLearning", "AzureMachineLearning", ["443", "18881"]),
    out("AllowAzureMachineLearningUdp", "AzureMachineLearning", ["5831"], "Udp"),
    out("AllowBatchNodeManagement", `BatchNodeManagement.${region}`, ["443"]),
    out("AllowAzureResourceManager", "AzureResourceManager", ["443"]),
    out("AllowStorage", `Storage.${region}`, ["443"]),
    out("AllowAzureFrontDoorFrontEnd", "AzureFrontDoor.FrontEnd", ["443"]),
    out("AllowMicrosoftContainerRegistry", `MicrosoftContainerRegistry.${region}`, ["443"]),
    out("AllowAzureFrontDoorFirstParty", "AzureFrontDoor.FirstParty", ["443"]),
  ];
}

/** F21: inbound from the AML service, only for compute with a public IP. */
export const PUBLIC_IP_INBOUND: RequiredFlow = {
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

/** F21 situational rules. */
export function situationalOutbound(region: string, opts: { monitorPublic: boolean; hbi: boolean }): RequiredFlow[] {
  const flows: RequiredFlow[] = [];
  if (opts.monitorPublic) flows.push({ name: "AllowAzureMonitor", direction: "Outbound", protocol: "Tcp", tag: "AzureMonitor", ports: ["443"], fact: "F21" });
  if (opts.hbi) flows.push({ name: "AllowKeyVault", direction: "Outbound", protocol: "Tcp", tag: `AzureKeyVault.${region}`, ports: ["443"], fact: "F21" });
  return flows;
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
