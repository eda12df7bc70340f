// Writes test/support/azurerm-schema.json: the argument and block names of the azurerm resources
// the Terraform back end writes, taken from the provider's own schema as compiled into
// @cdktn/provider-azurerm (its bindings are generated from `terraform providers schema`).
// The package is 270 MB, so it is not a dependency; to refresh the snapshot:
//   npm pack @cdktn/provider-azurerm@<v> && tar xzf cdktn-provider-azurerm-<v>.tgz
//   npx tsx scripts/azurerm-schema.ts package
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AZURERM_TYPES } from "../src/backends/terraform/azurerm-types.ts";

interface Block {
  attributes: string[];
  /** Arguments and blocks the provider requires. */
  required: string[];
  blocks: Record<string, Block>;
}

const root = process.argv[2];
if (!root) throw new Error("usage: azurerm-schema.ts <unpacked @cdktn/provider-azurerm folder>");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const wanted = new Set<string>(AZURERM_TYPES);
const resources: Record<string, Block> = {};

for (const dir of readdirSync(join(root, "lib"))) {
  let js: string;
  let dts: string;
  try {
    js = readFileSync(join(root, "lib", dir, "index.js"), "utf8");
    dts = readFileSync(join(root, "lib", dir, "index.d.ts"), "utf8");
  } catch {
    continue;
  }
  // Data sources share the resource type names; only resources count.
  if (dir.startsWith("data-azurerm-")) continue;
  const type = /\.tfResourceType = "(\w+)"/.exec(js)?.[1];
  if (!type || !wanted.has(type)) continue;
  // Each nested block is converted by a `<Struct>ToHclTerraform(struct)` function whose `attrs`
  // object lists its arguments and sub-blocks; the resource's own list is synthesizeHclAttributes.
  const structs = new Map<string, string>();
  for (const m of js.matchAll(/function (\w+)ToHclTerraform\(struct\) \{(?:(?!\nfunction )[\s\S])*?const attrs = \{\n([\s\S]*?)\n {4}\};/g)) structs.set(m[1], m[2]);
  // Required names per struct, from the typed config interfaces (a property without `?`).
  const requiredOf = new Map<string, string[]>();
  for (const m of dts.matchAll(/export interface (\w+?)(?:Config)? (?:extends [\w.]+ )?\{\n([\s\S]*?)\n\}/g)) {
    const names = [...m[2].matchAll(/#(\w+) \w+#\w+\}\n\s*\*\/\n\s*readonly \w+:/g)].map((x) => x[1]);
    requiredOf.set(m[1].charAt(0).toLowerCase() + m[1].slice(1), names.sort());
  }
  const top = /synthesizeHclAttributes\(\) \{\n\s+const attrs = \{\n([\s\S]*?)\n {8}\};/.exec(js)?.[1] ?? "";
  const parse = (body: string, seen: string[], struct: string): Block => {
    const block: Block = { attributes: [], required: requiredOf.get(struct) ?? [], blocks: {} };
    for (const e of body.matchAll(/^ +(\w+): \{\n +value: (.*),\n +isBlock: (true|false)/gm)) {
      // `id` is computed; cdktn lists it as settable but the provider does not take it.
      if (e[3] === "false") {
        if (e[1] !== "id") block.attributes.push(e[1]);
      }
      else {
        const fn = [...e[2].matchAll(/\b(\w+)ToHclTerraform\b/g)].map((x) => x[1]).find((n) => structs.has(n));
        if (e[1] === "timeouts") continue;
        block.blocks[e[1]] = fn && !seen.includes(fn) ? parse(structs.get(fn)!, [...seen, fn], fn) : { attributes: [], required: [], blocks: {} };
      }
    }
    block.attributes.sort();
    return block;
  };
  const resourceStruct = [...requiredOf.keys()].find((k) => `${k}Config`.length && dts.includes(`export interface ${k.charAt(0).toUpperCase()}${k.slice(1)}Config `))!;
  resources[type] = parse(top, [], resourceStruct);
}

const missing = [...wanted].filter((t) => !resources[t]);
if (missing.length) throw new Error(`not in the package: ${missing.join(", ")}`);
const out = {
  provider: pkg.cdktf?.provider ?? pkg.cdktn?.provider,
  extractedFrom: `${pkg.name}@${pkg.version}`,
  resources: Object.fromEntries(Object.entries(resources).sort(([a], [b]) => a.localeCompare(b))),
};
writeFileSync(new URL("../test/support/azurerm-schema.json", import.meta.url), JSON.stringify(out, null, 1) + "\n");
console.log(`wrote ${Object.keys(resources).length} resource schemas from ${out.extractedFrom}`);
