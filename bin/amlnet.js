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
  const { main } = await import("../dist/cli.js");
  process.exitCode = main(argv, {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    isTTY: !!process.stdout.isTTY,
    columns: process.stdout.columns,
    env: process.env,
  });
}
