import { rule } from "./rule.ts";
import { subnetNsgVerdict } from "../engine/subnet-nsg.ts";
import { planeOf } from "../engine/plane.ts";
import { PUBLIC_IP_INBOUND } from "../core/knowledge/compute-traffic.ts";
import { computes, name, subnetNsg } from "../core/views.ts";

export default rule({
  id: "AML046",
  title: "Public-IP compute without inbound 44224 from AzureMachineLearning",
  severity: "error",
  facts: ["F21", "F22", "F60"],
  docs: ["FW", "TRAIN", "NSG"],
  description:
    "Compute with a public IP is managed by the Azure Machine Learning service over TCP 44224, inbound from the AzureMachineLearning service tag. A subnet NSG that doesn't allow it (the default DenyAllInBound) leaves nodes unusable.",
  check(m) {
    return computes(m)
      .filter((c) => c.publicIp && c.subnetId)
      .flatMap((c) => {
        const nsg = subnetNsg(m, c.subnetId);
        const v = subnetNsgVerdict(planeOf(m), c.subnetId!, "Inbound", PUBLIC_IP_INBOUND.tag, 44224, "Tcp");
        return v.access === "Allow"
          ? []
          : [
              {
                resource: c.r,
                message: `Compute ${name(c.r)} has a public IP but NSG ${name(nsg)} denies inbound TCP 44224 from AzureMachineLearning (rule ${v.rule}, priority ${v.priority}).`,
                fix: "Allow inbound TCP 44224 from the AzureMachineLearning service tag on the subnet NSG, above any deny.",
              },
            ];
      });
  },
  cases: {
    pass: ["compute: { clusters: [{name: cpu, subnet: vnet-ml/snet-train, publicIp: true}] }"],
    fail: [
      { patch: "networks: { nsgs: [{name: nsg-custom}], vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24, nsg: nsg-custom}]}] }\ncompute: { clusters: [{name: cpu, subnet: vnet-ml/snet-train, publicIp: true}] }", fires: [{ at: "compute.clusters.0", says: "Compute cpu has a public IP but NSG nsg-custom denies inbound TCP 44224 from" }] },
    ],
  },
});
