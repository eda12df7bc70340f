import { rule } from "./rule.ts";
import { name } from "../core/views.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML070",
  title: "Synapse data exfiltration protection is on",
  severity: "error",
  facts: ["F46"],
  docs: ["SYN"],
  description:
    "The Azure Machine Learning and Synapse integration isn't supported on a Synapse workspace with data exfiltration protection: its managed VNet then can't create the managed private endpoint to the AML workspace, and linked services fail.",
  check(m) {
    return m
      .ofType(T.synapse)
      .filter((s) => m.props.synapse(s).managedVirtualNetworkSettings?.preventDataExfiltration)
      .map((s) => ({
        resource: s,
        property: ["properties", "managedVirtualNetworkSettings"],
        message: `Synapse workspace ${name(s)} has data exfiltration protection on, which the Azure Machine Learning integration doesn't support.`,
        fix: "Use a Synapse workspace without data exfiltration protection for the integration (it can only be set at creation).",
      }));
  },
  cases: {
    pass: ["integrations: { synapse: [{name: syn1}] }\nstorage: { subresources: [blob, file, dfs] }"],
    fail: [
      { patch: "integrations: { synapse: [{name: syn1, dataExfiltrationProtection: true}] }\nstorage: { subresources: [blob, file, dfs] }", fires: [{ at: "integrations.synapse.0", says: "Synapse workspace syn1 has data exfiltration protection on, which the Azure Machine" }] },
    ],
  },
});
