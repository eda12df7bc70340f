import { rule } from "./rule.ts";
import { endpointsTo, name, workspaces } from "../core/views.ts";
import { isPrivate } from "./helpers.ts";

export default rule({
  id: "AML036",
  title: "ML-assisted labeling with the default storage behind a VNet",
  severity: "warning",
  facts: ["F44"],
  docs: ["STUDIO"],
  description:
    "ML-assisted data labeling can't use a default storage account that is behind a virtual network. Projects that want it must keep their data in another storage account.",
  check(m) {
    if (!m.features.mlAssistedLabeling) return [];
    return workspaces(m).flatMap((ws) => {
      const st = m.get(m.props.workspace(ws).storageAccount);
      return st && (isPrivate(m, st) || m.props.gated(st).networkAcls?.defaultAction === "Deny" || endpointsTo(m, st).length > 0)
        ? [
            {
              resource: ws,
              source: ["features", "mlAssistedLabeling"],
              message: `ML-assisted labeling is planned, but workspace ${name(ws)}'s default storage ${name(st)} is behind a VNet: the labeling assistance won't run on it.`,
              fix: "Keep labeling data in a separate storage account registered as a datastore, or drop ML assistance.",
            },
          ]
        : [];
    });
  },
  cases: {
    pass: ["", "features: { mlAssistedLabeling: false }"],
    fail: [
      { patch: "features: { mlAssistedLabeling: true }", fires: [{ at: "features.mlAssistedLabeling", says: "ML-assisted labeling is planned, but workspace mlw's default storage stml is behind a VNet" }] },
    ],
  },
});
