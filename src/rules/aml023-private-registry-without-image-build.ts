import { rule } from "./rule.ts";
import { endpointsTo, name, workspaces } from "../core/views.ts";
import { isPrivate } from "./helpers.ts";

export default rule({
  id: "AML023",
  title: "Private container registry without image build compute",
  severity: "error",
  facts: ["F42"],
  docs: ["WSVNET"],
  description:
    "Behind a VNet the workspace's registry can't build images with ACR Tasks. Environments then fail to build unless the workspace names imageBuildCompute: a CPU cluster, with outbound access to package hosts, that builds images instead.",
  check(m) {
    return workspaces(m).flatMap((ws) => {
      const acr = m.get(m.props.workspace(ws).containerRegistry);
      if (!acr || m.props.workspace(ws).imageBuildCompute) return [];
      // Behind the VNet: public access off, a firewall that denies by default (networkRuleSet), or private endpoints.
      if (!(isPrivate(m, acr) || m.props.acr(acr).networkRuleSet?.defaultAction === "Deny" || endpointsTo(m, acr).length > 0)) return [];
      return [
        {
          resource: ws,
          property: ["properties", "imageBuildCompute"],
          message: `Registry ${name(acr)} is behind the VNet and workspace ${name(ws)} names no imageBuildCompute: custom environments fail to build.`,
          fix: "Set workspace.imageBuildCompute to a CPU cluster (or omit it and amlnet adds one).",
        },
      ];
    });
  },
  cases: {
    pass: ["", "workspace: { imageBuildCompute: cpu }"],
    fail: [
      { patch: "workspace: { imageBuildCompute: false }", fires: [{ at: "workspace", says: "Registry crml01 is behind the VNet and workspace mlw names no imageBuildCompute" }] },
    ],
  },
});
