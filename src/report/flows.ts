// Text for flow results, traces, the studio matrix and flow diffs (the CLI prints these; JSON
// output is the same data structures).
import { oneLine } from "../core/quote.ts";
import type { FlowResult } from "../questions/flows.ts";
import type { Trace } from "../engine/flow.ts";
import type { StudioFeature } from "../questions/studio.ts";
import { PLAIN, verdictWord, type Style } from "./style.ts";

// One vocabulary for every command: a flow, a hop or a studio feature is `pass` or `BLOCKED`;
// a blocked one the blueprint does not expect (suppressed, or a use its client is not for) is
// `blocked` in lower case, with the reason.

export function formatFlows(results: readonly FlowResult[], style: Style = PLAIN): string {
  const width = Math.max(0, ...results.map((r) => r.id.length));
  const lines = results.map((r) => {
    const blocker = r.trace.hops.find((h) => !h.ok);
    const word = verdictWord(style, r.trace.verdict === "pass" ? "pass" : r.trace.verdict === "unknown" ? "UNKNOWN" : r.suppressed ? "blocked" : "BLOCKED");
    const why =
      r.trace.verdict === "unknown"
        ? `rests on ${oneLine((r.trace.unknowns ?? []).join("; "))}`
        : blocker
          ? `${blocker.step}: ${oneLine(blocker.detail)}${r.suppressed ? ` (not expected: ${oneLine(r.suppressed)})` : ""}`
          : "";
    return `${word}  ${oneLine(r.id).padEnd(width)}  ${why}`.trimEnd();
  });
  return `${lines.join("\n")}\n\n${flowSummary(results)}\n`;
}

/** "N flows: x pass, y blocked (z suppressed)." */
export function flowSummary(results: readonly FlowResult[]): string {
  const blocked = results.filter((r) => r.trace.verdict === "fail");
  const unknown = results.filter((r) => r.trace.verdict === "unknown").length;
  const suppressed = blocked.filter((r) => r.suppressed).length;
  return `${results.length} flows: ${results.length - blocked.length - unknown} pass, ${blocked.length - suppressed} blocked${suppressed ? `, ${suppressed} blocked and not expected` : ""}${unknown ? `, ${unknown} unknown before deployment` : ""}.`;
}

export function formatTrace(t: Trace, style: Style = PLAIN): string {
  const lines = [`${t.from} -> ${t.to}`];
  t.hops.forEach((h, i) => {
    lines.push(`  ${i + 1}. ${verdictWord(style, h.ok ? "pass" : "BLOCKED")} ${h.step}: ${oneLine(h.detail)}`);
    if (h.fix) lines.push(`              fix: ${oneLine(h.fix)}`);
  });
  const blockers = t.hops.filter((h) => !h.ok).length;
  if (t.verdict === "unknown")
    // The hops above are what the input tells; what it can't tell decides the verdict.
    lines.push(`verdict: UNKNOWN (rests on ${oneLine((t.unknowns ?? []).join("; "))}; give those values, or trace after deployment)`);
  else lines.push(t.verdict === "pass" ? "verdict: pass" : `verdict: BLOCKED (${blockers} blocker${blockers > 1 ? "s" : ""})`);
  return lines.join("\n") + "\n";
}

export function formatStudio(rows: readonly StudioFeature[], style: Style = PLAIN): string {
  const lines: string[] = [];
  let heading = "";
  for (const r of rows) {
    // A client, or with several workspaces a client and the workspace the rows are about.
    const about = r.workspace === undefined ? r.client : `${r.client}, workspace ${r.workspace}`;
    if (about !== heading) lines.push(`${lines.length ? "\n" : ""}${oneLine((heading = about))}`);
    const word = verdictWord(style, r.works ? "pass" : r.suppressed ? "blocked" : "BLOCKED");
    lines.push(`  ${word}  ${r.feature}${r.works ? "" : `: ${oneLine(r.why)}${r.suppressed ? ` (not expected: ${oneLine(r.suppressed)})` : ""}`}`);
  }
  const broken = rows.filter((r) => !r.works);
  const suppressed = broken.filter((r) => r.suppressed).length;
  lines.push("", `${rows.length} features: ${rows.length - broken.length} pass, ${broken.length - suppressed} blocked${suppressed ? `, ${suppressed} blocked and not expected` : ""}.`);
  return lines.join("\n") + "\n";
}

export function formatDiff(d: { gained: readonly FlowResult[]; lost: readonly FlowResult[]; removed: readonly FlowResult[] }): string {
  const lines = [
    ...d.gained.map((r) => `+ ${oneLine(r.id)}`),
    ...d.lost.map((r) => {
      const b = r.trace.hops.find((h) => !h.ok);
      return `- ${oneLine(r.id)}${b ? `  (${b.step}: ${oneLine(b.detail)})` : ""}`;
    }),
    ...d.removed.map((r) => `x ${oneLine(r.id)}  (no longer a documented flow)`),
  ];
  return `${lines.length ? `${lines.join("\n")}\n\n` : ""}${d.gained.length} flows gained, ${d.lost.length} lost, ${d.removed.length} removed.\n`;
}

/** Findings a change adds and removes, one a line (input quoted); nothing when both lists are empty. */
export function formatFindingsDiff(added: readonly { ruleId: string; severity: string; message: string }[], removed: readonly { ruleId: string; severity: string; message: string }[]): string {
  if (!added.length && !removed.length) return "";
  const lines = [...added.map((f) => `! new ${f.severity} ${f.ruleId} ${oneLine(f.message)}`), ...removed.map((f) => `  no longer ${f.ruleId} ${oneLine(f.message)}`)];
  return `\n${lines.join("\n")}\n\n${added.length} finding(s) new, ${removed.length} no longer reported.\n`;
}
