import { rule } from "./rule.ts";
import { outboundRules, workspaces } from "../core/views.ts";
import { outboundSource } from "./helpers.ts";

const STORAGE = /\.(blob|file|dfs|queue|table|web)\.core\.(windows\.net|chinacloudapi\.cn|usgovcloudapi\.net)$/i;

export default rule({
  id: "AML062",
  title: "FQDN outbound rule to Azure Storage",
  severity: "error",
  facts: ["F33"],
  docs: ["MVNET"],
  description:
    "A managed network's FQDN rules go through its Azure Firewall, which can't reach Azure Storage. Storage accounts need a PrivateEndpoint outbound rule for each sub-resource instead.",
  check(m) {
    return workspaces(m).flatMap((ws) =>
      outboundRules(m, ws)
        .filter((r) => r.type === "FQDN" && STORAGE.test(String(r.destination)))
        .map((r) => ({
          resource: ws,
          property: ["properties", "managedNetwork", "outboundRules"],
          source: outboundSource(ws),
          message: `FQDN rule ${r.name} targets storage (${r.destination}), which FQDN rules can't reach.`,
          fix: "Replace it with a PrivateEndpoint rule to the storage account (subresource blob, file or dfs).",
        })),
    );
  },
  cases: {
    pass: ["workspace: { network: { mode: managed, outboundRules: [{type: FQDN, name: pypi, destination: pypi.org}] } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }"],
    fail: [
      { patch: "workspace: { network: { mode: managed, outboundRules: [{type: FQDN, name: data, destination: contosodata.blob.core.windows.net}] } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }", fires: [{ at: "workspace.network.outboundRules", says: "FQDN rule data targets storage (contosodata.blob.core.windows.net), which FQDN rules" }] },
    ],
  },
});
