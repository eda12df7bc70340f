// What-if: the flows one blueprint has working that another gains or loses, matched by flow id.
import type { FlowResult } from "./flows.ts";

export interface FlowDiff {
  readonly gained: readonly FlowResult[];
  readonly lost: readonly FlowResult[];
}

/** Flows gained and lost between two models, by flow id (what-if). */
export function diffFlows(a: readonly FlowResult[], b: readonly FlowResult[]): FlowDiff {
  const ok = (rs: readonly FlowResult[]) => new Map(rs.map((r) => [r.id, r.trace.verdict === "pass"]));
  const before = ok(a);
  const after = ok(b);
  return {
    gained: b.filter((r) => r.trace.verdict === "pass" && before.get(r.id) !== true),
    lost: a.filter((r) => before.get(r.id) === true && after.get(r.id) !== true).map((r) => b.find((x) => x.id === r.id) ?? r),
  };
}

