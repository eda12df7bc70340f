// ARM compares resource types, resource group names and service tags without regard to case, and
// Resource Graph writes types in lower case: a template written that way is the same template.
// Every example's built main.json, with every type and every service tag lower-cased and the
// resource group named in upper case, gives the same findings and flows as the original.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { openBlueprint, openJson, type Project } from "../src/api/index.ts";

const dir = new URL("../examples/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));

const TAG = /^[A-Za-z][A-Za-z]+(\.[A-Za-z0-9]+)?$/;

/** `value` with every ARM `type` and every address-prefix service tag lower-cased. */
function lowerCased(value: unknown, key = ""): unknown {
  if (typeof value === "string") {
    if (key === "type" && value.includes("/")) return value.toLowerCase();
    if (/AddressPrefix(es)?$/.test(key) && TAG.test(value) && value !== "VirtualNetwork") return value.toLowerCase();
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => lowerCased(v, key));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, lowerCased(v, k)]));
  return value;
}

const summary = (p: Project) => ({
  findings: p.findings.map((f) => `${f.ruleId} ${f.resourceId?.toLowerCase() ?? ""} ${f.message}`).sort(),
  flows: p.flows().map((f) => `${f.id}: ${f.trace.verdict}`).sort(),
});

for (const file of files)
  test(`${file}: main.json with lower-case types and tags reads as the original`, () => {
    const opened = openBlueprint(file, readFileSync(new URL(file, dir), "utf8"));
    assert.ok(opened.ok);
    const bp = opened.project;
    const template = JSON.parse(bp.build().get("main.json")!);
    const options = { location: bp.model.region, resourceGroup: bp.model.resources[0].id.split("/")[4] };
    const original = openJson("main.json", JSON.stringify(template), options);
    const lower = openJson("lower.json", JSON.stringify({ ...template, resources: lowerCased(template.resources) }), { ...options, resourceGroup: options.resourceGroup.toUpperCase() });
    assert.ok(original.ok && lower.ok);
    assert.ok(lower.project.model.resources.every((r) => !/^microsoft\./.test(r.type)), "types spelled as the registry spells them");
    const want = summary(original.project);
    assert.deepEqual(summary(lower.project), want);
    assert.ok(!want.findings.some((f) => f.startsWith("AML901")), "no rule failed");
  });
