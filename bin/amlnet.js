#!/usr/bin/env node
// Runs the TypeScript sources through tsx's loader, so the package ships no build step. The CLI
// runs however this file is reached (a path, npm's .bin link, a global install).
import { register } from "tsx/esm/api";
register();
const { main } = await import("../src/cli/main.ts");
// Output piped into a reader that stops early (`amlnet rules | head`): stop quietly.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (e) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
process.exitCode = main(process.argv.slice(2), {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTTY: !!process.stdout.isTTY,
  env: process.env,
});
