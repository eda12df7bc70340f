// amlnet as a library: open a blueprint, a template or an exported estate, then ask for findings,
// flows, traces, the studio matrix, a diff, the diagram, what-ifs or (for a blueprint) the build
// files. The CLI and the web view use exactly this; nothing else is public.
import { openBlueprint, type OpenOptions, type Project } from "./project.ts";
import type { Model } from "../core/model.ts";
import type { SourceDoc } from "../core/source.ts";
import type { Finding, InputError } from "./project.ts";

export { openBlueprint, type Opened, type OpenOptions, type Project, type TraceOptions, type Finding, type InputError } from "./project.ts";
export { VERSION } from "./version.ts";
export { openJson, type JsonOpenOptions } from "./open-json.ts";
export { openInput, type InputOptions } from "./open-input.ts";
export { openFile, CLOUDS, type FileOptions, type FileOpened } from "./open-file.ts";
export { terraformReader, isTerraformPath, isPlanBesideConfiguration, openTerraform, type TerraformReader, type TerraformOpenOptions } from "./terraform.ts";
export { looksLikeJson } from "../frontends/arm/load.ts";
export { migrate } from "./migrate.ts";
export { drawDiagram, type Diagram, type LayoutCache } from "./diagram.ts";
export { whatIf, switchesOf, type WhatIf } from "./what-if.ts";
export { ruleInfo, type RuleInfo } from "./rule-info.ts";
export type { Layout, Box, Path } from "../report/diagram/layout.ts";
export { PALETTE, TEXT, DETAIL, EDGE } from "../report/diagram/svg.ts";
export { CONFIG_FILE, configuredRules, findConfig, loadConfig, type ProjectConfig } from "./config.ts";
export { closest } from "../core/closest.ts";
export { jsonText, oneLine, quoteInput } from "../core/quote.ts";
export { DEFAULT_LIMITS, type InputLimits } from "../frontends/blueprint/source.ts";
export { READ_BOUNDS, readText, repositoryRoot, relativeTo, isInside } from "./read.ts";
export { PACKAGE_ROOT } from "./package-root.ts";
export { writeBuild, writeTextFile, type FileSystem, type WriteResult } from "./write-build.ts";
export { scenarios, scenarioText, schemaPlacement, writeScenario, SCHEMA_BESIDE } from "./scenarios.ts";
export { RULES } from "../rules/catalog.ts";
export { META_DIAGNOSTICS } from "../rules/meta.ts";
export { SEVERITY_RANK, diagnosticInfo, INPUT_ERRORS } from "../core/diagnostics.ts";
export type { Rule, Severity } from "../rules/rule.ts";
export type { Trace, Hop } from "../engine/flow.ts";
export { flowKey, type FlowResult } from "../questions/flows.ts";
export type { StudioFeature } from "../questions/studio.ts";
export type { FlowDiff } from "../questions/diff.ts";
export type { Model } from "../core/model.ts";
export type { Position, SourceDoc } from "../core/source.ts";
export { formatPosition } from "../core/source.ts";
export type { LocatedFinding } from "../report/locate.ts";
export { formatText, formatSummary, byReadingOrder } from "../report/text.ts";
export { wrapLines, type Style } from "../report/style.ts";
export { formatJson, formatJsonInputErrors, JSON_SCHEMA_VERSION } from "../report/json.ts";
export { formatSarif, formatSarifInputErrors } from "../report/sarif.ts";
export { formatGithub, formatGithubInputErrors } from "../report/github.ts";
export { formatJunit, formatJunitInputErrors } from "../report/junit.ts";
export { formatSeveralGithub, formatSeveralJson, formatSeveralJunit, formatSeveralSarif, formatSeveralText, type InputOutcome, type SeveralReport } from "../report/several.ts";
export { discoverInputs, type Skipped } from "./discover.ts";
export { INPUT_OPTIONS, OptionError, fileOptionsFrom, limitsFrom, templateLimitsFrom, type InputValues } from "./input-options.ts";
export { formatBaseline, parseBaseline, newSince } from "../report/baseline.ts";
export { formatDiff, formatFindingsDiff, formatFlows, formatStudio, formatTrace } from "../report/flows.ts";
export { explain, listRules } from "../report/explain.ts";

export type CheckResult =
  | { readonly ok: true; readonly model: Model; readonly findings: readonly Finding[]; readonly source: SourceDoc }
  | { readonly ok: false; readonly errors: readonly InputError[] };

/** The main job in one call: blueprint text to model and located findings. */
export function checkBlueprint(file: string, text: string, rules?: OpenOptions["rules"]): CheckResult {
  const opened = openBlueprint(file, text, { rules });
  if (!opened.ok) return opened;
  const p: Project = opened.project;
  return { ok: true, model: p.model, findings: p.findings, source: p.source };
}
