import { rule } from "./rule.ts";
import { subnetNsgVerdict } from "../engine/subnet-nsg.ts";
import { planeOf } from "../engine/plane.ts";
import { trace } from "../engine/trace.ts";
import { aksRegistryOutbound } from "../core/knowledge/compute-traffic.ts";
import { aksWorkspace, name, subnetNsg } from "../core/views.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML048",
  title: "AKS with restricted outbound but no AzureContainerRegistry",
  severity: "error",
  facts: ["F27", "F60"],
  docs: ["INFER", "NSG", "AKSEGRESS"],
  description:
    "AKS inference pulls model images from the regional container registries. When its outbound traffic is restricted (an NSG or a firewall on the default route), the AzureContainerRegistry.<region> service tag must be allowed on 443, or deployments stall on image pulls.",
  messages: {
    nsgDenies: "The AKS subnet's NSG denies the regional registry tag on 443.",
    firewallDenies: "The firewall the AKS subnet routes through doesn't allow the registry tag on 443.",
  },
  check(m) {
    return m.ofType(T.aks).flatMap((aks) => {
      // The registry tag of the workspace's region, as the cluster's registry flow asks it.
      const flow = aksRegistryOutbound(aksWorkspace(m, aks)?.location ?? m.region);
      const subnetId = m.props.aks(aks).agentPoolProfiles?.[0]?.vnetSubnetID;
      const nsg = subnetNsg(m, subnetId);
      const v = subnetId ? subnetNsgVerdict(planeOf(m), subnetId, "Outbound", flow.tag, 443, "Tcp") : { access: "Allow" as const, rule: "", priority: 0 };
      const hits = [];
      if (v.access === "Deny")
        hits.push({
          resource: aks,
          messageId: "nsgDenies", message: `NSG ${name(nsg)} denies outbound 443 to ${flow.tag} for AKS ${name(aks)} (rule ${v.rule}): image pulls fail.`,
          fix: `Allow outbound TCP 443 to ${flow.tag} before the deny.`,
        });
      // With the default route through a firewall, ask the engine what that firewall does with the
      // registry tag (the same trace AML080 and `amlnet trace` give).
      if (subnetId && m.props.aks(aks).networkProfile?.outboundType === "userDefinedRouting") {
        const hops = trace(planeOf(m), { kind: "subnet", name: name(aks), subnetId }, { kind: "tag", tag: flow.tag, port: 443, protocol: "Tcp" }).hops;
        const blocked = hops.find((h) => h.step === "firewall" && !h.ok);
        if (blocked)
          hits.push({
            resource: aks,
            messageId: "firewallDenies", message: `AKS ${name(aks)} sends outbound through a firewall that doesn't allow ${flow.tag} on 443 (${blocked.detail}): image pulls fail.`,
            fix: `Add a network rule for ${flow.tag} on 443 (or an application rule for *.azurecr.io) to the firewall.`,
          });
      }
      return hits;
    });
  },
  cases: {
    pass: ["networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-aks, purpose: scoring, size: 22}]}] }\ncompute: { kubernetes: [{name: aks1, subnet: vnet-ml/snet-aks, scoringTls: { cname: score.example.com }}] }"],
    fail: [
      { patch: "networks: { nsgs: [{name: nsg-aks, rules: [{name: deny-out, priority: 4000, direction: Outbound, access: Deny}]}], vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-aks, purpose: scoring, size: 22, nsg: nsg-aks}]}] }\ncompute: { kubernetes: [{name: aks1, subnet: vnet-ml/snet-aks, scoringTls: { cname: score.example.com }}] }", fires: [{ at: "compute.kubernetes.0", id: "nsgDenies" }] },
      { patch: `networks:
  vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-aks, purpose: scoring, size: 22, routeTable: rt-fw}, {name: AzureFirewallSubnet, purpose: firewall, size: 26}]}]
  firewalls: [{name: fw1, vnet: vnet-ml, rules: [{name: aml, kind: network, destinations: [AzureMachineLearning]}]}]
  routeTables: [{name: rt-fw, routes: [{name: default, prefix: 0.0.0.0/0, nextHop: VirtualAppliance, firewall: fw1}]}]
compute: { kubernetes: [{name: aks1, subnet: vnet-ml/snet-aks, outboundType: userDefinedRouting, scoringTls: { cname: score.example.com }}] }`, fires: [{ at: "compute.kubernetes.0", id: "firewallDenies" }] },
    ],
  },
});
