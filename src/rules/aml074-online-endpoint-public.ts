import { rule } from "./rule.ts";
import { name, workspaces } from "../core/views.ts";
import { T } from "../core/registry.ts";
import { isPrivate } from "./helpers.ts";

export default rule({
  id: "AML074",
  title: "Public online endpoint on a private workspace",
  severity: "warning",
  facts: ["F47"],
  docs: ["ONLINE"],
  description:
    "public_network_access on a managed online endpoint governs inbound scoring on its own: an endpoint left Enabled takes scoring requests from the internet even though its workspace is private. Disabled sends scoring through the workspace's private endpoint.",
  check(m) {
    return workspaces(m)
      .filter((r) => isPrivate(m, r))
      .flatMap((ws) =>
        m
          .ofType(T.onlineEndpoint)
          .filter((e) => m.props.onlineEndpoint(e).publicNetworkAccess !== "Disabled" && e.id.toLowerCase().startsWith(ws.id.toLowerCase() + "/"))
          .map((e) => ({
            resource: e,
            property: ["properties", "publicNetworkAccess"],
            message: `Online endpoint ${name(e)} accepts scoring from the internet while workspace ${name(ws)} is private.`,
            fix: "Set publicNetworkAccess: Disabled on the endpoint, or suppress with the reason it must be public.",
          })),
      );
  },
  cases: {
    pass: ["inference: { onlineEndpoints: [{name: score}] }"],
    fail: [
      { patch: "inference: { onlineEndpoints: [{name: score, publicNetworkAccess: Enabled}] }", fires: [{ at: "inference.onlineEndpoints.0", says: "Online endpoint score accepts scoring from the internet while workspace mlw is private." }] },
    ],
  },
});
