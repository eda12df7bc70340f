import { rule } from "./rule.ts";
import { endpointsTo, name, workspaces, workspacesServedBy } from "../core/views.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML021",
  title: "Synapse integration without a dfs endpoint on storage",
  severity: "warning",
  facts: ["F03", "F46"],
  docs: ["SYN", "WSVNET"],
  description:
    "Synapse Spark reads and writes the data lake through the dfs (Data Lake Storage Gen2) endpoint. The Synapse integration guidance asks for blob, file and dfs endpoints on the storage account; without dfs, Spark jobs launched from Azure Machine Learning can't reach the data.",
  check(m) {
    const synapses = m.ofType(T.synapse);
    if (synapses.length === 0) return [];
    // The workspaces a Synapse workspace is integrated with (every one when the input holds one).
    const integrated = new Set(synapses.flatMap((s) => workspacesServedBy(m, s)));
    return workspaces(m).flatMap((ws) => {
      if (!integrated.has(ws)) return [];
      const st = m.get(m.props.workspace(ws).storageAccount);
      if (!st || endpointsTo(m, st).length === 0 || endpointsTo(m, st, "dfs").length > 0) return [];
      return [
        {
          resource: st,
          message: `A Synapse workspace is integrated but storage ${name(st)} has no dfs endpoint: Spark can't reach the data lake privately.`,
          fix: "Add dfs to storage.subresources.",
        },
      ];
    });
  },
  cases: {
    pass: ["", "integrations: { synapse: [{name: syn1}] }\nstorage: { subresources: [blob, file, dfs] }"],
    fail: [
      { patch: "integrations: { synapse: [{name: syn1}] }", fires: [{ at: "storage", says: "A Synapse workspace is integrated but storage stml has no dfs endpoint" }] },
    ],
  },
});
