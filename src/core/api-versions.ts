// API versions the ARM back end writes, from ../shared/arm-schemas/README.md. `schema: false`
// marks the few types amlnet must deploy for which that folder holds no schema: the template
// leaves them out and deploy.sh creates them with the az CLI (emit/cli/scripted.ts); Terraform
// writes them with azurerm, whose provider schema the tests check.
export interface ApiVersion {
  readonly version: string;
  readonly schema: boolean;
}

const V = (version: string, schema = true): ApiVersion => ({ version, schema });

const BY_NAMESPACE: Record<string, ApiVersion> = {
  "microsoft.machinelearningservices": V("2025-06-01"),
  "microsoft.network": V("2025-05-01"),
  "microsoft.storage": V("2025-06-01"),
  "microsoft.keyvault": V("2024-11-01"),
  "microsoft.containerregistry": V("2025-04-01"),
  "microsoft.operationalinsights": V("2023-09-01"),
  "microsoft.managedidentity": V("2023-01-31"),
  "microsoft.authorization": V("2022-04-01"),
  "microsoft.cognitiveservices": V("2025-06-01"),
  "microsoft.synapse": V("2021-06-01"),
  "microsoft.containerservice": V("2025-05-01"),
  "microsoft.compute": V("2025-04-01"),
  "microsoft.datafactory": V("2018-06-01", false),
};

const BY_TYPE: Record<string, ApiVersion> = {
  "microsoft.network/privatednszones": V("2024-06-01"),
  "microsoft.network/privatednszones/virtualnetworklinks": V("2024-06-01"),
  "microsoft.insights/components": V("2020-02-02"),
  "microsoft.insights/privatelinkscopes": V("2021-07-01-preview", false),
  "microsoft.insights/privatelinkscopes/scopedresources": V("2021-07-01-preview", false),
  "microsoft.kubernetesconfiguration/extensions": V("2023-05-01", false),
};

export function apiVersion(type: string): ApiVersion | undefined {
  const t = type.toLowerCase();
  return BY_TYPE[t] ?? BY_NAMESPACE[t.split("/")[0]];
}
