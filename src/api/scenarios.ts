// The bundled examples `amlnet init` starts from.
import { readFileSync, readdirSync } from "node:fs";

const EXAMPLES = new URL("../../examples/", import.meta.url);

export function scenarios(): string[] {
  return readdirSync(EXAMPLES)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

/** A scenario's blueprint, its schema reference pointing at the installed package's schema. */
export function scenarioText(name: string): string {
  return readFileSync(new URL(`${name}.yaml`, EXAMPLES), "utf8").replace(
    /^# yaml-language-server: \$schema=\.\.\/schema\/blueprint\.schema\.json$/m,
    `# yaml-language-server: $schema=${new URL("../schema/blueprint.schema.json", EXAMPLES).href}`,
  );
}
