// Region names per cloud, as `az account list-locations --query "[].name"` lists them (the
// physical regions of "Azure regions list" on Learn, with the Government and 21Vianet clouds'
// own). A region opened after this list was written is accepted with the blueprint's
// acceptRegions; a misspelt one (eastus3, west-europe) is an input error instead of a failed deployment.
import type { Cloud } from "../types.ts";

const REGIONS: Readonly<Record<Cloud, readonly string[]>> = {
  AzureCloud: [
    "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast", "belgiumcentral", "brazilsouth",
    "brazilsoutheast", "canadacentral", "canadaeast", "centralindia", "centralus", "centraluseuap", "chilecentral", "eastasia", "eastus",
    "eastus2", "eastus2euap", "francecentral", "francesouth", "germanynorth", "germanywestcentral", "indonesiacentral", "israelcentral",
    "italynorth", "japaneast", "japanwest", "jioindiacentral", "jioindiawest", "koreacentral", "koreasouth", "malaysiawest", "mexicocentral",
    "newzealandnorth", "northcentralus", "northeurope", "norwayeast", "norwaywest", "polandcentral", "qatarcentral", "southafricanorth",
    "southafricawest", "southcentralus", "southeastasia", "southindia", "spaincentral", "swedencentral", "swedensouth", "switzerlandnorth",
    "switzerlandwest", "uaecentral", "uaenorth", "uksouth", "ukwest", "westcentralus", "westeurope", "westindia", "westus", "westus2", "westus3",
  ],
  AzureUSGovernment: ["usdodcentral", "usdodeast", "usgovarizona", "usgovtexas", "usgovvirginia"],
  AzureChinaCloud: ["chinaeast", "chinaeast2", "chinaeast3", "chinanorth", "chinanorth2", "chinanorth3"],
};

export function knownRegion(cloud: Cloud, region: string): boolean {
  return REGIONS[cloud].includes(region);
}

export function regionsOf(cloud: Cloud): readonly string[] {
  return REGIONS[cloud];
}
