import { rule } from "./rule.ts";
import { name } from "../core/views.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML075",
  title: "Registry with a private container registry can't create environments",
  severity: "warning",
  facts: ["F48"],
  docs: ["REG"],
  description:
    "When an Azure Machine Learning registry's own container registry has public access disabled, environments can't be created in the registry (images can't be built there). Build images elsewhere and copy them in, or leave the registry's ACR reachable.",
  check(m) {
    return m
      .ofType(T.amlRegistry)
      .filter((r) => r.intent?.acrPublicNetworkAccess === "Disabled")
      .map((r) => ({
        resource: r,
        message: `Registry ${name(r)}'s container registry has public access disabled: creating environments in the registry fails.`,
        fix: "Create environments in a workspace and share them, or enable the registry ACR's public access (registries[].acrPublicNetworkAccess).",
      }));
  },
  cases: {
    pass: ["registries: [{name: reg1, acrPublicNetworkAccess: Enabled}]\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace, storage, keyVault, containerRegistry, registry/reg1]}]"],
    fail: [
      { patch: "registries: [{name: reg1}]\nendpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace, storage, keyVault, containerRegistry, registry/reg1]}]", fires: [{ at: "registries.0", says: "Registry reg1's container registry has public access disabled" }] },
    ],
  },
});
