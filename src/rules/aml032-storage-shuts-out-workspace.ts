import { rule } from "./rule.ts";
import { name, workspaces } from "../core/views.ts";

export default rule({
  id: "AML032",
  title: "Storage firewall shuts the workspace out",
  severity: "error",
  facts: ["F43", "F66"],
  docs: ["WSVNET", "STFW"],
  description:
    "Behind a firewall, the default storage must let the workspace in: by a resource-instance rule for Microsoft.MachineLearningServices/workspaces, or by allowing trusted Azure services. Public access disabled still honours both; without either, service-side operations (snapshots, datastore checks) fail.",
  check(m) {
    return workspaces(m).flatMap((ws) => {
      const st = m.get(m.props.workspace(ws).storageAccount);
      const acl = m.props.gated(st).networkAcls ?? {};
      if (!st || st.existing) return [];
      const closed = m.props.gated(st).publicNetworkAccess === "Disabled" || acl.defaultAction === "Deny";
      // The Storage API's bypass defaults to AzureServices when a template leaves it out [STFW].
      const trusted = String(acl.bypass ?? "AzureServices").includes("AzureServices");
      const instance = (acl.resourceAccessRules ?? []).some(
        (r) =>
          r.resourceId?.toLowerCase() === ws.id.toLowerCase() || /\/providers\/microsoft\.machinelearningservices\/workspaces\/\*$/i.test(r.resourceId ?? ""),
      );
      if (!closed || trusted || instance) return [];
      return [
        {
          resource: st,
          property: ["properties", "networkAcls"],
          message: `Storage ${name(st)} is closed and neither trusts Azure services nor has a resource-instance rule for workspace ${name(ws)}.`,
          fix: "Add a resource-instance rule for the workspace (storage.resourceInstanceRules: true) or allow trusted services (storage.bypass: [AzureServices]).",
        },
      ];
    });
  },
  cases: {
    pass: ["", "storage: { bypass: [], resourceInstanceRules: true }", "storage: { bypass: [AzureServices], resourceInstanceRules: false }"],
    fail: [
      { patch: "storage: { bypass: [], resourceInstanceRules: false }", fires: [{ at: "storage", says: "Storage stml is closed and neither trusts Azure services nor has a resource-instance rule" }] },
    ],
  },
});
