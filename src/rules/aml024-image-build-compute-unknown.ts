import { rule } from "./rule.ts";
import { name, workspaceComputes, workspaces } from "../core/views.ts";

export default rule({
  id: "AML024",
  title: "imageBuildCompute names no compute of the workspace",
  severity: "error",
  facts: ["F42"],
  docs: ["WSVNET"],
  description:
    "With the registry behind a VNet, ACR Tasks can't build images, so they build on the compute imageBuildCompute names: a compute cluster or a compute instance of the workspace. A name that matches nothing, or an attached compute (Kubernetes, a VM), leaves image builds with nowhere to run.",
  check(m) {
    return workspaces(m).flatMap((ws) => {
      const chosen = m.props.workspace(ws).imageBuildCompute as string | undefined;
      if (!chosen) return [];
      const c = workspaceComputes(m, ws).find((c) => name(c.r) === chosen);
      if (c?.computeType === "AmlCompute" || c?.computeType === "ComputeInstance") return [];
      return [
        {
          resource: ws,
          source: [...(ws.source ?? []), "imageBuildCompute"],
          message: c
            ? `imageBuildCompute '${chosen}' is a ${c.computeType}, not a compute cluster or instance: images can't build on it.`
            : `imageBuildCompute '${chosen}' is not a compute of workspace ${name(ws)}: image builds have nowhere to run.`,
          fix: "Name a compute cluster or compute instance of the workspace, or add one with that name.",
        },
      ];
    });
  },
  cases: {
    pass: ["", "workspace: { imageBuildCompute: cpu }", "workspace: { imageBuildCompute: ci1 }\ncompute: { instances: [{name: ci1, subnet: vnet-ml/snet-train}] }"],
    fail: [
      { patch: "workspace: { imageBuildCompute: builder }", fires: [{ at: "workspace.imageBuildCompute", says: "imageBuildCompute 'builder' is not a compute of workspace mlw" }] },
    ],
  },
});
