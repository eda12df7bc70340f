// Text for flow results, traces, the studio matrix and flow diffs (the CLI prints these; JSON
// output is the same data structures).
import type { FlowResult } from "../questions/flows.ts";
import type { Trace } from "../engine/flow.ts";
import type { StudioFeature } from "../questions/studio.ts";

export function formatFlows(results: readonly FlowResult[]): string {
  const width = Math.max(0, ...results.map((r) => r.id.length));
  const lines = results.map((r) => {
    const blocker = r.trace.hops.find((h) => !h.ok);
    return `${r.trace.verdict === "pass" ? "pass" : "FAIL"}  ${r.id.padEnd(width)}  ${blocker ? `${blocker.step}: ${blocker.detail}` : ""}`.trimEnd();
  });
  const failed = results.filter((r) => r.trace.verdict === "fail").length;
  return `${lines.join("\n")}\n\n${results.length} flows, ${results.length - failed} pass, ${failed} blocked.\n`;
}

export function formatTrace(t: Trace): string {
  const lines = [`${t.from} -> ${t.to}`];
  t.hops.forEach((h, i) => {
    lines.push(`  ${i + 1}. ${h.ok ? "ok     " : "BLOCKED"} ${h.step}: ${h.detail}`);
    if (h.fix) lines.push(`              fix: ${h.fix}`);
  });
  const blockers = t.hops.filter((h) => !h.ok).length;
  lines.push(t.verdict === "pass" ? "verdict: pass" : `verdict: blocked (${blockers} blocker${blockers > 1 ? "s" : ""})`);
  return lines.join("\n") + "\n";
}

export function formatStudio(rows: readonly StudioFeature[]): string {
  const lines: string[] = [];
  let client = "";
  for (const r of rows) {
    if (r.client !== client) lines.push(`${lines.length ? "\n" : ""}${(client = r.client)}`);
    lines.push(`  ${r.works ? "works " : "BROKEN"}  ${r.feature}${r.works ? "" : `: ${r.why}`}`);
  }
  return lines.join("\n") + "\n";
}

export function formatDiff(d: { gained: readonly FlowResult[]; lost: readonly FlowResult[] }): string {
  const lines = [
    ...d.gained.map((r) => `+ ${r.id}`),
    ...d.lost.map((r) => {
      const b = r.trace.hops.find((h) => !h.ok);
      return `- ${r.id}${b ? `  (${b.step}: ${b.detail})` : "  (no longer a documented flow)"}`;
    }),
  ];
  return `${lines.length ? lines.join("\n") : "no flow gained or lost"}\n`;
}
