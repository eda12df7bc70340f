// The command line starts from V8's code cache of its compiled script (bin/load-cli.js), and a
// cache that doesn't fit the script is set aside: the script then compiles from source and runs
// the same. npm test builds dist/ (cli.cjs and its cache) before the tests run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// @ts-expect-error: bin/ is plain JavaScript, without declarations.
import { cacheFile, loadCli } from "../bin/load-cli.js";

type Loaded = { main: (argv: string[], io: object) => number | Promise<number>; script: { cachedDataRejected?: boolean }; source: string; cached: boolean };
const load = loadCli as (dist?: string) => Loaded;
const dist = new URL("../dist/", import.meta.url).pathname;
const version = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

async function versionOf(loaded: Loaded): Promise<string> {
  let out = "";
  assert.equal(await loaded.main(["--version"], { out: (s: string) => (out += s), err: () => {}, isTTY: false, env: {} }), 0);
  return out;
}

/** A package folder of its own (the code finds its package.json above it); its dist/ folder. */
function packageDist(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "amlnet-cache-")), "dist");
  mkdirSync(dir);
  copyFileSync(new URL("../package.json", import.meta.url), join(dir, "..", "package.json"));
  return dir;
}

/** A dist/ of its own: the built script, and a cache file as given (none when undefined). */
function distWith(cache: Buffer | undefined, script = readFileSync(join(dist, "cli.cjs"))): string {
  const dir = packageDist();
  writeFileSync(join(dir, "cli.cjs"), script);
  if (cache) writeFileSync(join(dir, "cli.cache"), cache);
  return dir;
}

test("the built command line starts from its code cache, which this Node accepts", async () => {
  const loaded = load();
  assert.equal(loaded.cached, true, "dist/cli.cache matches dist/cli.cjs");
  assert.equal(loaded.script.cachedDataRejected, false, "V8 used the cache the build made");
  assert.equal(await versionOf(loaded), `${version}\n`);
});

test("a cache that doesn't fit the script is set aside, and the script compiles and runs as without one", async () => {
  const script = readFileSync(join(dist, "cli.cjs"));
  const cache = readFileSync(join(dist, "cli.cache"));
  // A byte of V8's data damaged: its digest no longer matches.
  const damaged = Buffer.from(cache);
  damaged[damaged.length - 100] ^= 0xff;
  // The script changed at the same length (V8 would check only the length): the cache is stale.
  const edited = Buffer.from(script);
  edited[edited.indexOf("No findings")] = "n".charCodeAt(0);
  // Data that isn't a code cache, behind a digest that fits it: offered, and refused by V8.
  const other = cacheFile(load().source, Buffer.from("not a code cache"));
  for (const [what, dir] of [
    ["no cache", distWith(undefined)],
    ["a damaged cache", distWith(damaged)],
    ["a cache of another build", distWith(cache, edited)],
    ["a truncated cache", distWith(cache.subarray(0, 16))],
  ] as const) {
    const loaded = load(dir);
    assert.equal(loaded.cached, false, what);
    assert.equal(await versionOf(loaded), `${version}\n`, what);
  }
  const refused = load(distWith(other));
  assert.equal(refused.cached, true);
  assert.equal(refused.script.cachedDataRejected, true, "V8 refuses data that isn't a cache of the script");
  assert.equal(await versionOf(refused), `${version}\n`);
});

test("the cache is of the script as built, copied with it", () => {
  const dir = packageDist();
  for (const f of ["cli.cjs", "cli.cache"]) copyFileSync(join(dist, f), join(dir, f));
  const loaded = load(dir);
  assert.equal(loaded.cached, true);
  assert.equal(loaded.script.cachedDataRejected, false);
});
