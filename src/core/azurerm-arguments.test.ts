// The shared azurerm argument table read both ways: every property it names, written as the
// Terraform back end writes it and read back as the Terraform reader reads it, is the same value;
// every argument is one the provider has; what a configuration leaves out reads as the provider's
// default.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { AZURERM_ARGUMENTS, AZURERM_BLOCKS, argumentsOf, blocksOf, bodyOfArguments, type ArgumentMapping } from "./azurerm-arguments.ts";
import { AZURERM_TYPES } from "../backends/terraform/azurerm-types.ts";

const schema = JSON.parse(readFileSync(new URL("../../test/support/azurerm-schema.json", import.meta.url), "utf8")) as { resources: Record<string, { attributes: string[]; blocks?: Record<string, unknown> }> };

/** A value of the property's kind, distinct per mapping. */
function sample(m: ArgumentMapping, i: number): unknown {
  if (m.as === "enabled") return i % 2 ? "Enabled" : "Disabled";
  if (m.as === "ref") return `/subscriptions/0/resourceGroups/rg/providers/Microsoft.Test/things/t${i}`;
  if (m.as === "refObject") return { id: `/subscriptions/0/resourceGroups/rg/providers/Microsoft.Test/things/t${i}` };
  if (m.as === "refObjects") return [{ id: `/subscriptions/0/resourceGroups/rg/providers/Microsoft.Test/things/t${i}` }];
  return `value-${i}`;
}

function set(o: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = o;
  for (const k of path.slice(0, -1)) at = (at[k] ??= {}) as Record<string, unknown>;
  at[path[path.length - 1]] = value;
}

const get = (o: unknown, path: readonly string[]): unknown => path.reduce<unknown>((x, k) => (x && typeof x === "object" ? (x as Record<string, unknown>)[k] : undefined), o);

for (const [tfType, mappings] of Object.entries(AZURERM_ARGUMENTS)) {
  test(`${tfType}: each argument written from its property reads back as the same property`, () => {
    const body: Record<string, unknown> = {};
    mappings.forEach((m, i) => set(body, m.path, sample(m, i)));
    const written = argumentsOf(tfType, body, (id) => id);
    assert.deepEqual(written.map(([a]) => a), mappings.map((m) => m.argument), "every argument, in the table's order");
    const read = bodyOfArguments(tfType, Object.fromEntries(written), () => false);
    mappings.forEach((m, i) => assert.deepEqual(get(read, m.path), sample(m, i), m.argument));
  });

  test(`${tfType}: every argument is the provider's; left out, it reads as the provider's default`, () => {
    // The schema snapshot holds the types the back end writes; the others are read only.
    if (schema.resources[tfType]) {
      const known = new Set([...schema.resources[tfType].attributes, ...Object.keys(schema.resources[tfType].blocks ?? {})]);
      for (const m of mappings) assert.ok(known.has(m.argument), `${tfType}.${m.argument} is in the azurerm schema`);
    } else assert.ok(!(AZURERM_TYPES as readonly string[]).includes(tfType), `${tfType} is written, so its schema is in the snapshot`);
    const read = bodyOfArguments(tfType, {}, () => false);
    for (const m of mappings) assert.deepEqual(get(read, m.path), m.read, `${m.argument} left out`);
  });
}

test("what a configuration can't know stays unknown; an older argument name is read", () => {
  const unknown = { unknown: true, reason: "known after apply" };
  const read = bodyOfArguments("azurerm_key_vault", { public_network_access_enabled: unknown, enable_rbac_authorization: true }, (v) => v === unknown);
  assert.deepEqual(read, { properties: { publicNetworkAccess: unknown, enableRbacAuthorization: true } });
});

for (const [tfType, specs] of Object.entries(AZURERM_BLOCKS))
  test(`${tfType}: each block's items written from the list property read back as the same list`, () => {
    const body: Record<string, unknown> = {};
    for (const spec of specs) {
      const items = [0, 1].map((k) => {
        const item: Record<string, unknown> = {};
        spec.item.forEach((m, i) => set(item, m.path, sample(m, i + 10 * k)));
        return item;
      });
      set(body, spec.path, items);
    }
    const written = blocksOf(tfType, body, (id) => id);
    assert.deepEqual(written.map(([b]) => b), specs.flatMap((spec) => [spec.block, spec.block]));
    const args: Record<string, unknown[]> = {};
    for (const [block, list] of written) (args[block] ??= []).push(Object.fromEntries(list));
    const read = bodyOfArguments(tfType, args, () => false);
    for (const spec of specs) assert.deepEqual(get(read, spec.path), get(body, spec.path), spec.block);
    const known = new Set(Object.keys(schema.resources[tfType]?.blocks ?? {}));
    for (const spec of specs) assert.ok(known.has(spec.block), `${tfType}.${spec.block} is in the azurerm schema`);
  });
