// The resource types a managed network's private endpoint outbound rule may target, from the
// "Private endpoints" section of "Workspace managed virtual network isolation" [MVNET] (F31).
// Lower-cased ARM types; the section names products, so each product's provider types are listed.

const TARGETS: ReadonlyMap<string, string> = new Map([
  ["microsoft.machinelearningservices/workspaces", "Azure Machine Learning"],
  ["microsoft.machinelearningservices/registries", "Azure Machine Learning registries"],
  ["microsoft.storage/storageaccounts", "Azure Storage"],
  ["microsoft.containerregistry/registries", "Azure Container Registry"],
  ["microsoft.keyvault/vaults", "Azure Key Vault"],
  ["microsoft.cognitiveservices/accounts", "Foundry Tools (AI services)"],
  ["microsoft.search/searchservices", "Azure AI Search"],
  ["microsoft.sql/servers", "Azure SQL Server"],
  ["microsoft.datafactory/factories", "Azure Data Factory"],
  ["microsoft.documentdb/databaseaccounts", "Azure Cosmos DB"],
  ["microsoft.eventhub/namespaces", "Azure Event Hubs"],
  ["microsoft.cache/redis", "Azure Redis Cache"],
  ["microsoft.databricks/workspaces", "Azure Databricks"],
  ["microsoft.dbformariadb/servers", "Azure Database for MariaDB"],
  ["microsoft.dbforpostgresql/servers", "Azure Database for PostgreSQL Single Server"],
  ["microsoft.dbforpostgresql/flexibleservers", "Azure Database for PostgreSQL Flexible Server"],
  ["microsoft.dbformysql/servers", "Azure Database for MySQL"],
  ["microsoft.dbformysql/flexibleservers", "Azure Database for MySQL"],
  ["microsoft.apimanagement/service", "Azure API Management"],
  // The same page's approvals passage names Function Apps among the targets of endpoint rules.
  ["microsoft.web/sites", "Azure Function Apps"],
  // Application Insights is reached through an Azure Monitor private link scope.
  ["microsoft.insights/privatelinkscopes", "Application Insights (through a private link scope)"],
]);

/** Whether a managed network's private endpoint rule may target this ARM type. */
export function isManagedEndpointTarget(type: string): boolean {
  return TARGETS.has(type.toLowerCase());
}
