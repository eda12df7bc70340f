// `amlnet init`: a starting blueprint from a bundled scenario.
import { parseArgs } from "node:util";
import { scenarios, writeScenario, oneLine, quoteInput } from "../../api/index.ts";
import { type Io, UsageError } from "../common.ts";

export function init(args: string[], io: Io): number {
  const { values } = parseArgs({
    args,
    options: { scenario: { type: "string" }, output: { type: "string", short: "o", default: "amlnet.yaml" }, force: { type: "boolean", default: false } },
  });
  const names = scenarios();
  if (!values.scenario || !names.includes(values.scenario))
    throw new UsageError(`init needs --scenario, one of: ${names.join(", ")}`);
  const out = values.output!;
  const written = writeScenario(values.scenario, out, { force: values.force });
  if (!written.ok) {
    io.err(`amlnet: ${oneLine(written.error)}\n`);
    return 2;
  }
  const shown = quoteInput(out, 300);
  const schema = written.schema ? ` and its editor schema ${quoteInput(written.schema, 300)}` : "";
  io.out(`Wrote ${shown}${schema} (scenario ${values.scenario}). Next: amlnet check ${shown}\n`);
  return 0;
}
