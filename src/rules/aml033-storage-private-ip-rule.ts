import { rule } from "./rule.ts";
import { isPrivate as isPrivateRange, parseCidr } from "../core/net/cidr.ts";
import { name } from "../core/views.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML033",
  title: "Storage IP rule with a private address",
  severity: "error",
  facts: ["F66", "F65"],
  docs: ["STFW", "SE"],
  description:
    "Storage firewall IP rules take public IPv4 addresses only. A private range (10/8, 172.16/12, 192.168/16) is refused or matches nothing: traffic from a VNet arrives with its private address only over a service endpoint (a virtual network rule) or a private endpoint.",
  check(m) {
    return m.ofType(T.storage).flatMap((st) =>
      (m.props.gated(st).networkAcls?.ipRules ?? [])
        .filter((r) => {
          const c = parseCidr(r.value, true);
          return c && isPrivateRange(c);
        })
        .map((r) => ({
          resource: st,
          property: ["properties", "networkAcls", "ipRules"],
          message: `Storage ${name(st)} has IP rule ${r.value}, a private range: storage firewalls take public addresses only.`,
          fix: "Use a virtual network rule (with the subnet's Microsoft.Storage service endpoint) or a private endpoint for VNet traffic.",
        })),
    );
  },
  cases: {
    pass: ["", "storage: { ipRules: [203.0.113.0/24] }"],
    fail: [
      { patch: "storage: { ipRules: [10.0.0.0/16] }", fires: [{ at: "storage", says: "Storage stml has IP rule 10.0.0.0/16, a private range" }] },
    ],
  },
});
