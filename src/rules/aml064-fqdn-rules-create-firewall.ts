import { rule } from "./rule.ts";
import { outboundRules, workspaces } from "../core/views.ts";

export default rule({
  id: "AML064",
  title: "FQDN rules create a billed Azure Firewall",
  severity: "info",
  facts: ["F33"],
  docs: ["MVNET"],
  description:
    "The first FQDN outbound rule makes the managed network deploy an Azure Firewall (Standard, or Basic with firewallSku Basic; never Premium), billed to you. Worth knowing before a review asks where the cost came from.",
  check(m) {
    return workspaces(m).flatMap((ws) => {
      const fqdn = outboundRules(m, ws)
        .filter((r) => r.type === "FQDN")
        .map((r) => r.name);
      return fqdn.length
        ? [
            {
              resource: ws,
              property: ["properties", "managedNetwork"],
              source: [...(ws.source ?? []), "network"],
              message: `${fqdn.length} FQDN rule(s) (${fqdn.join(", ")}) make the managed network deploy a ${m.props.workspace(ws).managedNetwork?.firewallSku ?? "Standard"} Azure Firewall, billed to the subscription.`,
              fix: "Expected if you need them; otherwise prefer PrivateEndpoint or ServiceTag rules, or firewallSku: Basic.",
            },
          ]
        : [];
    });
  },
  cases: {
    pass: ["workspace: { network: { mode: managed } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }"],
    fail: [
      { patch: "workspace: { network: { mode: managed, outboundRules: [{type: FQDN, name: pypi, destination: pypi.org}] } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }", fires: [{ at: "workspace.network", says: "1 FQDN rule(s) (pypi) make the managed network deploy a Standard Azure Firewall, billed" }] },
    ],
  },
});
