// Service tags NSG and firewall rules may name, from "Virtual network service tags" (Azure's list;
// the tags AML deployments meet and their neighbours). Names are case-insensitive in Azure; a
// regional tag is the base name, a dot and a region (Storage.eastus).

const TAGS = [
  "ActionGroup", "ApiManagement", "AppService", "AppServiceManagement", "AzureActiveDirectory", "AzureActiveDirectoryDomainServices",
  "AzureAdvancedThreatProtection", "AzureArcInfrastructure", "AzureBackup", "AzureBotService", "AzureCloud", "AzureCognitiveSearch",
  "AzureConnectors", "AzureContainerRegistry", "AzureCosmosDB", "AzureDatabricks", "AzureDataExplorerManagement", "AzureDataLake",
  "AzureDevOps", "AzureDigitalTwins", "AzureEventGrid", "AzureFrontDoor.Frontend", "AzureFrontDoor.Backend", "AzureFrontDoor.FirstParty",
  "AzureHealthcareAPIs", "AzureInformationProtection", "AzureIoTHub", "AzureKeyVault", "AzureLoadBalancer", "AzureMachineLearning",
  "AzureMachineLearningInference", "AzureMonitor", "AzureOpenDatasets", "AzurePlatformDNS", "AzurePlatformIMDS", "AzurePlatformLKM",
  "AzureResourceManager", "AzureSentinel", "AzureSignalR", "AzureSiteRecovery", "AzureSpringCloud", "AzureStack", "AzureTrafficManager",
  "AzureUpdateDelivery", "AzureWebPubSub", "BatchNodeManagement", "ChaosStudio", "CognitiveServicesFrontend", "CognitiveServicesManagement",
  "DataFactory", "DataFactoryManagement", "EventHub", "GatewayManager", "GuestAndHybridManagement", "HDInsight", "Internet", "LogicApps",
  "LogicAppsManagement", "M365ManagementActivityApi", "MicrosoftCloudAppSecurity", "MicrosoftContainerRegistry", "MicrosoftDefenderForEndpoint",
  "PowerBI", "PowerPlatformInfra", "PowerQueryOnline", "ServiceBus", "ServiceFabric", "Sql", "SqlManagement", "Storage", "StorageSyncService",
  "VirtualNetwork", "WindowsAdminCenter", "WindowsVirtualDesktop",
] as const;

const BY_LOWER: ReadonlyMap<string, string> = new Map(TAGS.map((t) => [t.toLowerCase(), t]));

/**
 * The tag as Azure spells it when `text` names one (any case, optionally `.<region>` after a
 * base that has no dot of its own), else undefined.
 */
export function serviceTag(text: string): string | undefined {
  const lower = text.toLowerCase();
  const exact = BY_LOWER.get(lower);
  if (exact) return exact;
  const dot = lower.lastIndexOf(".");
  if (dot < 0) return undefined;
  const base = BY_LOWER.get(lower.slice(0, dot));
  const region = lower.slice(dot + 1);
  return base && !base.includes(".") && /^[a-z][a-z0-9]+$/.test(region) ? `${base}.${region}` : undefined;
}

/** Every tag base name (for suggestions). */
export function serviceTagNames(): readonly string[] {
  return TAGS;
}
