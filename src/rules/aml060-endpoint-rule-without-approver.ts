import { rule } from "./rule.ts";
import { ROLES } from "../core/knowledge/roles.ts";
import { canApprove, managedNetwork, name, outboundRules, workspacePrincipal, workspaces } from "../core/views.ts";
import { outboundSource } from "./helpers.ts";
import { lastName, typeOfId } from "../core/ids.ts";
import { approvalOutsideRole } from "../core/knowledge/approval.ts";

const DATA_GROUP = "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-data";
const DATABRICKS = `${DATA_GROUP}/providers/Microsoft.Databricks/workspaces/dbw1`;

export default rule({
  id: "AML060",
  title: "Managed-network endpoint rule without the approver role",
  severity: "error",
  facts: ["F35", "F31"],
  docs: ["MVNET", "ROLES"],
  description:
    "Since 2025-04-30 the workspace identity must hold Azure AI Enterprise Network Connection Approver (b556d68e-0be0-4f35-a333-ad7ee1ce17ea) on the target of each private endpoint outbound rule (or its resource group) so it can approve the connection it creates. Data Factory, Databricks and Function Apps are outside that role: for them the identity needs a role with the target's own approve actions (a custom role; roleAssignments: auto creates one scoped to the target's resource group). The endpoints to the workspace's own default storage, Key Vault and registry need no approver role. Without it the managed endpoint stays unapproved and the target unreachable.",
  messages: {
    userRule: "A user-defined endpoint rule's target can't be approved by the workspace identity.",
    outsideRole: "A user-defined endpoint rule's target is of a type the approver role doesn't cover, and the workspace identity holds no role with its approve actions.",
  },
  check(m) {
    return workspaces(m).flatMap((ws) => {
      if (!managedNetwork(m, ws)) return [];
      const principal = workspacePrincipal(m, ws);
      const who = name(m.get(principal) ?? ws);
      return outboundRules(m, ws)
        .filter((r) => r.type === "PrivateEndpoint")
        .flatMap((r) => {
          const target = (r.destination as { serviceResourceId?: string })?.serviceResourceId;
          if (!target || canApprove(m, principal, target)) return [];
          const outside = approvalOutsideRole(typeOfId(target));
          if (outside)
            return [
              {
                resource: ws,
                source: outboundSource(ws),
                messageId: "outsideRole",
                message: `Outbound rule ${r.name} creates an endpoint to ${lastName(target)}, a ${outside.label}, which ${ROLES.networkConnectionApprover.name} can't approve, and ${who}'s identity holds no role with its approve actions there.`,
                fix: `Give the workspace identity a custom role with ${outside.actions.join(", ")} on ${lastName(target)} or its resource group (roleAssignments: auto creates one).`,
              },
            ];
          return [
            {
              resource: ws,
              source: outboundSource(ws),
              messageId: "userRule",
              message: `Outbound rule ${r.name} creates an endpoint to ${lastName(target)}, but ${who}'s identity can't approve it (no ${ROLES.networkConnectionApprover.name} there).`,
              fix: `Assign ${ROLES.networkConnectionApprover.name} to the workspace identity on the target or its resource group (roleAssignments: auto does it).`,
            },
          ];
        });
    });
  },
  cases: {
    pass: [
      "workspace: { network: { mode: managed, outboundRules: [{type: PrivateEndpoint, name: openai, target: aiServices/oai1, subresource: account}] } }\nintegrations: { aiServices: [{name: oai1}] }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }",
      // The endpoints to the workspace's own storage, Key Vault and registry need no approver role [MVNET].
      "workspace: { identity: {type: UserAssigned, name: id-ws}, network: { mode: managed } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }\nroleAssignments: []",
      // Contributor holds every action, Databricks' approve actions among them.
      `workspace: { network: { mode: managed, outboundRules: [{type: PrivateEndpoint, name: dbw, target: ${DATABRICKS}, subresource: databricks_ui_api}] } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }\nroleAssignments: [{principal: workspace, role: contributor, scope: ${DATA_GROUP}}]`,
      // roleAssignments: auto gives a Databricks target a custom role with its approve actions.
      `workspace: { network: { mode: managed, outboundRules: [{type: PrivateEndpoint, name: dbw, target: ${DATABRICKS}, subresource: databricks_ui_api}] } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }`,
    ],
    fail: [
      { patch: "workspace: { network: { mode: managed, outboundRules: [{type: PrivateEndpoint, name: openai, target: aiServices/oai1, subresource: account}] } }\nintegrations: { aiServices: [{name: oai1}] }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }\nroleAssignments: []", fires: [{ at: "workspace.network.outboundRules", id: "userRule" }] },
      // The approver role on the target's group is not enough for Databricks.
      {
        patch: `workspace: { network: { mode: managed, outboundRules: [{type: PrivateEndpoint, name: dbw, target: ${DATABRICKS}, subresource: databricks_ui_api}] } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }\nroleAssignments: [{principal: workspace, role: networkConnectionApprover, scope: ${DATA_GROUP}}]`,
        fires: [{ at: "workspace.network.outboundRules", id: "outsideRole", says: "a Databricks, which Azure AI Enterprise Network Connection Approver can't approve" }],
      },
    ],
  },
});
