// The query a subnet's NSG is asked for traffic of the whole subnet, built one way for the trace's
// NSG hops and for the rules that judge NSGs (AML046-AML048), so a finding and `trace` can't
// disagree: the subnet's prefix at the near end, the VirtualNetwork tag as the data plane widens
// it (F61: peers, on-premises, every UDR prefix).
import type { NsgQuery, NsgVerdict } from "./net/nsg.ts";
import { evaluateNsg } from "./net/nsg.ts";
import type { DataPlane } from "./plane.ts";
import type { Protocol } from "./flow.ts";
import type { Resource } from "../core/types.ts";
import { memoTable } from "../core/analysis.ts";
import { subnetNsg } from "../core/views.ts";

/** A subnet's NSG and what every query of it shares: its prefix, and the VirtualNetwork tag. */
export interface SubnetSide {
  readonly nsg: Resource | undefined;
  readonly local: string;
  readonly virtualNetwork: readonly string[];
}

// Asked for each required port of each compute subnet (AML046-AML048) and by every flow leaving
// or entering it: looked up once per subnet.
const SIDES = memoTable<string, SubnetSide>("subnets' NSGs and prefixes");

export function subnetSide(plane: DataPlane, subnetId: string): SubnetSide {
  const m = plane.model;
  return m.memo(SIDES, subnetId, () => ({ nsg: subnetNsg(m, subnetId), local: String(m.props.subnet(m.get(subnetId)).addressPrefix), virtualNetwork: plane.virtualNetworkTag(subnetId) }));
}

export function subnetQuery(plane: DataPlane, subnetId: string, direction: NsgQuery["direction"], remote: string, port: number, protocol: Protocol): NsgQuery {
  return queryOf(subnetSide(plane, subnetId), direction, remote, port, protocol);
}

const queryOf = (side: SubnetSide, direction: NsgQuery["direction"], remote: string, port: number, protocol: Protocol): NsgQuery => ({ direction, protocol, port, remote, local: side.local, virtualNetwork: side.virtualNetwork });

/** The subnet NSG's one verdict (the deciding deny, else the first allow) on that query. */
export function subnetNsgVerdict(plane: DataPlane, subnetId: string, direction: NsgQuery["direction"], remote: string, port: number, protocol: Protocol): NsgVerdict {
  const side = subnetSide(plane, subnetId);
  return evaluateNsg(plane.model, side.nsg, queryOf(side, direction, remote, port, protocol));
}
