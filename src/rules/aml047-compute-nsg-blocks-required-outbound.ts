import { rule } from "./rule.ts";
import { evaluateNsg } from "../engine/net/nsg.ts";
import { requiredOutbound } from "../core/knowledge/compute-traffic.ts";
import { computes, name, subnetNsg } from "../core/views.ts";
import { props } from "../core/props.ts";

export default rule({
  id: "AML047",
  title: "Compute subnet NSG blocks required outbound traffic",
  severity: "error",
  facts: ["F20", "F60"],
  docs: ["FW", "TRAIN", "NSG"],
  description:
    "Compute must reach Entra ID (80/443), AzureMachineLearning (TCP 443 and 18881, UDP 5831), BatchNodeManagement, Azure Resource Manager, Storage, Azure Front Door and Microsoft Container Registry. An outbound deny in the subnet NSG that comes before an allow for any of these stops jobs from starting or reporting.",
  check(m) {
    const bySubnet = new Map<string, string[]>();
    for (const c of computes(m)) if (c.subnetId) bySubnet.set(c.subnetId, [...(bySubnet.get(c.subnetId) ?? []), name(c.r)]);
    return [...bySubnet].flatMap(([subnetId, names]) => {
      const nsg = subnetNsg(m, subnetId);
      const local = props.subnet(m.get(subnetId)).addressPrefix;
      const denied = requiredOutbound(m.region).flatMap((flow) =>
        flow.ports.flatMap((port) => {
          const v = evaluateNsg(nsg, { direction: "Outbound", protocol: flow.protocol, port: Number(port), remote: flow.tag, local });
          return v.access === "Allow" ? [] : [{ what: `${flow.protocol.toUpperCase()} ${port} to ${flow.tag}`, by: `${v.rule} (${v.priority})` }];
        }),
      );
      if (denied.length === 0) return [];
      const rules = [...new Set(denied.map((d) => d.by))].join(", ");
      return [
        {
          resource: nsg,
          message: `NSG ${name(nsg)} denies outbound ${denied.map((d) => d.what).join("; ")} for compute ${names.join(", ")} (rule ${rules}): jobs can't start or report.`,
          fix: `Allow each of these flows with rules whose priority numbers are lower than ${rules}.`,
        },
      ];
    });
  },
  cases: {
    pass: ["", "networks: { nsgs: [{name: nsg-custom}], vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24, nsg: nsg-custom}]}] }"],
    fail: [
      { patch: "networks: { nsgs: [{name: nsg-custom, rules: [{name: deny-internet, priority: 4000, direction: Outbound, access: Deny, destination: Internet}]}], vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24, nsg: nsg-custom}]}] }", fires: [{ at: "networks.nsgs.0", says: "NSG nsg-custom denies outbound TCP 80 to AzureActiveDirectory; TCP 443 to" }] },
    ],
  },
});
