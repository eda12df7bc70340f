// Every command's usage text: `amlnet help`, `amlnet <command> --help` and usage errors show it.
import { VERSION } from "../api/index.ts";

/** Each command's usage, shown by `amlnet <command> --help`, `amlnet help <command>` and with its usage errors. */
export const COMMANDS: Readonly<Record<string, string>> = {
  check: `amlnet check <file|folder|glob>... [options]
  Checks each input against every rule, in one report; exit 1 on findings at or above
  --fail-level, 2 when an input can't be read. A folder without .tf files of its own is searched
  (not node_modules or hidden folders): blueprints, templates, plans and estates are told apart
  by content and checked, each folder of .tf files is a root module unless another calls it, and
  the other JSON, YAML and Bicep files are listed as skipped, with why. A quoted glob
  ('infra/**/*.json') is expanded the same way. Template options go to the templates, --var to
  Terraform.
  --format text|json|sarif|github|junit   report format (default text); github: workflow
                             annotations; junit: a test case per rule and resource
  --fail-level error|warning|info|none   what makes the exit code 1 (default error)
  --show-suppressed          list suppressed findings too, with their reasons
  --quiet                    text: only the findings, no header or summary
  --output-file <file>       write the report there instead of standard output
  --sarif-root <dir>         SARIF and github paths are relative to it (default: the git root)
  --config <file>            settings file (default: amlnet.config.yaml found upward from the
                             first input): failLevel, format, baseline, rules to turn off or
                             re-level
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
  a DNS name, an address or a service tag. Where a name repeats (a compute or subnet in each of
  several environments), give the resource id.
  --port <1-65535>           (default 443)
  --protocol tcp|udp         (default tcp)
  --format text|json`,
  studio: `amlnet studio <file> [--format text|json]
  Studio features per client (F44, F45); exit 1 when one a client is used for is blocked.`,
  diff: `amlnet diff <before> <after> [options]
  Flows gained, lost and removed, and findings new and no longer reported, between two inputs
  (what-if): blueprints, templates, estates or Terraform folders, each as check reads it.
  --fail-on lost|changed|none   what makes the exit code 1 (default lost)
  --format text|json`,
  rules: `amlnet rules [--format text|json]
  The rule catalog.`,
  explain: `amlnet explain <AMLnnn|Fnn|BPnnn|ARnnn|TFnnn>
  What a rule checks, why, its sources and an example; a fact with the rules encoding it; an
  input error code.`,
  import: `amlnet import <template.json> [--output <file>] [--force] [template options]
  A best-effort blueprint from a template or an estate, with a 'guess' comment wherever it had
  to guess; without --output it goes to standard output. Template options as for check.`,
  serve: `amlnet serve <file> [--port N] [input options]
  The web view on 127.0.0.1: diagram (zoom, pan, search), findings, flow explorer, flows by
  source, what-if switches (each page its own); reloads when the file changes. Takes every input
  option check takes (--max-bytes, --max-values, template options, --var). Ctrl-C stops it.`,
  diagram: `amlnet diagram <file> --output <topology.svg> [--force] [template options]
  The topology as an SVG: VNets with their subnets and what sits in them, the managed network,
  PaaS resources, private DNS zones with their links, clients; endpoints and peerings as edges.`,
  init: `amlnet init --scenario <name> [--output <file>] [--force]
  Writes a starting blueprint (default amlnet.yaml) from a bundled scenario.`,
  help: `amlnet help [<command>]
  This overview, or one command's usage.`,
};

const INPUT_HELP = `<file> is a blueprint (YAML), an ARM template, or an exported estate (an Azure Resource Graph
result or a list of resource bodies), told apart by content; - reads standard input. A folder (or a
.tf file, meaning its folder) is a Terraform root module: every .tf file, the local modules it
calls, and variables from TF_VAR_ names, terraform.tfvars, *.auto.tfvars, --var-file f and
--var name=value (repeatable), later ones winning. A blueprint is bounded by --max-bytes N
(default 262144) and --max-values N (values after YAML aliases expand, default 200000). Template
options: --parameters p.json, --param name=value (repeatable), --cloud
AzureCloud|AzureUSGovernment|AzureChinaCloud, --location <resource group's region>, --clients
clients.yaml (the blueprint's clients: section, or its bare list). A template is held to ARM's
limits (800 resources and a copy count of 800) and amlnet's evaluation budget: --max-resources N,
--max-copy N and --max-steps N raise them.`;

export const USAGE = `amlnet ${VERSION}: design, check and verify network-isolated Azure Machine Learning

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
NO_COLOR (or TERM=dumb) turns it off.`;

/** One command's full usage. */
export function usageOf(command: string): string {
  // The note about input files is for the commands that read one.
  return NO_INPUT.has(command) ? COMMANDS[command] : `${COMMANDS[command]}\n\n${INPUT_HELP}`;
}

const NO_INPUT: ReadonlySet<string> = new Set(["rules", "explain", "init", "help"]);
