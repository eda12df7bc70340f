#!/usr/bin/env node
// The amlnet command: runs the compiled CLI (dist/, built by npm's prepare step) however this
// file is reached (a path, npm's .bin link, a global install). --version answers before anything
// else loads, so it starts as fast as node itself.
import { readFileSync } from "node:fs";

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
  process.stdout.write(`${JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version}\n`);
} else {
  // Output piped into a reader that stops early (`amlnet rules | head`): stop quietly.
  for (const stream of [process.stdout, process.stderr])
    stream.on("error", (e) => {
      if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw e;
    });
  if (argv[0] === "serve") {
    // The web view runs until stopped; its server keeps the process alive.
    const { serveMain } = await import("../dist/web.js");
    const running = await serveMain(argv.slice(1), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
    if (typeof running === "number") process.exitCode = running;
    else for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => void running.close().then(() => process.exit(0)));
  } else {
    const { main } = await import("../dist/cli.js");
    process.exitCode = await main(argv, {
      out: (s) => process.stdout.write(s),
      err: (s) => process.stderr.write(s),
      isTTY: !!process.stdout.isTTY,
      columns: process.stdout.columns,
      env: process.env,
    });
  }
}
