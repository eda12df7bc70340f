import { rule } from "./rule.ts";
import { managedNetwork, workspaces } from "../core/views.ts";
import { outboundSource } from "./helpers.ts";

export default rule({
  id: "AML063",
  title: "FQDN outbound rule on a port other than 80 or 443",
  severity: "error",
  facts: ["F33"],
  docs: ["MVNET"],
  description: "The managed network's firewall applies FQDN rules to ports 80 and 443 only. Traffic to other ports (a database on 5432, SSH on 22) is dropped; use a PrivateEndpoint or ServiceTag rule.",
  check(m) {
    return workspaces(m).flatMap((ws) => {
      if (!managedNetwork(m, ws)) return [];
      const ports: Record<string, number[]> = ws.intent?.fqdnPorts ?? {};
      return Object.entries(ports)
        .filter(([, p]) => p.some((x) => x !== 80 && x !== 443))
        .map(([n, p]) => ({
          resource: ws,
          property: ["properties", "managedNetwork", "outboundRules"],
          source: outboundSource(ws),
          message: `FQDN rule ${n} asks for port ${p.filter((x) => x !== 80 && x !== 443).join(", ")}, which FQDN rules don't carry.`,
          fix: "Use ports 80/443 only, or reach the service through a PrivateEndpoint or ServiceTag rule.",
        }));
    });
  },
  cases: {
    pass: ["workspace: { network: { mode: managed, outboundRules: [{type: FQDN, name: pypi, destination: pypi.org, ports: [443, 80]}] } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }"],
    fail: [
      { patch: "workspace: { network: { mode: managed, outboundRules: [{type: FQDN, name: pg, destination: db.contoso.com, ports: [5432]}] } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }", fires: [{ at: "workspace.network.outboundRules", says: "FQDN rule pg asks for port 5432, which FQDN rules don't carry." }] },
    ],
  },
});
