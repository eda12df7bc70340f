// `amlnet init`: a starting blueprint from a bundled scenario.
import { parseArgs } from "node:util";
import {
  scenarioText,
  scenarios,
  writeTextFile,
  oneLine,
} from "../../api/index.ts";
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
  const written = writeTextFile(out, scenarioText(values.scenario), { force: values.force });
  if (!written.ok) {
    io.err(`amlnet: ${oneLine(written.error)}\n`);
    return 2;
  }
  io.out(`Wrote ${out} (scenario ${values.scenario}). Next: amlnet check ${out}\n`);
  return 0;
}
