import { rule } from "./rule.ts";
import { endpoints, name } from "../core/views.ts";
import { T } from "../core/registry.ts";
import { neededZones } from "./helpers.ts";

export default rule({
  id: "AML005",
  title: "Private endpoint without a DNS zone group",
  severity: "warning",
  facts: ["F01"],
  docs: ["PL", "PEDNS"],
  description:
    "A zone group lets the endpoint write and keep its A records in the private zones. Without one, someone must add the records by hand and repeat it whenever the endpoint's addresses change; a missed record answers NXDOMAIN (F67).",
  check(m) {
    return endpoints(m)
      .filter((e) => neededZones(m, e).length > 0 && m.children(e.pe.id, T.zoneGroup).length === 0)
      .map((e) => ({
        resource: e.pe,
        message: `Endpoint ${name(e.pe)} has no DNS zone group: its records in ${neededZones(m, e).join(", ")} must be kept by hand.`,
        fix: "Add a privateDnsZoneGroups child naming each zone the sub-resource needs (dns.zoneGroups: true).",
      }));
  },
  cases: {
    pass: [""],
    fail: [
      { patch: "dns: { zoneGroups: false }", fires: [{ at: "endpoints.0", says: "Endpoint pe-crml01-registry-vnet-ml has no DNS zone group" }, { at: "endpoints.0", says: "Endpoint pe-kv-ml-vault-vnet-ml has no DNS zone group" }, { at: "endpoints.0", says: "Endpoint pe-mlw-amlworkspace-vnet-ml has no DNS zone group" }, { at: "endpoints.0", says: "Endpoint pe-stml-blob-vnet-ml has no DNS zone group" }, { at: "endpoints.0", says: "Endpoint pe-stml-file-vnet-ml has no DNS zone group" }] },
    ],
  },
});
