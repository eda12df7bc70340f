import { rule } from "./rule.ts";
import { isPrivate as isPrivateRange, parseCidr } from "../core/net/cidr.ts";
import { name, workspaces } from "../core/views.ts";

const LIMIT = 200;

export default rule({
  id: "AML039",
  title: "Workspace IP rules that can't work",
  severity: "warning",
  facts: ["F45"],
  docs: ["WSVNET"],
  description:
    "The workspace's IP allow list applies to its public path: it does nothing while public access is disabled, takes public IPv4 addresses only, and holds at most 200 entries.",
  check(m) {
    return workspaces(m).flatMap((ws) => {
      const rules = (m.props.workspace(ws).networkAcls?.ipRules ?? []).map((r) => r.value);
      const problems: string[] = [];
      if (rules.length > 0 && m.props.workspace(ws).publicNetworkAccess === "Disabled") problems.push("public access is disabled, so they are never consulted");
      const priv = rules.filter((r) => {
        const c = parseCidr(r, true);
        return c && isPrivateRange(c);
      });
      if (priv.length) problems.push(`${priv.join(", ")} ${priv.length > 1 ? "are" : "is"} private`);
      if (rules.length > LIMIT) problems.push(`${rules.length} entries exceed the limit of ${LIMIT}`);
      return problems.map((p) => ({
        resource: ws,
        source: [...(ws.source ?? []), "ipRules"],
        message: `Workspace ${name(ws)} IP rules: ${p}.`,
        fix: "Allow public client addresses only, with public access enabled; reach the workspace privately through its endpoints.",
      }));
    });
  },
  cases: {
    pass: ["", "workspace: { publicNetworkAccess: Enabled, ipRules: [203.0.113.10] }\nstorage: { publicNetworkAccess: Enabled, defaultAction: Allow }"],
    fail: [
      { patch: "workspace: { ipRules: [203.0.113.10] }", fires: [{ at: "workspace.ipRules", says: "Workspace mlw IP rules" }] },
      { patch: "workspace: { publicNetworkAccess: Enabled, ipRules: [10.1.0.0/16] }\nstorage: { publicNetworkAccess: Enabled, defaultAction: Allow }", fires: [{ at: "workspace.ipRules", says: "Workspace mlw IP rules" }] },
    ],
  },
});
