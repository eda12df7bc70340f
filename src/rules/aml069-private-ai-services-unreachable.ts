import { rule } from "./rule.ts";
import { endpointsTo, managedNetwork, name, outboundRules, workspaces, workspacesServedBy } from "../core/views.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML069",
  title: "Private AI Services account with no path from the workspace",
  severity: "error",
  facts: ["F06", "F31", "F32"],
  docs: ["MVNET", "PEDNS"],
  description:
    "An Azure OpenAI or AI Services account with public access disabled is reached only through a private endpoint: under a managed network a PrivateEndpoint outbound rule (subresource account), in your own VNet an endpoint there. The managed network doesn't add rules for it by itself; only workspace storage, Key Vault and registry get automatic ones, and under a hub, a connection to the account does (\"How to configure a managed network for Azure AI Foundry hubs\").",
  check(m) {
    return workspaces(m).flatMap((ws) => {
      const mn = managedNetwork(m, ws);
      return m
        .ofType(T.aiServices)
        .filter((a) => m.props.gated(a).publicNetworkAccess === "Disabled" && workspacesServedBy(m, a).includes(ws))
        .filter((a) =>
          mn
            ? !outboundRules(m, ws).some(
                (r) => r.type === "PrivateEndpoint" && String((r.destination as { serviceResourceId?: string })?.serviceResourceId).toLowerCase() === a.id.toLowerCase(),
              )
            : endpointsTo(m, a).length === 0,
        )
        .map((a) => ({
          resource: a,
          property: ["properties", "publicNetworkAccess"],
          message: `${a.kind ?? "AI Services"} account ${name(a)} is private and workspace ${name(ws)} has no ${mn ? "PrivateEndpoint outbound rule" : "private endpoint"} to it: prompt flow and deployments can't call it.`,
          fix: mn ? `Add an outbound rule {type: PrivateEndpoint, target: aiServices/${name(a)}, subresource: account}.` : `Add aiServices/${name(a)} to an endpoints entry.`,
        }));
    });
  },
  cases: {
    pass: [
      "integrations: { aiServices: [{name: oai1}] }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace, storage, keyVault, containerRegistry, aiServices/oai1]}]",
      "workspace: { network: { mode: managed, outboundRules: [{type: PrivateEndpoint, name: openai, target: aiServices/oai1, subresource: account}] } }\nintegrations: { aiServices: [{name: oai1}] }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }",
    ],
    fail: [
      { patch: "integrations: { aiServices: [{name: oai1}] }", fires: [{ at: "integrations.aiServices.0", says: "OpenAI account oai1 is private and workspace mlw has no private endpoint to it" }] },
      { patch: "workspace: { network: { mode: managed } }\nintegrations: { aiServices: [{name: oai1}] }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }", fires: [{ at: "integrations.aiServices.0", says: "OpenAI account oai1 is private and workspace mlw has no PrivateEndpoint outbound rule to" }] },
    ],
  },
});
