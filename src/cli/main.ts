// amlnet command line: a thin layer over the pipeline. Exit codes: 0 clean, 1 findings at or
// above --fail-level, 2 bad input or usage.
import { parseArgs } from "node:util";
import {
  META_DIAGNOSTICS,
  SEVERITY_RANK,
  RULES,
  VERSION,
  explain,
  formatDiff,
  formatFlows,
  formatJson,
  formatPosition,
  formatSarif,
  formatStudio,
  formatSummary,
  formatText,
  formatTrace,
  listRules,
  openFile,
  migrate,
  drawDiagram,
  readText,
  scenarioText,
  scenarios,
  writeBuild,
  writeTextFile,
  closest,
  findConfig,
  loadConfig,
  configuredRules,
  type Rule,
  wrapLines,
  type Style,
  flowKey,
  JSON_SCHEMA_VERSION,
  formatJsonInputErrors,
  formatGithub,
  formatJunit,
  formatBaseline,
  parseBaseline,
  newSince,
  formatSarifInputErrors,
  repositoryRoot,
  relativeTo,
  type InputError,
  DEFAULT_LIMITS,
  type InputLimits,
  type Project,
  type Severity,
} from "../api/index.ts";

/** Each command's usage, shown by `amlnet <command> --help`, `amlnet help <command>` and with its usage errors. */
const COMMANDS: Readonly<Record<string, string>> = {
  check: `amlnet check <file> [options]
  Checks a blueprint against every rule; exit 1 on findings at or above --fail-level.
  --format text|json|sarif|github|junit   report format (default text); github: workflow
                             annotations; junit: a test case per rule and resource
  --fail-level error|warning|info|none   what makes the exit code 1 (default error)
  --show-suppressed          list suppressed findings too, with their reasons
  --quiet                    text: only the findings, no header or summary
  --output-file <file>       write the report there instead of standard output
  --sarif-root <dir>         SARIF and github paths are relative to it (default: the git root)
  --config <file>            settings file (default: amlnet.config.yaml found upward from the
                             blueprint): failLevel, format, baseline, rules to turn off or re-level
  --write-baseline <file>    record today's findings (by fingerprint)
  --baseline <file>          report only findings that file doesn't hold`,
  build: `amlnet build <blueprint.yaml> --output <dir> [options]
  Writes main.json/.bicep/.tf, parameters, deploy.sh, verify.sh, workspace.yml and README.md.
  --force                    write into a folder amlnet did not write (its other files stay)
  --ignore-findings          build even with error findings`,
  flows: `amlnet flows <file> [--format text|json]
  Every documented flow, pass or BLOCKED and why; exit 1 when one no suppression covers is blocked.`,
  trace: `amlnet trace <file> --from <end> --to <end> [options]
  One flow hop by hop. --from: a client, compute, vnet/subnet or address; --to: a resource[/sub],
  a DNS name, an address or a service tag.
  --port <1-65535>           (default 443)
  --protocol tcp|udp         (default tcp)
  --format text|json`,
  studio: `amlnet studio <file> [--format text|json]
  Studio features per client (F44, F45); exit 1 when one a client is used for is blocked.`,
  diff: `amlnet diff <before> <after> [options]
  Flows gained, lost and removed between two blueprints (what-if).
  --fail-on lost|changed|none   what makes the exit code 1 (default lost)
  --format text|json`,
  rules: `amlnet rules [--format text|json]
  The rule catalog.`,
  explain: `amlnet explain <AMLnnn|Fnn|BPnnn|ARnnn>
  What a rule checks, why, its sources and an example; a fact with the rules encoding it; an
  input error code.`,
  import: `amlnet import <template.json> [--output <file>] [--force] [template options]
  A best-effort blueprint from a template or an estate, with a 'guess' comment wherever it had
  to guess; without --output it goes to standard output. Template options as for check.`,
  serve: `amlnet serve <file> [--port N] [template options]
  The web view on 127.0.0.1: diagram, findings, flow explorer, flows matrix, what-if switches;
  reloads when the file changes. Ctrl-C stops it.`,
  diagram: `amlnet diagram <file> --output <topology.svg> [--force] [template options]
  The topology as an SVG: VNets with their subnets and what sits in them, the managed network,
  PaaS resources, private DNS zones with their links, clients; endpoints and peerings as edges.`,
  init: `amlnet init --scenario <name> [--output <file>] [--force]
  Writes a starting blueprint (default amlnet.yaml) from a bundled scenario.`,
  help: `amlnet help [<command>]
  This overview, or one command's usage.`,
};

const INPUT_HELP = `<file> is a blueprint (YAML), an ARM template, or an exported estate (an Azure Resource Graph
result or a list of resource bodies), told apart by content; - reads standard input. A blueprint
is bounded by --max-bytes N (default 262144) and --max-values N (values after YAML aliases
expand, default 200000). Template options: --parameters p.json, --param name=value (repeatable),
--cloud AzureCloud|AzureUSGovernment|AzureChinaCloud, --location <resource group's region>,
--clients clients.yaml (the blueprint's clients: section).`;

const USAGE = `amlnet ${VERSION}: design, check and verify network-isolated Azure Machine Learning

Commands:
${Object.values(COMMANDS)
  .map((u) => `  ${u.split("\n")[0]}`)
  .join("\n")}
  amlnet --version

Run amlnet help <command> for its options.
${INPUT_HELP}

Exit codes: 0 clean; 1 when check finds something at or above --fail-level (default error), flows
has a blocked flow no suppression covers, studio a blocked feature a client is used for, or diff
loses a flow (--fail-on); 2 bad input. Colour and wrapping in a terminal; FORCE_COLOR forces colour,
NO_COLOR turns it off.`;

/** One command's full usage. */
function usageOf(command: string): string {
  return `${COMMANDS[command]}\n\n${INPUT_HELP}`;
}

interface Io {
  out(s: string): void;
  err(s: string): void;
  isTTY: boolean;
  /** The terminal's width, when output goes to one. */
  columns?: number;
  env: NodeJS.ProcessEnv;
}

class UsageError extends Error {}

export function main(argv: string[], io: Io): number | Promise<number> {
  const command = argv[0] && argv[0] in COMMANDS ? argv[0] : undefined;
  try {
    // --help anywhere after a command: that command's usage.
    if (command && argv.slice(1).some((a) => a === "--help" || a === "-h")) {
      io.out(`${usageOf(command)}\n`);
      return 0;
    }
    const code = run(argv, io);
    // diagram and serve are asynchronous (layout, the server): their failures are reported the same way.
    return typeof code === "number" ? code : code.catch((e: unknown) => failed(e, io, command));
  } catch (e) {
    return failed(e, io, command);
  }
}

/** A usage error with the command's usage; anything else as one line, exit 2. */
function failed(e: unknown, io: Io, command: string | undefined): number {
  if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    // A usage error shows the command's usage only, with the nearest option for a mistyped one.
    const message = (e as Error).message.split("\n")[0].replace(/\. To specify a positional argument.*$/, "");
    io.err(`amlnet: ${message}${suggestion(e, command)}\n\n${command ? usageOf(command) : USAGE}\n`);
    return 2;
  }
  // Nothing reaches the user as a stack trace: one line, exit 2 (a bug to report, if it happens).
  io.err(`amlnet: internal error: ${e instanceof Error ? e.message : String(e)} (please report it with the input that caused it)\n`);
  return 2;
}

function run(argv: string[], io: Io): number | Promise<number> {
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
      if (!id) throw new UsageError("explain needs a rule id (AML002), a fact (F10) or an input error code (BP004)");
      const text = explain(id, RULES, META_DIAGNOSTICS);
      if (!text) {
        io.err(`amlnet: no rule, fact or input error ${id}; 'amlnet rules' lists the rules\n`);
        return 2;
      }
      io.out(text);
      return 0;
    }
    case "init":
      return init(rest, io);
    case "diagram":
      return diagram(rest, io);
    case "serve":
      // The server is the web view's (src/web), which bin/amlnet.js starts before this module loads.
      io.err("amlnet: serve runs from the amlnet command (bin/amlnet.js), not from this library call\n");
      return 2;
    case "import":
      return importCommand(rest, io);
    case "flows":
    case "studio":
    case "trace":
    case "diff":
      return flowCommand(command, rest, io);
    case "--version":
    case "-v":
      io.out(`${VERSION}\n`);
      return 0;
    case "help":
      if (rest[0] && !(rest[0] in COMMANDS)) throw new UsageError(`no command '${rest[0]}'${nearest(rest[0], Object.keys(COMMANDS))}`);
      io.out(`${rest[0] ? usageOf(rest[0]) : USAGE}\n`);
      return 0;
    case undefined:
    case "--help":
    case "-h":
      io.out(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command '${command}'${nearest(command, Object.keys(COMMANDS))}`);
  }
}

/**
 * Colour and wrapping for text output: colour on a terminal unless NO_COLOR is set, and anywhere
 * FORCE_COLOR asks for it (CI logs); lines wrapped to the terminal's width.
 */
function styleOf(io: Io): Style {
  const forced = io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0" && io.env.FORCE_COLOR !== "false";
  const color = io.env.NO_COLOR ? false : forced || io.isTTY;
  return { color, width: io.isTTY ? io.columns : undefined };
}

/** Options every command that reads a blueprint takes: the input bounds (issue 11). */
const INPUT_OPTIONS = {
  "max-bytes": { type: "string" },
  "max-values": { type: "string" },
  parameters: { type: "string" },
  param: { type: "string", multiple: true },
  cloud: { type: "string" },
  location: { type: "string" },
  clients: { type: "string" },
} as const;

interface InputValues {
  "max-bytes"?: string;
  "max-values"?: string;
  parameters?: string;
  param?: string[];
  cloud?: string;
  location?: string;
  clients?: string;
}

function limitsFrom(values: { "max-bytes"?: string; "max-values"?: string }): InputLimits {
  const count = (option: string, value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    if (!/^[1-9]\d{0,9}$/.test(value)) throw new UsageError(`--${option} is a positive whole number, not '${value}'`);
    return Number(value);
  };
  return { maxBytes: count("max-bytes", values["max-bytes"], DEFAULT_LIMITS.maxBytes), maxValues: count("max-values", values["max-values"], DEFAULT_LIMITS.maxValues) };
}

/** "; did you mean X?" for a mistyped name, or nothing. */
function nearest(word: string, candidates: readonly string[]): string {
  const near = closest(word, candidates, 2);
  return near.length ? `; did you mean ${near.join(" or ")}?` : "";
}

/** For parseArgs' unknown option: the nearest option of the command (read from its usage). */
function suggestion(e: unknown, command: string | undefined): string {
  if ((e as { code?: string }).code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION" || !command) return "";
  const given = /'(-{1,2}[^']+)'/.exec((e as Error).message)?.[1];
  const options = [...new Set([...usageOf(command).matchAll(/--[a-z-]+/g)].map((m) => m[0]))];
  return given ? nearest(given, options) : "";
}

/** Reads and opens a blueprint, template or estate; on bad input reports every problem (file:line:col) and returns undefined. */
function open(file: string, io: Io, values: InputValues, onErrors?: (errors: readonly InputError[]) => void, rules?: readonly Rule[], accepts: "any" | "blueprint" | "json" = "any"): Project | undefined {
  const opened = openFile(file, { limits: limitsFrom(values), maxBytesGiven: values["max-bytes"] !== undefined, rules, accepts, ...values, params: values.param });
  if (opened.ok) return opened.project;
  if ("usage" in opened) throw new UsageError(opened.usage);
  if ("unreadable" in opened) {
    // A file that can't be read is one line, without a position (there is no text to point into).
    io.err(`amlnet: ${opened.unreadable}\n`);
    onErrors?.([{ code: "BP000", message: opened.unreadable, position: { file: opened.file, line: 1, col: 1 } }]);
    return undefined;
  }
  for (const e of opened.errors) io.err(`${formatPosition(e.position)} error ${e.code} ${e.message}\n`);
  onErrors?.(opened.errors);
  return undefined;
}


function check(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      format: { type: "string" },
      "fail-level": { type: "string" },
      config: { type: "string" },
      "show-suppressed": { type: "boolean", default: false },
      quiet: { type: "boolean", short: "q", default: false },
      "output-file": { type: "string", short: "o" },
      "sarif-root": { type: "string" },
      baseline: { type: "string" },
      "write-baseline": { type: "string" },
      ...INPUT_OPTIONS,
    },
  });
  if (positionals.length !== 1) throw new UsageError("check takes exactly one blueprint file");
  // amlnet.config.yaml (or --config): defaults that the options here override.
  const configFile = values.config ?? (positionals[0] === "-" ? undefined : findConfig(positionals[0]));
  const loadedConfig: ReturnType<typeof loadConfig> = configFile ? loadConfig(configFile, RULES.map((r) => r.id)) : { ok: true };
  if (!loadedConfig.ok) {
    for (const e of loadedConfig.errors) io.err(`${formatPosition(e.position)} error ${e.code} ${e.message}\n`);
    return 2;
  }
  const config = loadedConfig.config;
  const rules = configuredRules(RULES, config);
  const format = values.format ?? config?.format ?? "text";
  const failLevel = values["fail-level"] ?? config?.failLevel ?? "error";
  const baselineFile = values.baseline ?? config?.baseline;
  if (!["text", "json", "sarif", "github", "junit"].includes(format)) throw new UsageError(`--format is text, json, sarif, github or junit, not '${format}'`);
  if (!["error", "warning", "info", "none"].includes(failLevel)) throw new UsageError(`--fail-level is error, warning, info or none, not '${failLevel}'`);
  const file = positionals[0];
  const toFile = values["output-file"];
  // SARIF names the blueprint relative to the repository root, as code scanning matches files.
  const uri = file === "-" ? "-" : relativeTo(values["sarif-root"] ?? repositoryRoot(process.cwd()), file);
  const emit = (report: string): boolean => {
    if (!toFile) {
      io.out(report);
      return true;
    }
    const written = writeTextFile(toFile, report, { force: true });
    if (!written.ok) io.err(`amlnet: ${written.error}\n`);
    return written.ok;
  };
  // Bad input still gives a valid document in json and sarif (never an empty amlnet.sarif).
  const project = open(file, io, values, (errors) => {
    if (format === "json") emit(formatJsonInputErrors(file, errors));
    else if (format === "sarif") emit(formatSarifInputErrors(uri, errors, rules, VERSION));
  }, rules);
  if (!project) return 2;
  let located = project.findings;
  if (values["write-baseline"]) {
    const written = writeTextFile(values["write-baseline"], formatBaseline(located), { force: true });
    if (!written.ok) {
      io.err(`amlnet: ${written.error}\n`);
      return 2;
    }
  }
  if (baselineFile) {
    const read = readText(baselineFile);
    const baseline = read.ok ? parseBaseline(read.text) : read;
    if (!baseline.ok) {
      io.err(`amlnet: --baseline ${baselineFile}: ${baseline.error}\n`);
      return 2;
    }
    // Only what the baseline doesn't hold is reported and counts for the exit code.
    located = newSince(located, baseline.fingerprints);
  }
  const { color, width } = toFile ? { color: false, width: undefined } : styleOf(io);
  let report: string;
  if (format === "json") report = formatJson(file, located);
  else if (format === "sarif") report = formatSarif(uri, located, rules, VERSION);
  else if (format === "github") report = formatGithub(uri, located);
  else if (format === "junit") report = formatJunit(uri, located, rules);
  else if (values.quiet) {
    // Only what makes the exit code: findings at or above the fail level.
    const shown = failLevel === "none" ? [] : located.filter((f) => !f.suppressed && SEVERITY_RANK[f.severity] <= SEVERITY_RANK[failLevel as Severity]);
    report = shown.length ? formatText(shown, { color, width }).split("\n\n")[0] + "\n" : "";
  } else report = wrapLines({ color, width }, formatSummary(file, project.model, rules.length, VERSION)) + formatText(located, { color, width, showSuppressed: values["show-suppressed"] });
  if (!emit(report)) return 2;
  if (failLevel === "none") return 0;
  const threshold = SEVERITY_RANK[failLevel as Severity];
  return located.some((f) => !f.suppressed && SEVERITY_RANK[f.severity] <= threshold) ? 1 : 0;
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
    io.out(json ? `${JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, command, files: positionals, ...data }, null, 2)}\n` : wrapLines(styleOf(io), text));
  const count = (rs: readonly { trace: { verdict: string }; suppressed?: string }[]) => ({
    total: rs.length,
    pass: rs.filter((r) => r.trace.verdict === "pass").length,
    blocked: rs.filter((r) => r.trace.verdict === "fail" && !r.suppressed).length,
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
      print({ summary: { total: rows.length, pass: rows.length - broken.length, blocked: broken.filter((r) => !r.suppressed).length, notExpected: broken.filter((r) => r.suppressed).length }, features: rows }, formatStudio(rows, styleOf(io)));
      // Exit 1 when a feature the blueprint expects (not suppressed) is blocked.
      return rows.some((r) => !r.works && !r.suppressed) ? 1 : 0;
    }
    case "diff": {
      const d = first.diff(second);
      print(
        {
          summary: { gained: d.gained.length, lost: d.lost.length, removed: d.removed.length },
          gained: d.gained.map((r) => ({ key: flowKey(r), id: r.id })),
          lost: d.lost.map((r) => ({ key: flowKey(r), id: r.id, hops: r.trace.hops })),
          removed: d.removed.map((r) => ({ key: flowKey(r), id: r.id })),
        },
        formatDiff(d),
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
        io.err(`amlnet: ${t.error}\n`);
        return 2;
      }
      print({ trace: t }, formatTrace(t, styleOf(io)));
      return t.verdict === "pass" ? 0 : 1;
    }
  }
}

function build(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: "string", short: "o" }, force: { type: "boolean", default: false }, "ignore-findings": { type: "boolean", default: false }, ...INPUT_OPTIONS },
  });
  if (positionals.length !== 1 || !values.output) throw new UsageError("build takes one blueprint file and --output <dir>");
  const file = positionals[0];
  const project = open(file, io, values, undefined, undefined, "blueprint");
  if (!project) return 2;
  const errors = project.findings.filter((f) => f.severity === "error" && !f.suppressed);
  if (errors.length && !values["ignore-findings"]) {
    io.err(formatText(errors, { color: false }));
    io.err(`amlnet: not building a deployment with ${errors.length} error(s); fix them or pass --ignore-findings\n`);
    return 1;
  }
  const files = project.build();
  const written = writeBuild(values.output, files, { force: values.force, input: file === "-" ? undefined : file });
  if (!written.ok) {
    io.err(`amlnet: ${written.error}\n`);
    return 2;
  }
  io.out(`Wrote ${[...files.keys()].join(", ")} to ${values.output}\n`);
  if (written.removed.length) io.out(`Removed ${written.removed.join(", ")}, which this build no longer writes\n`);
  return 0;
}

async function diagram(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: "string", short: "o" }, force: { type: "boolean", default: false }, ...INPUT_OPTIONS },
  });
  if (positionals.length !== 1) throw new UsageError("diagram takes exactly one blueprint, template or estate");
  if (!values.output) throw new UsageError("diagram needs --output <file.svg>");
  const project = open(positionals[0], io, values);
  if (!project) return 2;
  const { svg, layout } = await drawDiagram(project);
  const written = writeTextFile(values.output, svg, { force: values.force });
  if (!written.ok) {
    io.err(`amlnet: ${written.error}\n`);
    return 2;
  }
  io.out(`Wrote ${values.output} (${layout.boxes.length} boxes, ${layout.paths.length} edges, ${layout.width}x${layout.height}).\n`);
  return 0;
}

function importCommand(args: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { output: { type: "string", short: "o" }, force: { type: "boolean", default: false }, ...INPUT_OPTIONS },
  });
  if (positionals.length !== 1) throw new UsageError("import takes exactly one template or estate");
  const project = open(positionals[0], io, values, undefined, undefined, "json");
  if (!project) return 2;
  const migrated = migrate(project);
  if (!values.output) {
    io.out(migrated.text);
    return 0;
  }
  const written = writeTextFile(values.output, migrated.text, { force: values.force });
  if (!written.ok) {
    io.err(`amlnet: ${written.error}\n`);
    return 2;
  }
  io.out(`Wrote ${values.output} with ${migrated.guesses.length} guess(es) marked in comments. Next: amlnet check ${values.output}\n`);
  return 0;
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
  const written = writeTextFile(out, scenarioText(values.scenario), { force: values.force });
  if (!written.ok) {
    io.err(`amlnet: ${written.error}\n`);
    return 2;
  }
  io.out(`Wrote ${out} (scenario ${values.scenario}). Next: amlnet check ${out}\n`);
  return 0;
}
