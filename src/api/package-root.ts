// The installed package's folder, found from this module's own place, so the same code works run
// from the sources (src/api/) and bundled (dist/): the nearest folder upward whose package.json
// names amlnet. package.json, examples/ and schema/ are read from there.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function find(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "amlnet") return dir;
    if (dirname(dir) === dir) throw new Error("amlnet's package.json is not above its code");
  }
}

export const PACKAGE_ROOT = find();
