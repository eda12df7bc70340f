import { rule } from "./rule.ts";
import { planeOf } from "../engine/plane.ts";
import { contestedRecords } from "../engine/dns/records.ts";
import { peeredVnets, vnetOfSubnet } from "../core/views.ts";
import { someNames } from "../core/quote.ts";

// "Azure Private Endpoint private DNS zone values" [PEDNS]: a zone holds one record set per name,
// so endpoints in several VNets writing the same name into one shared zone overwrite each other.
// The engine keeps the last writer (plane.writes), so what this rule reports is what `trace` resolves.
export default rule({
  id: "AML079",
  title: "Endpoints in several VNets write one DNS record",
  severity: "warning",
  facts: ["F01", "F67"],
  docs: ["PEDNS", "PDNS"],
  description:
    "Private endpoints to the same sub-resource in two VNets both register the target's name in the shared privatelink zone. The zone keeps one address per name: whichever endpoint registered last wins, and every VNet linked to the zone resolves to that endpoint, reachable or not. Peered VNets still reach the surviving endpoint (the documented pattern of several workspace endpoints); a VNet that isn't peered with it loses its own. Keep one endpoint per sub-resource and peer the client VNets to it, or give each VNet its own zone of that name linked only to it.",
  check(m) {
    const plane = planeOf(m);
    return contestedRecords(plane.writes).flatMap((c) => {
      const last = c.writers[c.writers.length - 1];
      const winner = vnetOfSubnet(m, last.endpoint.subnetId);
      // A writer's VNet that is the winner's or peered with it still reaches the surviving
      // endpoint (the documented several-endpoints pattern, F41); one that isn't loses its own.
      const near = new Set([winner, ...(winner ? peeredVnets(m, winner) : [])].map((v) => v?.id.toLowerCase()));
      const stranded = c.writers.filter((w) => !near.has(vnetOfSubnet(m, w.endpoint.subnetId)?.id.toLowerCase()));
      if (stranded.length === 0) return [];
      const vnets = [...new Set(c.writers.map((w) => vnetOfSubnet(m, w.endpoint.subnetId)?.name ?? "?"))];
      return [
        {
          resource: last.endpoint.pe,
          message: `Endpoints in ${someNames(vnets, " and ")} all write ${c.name}.${c.zone}; the zone keeps the last one (${last.endpoint.pe.name}, ${last.ip}), so every linked VNet resolves to it, and ${someNames([...new Set(stranded.map((w) => vnetOfSubnet(m, w.endpoint.subnetId)?.name ?? "?"))])}, not peered with it, can't reach it.`,
          fix: `Keep one endpoint for this sub-resource and peer the other VNets to it, or give each VNet its own ${c.zone} zone (dns.privateZones entries of that name in separate resource groups, each linked to its own VNets).`,
        },
      ];
    });
  },
  cases: {
    pass: [
      "",
      "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-two, addressSpace: [10.1.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}]}], peerings: [{between: [vnet-ml, vnet-two]}] }\nendpoints: [{subnet: vnet-ml/snet-pe}, {subnet: vnet-two/snet-pe, name: pe2, targets: [keyVault]}]",
      "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-pe2, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}] }\nendpoints: [{subnet: vnet-ml/snet-pe}, {subnet: vnet-ml/snet-pe2, name: pe2, targets: [workspace]}]"],
    fail: [
      {
        patch:
          "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-two, addressSpace: [10.1.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}]}] }\nendpoints: [{subnet: vnet-ml/snet-pe}, {subnet: vnet-two/snet-pe, name: pe2, targets: [keyVault]}]",
        fires: [{ at: "endpoints.1", says: "Endpoints in vnet-ml and vnet-two all write kv" }],
      },
    ],
  },
});
