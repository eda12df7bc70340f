// amlnet command line: a thin layer over the pipeline. Exit codes: 0 clean, 1 findings at or
// above --fail-level, 2 bad input or usage.
import { readFileSync, writeFileSync, renameSync, existsSync, readdirSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve, dirname, basename } from "node:path";
import { buildFiles } from "../backends/build.ts";
import { parseArgs } from "node:util";
import { checkBlueprint, type CheckResult } from "../api/check.ts";
import { RULES } from "../rules/catalog.ts";
import { META_DIAGNOSTICS } from "../rules/meta.ts";
import { locateFindings } from "../report/locate.ts";
import { formatText } from "../report/text.ts";
import { formatJson } from "../report/json.ts";
import { formatSarif } from "../report/sarif.ts";
import { formatPosition } from "../frontends/blueprint/source.ts";
import { explain, listRules } from "../report/explain.ts";
import type { Severity } from "../rules/rule.ts";
import { buildPlane } from "../engine/plane.ts";
import { runFlows } from "../questions/flows.ts";
import { studioMatrix } from "../questions/studio.ts";
import { diffFlows } from "../questions/diff.ts";
import { trace } from "../engine/trace.ts";
import { parseEnds } from "../questions/ends.ts";
import { formatDiff, formatFlows, formatStudio, formatTrace } from "../report/flows.ts";

const VERSION: string = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;
const EXAMPLES = new URL("../../examples/", import.meta.url);

const USAGE = `amlnet ${VERSION}: design, check and verify network-isolated Azure Machine Learning

Usage:
  amlnet check <blueprint.yaml> [--format text|json|sarif] [--fail-level error|warning|info|none] [--show-suppressed]
  amlnet build <blueprint.yaml> --output <dir> [--force] [--ignore-findings]
  amlnet flows <blueprint.yaml> [--format text|json]
  amlnet trace <blueprint.yaml> --from <client|compute|vnet/subnet|ip> --to <fqdn|resource[/subresource]|service-tag> [--port 443] [--protocol tcp|udp] [--format text|json]
  amlnet studio <blueprint.yaml> [--format text|json]
  amlnet diff <before.yaml> <after.yaml> [--format text|json]
  amlnet rules [--format text|json]
  amlnet explain <rule-id>
  amlnet init --scenario <name> [--output <file>] [--force]
  amlnet --version

Exit codes: 0 clean, 1 findings at or above --fail-level (default error), 2 bad input.
Colour in a terminal; none with NO_COLOR set or when piped.`;

interface Io {
  out(s: string): void;
  err(s: string): void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

class UsageError extends Error {}

export function main(argv: string[], io: Io): number {
  try {
    return run(argv, io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`amlnet: ${(e as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    throw e;
  }
}

function run(argv: string[], io: Io): number {
  const [command, ...rest] = argv;
  switch (command) {
    case "check":
      return check(rest, io);
    case "build":
      return build(rest, io);
    case "rules": {
      const { values } = parseArgs({ args: rest, options: { format: { type: "string", default: "text" } } });
      io.out(listRules(RULES, values.format === "json" ? "json" : "text"));
      return 0;
    }
    case "explain": {
      const id = rest[0]?.toUpperCase();
      if (!id) throw new UsageError("explain needs a rule id, such as AML002");
      const text = explain(id, RULES, META_DIAGNOSTICS);
      if (!text) {
        io.err(`amlnet: no rule ${id}; 'amlnet rules' lists them\n`);
        return 2;
      }
      io.out(text);
      return 0;
    }
    case "init":
      return init(rest, io);
    case "flows":
    case "studio":
    case "trace":
    case "diff":
      return flowCommand(command, rest, io);
    case "--version":
    case "-v":
      io.out(`${VERSION}\n`);
      return 0;
    case undefined:
    case "help":
    case "--help":
    case "-h":
      io.out(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

/** Reads and checks a blueprint; on bad input reports every problem (file:line:col) and returns undefined. */
function loadAndCheck(file: string, io: Io): Extract<CheckResult, { ok: true }> | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    io.err(`amlnet: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return undefined;
  }
  const result = checkBlueprint(file, text);
  if (!result.ok) {
    for (const e of result.errors) io.err(`${formatPosition(e.position)} error ${e.code} ${e.message}\n`);
    return undefined;
  }
  return result;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function check(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "text" },
      "fail-level": { type: "string", default: "error" },
      "show-suppressed": { type: "boolean", default: false },
    },
  });
  const format = values.format!;
  const failLevel = values["fail-level"]!;
  if (!["text", "json", "sarif"].includes(format)) throw new UsageError(`--format is text, json or sarif, not '${format}'`);
  if (!["error", "warning", "info", "none"].includes(failLevel)) throw new UsageError(`--fail-level is error, warning, info or none, not '${failLevel}'`);
  if (positionals.length !== 1) throw new UsageError("check takes exactly one blueprint file");
  const file = positionals[0];
  const result = loadAndCheck(file, io);
  if (!result) return 2;
  const located = locateFindings(result.findings, result.source);
  const color = io.isTTY && !io.env.NO_COLOR;
  if (format === "json") io.out(formatJson(file, located));
  else if (format === "sarif") io.out(formatSarif(file, located, RULES, VERSION));
  else {
    const m = result.model;
    const count = (t: string) => m.ofType(t).length;
    io.out(
      `amlnet ${VERSION} checked ${file}: ${m.resources.length} resources after expansion ` +
        `(${count("Microsoft.Network/privateEndpoints")} private endpoints, ${count("Microsoft.Network/privateDnsZones")} DNS zones, ` +
        `${count("Microsoft.Network/virtualNetworks")} VNets), ${RULES.length} rules.\n\n`,
    );
    io.out(formatText(located, { color, showSuppressed: values["show-suppressed"] }));
  }
  if (failLevel === "none") return 0;
  const threshold = RANK[failLevel as Severity];
  return located.some((f) => !f.suppressed && RANK[f.severity] <= threshold) ? 1 : 0;
}

/** flows, trace, studio, diff: questions to the data plane of one or two blueprints. */
function flowCommand(command: "flows" | "studio" | "trace" | "diff", args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string", default: "text" },
      from: { type: "string" },
      to: { type: "string" },
      port: { type: "string", default: "443" },
      protocol: { type: "string", default: "tcp" },
    },
  });
  if (!["text", "json"].includes(values.format!)) throw new UsageError(`--format is text or json, not '${values.format}'`);
  const json = values.format === "json";
  const want = command === "diff" ? 2 : 1;
  if (positionals.length !== want) throw new UsageError(`${command} takes ${want === 2 ? "two blueprint files" : "one blueprint file"}`);
  const loaded = positionals.map((f) => loadAndCheck(f, io));
  if (loaded.some((l) => !l)) return 2;
  const [first, second] = loaded as Extract<CheckResult, { ok: true }>[];
  const plane = buildPlane(first.model);
  const print = (data: unknown, text: string) => io.out(json ? `${JSON.stringify(data, null, 2)}\n` : text);
  switch (command) {
    case "flows": {
      const results = runFlows(plane);
      print(results.map((r) => ({ id: r.id, facts: r.facts, verdict: r.trace.verdict, hops: r.trace.hops })), formatFlows(results));
      return results.every((r) => r.trace.verdict === "pass") ? 0 : 1;
    }
    case "studio": {
      const rows = studioMatrix(first.model, runFlows(plane));
      print(rows, formatStudio(rows));
      return 0;
    }
    case "diff": {
      const d = diffFlows(runFlows(plane), runFlows(buildPlane(second.model)));
      print({ gained: d.gained.map((r) => r.id), lost: d.lost.map((r) => ({ id: r.id, hops: r.trace.hops })) }, formatDiff(d));
      return 0;
    }
    case "trace": {
      if (!values.from || !values.to) throw new UsageError("trace needs --from and --to");
      const port = Number(values.port);
      const protocol = values.protocol!.toLowerCase();
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port is a port number, not '${values.port}'`);
      if (protocol !== "tcp" && protocol !== "udp") throw new UsageError(`--protocol is tcp or udp, not '${values.protocol}'`);
      const ends = parseEnds(first.model, values.from, values.to, port, protocol === "udp" ? "Udp" : "Tcp");
      if ("error" in ends) {
        io.err(`amlnet: ${ends.error}\n`);
        return 2;
      }
      const t = trace(plane, ends.from, ends.to);
      print(t, formatTrace(t));
      return t.verdict === "pass" ? 0 : 1;
    }
  }
}

const BUILD_MARKER = ".amlnet-build";

function build(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: "string", short: "o" }, force: { type: "boolean", default: false }, "ignore-findings": { type: "boolean", default: false } },
  });
  if (positionals.length !== 1 || !values.output) throw new UsageError("build takes one blueprint file and --output <dir>");
  const file = positionals[0];
  const out = resolve(values.output);
  const result = loadAndCheck(file, io);
  if (!result) return 2;
  const errors = result.findings.filter((f) => f.severity === "error" && !f.suppressed);
  if (errors.length && !values["ignore-findings"]) {
    io.err(formatText(locateFindings(errors, result.source), { color: false }));
    io.err(`amlnet: not building a deployment with ${errors.length} error(s); fix them or pass --ignore-findings\n`);
    return 1;
  }
  const ours = existsSync(join(out, BUILD_MARKER));
  if (existsSync(out) && readdirSync(out).length > 0 && !ours && !values.force) {
    io.err(`amlnet: ${out} is not empty and was not written by amlnet build; pass --force to replace it\n`);
    return 2;
  }
  const files = buildFiles(result.model, { blueprint: basename(file), version: VERSION });
  // Write everything beside the target, then swap it in: a failed build leaves nothing half-written.
  const tmp = join(dirname(out), `.${basename(out)}.amlnet-tmp`);
  const old = join(dirname(out), `.${basename(out)}.amlnet-old`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const [name, content] of files) writeFileSync(join(tmp, name), content);
  writeFileSync(join(tmp, BUILD_MARKER), `amlnet ${VERSION}\n`);
  rmSync(old, { recursive: true, force: true });
  if (existsSync(out)) renameSync(out, old);
  renameSync(tmp, out);
  rmSync(old, { recursive: true, force: true });
  io.out(`Wrote ${[...files.keys()].join(", ")} to ${values.output}\n`);
  return 0;
}

export function scenarios(): string[] {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith(".yaml") && !f.startsWith("broken-"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

function init(args: string[], io: Io): number {
  const { values } = parseArgs({
    args,
    options: { scenario: { type: "string" }, output: { type: "string", short: "o", default: "amlnet.yaml" }, force: { type: "boolean", default: false } },
  });
  const names = scenarios();
  if (!values.scenario || !names.includes(values.scenario))
    throw new UsageError(`init needs --scenario, one of: ${names.join(", ")}`);
  const out = values.output!;
  if (existsSync(out) && !values.force) {
    io.err(`amlnet: ${out} exists; pass --force to replace it\n`);
    return 2;
  }
  const text = readFileSync(new URL(`${values.scenario}.yaml`, EXAMPLES), "utf8").replace(
    /^# yaml-language-server: \$schema=\.\.\/schema\/blueprint\.schema\.json$/m,
    `# yaml-language-server: $schema=${new URL("../schema/blueprint.schema.json", EXAMPLES).href}`,
  );
  // Write beside the target and rename, so an interrupted init never leaves half a file.
  const tmp = `${out}.amlnet-tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, out);
  io.out(`Wrote ${out} (scenario ${values.scenario}). Next: amlnet check ${out}\n`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("/bin/amlnet.js")) {
  process.exitCode = main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    isTTY: !!process.stdout.isTTY,
    env: process.env,
  });
}
