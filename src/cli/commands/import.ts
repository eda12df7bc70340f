// `amlnet import`: a best-effort blueprint from a template or an estate.
import { parseArgs } from "node:util";
import {
  migrate,
  writeTextFile,
  oneLine,
} from "../../api/index.ts";
import { type Io, UsageError, INPUT_OPTIONS, open } from "../common.ts";

export function importCommand(args: string[], io: Io): number {
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
    io.err(`amlnet: ${oneLine(written.error)}\n`);
    return 2;
  }
  io.out(`Wrote ${values.output} with ${migrated.guesses.length} guess(es) marked in comments. Next: amlnet check ${values.output}\n`);
  return 0;
}
