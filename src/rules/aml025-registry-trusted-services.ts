import { rule } from "./rule.ts";
import { name } from "../core/views.ts";
import { T } from "../core/registry.ts";
import { isPrivate } from "./helpers.ts";

export default rule({
  id: "AML025",
  title: "Private container registry doesn't allow trusted services",
  severity: "warning",
  facts: ["F42"],
  docs: ["WSVNET"],
  description:
    "With public access off, Azure Machine Learning's own services reach the registry as trusted Microsoft services. Without the trusted-services bypass, some service-side operations on the registry are refused.",
  check(m) {
    return m
      .ofType(T.acr)
      .filter((acr) => !acr.existing && isPrivate(m, acr) && m.props.registry(acr).networkRuleBypassOptions === "None")
      .map((acr) => ({
        resource: acr,
        property: ["properties", "networkRuleBypassOptions"],
        message: `Registry ${name(acr)} has public access off and doesn't let trusted Azure services through.`,
        fix: "Set networkRuleBypassOptions to AzureServices (containerRegistry.trustedServices: true).",
      }));
  },
  cases: {
    pass: [""],
    fail: [
      { patch: "containerRegistry: { trustedServices: false }", fires: [{ at: "containerRegistry", says: "Registry crml01 has public access off and doesn't let trusted Azure services through." }] },
    ],
  },
});
