import { rule } from "./rule.ts";
import { ROLES } from "../core/knowledge/roles.ts";
import { hasRole, managedNetwork, name, outboundRules, workspacePrincipal, workspaces } from "../core/views.ts";
import { dependencies, outboundSource } from "./helpers.ts";
import { lastName } from "../core/ids.ts";

export default rule({
  id: "AML060",
  title: "Managed-network endpoint rule without the approver role",
  severity: "error",
  facts: ["F35", "F31", "F32"],
  docs: ["MVNET", "ROLES"],
  description:
    "Since 2025-04-30 the workspace identity must hold Azure AI Enterprise Network Connection Approver (b556d68e-0be0-4f35-a333-ad7ee1ce17ea) on the target of each private endpoint outbound rule (or its resource group) so it can approve the connection it creates. A user-assigned identity needs it also on the default storage, Key Vault and registry, whose endpoint rules the managed network creates by itself (F32). Without it the managed endpoint stays unapproved and the target unreachable.",
  messages: {
    userRule: "A user-defined endpoint rule's target can't be approved by the workspace identity.",
    requiredRule: "A required endpoint rule (to the workspace's own storage, vault or registry) can't be approved by its user-assigned identity.",
  },
  check(m) {
    return workspaces(m).flatMap((ws) => {
      const mn = managedNetwork(m, ws);
      if (!mn) return [];
      const principal = workspacePrincipal(m, ws);
      const fix = `Assign ${ROLES.networkConnectionApprover.name} to the workspace identity on the target or its resource group (roleAssignments: auto does it).`;
      const cannot = (target: string) => !hasRole(m, principal, ROLES.networkConnectionApprover.id, target);
      const userRules = outboundRules(m, ws)
        .filter((r) => r.type === "PrivateEndpoint")
        .flatMap((r) => {
          const target = (r.destination as { serviceResourceId?: string })?.serviceResourceId;
          if (!target || !cannot(target)) return [];
          return [
            {
              resource: ws,
              source: outboundSource(ws),
              messageId: "userRule", message: `Outbound rule ${r.name} creates an endpoint to ${lastName(target)}, but ${name(m.get(principal) ?? ws)}'s identity can't approve it (no ${ROLES.networkConnectionApprover.name} there).`,
              fix,
            },
          ];
        });
      // F32: the required rules to the workspace's own dependencies, for a user-assigned identity.
      const required =
        principal === ws.id
          ? []
          : dependencies(m, ws)
              .filter((d) => cannot(d.id))
              .map((d) => ({
                resource: ws,
                source: outboundSource(ws),
                messageId: "requiredRule", message: `The managed network's required endpoint rule to ${name(d)} needs approving, but user-assigned identity ${name(m.get(principal))} can't approve it (no ${ROLES.networkConnectionApprover.name} there).`,
                fix,
              }));
      return [...userRules, ...required];
    });
  },
  cases: {
    pass: [
      "workspace: { network: { mode: managed, outboundRules: [{type: PrivateEndpoint, name: openai, target: aiServices/oai1, subresource: account}] } }\nintegrations: { aiServices: [{name: oai1}] }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }",
      "workspace: { identity: {type: UserAssigned, name: id-ws}, network: { mode: managed } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }",
    ],
    fail: [
      { patch: "workspace: { network: { mode: managed, outboundRules: [{type: PrivateEndpoint, name: openai, target: aiServices/oai1, subresource: account}] } }\nintegrations: { aiServices: [{name: oai1}] }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }\nroleAssignments: []", fires: [{ at: "workspace.network.outboundRules", id: "userRule" }] },
      {
        patch: "workspace: { identity: {type: UserAssigned, name: id-ws}, network: { mode: managed } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }\nroleAssignments: []",
        fires: [{ at: "workspace.network.outboundRules", id: "requiredRule" }, { at: "workspace.network.outboundRules", id: "requiredRule" }, { at: "workspace.network.outboundRules", id: "requiredRule" }],
      },
    ],
  },
});
