import { rule } from "./rule.ts";
import { name, workspaces } from "../core/views.ts";

export default rule({
  id: "AML031",
  title: "Key Vault firewall doesn't let trusted services through",
  severity: "error",
  facts: ["F43", "F66"],
  docs: ["WSVNET", "STFW"],
  description:
    "The workspace reads and writes secrets in its Key Vault from the service side. Behind a firewall the vault must allow trusted Microsoft services to bypass it; with bypass None the workspace's secret operations are refused.",
  check(m) {
    return workspaces(m).flatMap((ws) => {
      const kv = m.get(m.props.workspace(ws).keyVault);
      const acl = m.props.gated(kv).networkAcls;
      const closed = kv && (m.props.gated(kv).publicNetworkAccess === "Disabled" || acl?.defaultAction === "Deny");
      if (!kv || kv.existing || !closed || acl?.bypass !== "None") return [];
      return [
        {
          resource: kv,
          property: ["properties", "networkAcls", "bypass"],
          message: `Key Vault ${name(kv)} is closed to the public and its bypass is None: the workspace can't use its secrets.`,
          fix: "Set networkAcls.bypass to AzureServices (keyVault.bypass: AzureServices).",
        },
      ];
    });
  },
  cases: {
    pass: ["", "keyVault: { publicNetworkAccess: Enabled, defaultAction: Allow, bypass: None }"],
    fail: [
      { patch: "keyVault: { bypass: None }", fires: [{ at: "keyVault", says: "Key Vault kv-ml is closed to the public and its bypass is None" }] },
    ],
  },
});
