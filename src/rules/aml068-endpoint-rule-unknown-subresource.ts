import { rule } from "./rule.ts";
import { groupIdsOf } from "../core/zones.ts";
import { outboundRules, workspaces } from "../core/views.ts";
import { outboundSource } from "./helpers.ts";
import { typeOfId } from "../core/ids.ts";

export default rule({
  id: "AML068",
  title: "Endpoint outbound rule with a sub-resource its target doesn't have",
  severity: "error",
  facts: ["F31", "F03", "F06"],
  docs: ["MVNET", "PEDNS"],
  description:
    "A PrivateEndpoint outbound rule names its target's sub-resource (groupId): blob, file or dfs for storage, vault for Key Vault, registry for a container registry, account for AI Services. Any other value fails when the managed network creates the endpoint.",
  check(m) {
    return workspaces(m).flatMap((ws) =>
      outboundRules(m, ws)
        .filter((r) => r.type === "PrivateEndpoint")
        .flatMap((r) => {
          const d = r.destination as { serviceResourceId?: string; subresourceTarget?: string };
          const type = d.serviceResourceId && typeOfId(d.serviceResourceId);
          const valid = type ? groupIdsOf(type) : [];
          if (!type || valid.length === 0 || valid.includes(String(d.subresourceTarget).toLowerCase())) return [];
          return [
            {
              resource: ws,
              property: ["properties", "managedNetwork", "outboundRules"],
              source: outboundSource(ws),
              message: `Outbound rule ${r.name} asks for sub-resource '${d.subresourceTarget}' of a ${type}, which offers ${valid.filter((g) => !g.endsWith("_secondary")).join(", ")}.`,
              fix: "Use one of the target's sub-resources.",
            },
          ];
        }),
    );
  },
  cases: {
    pass: ["workspace: { network: { mode: managed, outboundRules: [{type: PrivateEndpoint, name: st, target: storage, subresource: dfs}] } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }"],
    fail: [
      { patch: "workspace: { network: { mode: managed, outboundRules: [{type: PrivateEndpoint, name: st, target: storage, subresource: datalake}] } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }", fires: [{ at: "workspace.network.outboundRules", says: "Outbound rule st asks for sub-resource 'datalake' of a Microsoft.Storage/storageAccounts," }] },
    ],
  },
});
