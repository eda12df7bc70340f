// The build's last step for the command line: runs `check` on an example through bin/load-cli.js
// (output discarded), then writes V8's code cache of dist/cli.cjs, the functions the check
// compiled included, to dist/cli.cache behind its digest. Run as its own process by
// scripts/build.mjs, so no flag of the build's process reaches the cache.
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { cacheFile, loadCli } from "../bin/load-cli.js";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
// The build has just emptied dist/: the script compiles from source.
const { main, script, source } = loadCli(dist);
const code = await main(["check", fileURLToPath(new URL("../examples/private-link-workspace.yaml", import.meta.url))], { out: () => {}, err: () => {}, isTTY: false, env: {} });
if (code !== 0) throw new Error(`check on the example exited ${code} while the code cache was made`);
writeFileSync(`${dist}cli.cache`, cacheFile(source, script.createCachedData()));
