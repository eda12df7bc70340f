import { rule } from "./rule.ts";
import { endpointsTo, name } from "../core/views.ts";
import { T } from "../core/registry.ts";

// "How to securely integrate Azure Machine Learning and Azure Synapse": the managed VNet protects
// what Synapse reaches, not who reaches Synapse. Its own firewall or its own endpoints decide that,
// and the managed private endpoint to the workspace is created through that data plane.
export default rule({
  id: "AML076",
  title: "Synapse workspace nobody can reach",
  severity: "warning",
  facts: ["F07", "F46"],
  docs: ["SYN"],
  description:
    "A Synapse workspace's data plane (notebooks, pipelines, the managed private endpoint to the Azure Machine Learning workspace) answers only through its firewall when public network access is on, or through its Sql, SqlOnDemand and Dev private endpoints when it is off. With public access on and no firewall rule, or off and no Dev endpoint, nobody can open its studio or create the managed private endpoint the integration needs.",
  messages: {
    noDevEndpoint: "A private Synapse workspace has no Dev endpoint.",
    firewallAdmitsNone: "A public Synapse workspace's firewall admits no address.",
  },
  check(m) {
    return m.ofType(T.synapse).flatMap((s) => {
      if (m.props.synapse(s).publicNetworkAccess === "Disabled")
        return endpointsTo(m, s, "Dev").length
          ? []
          : [
              {
                resource: s,
                messageId: "noDevEndpoint", message: `Synapse workspace ${name(s)} has public access off and no Dev private endpoint: its studio and data plane are unreachable.`,
                fix: "Give it Sql, SqlOnDemand and Dev endpoints in the client VNet (add synapse/<name> to an endpoint's targets), or keep public access with allowedRanges.",
              },
            ];
      return m.children(s.id, T.synapseFirewallRule).length
        ? []
        : [
            {
              resource: s,
              messageId: "firewallAdmitsNone", message: `Synapse workspace ${name(s)} keeps public access but its firewall admits no address: deploy.sh can't create its managed private endpoint.`,
              fix: "Name the addresses that use it (the machine running deploy.sh among them) under allowedRanges, or make it private (access: private).",
            },
          ];
    });
  },
  cases: {
    pass: [
      "",
      "integrations: { synapse: [{name: syn1, allowedRanges: [203.0.113.0/24]}] }\nstorage: { subresources: [blob, file, dfs] }",
      "integrations: { synapse: [{name: syn1, access: private}] }\nstorage: { subresources: [blob, file, dfs] }",
    ],
    fail: [
      {
        patch: "integrations: { synapse: [{name: syn1}] }\nstorage: { subresources: [blob, file, dfs] }",
        fires: [{ at: "integrations.synapse.0", id: "firewallAdmitsNone" }],
      },
      {
        patch:
          "integrations: { synapse: [{name: syn1, access: private}] }\nstorage: { subresources: [blob, file, dfs] }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace, storage, keyVault, 'synapse/syn1:Sql']}, {subnet: vnet-ml/snet-pe, name: pe2, targets: ['synapse/syn1:SqlOnDemand']}]",
        fires: [{ at: "integrations.synapse.0", id: "noDevEndpoint" }],
      },
    ],
  },
});
