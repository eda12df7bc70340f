// The command line's compiled code (dist/cli.cjs, one CommonJS script built by scripts/build.mjs)
// loaded with V8's code cache (dist/cli.cache, which the build writes after a check has run):
// V8 then skips compiling the 0.9 MB script and the functions a check calls, a third of a check's
// start-up. The cache changes how fast amlnet starts, never what it does: V8 sets aside a cache
// made by another Node or V8 version or under other V8 flags, and this file sets aside one whose
// digest doesn't match the source it compiles and the cache as written (a cache of an earlier
// build, a file damaged on disk: V8 checks only the source's length and, in release builds, no
// checksum). The script then compiles from source, as it would without a cache.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));
const DIGEST_BYTES = 32;

/** The SHA-256 of the source V8 compiles and V8's cache data: what cli.cache starts with. */
export function cacheDigest(source, data) {
  return createHash("sha256").update(source).update(data).digest();
}

/** cli.cache's content for the source V8 compiled and the cache data it made of it. */
export function cacheFile(source, data) {
  return Buffer.concat([cacheDigest(source, data), data]);
}

/**
 * The CLI's `main`; the script it was compiled from (its cachedDataRejected tells whether V8 used
 * the cache) and that script's source; whether a cache was offered. `dist` holds cli.cjs and
 * cli.cache.
 */
export function loadCli(dist = DIST) {
  const file = join(dist, "cli.cjs");
  // Wrapped as Node wraps a CommonJS module; the cache and its digest are of this exact text.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(file, "utf8")}\n})`;
  let cachedData;
  try {
    const cache = readFileSync(join(dist, "cli.cache"));
    const data = cache.subarray(DIGEST_BYTES);
    if (cache.length > DIGEST_BYTES && cacheDigest(source, data).equals(cache.subarray(0, DIGEST_BYTES))) cachedData = data;
  } catch {
    // No cache: compiled from source.
  }
  const script = new Script(source, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  return { main: module.exports.main, script, source, cached: cachedData !== undefined };
}
