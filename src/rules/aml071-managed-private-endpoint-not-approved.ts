import { rule } from "./rule.ts";
import { name } from "../core/views.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML071",
  title: "Synapse or Data Factory managed private endpoint not approved",
  severity: "warning",
  facts: ["F46"],
  docs: ["SYN"],
  description:
    "Synapse (and Data Factory) reach the AML workspace through a managed private endpoint created from their managed VNet. It waits in Pending until someone approves it on the AML workspace (Networking > Private endpoint connections); until then Spark pools and pipelines can't reach the workspace.",
  check(m) {
    return [...m.ofType(T.synapseMpe), ...m.ofType(T.dataFactoryMpe)]
      .filter((e) => String(m.props.managedPrivateEndpoint(e).groupId).toLowerCase() === "amlworkspace" && e.intent?.approval !== "Approved")
      // Approval happens on the workspace after deployment: a template or configuration can't say it.
      .map((e) => (e.intent?.approval === undefined && m.notGiven(e, `whether ${name(e)} was approved on the workspace, which happens after deployment`), e))
      .map((e) => ({
        resource: e,
        message: `Managed private endpoint ${name(e)} from ${e.name.split("/")[0]} to the workspace is ${e.intent?.approval ?? "not known to be approved"}: nothing reaches the workspace through it until it is approved.`,
        fix: "Approve the connection on the AML workspace after deployment (amlnet build's deploy.sh lists the step).",
      }));
  },
  cases: {
    pass: ["integrations: { synapse: [{name: syn1}], dataFactory: [{name: adf1}] }\nstorage: { subresources: [blob, file, dfs] }"],
    fail: [
      { patch: "integrations: { synapse: [{name: syn1, managedPrivateEndpoint: Pending}] }\nstorage: { subresources: [blob, file, dfs] }", fires: [{ at: "integrations.synapse.0", says: "Managed private endpoint mpe-mlw from syn1 to the workspace is Pending" }] },
      { patch: "integrations: { dataFactory: [{name: adf1, managedPrivateEndpoint: Pending}] }", fires: [{ at: "integrations.dataFactory.0", says: "Managed private endpoint mpe-mlw from adf1 to the workspace is Pending" }] },
    ],
  },
});
