// Every code amlnet emits, in one table (the TypeScript compiler's diagnosticMessages habit):
// the rules' AMLnnn codes are the rule catalog's own entries (src/rules, each a data object);
// here are the rest: diagnostics about the run (AML900-AML909) and input errors of blueprints
// (BPnnn) and of templates and estates (ARnnn). `explain`, SARIF and the web view read titles,
// severities and descriptions from here; emitters take title and severity from here too. A test
// holds the table and the codes the sources emit to each other.

export type Severity = "error" | "warning" | "info";

/** Severities in order, most severe first: the one order reports, sorting and --fail-level use. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export interface DiagnosticInfo {
  readonly title: string;
  readonly severity: Severity;
  /** What it means and what to do, for `amlnet explain`. */
  readonly description: string;
  /** The change that deals with it (run diagnostics; an input error's message says it). */
  readonly fix?: string;
  /** Input errors stop the run (exit 2); run diagnostics are findings. */
  readonly kind: "run" | "input";
}

interface RunDiagnosticInfo extends DiagnosticInfo {
  readonly fix: string;
}

/** Diagnostics about the run itself rather than the deployment. */
export const RUN_DIAGNOSTICS = {
  AML900: {
    title: "Unused suppression",
    severity: "info",
    kind: "run",
    description:
      "A `suppress` entry in the blueprint silences no finding of its rule at or under the object holding it: the problem was fixed or the suppression sits in the wrong place.",
    fix: "Remove it, or move it to the object the finding is about.",
  },
  AML901: {
    title: "A rule failed to run",
    // An error: a check that could not run must not let a run pass as clean.
    severity: "error",
    kind: "run",
    description:
      "A rule threw while checking this input. The run goes on without that rule's findings, and fails (it is an error): a check that could not run never passes. The message names the rule and the error.",
    fix: "Report this with the blueprint or template that triggered it.",
  },
  AML902: {
    title: "Part of the input could not be evaluated",
    severity: "warning",
    kind: "run",
    description:
      "An imported template or Terraform configuration holds something amlnet can't evaluate before deployment and has left out or made unknown: a function it doesn't know, a copy loop (count, for_each) whose count or a resource whose name depends on an unknown value, a condition it can't decide, a linked template or a module that isn't on disk. Findings that depend on it say so (AML904).",
    fix: "Give the value it depends on (--param or --parameters for a template, --var or --var-file for Terraform; run terraform init so registry modules are on disk), or accept that amlnet leaves this part out.",
  },
  AML903: {
    title: "Resource types amlnet doesn't model",
    severity: "info",
    kind: "run",
    description:
      "An imported template or estate holds resource types no rule or flow reads. They are kept in the model and listed here, never dropped silently; if one of them matters to the network (a third-party appliance, say), describe it in a blueprint.",
    fix: "Nothing to do unless one of them carries traffic; describe such a resource in a blueprint.",
  },
  AML904: {
    title: "A check depends on a value known only at deployment",
    severity: "info",
    kind: "run",
    description:
      "A rule read a value an imported template can't know before deployment (a parameter without a value, a reference() to a resource outside the template). The rule neither passes nor fails on it: the finding names the value, so you can give it (--param, --parameters) or check it after deployment.",
    fix: "Give the value (--param name=value or --parameters file), or check this after deployment.",
  },
  AML905: {
    title: "Flows not judged: no clients",
    severity: "info",
    kind: "run",
    description:
      "A template or estate says nothing about who uses the workspace. Clients were inferred from VMs and on-premises gateways where the input shows them; flows from anyone else are not judged. Give the blueprint's clients section in a file with --clients.",
    fix: "Give the blueprint's clients section in a file with --clients.",
  },
  AML906: {
    title: "A parameter took its value from an option",
    severity: "info",
    kind: "run",
    description: "A template parameter with no default and no value given took one from a command-line option: a required location parameter takes --location's region. The note says which, so nothing is assumed silently.",
    fix: "Give the parameter yourself (--param or --parameters) if it should differ.",
  },
  AML907: {
    title: "amlnet failed",
    severity: "error",
    kind: "run",
    description:
      "amlnet itself failed on this input (a bug, not a problem of the input). The run exits 2 with one line on standard error; a --format json or sarif report is still written, saying the run did not succeed, so a CI step that uploads it never meets an empty or stale file.",
    fix: "Report it with the input that caused it.",
  },
  AML908: {
    title: "Parameters without a value",
    severity: "info",
    kind: "run",
    description:
      "Template parameters with no default, not nullable, and no value given (--parameters, --param) are unknown: what reads them is unknown too, and findings that rest on them say so (AML904). ARM would ask for them at deployment; amlnet judges what it can without them, so a module that receives its values from a parent still loads. The note names them.",
    fix: "Give them with --parameters p.json or --param name=value to judge what depends on them.",
  },
  AML909: {
    title: "A name in the clients file means several resources",
    severity: "warning",
    kind: "run",
    description:
      "A clients file names subnets, Bastions, gateways and Synapse workspaces as a blueprint does (`vnet/subnet`), and the input holds several of that name: environments stamped from one template, each in its own resource group. The client is placed at the first, in model order; its flows say nothing of the others.",
    fix: "Check each environment on its own (an export or template each), or give the resources distinct names.",
  },
} as const satisfies Readonly<Record<string, RunDiagnosticInfo>>;

export type RunDiagnosticCode = keyof typeof RUN_DIAGNOSTICS;

/** Input errors: one located message each, exit 2, nothing written. */
export const INPUT_ERRORS: Readonly<Record<string, DiagnosticInfo>> = {
  BP000: { title: "File can't be read", severity: "error", kind: "input", description: "The file is missing, a folder, not readable, larger than --max-bytes, or not UTF-8 (the message names the first bad byte's line and column)." },
  BP001: { title: "YAML syntax", severity: "error", kind: "input", description: "The text isn't valid YAML (a tab used for indentation, a duplicate key, an unclosed bracket), or holds more than one document. The position is where the parser stopped." },
  BP002: { title: "Not a mapping", severity: "error", kind: "input", description: "A blueprint is a YAML mapping with at least region, workspace, storage and keyVault; this file is empty, a list or a single value." },
  BP003: { title: "Unknown key", severity: "error", kind: "input", description: "A key the blueprint language doesn't have, often a typo (isolaton for isolation). Keys starting with x- are allowed at the top level to hold YAML anchors." },
  BP004: { title: "Missing required key", severity: "error", kind: "input", description: "A key the object needs is absent; the position is the object that lacks it." },
  BP005: { title: "Wrong value", severity: "error", kind: "input", description: "A value of the wrong type (a number where a mapping belongs), out of range, or not in the form Azure accepts (a port range like 99999-1, an address like 300.300.300.300, an NSG source that is neither a prefix nor a service tag)." },
  BP006: { title: "Input past a limit", severity: "error", kind: "input", description: "The file is larger than --max-bytes, its YAML aliases expand past --max-values, an alias names no anchor or itself, or it nests more than 100 levels. Raise the limits for a very large estate." },
  BP010: { title: "Reference or Azure rule", severity: "error", kind: "input", description: "A name that refers to nothing declared (a subnet, VNet, NSG), a duplicate name (Azure names ignore case), or a value Azure refuses at deployment: an unknown region for the cloud, a name breaking its type's naming rules, two NSG rules with one priority and direction, minNodes above maxNodes, a suppression of a rule that doesn't exist." },
  AR001: { title: "JSON syntax", severity: "error", kind: "input", description: "The template or estate isn't JSON as ARM reads it (comments and trailing commas are allowed). The position is where the parser stopped." },
  AR002: { title: "Not a template or an estate", severity: "error", kind: "input", description: "JSON that is neither a deployment template (its $schema names deploymentTemplate.json), an Azure Resource Graph result ({count, data}), nor a list of resource bodies (each with an id and a type); or a parameters file given where the template belongs." },
  AR003: { title: "Expression error", severity: "error", kind: "input", description: "An ARM expression that doesn't parse, or that fails when evaluated (a parameter or variable the template doesn't declare, a property the value lacks, a wrong argument, a cycle of variables, parameter defaults or reference() between resources). The position is the expression, at the offending part." },
  AR005: { title: "Parameter value", severity: "error", kind: "input", description: "A parameters file that isn't {\"parameters\": {name: {value}}}, a parameter the template doesn't declare, or a value (in the file or a --param) that isn't of the parameter's declared type, which ARM refuses (\"Template parameter JToken type is not valid\"); a --param's is written as JSON for int, bool, array and object." },
  AR006: { title: "Template limit", severity: "error", kind: "input", description: "The template is past one of ARM's documented limits (\"ARM template best practices\", Template limits: 256 parameters, 512 variables, 800 resources including copies, 64 outputs, a copy count of 800, 24,576 characters in an expression), which ARM refuses to deploy, or past amlnet's own bounds on evaluation (steps, nesting). --max-resources, --max-copy and --max-steps raise the ones a large generated template meets." },
  AR007: { title: "Property shape", severity: "error", kind: "input", description: "A network property amlnet computes with isn't the shape Azure takes: a VNet's addressPrefixes written as one string instead of a list, a prefix that isn't one (10.0.0.0/33), a list of subnets, rules or routes holding something else. ARM refuses it at deployment; amlnet says so where it is written rather than judge the network without it. Values the template can't tell before deployment are unknowns, not errors." },
  TF001: { title: "Terraform syntax", severity: "error", kind: "input", description: "A .tf or .tfvars file that isn't Terraform's native syntax (\"HCL Native Syntax Specification\"): an unclosed block or string, a stray character. The position is where the parser stopped." },
  TF002: { title: "Terraform expression error", severity: "error", kind: "input", description: "An expression that fails as terraform plan would fail it: a function that doesn't exist or is given what it can't take, an attribute the value doesn't have, a condition that isn't a bool, a block declared twice. The position is the expression." },
  TF003: { title: "Terraform reference cycle", severity: "error", kind: "input", description: "A local, variable default, resource or module whose value needs itself (through other names), or a module that calls itself: Terraform refuses the cycle. The position is the declaration read again." },
  TF004: { title: "Terraform count or for_each", severity: "error", kind: "input", description: "A count that isn't a whole number of 0 or more, a for_each that isn't a map or a set of strings, or either one over a value known only after apply (\"Invalid count argument\" in terraform plan). Over a variable without a value it is not an error: the resource is left out and said so." },
  TF005: { title: "Terraform limit", severity: "error", kind: "input", description: "The configuration is past amlnet's bounds on reading it: evaluation steps (--max-steps), instances of one resource (--max-resources), modules nested more than 16 deep." },
  TF006: { title: "Terraform variable value", severity: "error", kind: "input", description: "A --var that isn't name=value, or a value in a .tfvars file, a --var or a TF_VAR_ name that isn't a literal (a variables file can't refer to anything)." },
};

/** The entry of a run diagnostic or input error code. */
export function diagnosticInfo(code: string): DiagnosticInfo | undefined {
  return (RUN_DIAGNOSTICS as Readonly<Record<string, DiagnosticInfo>>)[code] ?? INPUT_ERRORS[code];
}

/** A run diagnostic as a finding: code, title, severity and fix from the table. */
export function runDiagnostic(code: RunDiagnosticCode): { readonly ruleId: string; readonly title: string; readonly severity: Severity; readonly fix: string } {
  const d: RunDiagnosticInfo = RUN_DIAGNOSTICS[code];
  return { ruleId: code, title: d.title, severity: d.severity, fix: d.fix };
}
