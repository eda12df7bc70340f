// `amlnet check`: every rule over each input, in the report format asked for.
import { parseArgs } from "node:util";
import { statSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  SEVERITY_RANK,
  RULES,
  VERSION,
  formatJson,
  formatPosition,
  formatSarif,
  formatSummary,
  formatText,
  readText,
  writeTextFile,
  findConfig,
  loadConfig,
  configuredRules,
  wrapLines,
  formatJsonInputErrors,
  formatGithub,
  formatGithubInputErrors,
  formatJunit,
  formatJunitInputErrors,
  formatBaseline,
  parseBaseline,
  newSince,
  formatSarifInputErrors,
  repositoryRoot,
  relativeTo,
  isInside,
  type Severity,
  type Rule,
  oneLine,
  quoteInput,
  READ_BOUNDS,
  discoverInputs,
  isTerraformPath,
  isPlanBesideConfiguration,
  CONFIG_FILE,
  formatSeveralGithub,
  formatSeveralJson,
  formatSeveralJunit,
  formatSeveralSarif,
  formatSeveralText,
  type InputError,
  type InputOutcome,
  type LocatedFinding,
  type SeveralReport,
} from "../../api/index.ts";
import { type Io, NeedsTerraform, UsageError, styleOf, INPUT_OPTIONS, limitsFrom, open } from "../common.ts";

/** `catalog` is the rules to run: the whole catalog, or (in tests) a catalog of one's own. */
export function check(args: string[], io: Io, catalog: readonly Rule[] = RULES): number {
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
  if (!positionals.length) throw new UsageError("check needs an input: a blueprint, a template, an estate, a Terraform folder or plan (or several, folders to search, globs)");
  // Several inputs, folders to search, globs: the inputs they name, and the files passed over.
  const discovered = discoverInputs(positionals, { reader: io.terraform });
  if (!discovered.ok) {
    if ("needsTerraform" in discovered) throw new NeedsTerraform();
    io.err(`amlnet: ${oneLine(discovered.error)}\n`);
    return 2;
  }
  const several = discovered.inputs.length !== 1 || discovered.searched || positionals.length !== 1;
  const first = discovered.inputs[0] ?? positionals[0];
  // amlnet.config.yaml (or --config): defaults that the options here override; for a folder, found from inside it.
  const configFile = values.config ?? (first === "-" ? undefined : findConfig(isFolder(first) ? join(first, CONFIG_FILE) : first));
  const loadedConfig: ReturnType<typeof loadConfig> = configFile ? loadConfig(configFile, RULES.map((r) => r.id)) : { ok: true };
  if (!loadedConfig.ok) {
    for (const e of loadedConfig.errors) io.err(`${formatPosition(e.position)} error ${e.code} ${oneLine(e.message)}\n`);
    return 2;
  }
  const config = loadedConfig.config;
  const rules = configuredRules(catalog, config);
  const format = values.format ?? config?.format ?? "text";
  const failLevel = values["fail-level"] ?? config?.failLevel ?? "error";
  const baselineFile = values.baseline ?? config?.baseline;
  if (!["text", "json", "sarif", "github", "junit"].includes(format)) throw new UsageError(`--format is text, json, sarif, github or junit, not '${format}'`);
  if (!["error", "warning", "info", "none"].includes(failLevel)) throw new UsageError(`--fail-level is error, warning, info or none, not '${failLevel}'`);
  const file = first;
  const toFile = values["output-file"];
  // A report written over an input (or a baseline over it) would lose the input.
  for (const [option, target] of [["--output-file", toFile], ["--write-baseline", values["write-baseline"]]] as const)
    for (const input of discovered.inputs)
      if (target && input !== "-" && resolve(target) === resolve(input)) throw new UsageError(`${option} names the input itself; write the report elsewhere`);
  // SARIF names the blueprint relative to the repository root, as code scanning matches files.
  const sarifRoot = values["sarif-root"] ?? repositoryRoot(process.cwd());
  const uri = file === "-" ? "-" : relativeTo(sarifRoot, file);
  // Code scanning and annotations place only files of the repository: say so when an input isn't one.
  if (format === "sarif" || format === "github")
    for (const input of discovered.inputs)
      if (input !== "-" && !isInside(sarifRoot, input))
        io.err(`amlnet: ${quoteInput(input, 300)} is outside ${quoteInput(sarifRoot, 300)} (the repository root, or --sarif-root): its results are named ${quoteInput(relativeTo(sarifRoot, input), 300)}, which code scanning can't place; run amlnet from the repository that holds it, or give --sarif-root\n`);
  // A finding of a Terraform folder is in one of its files: each named relative to the root too.
  const uriFor = (f: string) => (f === "-" ? "-" : f === file ? uri : relativeTo(sarifRoot, f));
  const emit = (report: string): boolean => {
    if (!toFile) {
      io.out(report);
      return true;
    }
    const written = writeTextFile(toFile, report, { force: true });
    if (!written.ok) io.err(`amlnet: ${oneLine(written.error)}\n`);
    return written.ok;
  };
  // A failure of amlnet itself still leaves a valid json or sarif document saying the run failed
  // (a CI step that uploads amlnet.sarif must not meet an empty or stale file); main reports it.
  try {
    return several ? runSeveral(discovered) : run();
  } catch (e) {
    // A usage error, or Terraform input before its parser is loaded (main loads it and runs again), is no failure.
    if (e instanceof UsageError || e instanceof NeedsTerraform) throw e;
    const failure = [{ code: "AML907", message: `amlnet failed: ${oneLine(e instanceof Error ? e.message : String(e))}`, position: { file, line: 1, col: 1 } }];
    if (format === "json") emit(formatJsonInputErrors(file, failure));
    else if (format === "sarif") emit(formatSarifInputErrors(uri, failure, rules, VERSION));
    throw e;
  }

  function run(): number {
    // Bad input still gives a valid document in json and sarif (never an empty amlnet.sarif).
    const project = open(file, io, values, (errors) => {
      if (format === "json") emit(formatJsonInputErrors(file, errors));
      else if (format === "sarif") emit(formatSarifInputErrors(uriFor, errors, rules, VERSION));
      else if (format === "junit") emit(formatJunitInputErrors(file, errors));
      else if (format === "github") emit(formatGithubInputErrors(uriFor, errors));
    }, rules);
    if (!project) return 2;
    const located = baselined(project.findings);
    if (!located) return 2;
    const { color, width } = toFile ? { color: false, width: undefined } : styleOf(io);
    let report: string;
    if (format === "json") report = formatJson(file, located);
    else if (format === "sarif") report = formatSarif(uriFor, located, rules, VERSION);
    else if (format === "github") report = formatGithub(uriFor, located);
    else if (format === "junit") report = formatJunit(uri, located, rules);
    else if (values.quiet) {
      // Only what makes the exit code: findings at or above the fail level.
      const shown = failLevel === "none" ? [] : located.filter((f) => !f.suppressed && SEVERITY_RANK[f.severity] <= SEVERITY_RANK[failLevel as Severity]);
      report = shown.length ? formatText(shown, { color, width }).split("\n\n")[0] + "\n" : "";
      report += quietLeftOut(located, () => shown, 0);
    } else report = wrapLines({ color, width }, formatSummary(file, project.model, rules.length, VERSION, configFile)) + formatText(located, { color, width, showSuppressed: values["show-suppressed"] });
    if (!emit(report)) return 2;
    return exitCode(located);
  }

  /** Several inputs in one report; an input that can't be read is in it too, and makes the exit code 2. */
  function runSeveral(found: Extract<typeof discovered, { ok: true }>): number {
    // Terraform among the inputs is found before any is read, so main loads the HCL reader first.
    if (!io.terraform && found.inputs.some((i) => isTerraformPath(i) || isPlanBesideConfiguration(i))) throw new NeedsTerraform();
    // Text carries input errors in the report itself; other formats also say them on standard error.
    const quiet: Io = format === "text" ? { ...io, err: () => {} } : io;
    const outcomes: InputOutcome[] = [];
    for (const input of found.inputs) {
      let errors: readonly InputError[] = [];
      try {
        const project = open(input, quiet, values, (e) => (errors = e), rules, "any", true);
        outcomes.push(project ? { file: input, ok: true, findings: project.findings, header: formatSummary(input, project.model, rules.length, VERSION, configFile) } : { file: input, ok: false, errors });
      } catch (e) {
        if (e instanceof UsageError || e instanceof NeedsTerraform) throw e;
        // One input amlnet fails on doesn't end the run over the others.
        outcomes.push({ file: input, ok: false, errors: [{ code: "AML907", message: `amlnet failed: ${oneLine(e instanceof Error ? e.message : String(e))}`, position: { file: input, line: 1, col: 1 } }] });
      }
    }
    const kept = baselined(outcomes.flatMap((o) => (o.ok ? o.findings : [])));
    if (!kept) return 2;
    const keep = new Set(kept);
    const result: SeveralReport = { outcomes: outcomes.map((o) => (o.ok ? { ...o, findings: o.findings.filter((f) => keep.has(f)) } : o)), skipped: found.skipped };
    const { color, width } = toFile ? { color: false, width: undefined } : styleOf(io);
    const shown = (findings: readonly LocatedFinding[]) =>
      values.quiet ? findings.filter((f) => !f.suppressed && failLevel !== "none" && SEVERITY_RANK[f.severity] <= SEVERITY_RANK[failLevel as Severity]) : findings;
    let report: string;
    if (format === "json") report = formatSeveralJson(result);
    else if (format === "sarif") report = formatSeveralSarif(result, uriFor, rules, VERSION);
    else if (format === "github") report = formatSeveralGithub(result, uriFor);
    else if (format === "junit") report = formatSeveralJunit(result, uriFor, rules);
    else {
      report = formatSeveralText(
        result,
        (findings) => {
          const text = formatText(shown(findings), { color, width, showSuppressed: values["show-suppressed"] });
          return values.quiet ? (shown(findings).length ? text.split("\n\n")[0] + "\n" : "") : text;
        },
        { quiet: values.quiet ?? false },
      );
      if (values.quiet) report += quietLeftOut(result.outcomes.flatMap((o) => (o.ok ? o.findings : [])), shown, result.skipped.length);
    }
    if (!emit(report)) return 2;
    if (outcomes.some((o) => !o.ok)) return 2;
    return exitCode(kept);
  }

  /** What --quiet left out, in one line, so a quiet run never looks cleaner than it is. */
  function quietLeftOut(findings: readonly LocatedFinding[], shown: (f: readonly LocatedFinding[]) => readonly LocatedFinding[], skipped: number): string {
    const kept = new Set(shown(findings));
    const left = findings.filter((f) => !f.suppressed && !kept.has(f));
    const n = (s: Severity) => left.filter((f) => f.severity === s).length;
    const parts = (["error", "warning", "info"] as const).filter((s) => n(s)).map((s) => `${n(s)} ${s === "info" ? "note(s)" : `${s}(s)`}`);
    const below = parts.length ? `${parts.join(", ")} below --fail-level ${failLevel}` : "";
    const passed = skipped ? `${skipped} file(s) the search skipped` : "";
    return below || passed ? `(--quiet: ${[below, passed].filter(Boolean).join("; ")} not shown)\n` : "";
  }

  /** The findings a baseline doesn't hold (and the baseline written, when asked); undefined when either fails. */
  function baselined(findings: readonly LocatedFinding[]): readonly LocatedFinding[] | undefined {
    let located = findings;
    const recorded = values["write-baseline"];
    if (recorded) {
      const written = writeTextFile(recorded, formatBaseline(located), { force: true });
      if (!written.ok) {
        io.err(`amlnet: ${oneLine(written.error)}\n`);
        return undefined;
      }
      const kept = located.filter((f) => !f.suppressed).length;
      io.err(`amlnet: wrote ${kept} finding(s) to ${quoteInput(recorded, 300)} as the baseline; check with --baseline ${quoteInput(recorded, 300)} reports only new ones\n`);
    }
    if (baselineFile) {
      const read = readText(baselineFile, values["max-bytes"] !== undefined ? { ...READ_BOUNDS.baseline, maxBytes: limitsFrom(values).maxBytes } : READ_BOUNDS.baseline);
      const baseline = read.ok ? parseBaseline(read.text) : read;
      if (!baseline.ok) {
        io.err(`amlnet: --baseline ${quoteInput(baselineFile)}: ${oneLine(baseline.error)}\n`);
        return undefined;
      }
      // Only what the baseline doesn't hold is reported and counts for the exit code.
      const before = located.filter((f) => !f.suppressed).length;
      located = newSince(located, baseline.fingerprints);
      const hidden = before - located.filter((f) => !f.suppressed).length;
      if (hidden) io.err(`amlnet: ${hidden} known finding(s) in ${quoteInput(baselineFile, 300)} not reported\n`);
    }
    return located;
  }

  function exitCode(located: readonly LocatedFinding[]): number {
    // Writing the baseline is the run's purpose: it succeeds once the file is written.
    if (failLevel === "none" || values["write-baseline"]) return 0;
    const threshold = SEVERITY_RANK[failLevel as Severity];
    return located.some((f) => !f.suppressed && SEVERITY_RANK[f.severity] <= threshold) ? 1 : 0;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
