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

test("per-type facts live in the registry: no switch over a resource type and no type-keyed table elsewhere", () => {
  const root = new URL("../", import.meta.url);
  const files = (dir: URL): URL[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(new URL(`${e.name}/`, dir)) : e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [new URL(e.name, dir)] : [],
    );
  // The Terraform writers are code (one function a type), not facts: their azurerm names are the
  // registry's. The Terraform reader's syntax switches over kinds of syntax-tree node, not Azure types.
  const allowed = ["core/registry.ts", "backends/terraform/azurerm.ts", "frontends/terraform/syntax.ts"];
  const found: string[] = [];
  for (const f of files(root)) {
    const rel = f.pathname.slice(root.pathname.length);
    if (allowed.includes(rel)) continue;
    const text = readFileSync(f, "utf8");
    if (/switch \([^)]*\.type\b/.test(text)) found.push(`${rel}: switch over a type`);
    if (/\[T\.\w+(\.toLowerCase\(\))?\]:/.test(text)) found.push(`${rel}: a table keyed by type`);
    if (/"microsoft\.[a-z]+\/[a-z]+"\s*:/.test(text)) found.push(`${rel}: a table keyed by a type name`);
  }
  assert.deepEqual(found, []);
});

test("the azurerm types of the registry are the Terraform back end's (one table, read both ways)", async () => {
  const { AZURERM_TYPES } = await import("../backends/terraform/azurerm-types.ts");
  const all = new Set<string>(AZURERM_TYPES);
  for (const [key, t] of Object.entries(TYPES)) for (const a of ("azurerm" in t ? t.azurerm : undefined) ?? []) assert.ok(all.has(a), `${key}: ${a}`);
  // Each azurerm type stands for one ARM type: a reader can go back.
  const owners = new Map<string, string[]>();
  for (const t of Object.values(TYPES)) for (const a of ("azurerm" in t ? t.azurerm : undefined) ?? []) owners.set(a, [...(owners.get(a) ?? []), t.type]);
  assert.deepEqual([...owners].filter(([, o]) => o.length > 1), []);
});

test("a type's DNS facts and service tag come from its entry", async () => {
  const { resourceFqdn } = await import("./names.ts");
  const res = (type: string, name: string) => ({ id: `/x/${name}`, type, name, properties: {} });
  const where = { cloud: "AzureCloud" as const, region: "eastus" };
  assert.equal(resourceFqdn(where, res(TYPES.storage.type, "stdata"), "file"), "stdata.file.core.windows.net");
  assert.equal(resourceFqdn(where, res(TYPES.acr.type, "CRdata"), "registry"), "crdata.azurecr.io");
  assert.equal(resourceFqdn(where, res(TYPES.synapse.type, "syn"), "SqlOnDemand"), "syn-ondemand.sql.azuresynapse.net");
  assert.equal(resourceFqdn({ cloud: "AzureUSGovernment", region: "usgovvirginia" }, res(TYPES.keyVault.type, "kv"), "vault"), "kv.vault.usgovcloudapi.net");
  assert.equal(resourceFqdn(where, res(TYPES.vnet.type, "v")), undefined);
  assert.deepEqual(TYPES.keyVault.serviceTag, { name: "AzureKeyVault", regional: true });
});
