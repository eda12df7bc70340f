import { rule } from "./rule.ts";
import { name, outboundRules, workspaces } from "../core/views.ts";
import { typeOfId, lastName } from "../core/ids.ts";
import { isManagedEndpointTarget } from "../core/knowledge/managed-endpoint-targets.ts";
import { outboundSource } from "./helpers.ts";

export default rule({
  id: "AML078",
  title: "Managed-network endpoint rule to an unsupported service",
  severity: "error",
  facts: ["F31"],
  docs: ["MVNET"],
  description:
    "A managed network creates private endpoints only to the services its documentation lists (Azure Machine Learning workspaces and registries, Storage, Container Registry, Key Vault, AI services, AI Search, SQL Server, Data Factory, Cosmos DB, Event Hubs, Redis, Databricks, the MariaDB, PostgreSQL and MySQL databases, API Management, and Application Insights through a private link scope). A rule to anything else is refused, and what it was meant to reach stays unreachable. Synapse is not among them: it reaches the workspace through its own managed private endpoint instead (F46).",
  check(m) {
    return workspaces(m).flatMap((ws) =>
      outboundRules(m, ws).flatMap((r, i) => {
        if (r.type !== "PrivateEndpoint") return [];
        const target = (r.destination as { serviceResourceId?: string })?.serviceResourceId;
        const type = target ? (m.get(target)?.type ?? typeOfId(target)) : undefined;
        if (!type || isManagedEndpointTarget(type)) return [];
        return [
          {
            resource: ws,
            source: [...outboundSource(ws), i],
            message: `Outbound rule ${r.name} of workspace ${name(ws)} targets ${lastName(target!)} (${type}), which a managed network can't reach through a private endpoint.`,
            fix: "Target a supported service, or reach this one another way (a ServiceTag or FQDN rule, or its own managed private endpoint to the workspace, as Synapse does).",
          },
        ];
      }),
    );
  },
  cases: {
    pass: [
      "",
      "integrations: { aiServices: [{name: oai1}] }\nworkspace: { network: { mode: managed, outboundRules: [{type: PrivateEndpoint, name: oai, target: aiServices/oai1, subresource: account}] } }",
    ],
    fail: [
      {
        patch:
          "integrations: { synapse: [{name: syn1, allowedRanges: [203.0.113.0/24]}] }\nstorage: { subresources: [blob, file, dfs] }\nworkspace: { network: { mode: managed, outboundRules: [{type: PrivateEndpoint, name: oai, target: storage, subresource: blob}, {type: PrivateEndpoint, name: syn, target: synapse/syn1, subresource: Sql}] } }",
        fires: [{ at: "workspace.network.outboundRules.1", says: "Outbound rule syn of workspace" }],
      },
    ],
  },
});
