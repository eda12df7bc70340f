// What-if: the flows one blueprint has working that another gains or loses, matched by flow id.
import type { FlowResult } from "./flows.ts";

export interface FlowDiff {
  readonly gained: readonly FlowResult[];
  /** Passing before, blocked after. */
  readonly lost: readonly FlowResult[];
  /** Passing before, not a documented flow after (its end was removed). */
  readonly removed: readonly FlowResult[];
}

/** Flows gained and lost between two models, by flow id (what-if). */
export function diffFlows(a: readonly FlowResult[], b: readonly FlowResult[]): FlowDiff {
  const ok = (rs: readonly FlowResult[]) => new Map(rs.map((r) => [r.id, r.trace.verdict === "pass"]));
  const before = ok(a);
  const after = ok(b);
  const afterById = new Map(b.map((r) => [r.id, r]));
  return {
    gained: b.filter((r) => r.trace.verdict === "pass" && before.get(r.id) !== true),
    // Passing before, blocked after: connectivity the change breaks.
    lost: a.filter((r) => before.get(r.id) === true && after.get(r.id) === false).map((r) => afterById.get(r.id)!),
    // Passing before, gone after (its client or compute was removed): not a break.
    removed: a.filter((r) => before.get(r.id) === true && !after.has(r.id)),
  };
}

