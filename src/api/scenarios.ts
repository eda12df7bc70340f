// The bundled examples `amlnet init` starts from.
import { readFileSync, readdirSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { PACKAGE_ROOT } from "./package-root.ts";
import { VERSION } from "./version.ts";

const EXAMPLES = pathToFileURL(join(PACKAGE_ROOT, "examples/"));

export function scenarios(): string[] {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

/**
 * A scenario's blueprint. Its schema reference is the published schema of this version, so it
 * works when the file is committed and opened on another machine (a path into one machine's
 * node_modules would not).
 */
export function scenarioText(name: string): string {
  return readFileSync(new URL(`${name}.yaml`, EXAMPLES), "utf8").replace(
    /^# yaml-language-server: \$schema=\.\.\/schema\/blueprint\.schema\.json$/m,
    `# yaml-language-server: $schema=${SCHEMA_URL}`,
  );
}

/** The JSON Schema of this version as the npm registry's CDN serves the published package. */
export const SCHEMA_URL = `https://unpkg.com/amlnet@${VERSION}/schema/blueprint.schema.json`;
