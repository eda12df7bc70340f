#!/usr/bin/env node
// The amlnet command: runs the compiled CLI (dist/, built by scripts/build.mjs) however this
// file is reached (a path, npm's .bin link, a global install), with V8's code cache (load-cli.js).
// --version answers before anything else loads, so it starts as fast as node itself.
import { readFileSync } from "node:fs";

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version}\n`);
} else {
  // Output piped into a reader that stops early (`amlnet rules | head`): write nothing more and
  // exit with the run's own code. Any other failure to write (a full disk): one line, exit 2.
  const closed = new Set();
  let writeFailed = false;
  const WHY = { ENOSPC: "no space left on the device", EIO: "an input/output error", EBADF: "it is closed", EACCES: "permission denied" };
  for (const [name, stream] of [["standard output", process.stdout], ["standard error", process.stderr]])
    stream.on("error", (e) => {
      closed.add(stream);
      if (e.code === "EPIPE") return;
      writeFailed = true;
      process.exitCode = 2;
      if (stream !== process.stderr && !closed.has(process.stderr)) process.stderr.write(`amlnet: can't write to ${name}: ${WHY[e.code] ?? e.code ?? "it failed"}\n`);
    });
  const write = (stream) => (s) => void (closed.has(stream) || stream.write(s));
  if (argv[0] === "serve") {
    // The web view runs until stopped; its server keeps the process alive.
    const { serveMain } = await import("../dist/web.js");
    const running = await serveMain(argv.slice(1), { out: write(process.stdout), err: write(process.stderr) });
    if (typeof running === "number") process.exitCode = running;
    else for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void running.close().then(() => process.exit(0)));
  } else {
    const { loadCli } = await import("./load-cli.js");
    const { main } = loadCli();
    const code = await main(argv, {
      out: write(process.stdout),
      err: write(process.stderr),
      isTTY: !!process.stdout.isTTY,
      columns: process.stdout.columns,
      env: process.env,
    });
    process.exitCode = writeFailed ? 2 : code;
  }
}
