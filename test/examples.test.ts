// Every bundled scenario checks clean; every broken variant fails with exactly the rule ids its
// first line expects (errors and warnings; info findings may come along).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { parse } from "yaml";
import { checkBlueprint } from "../src/api/index.ts";
import { blueprintJsonSchema } from "../src/frontends/blueprint/json-schema.ts";

const dir = new URL("../examples/", import.meta.url);
const scenarios = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
const broken = readdirSync(new URL("broken/", dir)).filter((f) => f.endsWith(".yaml"));

test("there is one example per documented scenario", () => {
  assert.deepEqual(scenarios.sort(), [
    "custom-dns-hub-spoke.yaml",
    "hub-projects.yaml",
    "isolated-aks-vnet.yaml",
    "isolated-clients-vnet.yaml",
    "managed-vnet-openai.yaml",
    "private-link-workspace.yaml",
    "public-workspace-secured-resources.yaml",
    "secure-training-inference.yaml",
    "sentinel-jumpbox.yaml",
    "synapse-integration.yaml",
  ]);
});

for (const f of scenarios) {
  test(`example ${f} checks clean`, () => {
    const r = checkBlueprint(f, readFileSync(new URL(f, dir), "utf8"));
    assert.ok(r.ok, r.ok ? "" : r.errors.map((e) => e.message).join("\n"));
    assert.deepEqual(r.findings.filter((x) => !x.suppressed).map((x) => `${x.ruleId} ${x.message}`), []);
  });
}

for (const f of broken) {
  test(`broken example ${f} fails with its expected rules`, () => {
    const text = readFileSync(new URL(`broken/${f}`, dir), "utf8");
    const expected = /^# expect: (.*)$/m.exec(text)?.[1].split(/,\s*/).sort();
    assert.ok(expected && expected.length > 0, "first line names the expected rule ids");
    const r = checkBlueprint(f, text);
    assert.ok(r.ok);
    const found = [...new Set(r.findings.filter((x) => x.severity !== "info" && !x.suppressed).map((x) => x.ruleId))].sort();
    assert.deepEqual(found, expected);
  });
}

test("the committed JSON Schema is the generated one, and every example satisfies it", () => {
  const committed = readFileSync(new URL("../schema/blueprint.schema.json", import.meta.url), "utf8");
  assert.equal(committed, blueprintJsonSchema(), "run npm run schema");
  const validate = new Ajv({ strict: false }).compile(JSON.parse(committed));
  for (const f of [...scenarios, ...broken.map((b) => `broken/${b}`)]) {
    const ok = validate(parse(readFileSync(new URL(f, dir), "utf8")));
    assert.ok(ok, `${f}: ${JSON.stringify(validate.errors)}`);
  }
  assert.equal(validate({ region: "eastus", workspace: { name: "w", typo: 1 }, storage: { name: "st1" }, keyVault: { name: "kv1" } }), false);
});

test("the JSON Schema describes every top-level section, for editors' hover help", () => {
  const schema = JSON.parse(readFileSync(new URL("../schema/blueprint.schema.json", import.meta.url), "utf8")) as { properties: Record<string, { description?: string }> };
  assert.deepEqual(Object.entries(schema.properties).filter(([, v]) => !v.description).map(([k]) => k), []);
});
