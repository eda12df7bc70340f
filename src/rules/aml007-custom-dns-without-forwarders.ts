import { rule } from "./rule.ts";
import { AZURE_DNS, FORWARDER_ALIASES, workspaceForwarderZones } from "../core/knowledge/private-link.ts";
import { customDnsServers } from "../core/views.ts";
import { T } from "../core/registry.ts";
import { occupiedVnets } from "./helpers.ts";
import { dnsServerAt, longestSuffix } from "../engine/dns/resolve.ts";

export default rule({
  id: "AML007",
  title: "Custom DNS without the workspace's conditional forwarders",
  severity: "error",
  facts: ["F10", "F67"],
  docs: ["DNS", "PDNS"],
  description:
    "A VNet that uses custom DNS servers never sees the private zones directly. The server must forward the workspace's public zones (api.azureml.ms, notebooks.azure.net, instances.azureml.ms, aznbcontent.net, inference.ml.azure.com) to Azure DNS at 168.63.129.16 (or to a resolver inbound endpoint) from a VNet linked to the zones.",
  check(m) {
    const resolverIps = new Set(
      m.ofType(T.inboundEndpoint).flatMap((r) => (m.props.inboundEndpoint(r).ipConfigurations ?? []).map((c) => c.privateIpAddress)).filter(Boolean),
    );
    const hits = [];
    for (const id of occupiedVnets(m)) {
      const vnet = m.get(id)!;
      for (const ip of customDnsServers(m, vnet)) {
        const server = dnsServerAt(m, ip, vnet.id);
        if (!server) continue; // an undescribed server: nothing to check
        // The server's own choice of forwarder for a name in the zone, as the resolver makes it:
        // longest matching domain, a parent domain or the root (`.`) included.
        const forwards = (zone: string) =>
          [zone, ...(FORWARDER_ALIASES[zone] ?? [])].some((z) => {
            const f = longestSuffix(server.forwarders, z);
            return !!f && (f.target === AZURE_DNS || resolverIps.has(f.target));
          });
        const missing = workspaceForwarderZones(m.cloud).filter((z) => !forwards(z));
        if (missing.length > 0)
          hits.push({
            resource: vnet,
            source: server.source,
            message: `DNS server ${server.name} (${ip}), used by VNet ${vnet.name}, doesn't forward ${missing.join(", ")} to ${AZURE_DNS}: the workspace resolves to public addresses there.`,
            fix: `Add conditional forwarders for ${missing.join(", ")} to ${AZURE_DNS} on ${server.name}.`,
          });
      }
    }
    return hits;
  },
  cases: {
    pass: [
      "",
      `networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], dnsServers: [10.0.9.4], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-dns, size: 24}]}] }
dns: { servers: [{name: dns1, vnet: vnet-ml, ip: 10.0.9.4, forwarders: [{domain: api.azureml.ms, target: 168.63.129.16}, {domain: notebooks.azure.net, target: 168.63.129.16}, {domain: instances.ml.azure.ms, target: 168.63.129.16}, {domain: aznbcontent.net, target: 168.63.129.16}, {domain: inference.ml.azure.com, target: 168.63.129.16}]}] }`,
      // A catch-all forwarder covers every zone, as the server's resolver applies it.
      `networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], dnsServers: [10.0.9.4], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-dns, size: 24}]}] }
dns: { servers: [{name: dns1, vnet: vnet-ml, ip: 10.0.9.4, forwarders: [{domain: ".", target: 168.63.129.16}]}] }`,
    ],
    fail: [
      { patch: `networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], dnsServers: [10.0.9.4], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-dns, size: 24}]}] }
dns: { servers: [{name: dns1, vnet: vnet-ml, ip: 10.0.9.4, forwarders: [{domain: api.azureml.ms, target: 168.63.129.16}]}] }`, fires: [{ at: "dns.servers.0", says: "DNS server dns1 (10.0.9.4), used by VNet vnet-ml, doesn't forward notebooks.azure.net," }] },
    ],
  },
});
