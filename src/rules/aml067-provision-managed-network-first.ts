import { rule } from "./rule.ts";
import { managedNetwork, name, workspaces } from "../core/views.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML067",
  title: "Online endpoints need the managed network provisioned first",
  severity: "info",
  facts: ["F34"],
  docs: ["MVNET"],
  description:
    "A managed network is created lazily with the first compute, or on demand with `az ml workspace provision-network` (about 30 minutes the first time). It must exist before the first online deployment, and its endpoints appear only after provisioning: provision it as a deployment step.",
  check(m) {
    return workspaces(m).flatMap((ws) =>
      managedNetwork(m, ws) && m.children(ws.id, T.onlineEndpoint).length > 0 && !m.props.workspace(ws).provisionNetworkNow
        ? [
            {
              resource: ws,
              message: `Workspace ${name(ws)} has online endpoints and a managed network that is created lazily: the first deployment fails until the network is provisioned.`,
              fix: `Run az ml workspace provision-network -n ${name(ws)} -g <group> after creating the workspace (amlnet build's deploy.sh does).`,
            },
          ]
        : [],
    );
  },
  cases: {
    pass: ["inference: { onlineEndpoints: [{name: score}] }"],
    fail: [
      { patch: "workspace: { network: { mode: managed } }\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]\ncompute: { clusters: [{name: cpu}] }\ninference: { onlineEndpoints: [{name: score}] }", fires: [{ at: "workspace", says: "Workspace mlw has online endpoints and a managed network that is created lazily" }] },
    ],
  },
});
