import { rule } from "./rule.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML038",
  title: "Azure Monitor private link scope not in Open access mode",
  severity: "warning",
  facts: ["F08"],
  docs: ["WSVNET"],
  description:
    "Azure Machine Learning sends telemetry to Application Insights partly from outside your VNet. Behind an Azure Monitor private link scope, the scope must use Open access mode for ingestion and query; PrivateOnly drops that telemetry.",
  check(m) {
    return m
      .ofType(T.linkScope)
      .filter((s) => {
        const a = m.props.linkScope(s).accessModeSettings ?? {};
        return a.ingestionAccessMode === "PrivateOnly" || a.queryAccessMode === "PrivateOnly";
      })
      .map((s) => ({
        resource: s,
        message: `Private link scope ${s.name} is PrivateOnly: the workspace's service-side telemetry to Application Insights is refused.`,
        fix: "Set the scope's ingestion and query access modes to Open (monitoring.privateLinkScope.accessMode: Open).",
      }));
  },
  cases: {
    pass: ["", "monitoring: { appInsights: appi, logAnalytics: log, privateLinkScope: { name: ampls } }"],
    fail: [
      { patch: "monitoring: { appInsights: appi, logAnalytics: log, privateLinkScope: { name: ampls, accessMode: PrivateOnly } }", fires: [{ at: "monitoring.privateLinkScope", says: "Private link scope ampls is PrivateOnly" }] },
    ],
  },
});
