// `amlnet serve <file> [--port N]`: opens the input, serves the web view on 127.0.0.1
// and reloads it when the file changes on disk (tried first in a worker with a deadline, reload.ts). Started by bin/amlnet.js, like the CLI, over the
// library API alone.
import { readFileSync, watch } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { openFile, PACKAGE_ROOT, type Opened, oneLine, formatPosition, isTerraformPath, isPlanBesideConfiguration, terraformReader, INPUT_OPTIONS, fileOptionsFrom, OptionError, type FileOptions, type InputValues } from "../api/index.ts";
import { startServer, type Running } from "./server.ts";
import { asOpened, tryOpen } from "./reload.ts";

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

const USAGE = `amlnet serve <file> [--port N] [input options]
  Input options as check takes them: --max-bytes N, --max-values N, --parameters p.json,
  --param name=value, --cloud C, --location L, --clients clients.yaml, --max-resources N,
  --max-copy N, --max-steps N, --var name=value, --var-file f.
  The topology, findings, flow explorer, flows by source and what-if switches in a local web view on
  127.0.0.1 (port 0 or none: a free one). Reloads when the file changes (a Terraform folder: any of
  its .tf or .tfvars files); \`-\` reads standard input once and serves what it read. Stop it with Ctrl-C.`;

/** The bundled page (dist/web), built by scripts/build.mjs. */
export function assets(): { html: string; js: string; css: string } {
  const dir = join(PACKAGE_ROOT, "dist", "web");
  return { html: readFileSync(join(dir, "index.html"), "utf8"), js: readFileSync(join(dir, "app.js"), "utf8"), css: readFileSync(join(dir, "app.css"), "utf8") };
}

export async function serveMain(argv: string[], io: Io): Promise<number | Running> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.out(`${USAGE}\n`);
    return 0;
  }
  let values: InputValues & { port?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { port: { type: "string" }, ...INPUT_OPTIONS } }));
  } catch (e) {
    io.err(`amlnet: ${oneLine((e as Error).message.split("\n")[0])}\n\n${USAGE}\n`);
    return 2;
  }
  // Decimal digits only: Number() would take 0x1F90, 8080.0 and padded text.
  const port = values.port === undefined ? 0 : /^\d{1,5}$/.test(values.port) ? Number(values.port) : NaN;
  if (positionals.length !== 1 || !Number.isInteger(port) || port < 0 || port > 65535) {
    io.err(`amlnet: serve takes one file and a --port from 0 to 65535\n\n${USAGE}\n`);
    return 2;
  }
  const file = positionals[0];
  // Standard input can be read once only: it is served as first read and never watched.
  const stdin = file === "-";
  // Read afresh on every change; the options checked as `amlnet check` checks them.
  let options: FileOptions;
  try {
    options = fileOptionsFrom(values, { ...process.env });
  } catch (e) {
    if (!(e instanceof OptionError)) throw e;
    io.err(`amlnet: ${oneLine(e.message)}\n\n${USAGE}\n`);
    return 2;
  }
  // A Terraform folder needs the HCL parser (loaded once; the reload worker loads its own).
  const terraform = isTerraformPath(file) || isPlanBesideConfiguration(file) ? await terraformReader() : undefined;
  const first = openFile(file, { ...options, terraform });
  const load = (): Opened => asOpened(stdin ? first : openFile(file, { ...options, terraform }), file);
  if (!first.ok) {
    if ("usage" in first) io.err(`amlnet: ${oneLine(first.usage)}\n\n${USAGE}\n`);
    else if ("unreadable" in first) io.err(`amlnet: ${oneLine(first.unreadable)}\n`);
    else for (const e of first.errors) io.err(`${formatPosition(e.position)} error ${e.code} ${oneLine(e.message)}\n`);
    return 2;
  }
  let running: Running;
  try {
    running = await startServer({ load, opened: first, assets: assets(), port });
  } catch (e) {
    const code = (e as { code?: string }).code;
    io.err(`amlnet: can't listen on 127.0.0.1:${port}: ${code === "EADDRINUSE" ? "the port is in use (--port 0 picks a free one)" : (e as Error).message}\n`);
    return 2;
  }
  // Editors save by rename (a new file under the old name), so the folder is watched for the
  // file's name rather than the file itself; changes are debounced, then the file re-opened.
  let timer: NodeJS.Timeout | undefined;
  // One reload at a time; a change during one is taken up when it ends.
  let reloading = false;
  let again = false;
  const reload = (): void => {
    if (reloading) return void (again = true);
    reloading = true;
    void tryOpen(file, options).then((trial) => {
      if (!closed) running.reload(trial.ok ? undefined : trial.errors);
      reloading = false;
      if (again && !closed) (again = false), reload();
    });
  };
  let closed = false;
  // A Terraform root module is its folder: any .tf or .tfvars file in it counts.
  const folder = terraform && !/\.tf$/i.test(file) ? resolve(file) : dirname(resolve(file));
  const watcher = stdin
    ? undefined
    : watch(folder, (_event, changed) => {
        if (terraform ? !/\.(tf|tfvars)$/.test(String(changed)) : changed !== basename(file)) return;
        clearTimeout(timer);
        timer = setTimeout(reload, 150);
      });
  const close = running.close;
  io.out(`amlnet serves ${stdin ? "standard input" : file} at ${running.url} (127.0.0.1 only; Ctrl-C stops it)\n`);
  return { ...running, close: async () => ((closed = true), watcher?.close(), clearTimeout(timer), close()) };
}
