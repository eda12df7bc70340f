// `amlnet flows`, `studio`, `trace` and `diff`: questions to the data plane of one or two inputs.
import { parseArgs } from "node:util";
import {
  formatDiff,
  formatFindingsDiff,
  formatFlows,
  formatStudio,
  formatTrace,
  wrapLines,
  flowKey,
  JSON_SCHEMA_VERSION,
  type Project,
  oneLine,
  jsonText,
} from "../../api/index.ts";
import { type Io, UsageError, styleOf, INPUT_OPTIONS, open } from "../common.ts";

/** flows, trace, studio, diff: questions to the data plane of one or two inputs. */
/** What studio and diff say when an input has no clients: user flows weren't judged, and how to give them. */
const NO_CLIENTS = "No clients in an input: flows and studio features from users (jump boxes, on-premises, the internet) weren't judged. Give them as the blueprint's clients: section, or with --clients clients.yaml for a template, an estate or Terraform.";

export function flowCommand(command: "flows" | "studio" | "trace" | "diff", args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "text" },
      from: { type: "string" },
      to: { type: "string" },
      port: { type: "string", default: "443" },
      protocol: { type: "string", default: "tcp" },
      "fail-on": { type: "string", default: "lost" },
      ...INPUT_OPTIONS,
    },
  });
  const failOn = values["fail-on"]!;
  if (!["lost", "changed", "none"].includes(failOn)) throw new UsageError(`--fail-on is lost, changed or none, not '${failOn}'`);
  if (command !== "diff" && args.some((a) => /^--fail-on(=|$)/.test(a))) throw new UsageError(`${command} takes no --fail-on; diff does`);
  if (command !== "trace") {
    const given = (["from", "to"] as const).filter((o) => values[o] !== undefined).concat(args.some((a) => /^--(port|protocol)(=|$)/.test(a)) ? ["port/protocol" as never] : []);
    if (given.length) throw new UsageError(`${command} takes no --${given.join(", --")}; trace does`);
  }
  if (!["text", "json"].includes(values.format!)) throw new UsageError(`--format is text or json, not '${values.format}'`);
  const json = values.format === "json";
  const want = command === "diff" ? 2 : 1;
  if (positionals.length !== want) throw new UsageError(`${command} takes ${want === 2 ? "two blueprint files" : "one blueprint file"}`);
  const loaded = positionals.map((f) => open(f, io, values));
  if (loaded.some((l) => !l)) return 2;
  const [first, second] = loaded as Project[];
  // JSON: one versioned shape per command, with the file(s) and summary counts.
  const print = (data: object, text: string) =>
    io.out(json ? `${jsonText({ schemaVersion: JSON_SCHEMA_VERSION, command, files: positionals, ...data }, 2)}\n` : wrapLines(styleOf(io), text));
  const count = (rs: readonly { trace: { verdict: string }; suppressed?: string }[]) => ({
    total: rs.length,
    pass: rs.filter((r) => r.trace.verdict === "pass").length,
    blocked: rs.filter((r) => r.trace.verdict === "fail" && !r.suppressed).length,
    unknown: rs.filter((r) => r.trace.verdict === "unknown").length,
    notExpected: rs.filter((r) => r.trace.verdict === "fail" && r.suppressed).length,
  });
  switch (command) {
    case "flows": {
      const results = first.flows();
      print(
        { summary: count(results), flows: results.map((r) => ({ key: flowKey(r), id: r.id, facts: r.facts, verdict: r.trace.verdict, ...(r.suppressed ? { suppressed: r.suppressed } : {}), hops: r.trace.hops })) },
        formatFlows(results, styleOf(io)),
      );
      // Exit 1 when a flow no suppression covers is blocked.
      return results.some((r) => r.trace.verdict === "fail" && !r.suppressed) ? 1 : 0;
    }
    case "studio": {
      const rows = first.studio();
      const broken = rows.filter((r) => !r.works);
      print(
        { summary: { total: rows.length, pass: rows.length - broken.length, blocked: broken.filter((r) => !r.suppressed).length, notExpected: broken.filter((r) => r.suppressed).length }, features: rows, ...(first.model.clients.length ? {} : { note: NO_CLIENTS }) },
        `${formatStudio(rows, styleOf(io))}${first.model.clients.length ? "" : `\n${NO_CLIENTS}\n`}`,
      );
      // Exit 1 when a feature the blueprint expects (not suppressed) is blocked.
      return rows.some((r) => !r.works && !r.suppressed) ? 1 : 0;
    }
    case "diff": {
      const d = first.diff(second);
      // Findings too: what the change makes amlnet report, and what it no longer reports.
      const key = (f: { ruleId: string; message: string }) => `${f.ruleId} ${f.message}`;
      const real = (p: Project) => p.findings.filter((f) => !f.suppressed && !f.ruleId.startsWith("AML9"));
      const before = new Set(real(first).map(key));
      const after = new Set(real(second).map(key));
      const newFindings = real(second).filter((f) => !before.has(key(f)));
      const goneFindings = real(first).filter((f) => !after.has(key(f)));
      const withoutClients = [first, second].some((p) => p.model.clients.length === 0);
      print(
        {
          summary: { gained: d.gained.length, lost: d.lost.length, removed: d.removed.length, newFindings: newFindings.length, resolvedFindings: goneFindings.length },
          gained: d.gained.map((r) => ({ key: flowKey(r), id: r.id })),
          lost: d.lost.map((r) => ({ key: flowKey(r), id: r.id, hops: r.trace.hops })),
          removed: d.removed.map((r) => ({ key: flowKey(r), id: r.id })),
          newFindings: newFindings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, position: f.position })),
          resolvedFindings: goneFindings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message })),
          ...(withoutClients ? { note: NO_CLIENTS } : {}),
        },
        `${formatDiff(d)}${formatFindingsDiff(newFindings, goneFindings)}${withoutClients ? `\n${NO_CLIENTS}\n` : ""}`,
      );
      // --fail-on lost (default): exit 1 when a flow is lost; changed: also when one is gained or removed.
      if (failOn === "none") return 0;
      return d.lost.length > 0 || (failOn === "changed" && d.gained.length + d.removed.length > 0) ? 1 : 0;
    }
    case "trace": {
      if (!values.from || !values.to) throw new UsageError("trace needs --from and --to");
      // Decimal digits only: Number() would also take 0x1bb, 1e2 and padded text.
      const port = /^\d{1,5}$/.test(values.port!) ? Number(values.port) : NaN;
      const protocol = values.protocol!.toLowerCase();
      if (!(port >= 1 && port <= 65535)) throw new UsageError(`--port is a port number from 1 to 65535, not '${values.port}'`);
      if (protocol !== "tcp" && protocol !== "udp") throw new UsageError(`--protocol is tcp or udp, not '${values.protocol}'`);
      const t = first.trace(values.from, values.to, { port, protocol });
      if ("error" in t) {
        io.err(`amlnet: ${oneLine(t.error)}\n`);
        return 2;
      }
      print({ trace: t }, formatTrace(t, styleOf(io)));
      // Unknown is not BLOCKED: exit 0, the unknowns listed.
      return t.verdict === "fail" ? 1 : 0;
    }
  }
}
