// amlnet command line: a thin layer over the pipeline, one module a command (cli/commands/).
// Exit codes: 0 clean, 1 findings at or above --fail-level, 2 bad input or usage.
import { VERSION, oneLine, terraformReader } from "../api/index.ts";
import { type Io, NeedsTerraform, UsageError, nearest, suggestion } from "./common.ts";
import { COMMANDS, USAGE, usageOf } from "./usage.ts";
import { check } from "./commands/check.ts";
import { flowCommand } from "./commands/questions.ts";
import { build } from "./commands/build.ts";
import { diagram } from "./commands/diagram.ts";
import { importCommand } from "./commands/import.ts";
import { init } from "./commands/init.ts";
import { explainCommand, rules } from "./commands/catalog.ts";

export function main(argv: string[], io: Io): number | Promise<number> {
  const command = argv[0] && argv[0] in COMMANDS ? argv[0] : undefined;
  try {
    // --help anywhere after a command: that command's usage.
    if (command && argv.slice(1).some((a) => a === "--help" || a === "-h")) {
      io.out(`${usageOf(command)}\n`);
      return 0;
    }
    const code = runWithTerraform(argv, io);
    // diagram and serve are asynchronous (layout, the server): their failures are reported the same way.
    return typeof code === "number" ? code : code.catch((e: unknown) => failed(e, io, command));
  } catch (e) {
    return failed(e, io, command);
  }
}

/**
 * Runs a command; one that opens Terraform input (a folder or a .tf file) asks for the HCL parser,
 * which loads asynchronously: it is loaded, and the command runs again with it (a command opens
 * its input before it writes anything).
 */
function runWithTerraform(argv: string[], io: Io): number | Promise<number> {
  const again = () => terraformReader().then((reader) => run(argv, { ...io, terraform: reader }));
  try {
    const code = run(argv, io);
    return typeof code === "number" ? code : code.catch((e: unknown) => (e instanceof NeedsTerraform ? again() : Promise.reject(e)));
  } catch (e) {
    if (e instanceof NeedsTerraform) return again();
    throw e;
  }
}

/** A usage error with the command's usage; anything else as one line, exit 2. */
function failed(e: unknown, io: Io, command: string | undefined): number {
  if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    // A usage error shows the command's usage only, with the nearest option for a mistyped one.
    const message = (e as Error).message.split("\n")[0].replace(/\. To specify a positional argument.*$/, "");
    io.err(`amlnet: ${oneLine(message)}${suggestion(e, command)}\n\n${command ? usageOf(command) : USAGE}\n`);
    return 2;
  }
  // Nothing reaches the user as a stack trace: one line, exit 2 (a bug to report, if it happens).
  io.err(`amlnet: internal error: ${oneLine(e instanceof Error ? e.message : String(e))} (please report it with the input that caused it)\n`);
  return 2;
}

function run(argv: string[], io: Io): number | Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "check":
      return check(rest, io);
    case "build":
      return build(rest, io);
    case "rules":
      return rules(rest, io);
    case "explain":
      return explainCommand(rest, io);
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

