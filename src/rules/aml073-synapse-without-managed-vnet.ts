import { rule } from "./rule.ts";
import { name } from "../core/views.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML073",
  title: "Synapse workspace without a managed VNet",
  severity: "error",
  facts: ["F46"],
  docs: ["SYN"],
  description:
    "The secure integration connects Synapse to the AML workspace through a managed private endpoint, which exists only in a Synapse workspace created with a managed virtual network.",
  check(m) {
    return m
      .ofType(T.synapse)
      .filter((s) => m.props.synapse(s).managedVirtualNetwork !== "default")
      .map((s) => ({
        resource: s,
        property: ["properties", "managedVirtualNetwork"],
        message: `Synapse workspace ${name(s)} has no managed VNet: it can't reach the private AML workspace.`,
        fix: "Create the Synapse workspace with a managed virtual network (it can't be added later).",
      }));
  },
  cases: {
    pass: ["integrations: { synapse: [{name: syn1}] }\nstorage: { subresources: [blob, file, dfs] }"],
    fail: [
      { patch: "integrations: { synapse: [{name: syn1, managedVnet: false, managedPrivateEndpoint: none}] }\nstorage: { subresources: [blob, file, dfs] }", fires: [{ at: "integrations.synapse.0", says: "Synapse workspace syn1 has no managed VNet" }] },
    ],
  },
});
