import { rule } from "./rule.ts";
import { AZURE_DNS } from "../core/knowledge/private-link.ts";
import { customDnsServers } from "../core/views.ts";
import { T } from "../core/registry.ts";
import { parentId } from "../core/ids.ts";

export default rule({
  id: "AML010",
  title: "VPN gateway VNet with custom DNS but without 168.63.129.16",
  severity: "warning",
  facts: ["F10", "F67"],
  docs: ["DNS"],
  description:
    "The custom DNS guidance asks that a VNet holding a VPN gateway and using custom DNS servers also list Azure DNS (168.63.129.16) among its servers, so that the gateway and what relies on it keep resolving Azure's private zones.",
  check(m) {
    return m.ofType(T.gateway).flatMap((g) => {
      const subnetId = m.props.appliance(g).ipConfigurations?.[0]?.properties?.subnet?.id;
      const vnet = m.get(subnetId && parentId(subnetId));
      if (!vnet || customDnsServers(m, vnet).length === 0) return [];
      const servers = m.props.vnet(vnet).dhcpOptions?.dnsServers ?? [];
      return servers.includes(AZURE_DNS)
        ? []
        : [
            {
              resource: vnet,
              message: `VNet ${vnet.name} holds gateway ${g.name} and uses custom DNS (${servers.join(", ")}) without ${AZURE_DNS}.`,
              fix: `Add ${AZURE_DNS} to ${vnet.name}'s DNS servers, after the custom ones.`,
            },
          ];
    });
  },
  cases: {
    pass: [
      "",
      "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], dnsServers: [10.0.3.4, 168.63.129.16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: GatewaySubnet, purpose: gateway, size: 27}]}], gateways: [{name: gw, vnet: vnet-ml}] }",
    ],
    fail: [
      { patch: "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], dnsServers: [10.0.3.4], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: GatewaySubnet, purpose: gateway, size: 27}]}], gateways: [{name: gw, vnet: vnet-ml}] }", fires: [{ at: "networks.vnets.0", says: "VNet vnet-ml holds gateway gw and uses custom DNS (10.0.3.4) without 168.63.129.16." }] },
    ],
  },
});
