import { rule } from "./rule.ts";
import { overlaps, parseCidr } from "../core/net/cidr.ts";
import { T } from "../core/registry.ts";

const DOCKER = parseCidr("172.17.0.0/16")!;

export default rule({
  id: "AML051",
  title: "VNet overlaps Docker's default bridge 172.17.0.0/16",
  severity: "error",
  facts: ["F24"],
  docs: ["PL", "WSVNET"],
  description:
    "Training and inference containers use Docker's default bridge network, 172.17.0.0/16. A VNet that uses that range makes traffic to its own addresses stay inside the container host, so compute can't reach endpoints or services there.",
  check(m) {
    return m.ofType(T.vnet).flatMap((v) =>
      (m.props.vnet(v).addressSpace?.addressPrefixes ?? [])
        .filter((p) => {
          const c = parseCidr(p, true);
          return c && overlaps(c, DOCKER);
        })
        .map((p) => ({
          resource: v,
          property: ["properties", "addressSpace"],
          message: `VNet ${v.name} uses ${p}, which overlaps Docker's bridge 172.17.0.0/16: containers can't reach addresses in it.`,
          fix: "Choose an address space outside 172.17.0.0/16.",
        })),
    );
  },
  cases: {
    pass: ["", "networks: { vnets: [{name: vnet-ml, addressSpace: [172.18.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}] }"],
    fail: [
      { patch: "networks: { vnets: [{name: vnet-ml, addressSpace: [172.17.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}] }", fires: [{ at: "networks.vnets.0", says: "VNet vnet-ml uses 172.17.0.0/16, which overlaps Docker's bridge 172.17.0.0/16" }] },
    ],
  },
});
