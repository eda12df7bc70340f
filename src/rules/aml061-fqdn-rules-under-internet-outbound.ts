import { rule } from "./rule.ts";
import { managedNetwork, outboundRules, workspaces } from "../core/views.ts";
import { outboundSource } from "./helpers.ts";

export default rule({
  id: "AML061",
  title: "FQDN or ServiceTag rule under AllowInternetOutbound",
  severity: "error",
  facts: ["F31", "F30"],
  docs: ["MVNET"],
  description:
    "FQDN and ServiceTag outbound rules exist only in AllowOnlyApprovedOutbound mode. Under AllowInternetOutbound, where everything outbound is already allowed, the service refuses them.",
  check(m) {
    return workspaces(m).flatMap((ws) => {
      const mn = managedNetwork(m, ws);
      if (mn?.isolationMode !== "AllowInternetOutbound") return [];
      return outboundRules(m, ws)
        .filter((r) => r.type === "FQDN" || r.type === "ServiceTag")
        .map((r) => ({
          resource: ws,
          property: ["properties", "managedNetwork", "outboundRules"],
          source: outboundSource(ws),
          message: `Outbound rule ${r.name} is a ${r.type} rule, which AllowInternetOutbound doesn't accept.`,
          fix: "Remove the rule (internet outbound is already open), or switch to AllowOnlyApprovedOutbound.",
        }));
    });
  },
  cases: {
    pass: ["workspace: { network: { mode: managed, isolationMode: AllowOnlyApprovedOutbound, outboundRules: [{type: FQDN, name: pypi, destination: pypi.org}] } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }"],
    fail: [
      { patch: "workspace: { network: { mode: managed, isolationMode: AllowInternetOutbound, outboundRules: [{type: FQDN, name: pypi, destination: pypi.org}] } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }", fires: [{ at: "workspace.network.outboundRules", says: "Outbound rule pypi is a FQDN rule, which AllowInternetOutbound doesn't accept." }] },
    ],
  },
});
