import { rule } from "./rule.ts";
import { customDnsServers, endpoints, linkedZoneNamed, name, zonesByName } from "../core/views.ts";
import { neededZones, occupiedVnets } from "./helpers.ts";

export default rule({
  id: "AML004",
  title: "Private DNS zone not linked to a VNet that must resolve it",
  severity: "error",
  facts: ["F01", "F10", "F67"],
  docs: ["PDNS", "DNS", "PL"],
  description:
    "Azure DNS (168.63.129.16) answers from a private zone only in VNets linked to it. A VNet that holds compute, clients or endpoints and uses Azure DNS but is not linked resolves the public address instead, even when it is peered with a VNet that is linked: links are per VNet, peering does not share them. With zones of one name in several resource groups, the VNet needs a link to one of them.",
  check(m) {
    const zones = zonesByName(m);
    const needed = new Set(endpoints(m).flatMap((e) => neededZones(m, e)));
    const occupied = [...occupiedVnets(m)].map((id) => m.get(id)!).filter((v) => customDnsServers(m, v).length === 0);
    const sorted = [...needed].sort();
    return occupied.flatMap((v) => {
      const key = v.id.toLowerCase();
      // Zones of one name in several resource groups: a link to any one of them serves the VNet.
      const missing = sorted
        .filter((zoneName) => zones.has(zoneName) && !linkedZoneNamed(m, zoneName, key))
        .map((zoneName) => zones.get(zoneName)![0]);
      if (missing.length === 0) return [];
      const names = missing.map((z) => z.name).join(", ");
      return [
        {
          resource: missing[0],
          message: `VNet ${v.name} uses Azure DNS but isn't linked to ${names}: what runs there resolves these names to public addresses.`,
          fix: `Add virtual network links (registration off) from ${missing.length > 1 ? "these zones" : names} to ${name(v)}.`,
        },
      ];
    });
  },
  cases: {
    pass: ["", "dns: { zones: manual, privateZones: [{name: privatelink.api.azureml.ms, links: [vnet-ml]}] }"],
    fail: [
      { patch: "dns: { zones: manual, privateZones: [{name: privatelink.api.azureml.ms, links: []}] }", fires: [{ at: "dns.privateZones.0", says: "VNet vnet-ml uses Azure DNS but isn't linked to privatelink.api.azureml.ms" }] },
    ],
  },
});
