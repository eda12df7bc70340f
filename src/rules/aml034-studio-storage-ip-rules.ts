import { rule } from "./rule.ts";
import { name, workspaces } from "../core/views.ts";

export default rule({
  id: "AML034",
  title: "Studio with storage IP rules",
  severity: "warning",
  facts: ["F44"],
  docs: ["STUDIO"],
  description:
    "Studio doesn't support reaching the workspace's storage through storage firewall IP rules: data preview, datastore browsing and related features fail even from an allowed address. Use private endpoints and the workspace identity instead.",
  check(m) {
    return workspaces(m).flatMap((ws) => {
      const st = m.get(m.props.workspace(ws).storageAccount);
      const rules = m.props.gated(st).networkAcls?.ipRules ?? [];
      return st && rules.length > 0
        ? [
            {
              resource: st,
              property: ["properties", "networkAcls", "ipRules"],
              message: `Storage ${name(st)} of workspace ${name(ws)} lets clients in by IP rules, which studio doesn't support: data features in studio fail.`,
              fix: "Reach storage through private endpoints from the clients' VNet and drop the IP rules.",
            },
          ]
        : [];
    });
  },
  cases: {
    pass: [""],
    fail: [
      { patch: "storage: { ipRules: [203.0.113.0/24] }", fires: [{ at: "storage", says: "Storage stml of workspace mlw lets clients in by IP rules, which studio doesn't support" }] },
    ],
  },
});
