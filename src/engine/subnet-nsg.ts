// The query a subnet's NSG is asked for traffic of the whole subnet, built one way for the trace's
// NSG hops and for the rules that judge NSGs (AML046-AML048), so a finding and `trace` can't
// disagree: the subnet's prefix at the near end, the VirtualNetwork tag as the data plane widens
// it (F61: peers, on-premises, every UDR prefix).
import type { NsgQuery, NsgVerdict } from "./net/nsg.ts";
import { evaluateNsg } from "./net/nsg.ts";
import type { DataPlane } from "./plane.ts";
import type { Protocol } from "./flow.ts";
import { subnetNsg } from "../core/views.ts";

export function subnetQuery(plane: DataPlane, subnetId: string, direction: NsgQuery["direction"], remote: string, port: number, protocol: Protocol): NsgQuery {
  return { direction, protocol, port, remote, local: String(plane.model.props.subnet(plane.model.get(subnetId)).addressPrefix), virtualNetwork: plane.virtualNetworkTag(subnetId) };
}

/** The subnet NSG's one verdict (the deciding deny, else the first allow) on that query. */
export function subnetNsgVerdict(plane: DataPlane, subnetId: string, direction: NsgQuery["direction"], remote: string, port: number, protocol: Protocol): NsgVerdict {
  return evaluateNsg(plane.model, subnetNsg(plane.model, subnetId), subnetQuery(plane, subnetId, direction, remote, port, protocol));
}
