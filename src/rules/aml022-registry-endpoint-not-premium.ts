import { rule } from "./rule.ts";
import { endpointsTo, name } from "../core/views.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML022",
  title: "Private endpoint to a container registry that is not Premium",
  severity: "error",
  facts: ["F42"],
  docs: ["WSVNET", "PL"],
  description: "Azure Container Registry takes private endpoints only on the Premium SKU. A Basic or Standard registry with an endpoint fails to deploy.",
  check(m) {
    return m
      .ofType(T.acr)
      .filter((acr) => acr.sku?.name !== "Premium" && endpointsTo(m, acr).length > 0)
      .map((acr) => ({
        resource: acr,
        property: ["sku", "name"],
        message: `Registry ${name(acr)} is ${acr.sku?.name ?? "not Premium"} but has private endpoints: the deployment fails.`,
        fix: "Use the Premium SKU (containerRegistry.sku: Premium).",
      }));
  },
  cases: {
    pass: [""],
    fail: [
      { patch: "containerRegistry: { sku: Standard }", fires: [{ at: "containerRegistry", says: "Registry crml01 is Standard but has private endpoints" }] },
    ],
  },
});
