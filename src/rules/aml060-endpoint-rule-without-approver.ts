import { rule } from "./rule.ts";
import { ROLES } from "../core/knowledge/roles.ts";
import { hasRole, managedNetwork, name, outboundRules, workspacePrincipal, workspaces } from "../core/views.ts";
import { outboundSource } from "./helpers.ts";

export default rule({
  id: "AML060",
  title: "Managed-network endpoint rule without the approver role",
  severity: "error",
  facts: ["F35", "F31"],
  docs: ["MVNET", "ROLES"],
  description:
    "Since 2025-04-30 the workspace identity must hold Azure AI Enterprise Network Connection Approver (b556d68e-0be0-4f35-a333-ad7ee1ce17ea) on the target of each private endpoint outbound rule (or its resource group) so it can approve the connection it creates. Without it the managed endpoint stays unapproved and the target unreachable.",
  check(m) {
    return workspaces(m).flatMap((ws) => {
      const mn = managedNetwork(ws);
      if (!mn) return [];
      const principal = workspacePrincipal(ws);
      return outboundRules(ws)
        .filter((r) => r.type === "PrivateEndpoint")
        .flatMap((r) => {
          const target = (r.destination as { serviceResourceId?: string })?.serviceResourceId;
          if (!target || hasRole(m, principal, ROLES.networkConnectionApprover.id, target)) return [];
          return [
            {
              resource: ws,
              source: outboundSource(ws),
              message: `Outbound rule ${r.name} creates an endpoint to ${target.slice(target.lastIndexOf("/") + 1)}, but ${name(m.get(principal) ?? ws)}'s identity can't approve it (no ${ROLES.networkConnectionApprover.name} there).`,
              fix: `Assign ${ROLES.networkConnectionApprover.name} to the workspace identity on the target or its resource group (roleAssignments: auto does it).`,
            },
          ];
        });
    });
  },
  cases: {
    pass: [
      "workspace: { network: { mode: managed, outboundRules: [{type: PrivateEndpoint, name: openai, target: aiServices/oai1, subresource: account}] } }\nintegrations: { aiServices: [{name: oai1}] }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }",
    ],
    fail: [
      { patch: "workspace: { network: { mode: managed, outboundRules: [{type: PrivateEndpoint, name: openai, target: aiServices/oai1, subresource: account}] } }\nintegrations: { aiServices: [{name: oai1}] }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }\nroleAssignments: []", fires: [{ at: "workspace.network.outboundRules", says: "Outbound rule openai creates an endpoint to oai1, but mlw's identity can't approve it (no" }] },
    ],
  },
});
