import { rule } from "./rule.ts";
import { endpoints, linkedVnets, zonesByName } from "../core/views.ts";
import { neededZones } from "./helpers.ts";

export default rule({
  id: "AML008",
  title: "Custom DNS server's VNet not linked to the private zones",
  severity: "error",
  facts: ["F10", "F67"],
  docs: ["DNS", "PDNS"],
  description:
    "A custom DNS server forwards to 168.63.129.16, which answers from the private zones linked to the server's own VNet. If that VNet has no link, the forwarders return public addresses and every client behind the server is sent to the public endpoint.",
  check(m) {
    const zones = zonesByName(m);
    const needed = new Set(endpoints(m).flatMap((e) => neededZones(m, e)));
    return m.dnsServers.flatMap((server) => {
      const unlinked = [...needed]
        .sort()
        .filter((zoneName) => (zones.get(zoneName) ?? []).some((z) => !linkedVnets(m, z).has(server.vnet.toLowerCase())));
      if (unlinked.length === 0) return [];
      return [
        {
          resource: zones.get(unlinked[0])![0],
          source: server.source,
          message: `DNS server ${server.name} sits in a VNet not linked to ${unlinked.join(", ")}: its forwarders to 168.63.129.16 get public answers for these names.`,
          fix: `Link ${unlinked.length > 1 ? "these zones" : unlinked[0]} to the DNS server's VNet.`,
        },
      ];
    });
  },
  cases: {
    pass: [
      "",
      `networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-dns, size: 24}]}] }
dns: { servers: [{name: dns1, vnet: vnet-ml, ip: 10.0.2.4}] }`,
    ],
    fail: [
      { patch: `networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-dns, addressSpace: [10.9.0.0/24], subnets: [{name: snet-dns, size: 26}]}] }
dns: { zones: manual, privateZones: [{name: privatelink.api.azureml.ms, links: [vnet-ml]}], servers: [{name: dns1, vnet: vnet-dns, ip: 10.9.0.4}] }`, fires: [{ at: "dns.servers.0", says: "DNS server dns1 sits in a VNet not linked to privatelink.api.azureml.ms" }] },
    ],
  },
});
