import { rule } from "./rule.ts";
import { someNames } from "../core/quote.ts";
import { subnetNsgVerdict } from "../engine/subnet-nsg.ts";
import { planeOf } from "../engine/plane.ts";
import { requiredOutbound, situationalOutbound } from "../core/knowledge/compute-traffic.ts";
import { computeName, smbCrossesFirewall, computes, endpointsNearSubnet, name, serverlessComputes, subnetNsg } from "../core/views.ts";

export default rule({
  id: "AML047",
  title: "Compute subnet NSG blocks required outbound traffic",
  severity: "error",
  facts: ["F20", "F60"],
  docs: ["FW", "TRAIN", "NSG"],
  description:
    "Compute must reach Entra ID (80/443), AzureMachineLearning (TCP 443, 8787 and 18881, UDP 5831), BatchNodeManagement, Azure Resource Manager, Storage, Azure Front Door (outside Azure operated by 21Vianet) and Microsoft Container Registry, and VirtualNetwork on 443 when private endpoints are in its VNet or a peered one (\"Configure inbound and outbound network traffic\", 2026); behind a firewall (a default route to an appliance), also Storage on 445 (F21). An outbound deny in the subnet NSG that comes before an allow for any of these stops jobs from starting or reporting.",
  check(m) {
    // Computes by subnet and by the region of their workspace, whose service tags they need (as
    // their flows ask them): environments in several regions may share one input.
    const bySubnet = new Map<string, { subnetId: string; region: string; names: string[] }>();
    for (const c of [...computes(m), ...serverlessComputes(m)]) {
      if (!c.subnetId) continue;
      const ws = c.computeType === "Serverless" ? c.r : m.parentOf(c.r.id);
      const region = ws?.location ?? m.region;
      const key = JSON.stringify([c.subnetId, region]);
      const group = bySubnet.get(key);
      if (group) group.names.push(computeName(c));
      else bySubnet.set(key, { subnetId: c.subnetId, region, names: [computeName(c)] });
    }
    return [...bySubnet.values()].flatMap(({ subnetId, region, names }) => {
      const nsg = subnetNsg(m, subnetId);
      // [FW]: VirtualNetwork 443 only when private endpoints are in the VNet or a peered one.
      const nearby = endpointsNearSubnet(m, subnetId);
      // F21: SMB 445 to storage only when a firewall sits between compute and the storage's endpoint.
      const flows = [
        ...requiredOutbound(region, m.cloud),
        ...situationalOutbound(region, { monitorPublic: false, hbi: false, endpointsNearby: nearby, smbThroughFirewall: smbCrossesFirewall(m, subnetId) }),
      ];
      const denied = flows.flatMap((flow) =>
        flow.ports.flatMap((port) => {
          const v = subnetNsgVerdict(planeOf(m), subnetId, "Outbound", flow.tag, Number(port), flow.protocol);
          return v.access === "Allow" ? [] : [{ what: `${flow.protocol.toUpperCase()} ${port} to ${flow.tag}`, by: `${v.rule} (${v.priority})` }];
        }),
      );
      if (denied.length === 0) return [];
      const rules = [...new Set(denied.map((d) => d.by))].join(", ");
      return [
        {
          resource: nsg,
          message: `NSG ${name(nsg)} denies outbound ${denied.map((d) => d.what).join("; ")} for compute ${someNames(names)} (rule ${rules}): jobs can't start or report.`,
          fix: `Allow each of these flows with rules whose priority numbers are lower than ${rules}.`,
        },
      ];
    });
  },
  cases: {
    pass: [
      "",
      // "445 is only required if you have a firewall between your virtual network for Azure ML and a
      // private endpoint for your storage accounts": behind a firewall, but with the storage's
      // endpoints in the compute's own VNet, SMB never crosses it.
      "networks: { nsgs: [{name: nsg-custom, rules: [{name: deny-smb, priority: 4000, direction: Outbound, access: Deny, destination: '*', destinationPorts: '445'}]}], routeTables: [{name: rt-fw, routes: [{name: all, prefix: 0.0.0.0/0, nextHop: VirtualAppliance, nextHopIp: 10.0.5.4}]}], vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24, nsg: nsg-custom, routeTable: rt-fw}]}] }",
      // Without a firewall in the path, 445 isn't required.
      "networks: { nsgs: [{name: nsg-custom, rules: [{name: deny-smb, priority: 4000, direction: Outbound, access: Deny, destination: '*', destinationPorts: '445'}]}], vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24, nsg: nsg-custom}]}] }",
      "networks: { nsgs: [{name: nsg-custom}], vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24, nsg: nsg-custom}]}] }",
      // F61: a 0.0.0.0/0 route puts every address inside VirtualNetwork, so a rule allowing
      // VirtualNetwork ahead of "deny all" lets the service tags through (as trace shows).
      "networks: { nsgs: [{name: nsg-custom, rules: [{name: allow-vnet, priority: 3000, direction: Outbound, access: Allow, destination: VirtualNetwork}, {name: deny-all, priority: 4000, direction: Outbound, access: Deny, destination: '*'}]}], routeTables: [{name: rt-nva, routes: [{name: all, prefix: 0.0.0.0/0, nextHop: VirtualAppliance, nextHopIp: 10.0.5.4}]}], vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24, nsg: nsg-custom, routeTable: rt-nva}]}] }",
    ],
    fail: [
      { patch: "networks: { nsgs: [{name: nsg-custom, rules: [{name: deny-internet, priority: 4000, direction: Outbound, access: Deny, destination: Internet}]}], vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24, nsg: nsg-custom}]}] }", fires: [{ at: "networks.nsgs.0", says: "NSG nsg-custom denies outbound TCP 80 to AzureActiveDirectory; TCP 443 to" }] },
      // F21: behind a firewall (default route to an appliance) whose far side holds the storage's
      // endpoints (a hub), compute also needs Storage 445.
      {
        patch:
          "networks: { nsgs: [{name: nsg-custom, rules: [{name: deny-smb, priority: 4000, direction: Outbound, access: Deny, destination: '*', destinationPorts: '445'}]}], routeTables: [{name: rt-fw, routes: [{name: all, prefix: 0.0.0.0/0, nextHop: VirtualAppliance, nextHopIp: 10.1.5.4}]}], vnets: [{name: vnet-hub, addressSpace: [10.1.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}]}, {name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-train, purpose: training, size: 24, nsg: nsg-custom, routeTable: rt-fw}]}], peerings: [{between: [vnet-hub, vnet-ml]}] }\nendpoints: [{subnet: vnet-hub/snet-pe}]",
        fires: [{ at: "networks.nsgs.0", says: "NSG nsg-custom denies outbound TCP 445 to Storage.eastus for compute cpu, image-build (rule deny-smb (4000))" }],
      },
      // The base case's endpoints share the compute's VNet, so VirtualNetwork 443 is required there.
      { patch: "networks: { nsgs: [{name: nsg-custom, rules: [{name: deny-vnet, priority: 4000, direction: Outbound, access: Deny, destination: VirtualNetwork, destinationPorts: '443'}]}], vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24, nsg: nsg-custom}]}] }", fires: [{ at: "networks.nsgs.0", says: "NSG nsg-custom denies outbound TCP 443 to VirtualNetwork for compute" }] },
    ],
  },
});
