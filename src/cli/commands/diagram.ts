// `amlnet diagram`: the topology as an SVG file.
import { parseArgs } from "node:util";
import {
  drawDiagram,
  writeTextFile,
  oneLine,
} from "../../api/index.ts";
import { type Io, UsageError, INPUT_OPTIONS, open } from "../common.ts";

export async function diagram(args: string[], io: Io): Promise<number> {
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
    io.err(`amlnet: ${oneLine(written.error)}\n`);
    return 2;
  }
  io.out(`Wrote ${values.output} (${layout.boxes.length} boxes, ${layout.paths.length} edges, ${layout.width}x${layout.height}).\n`);
  return 0;
}
