import { rule } from "./rule.ts";
import { name, workspaces } from "../core/views.ts";

export default rule({
  id: "AML037",
  title: "Public workspace with storage in a VNet",
  severity: "warning",
  facts: ["F45", "F44"],
  docs: ["WSVNET", "STUDIO"],
  description:
    "When people use a workspace over its public path while its storage accepts only VNet traffic, studio's data features (preview, datastore browsing, designer outputs) and Jupyter, JupyterLab and RStudio on compute instances fail for them. It works only from inside the VNet. Documented as a supported design, it still surprises users: say so, or suppress with a reason.",
  check(m) {
    return workspaces(m).flatMap((ws) => {
      const st = m.get(m.props.workspace(ws).storageAccount);
      const inVnet = st && (m.props.gated(st).publicNetworkAccess === "Disabled" || m.props.gated(st).networkAcls?.defaultAction === "Deny");
      // Absent, publicNetworkAccess is Enabled (the API's default): a workspace that doesn't say is public.
      return (m.props.workspace(ws).publicNetworkAccess ?? "Enabled") === "Enabled" && inVnet
        ? [
            {
              resource: ws,
              property: ["properties", "publicNetworkAccess"],
              message: `Workspace ${name(ws)} is public but storage ${name(st)} is only reachable from the VNet: over the public path, studio data features and notebooks on compute instances fail.`,
              fix: "Disable public access and use the workspace endpoint, or tell users to work from inside the VNet (suppress with that reason).",
            },
          ]
        : [];
    });
  },
  cases: {
    pass: ["", "workspace: { publicNetworkAccess: Enabled }\nstorage: { publicNetworkAccess: Enabled, defaultAction: Allow }"],
    fail: [
      { patch: "workspace: { publicNetworkAccess: Enabled }", fires: [{ at: "workspace", says: "Workspace mlw is public but storage stml is only reachable from the VNet" }] },
    ],
  },
});
