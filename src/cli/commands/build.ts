// `amlnet build`: the deployment files of a blueprint, written atomically into a folder.
import { parseArgs } from "node:util";
import {
  formatText,
  writeBuild,
  oneLine,
} from "../../api/index.ts";
import { type Io, UsageError, INPUT_OPTIONS, open } from "../common.ts";

export function build(args: string[], io: Io): number {
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
    io.err(`amlnet: ${oneLine(written.error)}\n`);
    return 2;
  }
  io.out(`Wrote ${[...files.keys()].join(", ")} to ${values.output}\n`);
  if (written.removed.length) io.out(`Removed ${written.removed.join(", ")}, which this build no longer writes\n`);
  return 0;
}
