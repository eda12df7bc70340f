import { rule } from "./rule.ts";
import { customDnsServers, endpoints, linkedVnets, zonesByName } from "../../model/views.ts";
import { neededZones, occupiedVnets, name } from "./helpers.ts";

export default rule({
  id: "AML004",
  title: "Private DNS zone not linked to a VNet that must resolve it",
  severity: "error",
  facts: ["F01", "F10", "F67"],
  docs: ["PDNS", "DNS", "PL"],
  description:
    "Azure DNS (168.63.129.16) answers from a private zone only in VNets linked to it. A VNet that holds compute, clients or endpoints and uses Azure DNS but is not linked resolves the public address instead, even when it is peered with a VNet that is linked: links are per VNet, peering does not share them.",
  check(m) {
    const zones = zonesByName(m);
    const needed = new Set(endpoints(m).flatMap((e) => neededZones(m, e)));
    const occupied = [...occupiedVnets(m)].map((id) => m.get(id)!).filter((v) => customDnsServers(v).length === 0);
    return [...needed].flatMap((zoneName) =>
      (zones.get(zoneName) ?? []).flatMap((zone) => {
        const linked = linkedVnets(m, zone);
        return occupied
          .filter((v) => !linked.has(v.id.toLowerCase()))
          .map((v) => ({
            resource: zone,
            message: `Zone ${zone.name} is not linked to VNet ${v.name}, which uses Azure DNS: what runs there resolves these names to public addresses.`,
            fix: `Add a virtual network link from ${zone.name} to ${name(v)} (registration off).`,
          }));
      }),
    );
  },
  cases: {
    pass: ["", "dns: { zones: manual, privateZones: [{name: privatelink.api.azureml.ms, links: [vnet-ml]}] }"],
    fail: ["dns: { zones: manual, privateZones: [{name: privatelink.api.azureml.ms, links: []}] }"],
  },
});
