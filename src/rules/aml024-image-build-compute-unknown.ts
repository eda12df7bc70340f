import { rule } from "./rule.ts";
import { computes, name, workspaces } from "../core/views.ts";
import { props } from "../core/props.ts";

export default rule({
  id: "AML024",
  title: "imageBuildCompute names no compute cluster",
  severity: "error",
  facts: ["F42"],
  docs: ["WSVNET"],
  description:
    "imageBuildCompute must name a compute cluster (AmlCompute) of the workspace. A name that matches nothing, or a compute instance, leaves image builds with nowhere to run.",
  check(m) {
    return workspaces(m).flatMap((ws) => {
      const chosen = props.workspace(ws).imageBuildCompute as string | undefined;
      if (!chosen) return [];
      const c = computes(m).find((c) => name(c.r) === chosen && c.r.id.toLowerCase().startsWith(ws.id.toLowerCase() + "/"));
      if (c?.computeType === "AmlCompute") return [];
      return [
        {
          resource: ws,
          source: [...(ws.source ?? []), "imageBuildCompute"],
          message: c
            ? `imageBuildCompute '${chosen}' is a ${c.computeType}, not a compute cluster: images can't build on it.`
            : `imageBuildCompute '${chosen}' is not a compute of workspace ${name(ws)}: image builds have nowhere to run.`,
          fix: "Name a compute cluster of the workspace, or add one with that name.",
        },
      ];
    });
  },
  cases: {
    pass: ["", "workspace: { imageBuildCompute: cpu }"],
    fail: [
      { patch: "workspace: { imageBuildCompute: builder }", fires: [{ at: "workspace.imageBuildCompute", says: "imageBuildCompute 'builder' is not a compute of workspace mlw" }] },
      { patch: "workspace: { imageBuildCompute: ci1 }\ncompute: { instances: [{name: ci1, subnet: vnet-ml/snet-train}] }", fires: [{ at: "workspace.imageBuildCompute", says: "imageBuildCompute 'ci1' is a ComputeInstance, not a compute cluster" }] },
    ],
  },
});
