import { rule } from "./rule.ts";
import { outboundRules, workspaces } from "../core/views.ts";
import { outboundSource } from "./helpers.ts";

export default rule({
  id: "AML065",
  title: "Spark enabled with FQDN rules, which Spark ignores",
  severity: "warning",
  facts: ["F33", "F34"],
  docs: ["MVNET"],
  description:
    "Serverless Spark in a managed network doesn't honour FQDN outbound rules. Where Spark is enabled (sparkEnabled endpoint rules, provision-network --include-spark), destinations allowed only by FQDN rules stay unreachable from Spark jobs.",
  check(m) {
    return workspaces(m).flatMap((ws) => {
      const rules = outboundRules(m, ws);
      const spark = rules.some((r) => r.type === "PrivateEndpoint" && (r.destination as { sparkEnabled?: boolean })?.sparkEnabled);
      const fqdn = rules.filter((r) => r.type === "FQDN").map((r) => r.name);
      return spark && fqdn.length
        ? [
            {
              resource: ws,
              property: ["properties", "managedNetwork", "outboundRules"],
              source: outboundSource(ws),
              message: `Spark is enabled, but FQDN rules ${fqdn.join(", ")} don't apply to Spark: its jobs can't reach those hosts.`,
              fix: "Reach what Spark needs through PrivateEndpoint rules with sparkEnabled: true.",
            },
          ]
        : [];
    });
  },
  cases: {
    pass: ["workspace: { network: { mode: managed, outboundRules: [{type: FQDN, name: pypi, destination: pypi.org}] } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }"],
    fail: [
      { patch: "workspace: { network: { mode: managed, outboundRules: [{type: FQDN, name: pypi, destination: pypi.org}, {type: PrivateEndpoint, name: st, target: storage, subresource: dfs, sparkEnabled: true}] } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }", fires: [{ at: "workspace.network.outboundRules", says: "Spark is enabled, but FQDN rules pypi don't apply to Spark" }] },
    ],
  },
});
