import { rule } from "./rule.ts";
import { endpoints, name } from "../core/views.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML012",
  title: "Registry endpoint not beside a workspace endpoint",
  severity: "warning",
  facts: ["F02", "F48"],
  docs: ["REG"],
  description:
    "An Azure Machine Learning registry behind private endpoints is reached by the workspace's users and compute through the registry endpoint. The registry guidance puts it in the subnet of the workspace endpoint, where the same clients and the same DNS zones (privatelink.api.azureml.ms) already serve the workspace.",
  check(m) {
    const all = endpoints(m);
    const wsSubnets = new Set(all.filter((e) => e.groupIds.includes("amlworkspace")).map((e) => e.subnetId?.toLowerCase()));
    return all
      .filter((e) => e.target?.type === T.amlRegistry || e.groupIds.includes("amlregistry"))
      .filter((e) => !wsSubnets.has(e.subnetId?.toLowerCase()))
      .map((e) => ({
        resource: e.pe,
        message: `Registry endpoint ${name(e.pe)} is not in the subnet of any workspace endpoint: clients of the workspace may not reach the registry.`,
        fix: "Put the registry endpoint in the workspace endpoint's subnet.",
      }));
  },
  cases: {
    pass: ["registries: [{name: reg1}]\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace, storage, keyVault, containerRegistry, registry/reg1]}]"],
    fail: [
      { patch: "registries: [{name: reg1}]\nendpoints: [{subnet: vnet-ml/snet-pe}, {subnet: vnet-ml/snet-train, targets: [registry/reg1]}]", fires: [{ at: "endpoints.1", says: "Registry endpoint pe-reg1-amlregistry-vnet-ml is not in the subnet of any workspace" }] },
    ],
  },
});
