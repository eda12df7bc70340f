// The type registry is the one place a type's API version, schema and deployment are decided:
// every type a template carries has an official schema file at exactly that API version, and
// every resource any example expands to has an entry.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { TYPES, azureType, isKnownType } from "./registry.ts";
import { checkBlueprint } from "../api/index.ts";

const schemas = new URL("../../../shared/arm-schemas/", import.meta.url);

test("every template type names an official schema file of its API version that defines it", () => {
  for (const [key, t] of Object.entries(TYPES)) {
    if (t.deploy !== "template") {
      assert.equal("schema" in t, false, `${key}: a type with a schema belongs in the template`);
      continue;
    }
    assert.ok(t.schema, `${key} has a schema`);
    assert.ok(t.schema.startsWith(`${t.apiVersion}/`), `${key}: schema ${t.schema} is of API version ${t.apiVersion}`);
    assert.ok(existsSync(new URL(t.schema, schemas)), `${t.schema} exists`);
    const schema = JSON.parse(readFileSync(new URL(t.schema, schemas), "utf8"));
    if ("propertiesDefinition" in t && t.propertiesDefinition) {
      // An extension resource: its file defines the properties, not the resource (see ../shared/arm-schemas/README.md).
      assert.ok(schema.definitions?.[t.propertiesDefinition], `${t.schema} defines ${t.propertiesDefinition}`);
      continue;
    }
    const defs = Object.keys(schema.resourceDefinitions ?? {}).map((k) => k.toLowerCase());
    assert.ok(defs.includes(t.type.split("/").slice(1).join("_").toLowerCase()), `${t.schema} defines ${t.type}`);
  }
});

test("every resource of every example is a registered type; unknown types are refused", () => {
  const dir = new URL("../../examples/", import.meta.url);
  const files = [...readdirSync(dir).filter((f) => f.endsWith(".yaml")), ...readdirSync(new URL("broken/", dir)).map((f) => `broken/${f}`)];
  for (const f of files) {
    const r = checkBlueprint(f, readFileSync(new URL(f, dir), "utf8"));
    assert.ok(r.ok);
    for (const res of r.model.resources) assert.ok(isKnownType(res.type), `${f}: ${res.type}`);
  }
  assert.throws(() => azureType("Microsoft.Example/widgets"), /not in the Azure type registry/);
});
