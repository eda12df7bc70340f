// Template-expression injection: a blueprint value never becomes code. In main.json a
// literal that starts with `[` is written `[[` (ARM would evaluate it at deployment), and the
// literals inside amlnet's own expressions have their quotes doubled; in main.bicep every value is
// a one-line string literal, its quotes, backslashes and `${` escaped.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openBlueprint } from "../src/api/index.ts";
import { Model } from "../src/core/model.ts";
import { buildFiles } from "../src/backends/build.ts";
import { BASE_CASE, mergeCase } from "../src/rules/cases.ts";
import { lexBicep } from "./support/bicep-lexer.ts";
import { expressionProblems, jsonStrings } from "./support/arm-expressions.ts";

// Each payload carries the marker PWN, which may appear only inside literals.
const ARM = "[concat('PWN','x')]";
const BICEP = "x' + loadTextContent('/etc/PWN') + '\n${PWN}\\";
const PAYLOADS = [ARM, BICEP];

/**
 * The blueprint's schema refuses these payloads (next test), so they reach the back ends the way an
 * imported template could carry them: put into the model's free-text values, which the back ends
 * must escape whatever their source.
 */
function build(): Map<string, string> {
  const r = openBlueprint("inject.yaml", mergeCase(BASE_CASE, "compute: { clusters: [{ name: cpu, subnet: vnet-ml/snet-train }], instances: [{ name: ci-one, subnet: vnet-ml/snet-train }] }"));
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  let n = 0;
  const poison = (value: unknown, key = ""): unknown => {
    if (typeof value === "string" && !value.startsWith("/subscriptions/") && FREE_TEXT.has(key)) return PAYLOADS[n++ % PAYLOADS.length];
    if (Array.isArray(value)) return value.map((v) => poison(v, key));
    if (value && typeof value === "object" && !("$secret" in value) && !("$deployment" in value))
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k)]));
    return value;
  };
  const m = r.project.model;
  const model = new Model({ ...m, resources: m.resources.map((x) => ({ ...x, properties: poison(x.properties) as typeof x.properties })) });
  const files = buildFiles(model, { blueprint: "inject.yaml", version: "test" });
  assert.ok(n > 10, `payloads placed: ${n}`);
  return files;
}

// Free-text ARM properties the blueprint fills: NSG ends and ports, route prefixes, service
// endpoints, VM sizes, sub-resources, description texts.
const FREE_TEXT = new Set([
  "sourceAddressPrefix", "destinationAddressPrefix", "destinationPortRange", "sourcePortRange", "addressPrefix",
  "service", "vmSize", "description", "requestMessage",
]);

test("the schema refuses the payloads where a blueprint would carry them", () => {
  for (const payload of PAYLOADS) {
    const patch = `networks: { nsgs: [{name: n1, rules: [{name: r1, priority: 300, direction: Outbound, access: Allow, destination: ${JSON.stringify(payload)}}]}] }\ncompute: { clusters: [{ name: cpu, subnet: vnet-ml/snet-train, vmSize: ${JSON.stringify(payload)} }] }`;
    const r = openBlueprint("inject.yaml", mergeCase(BASE_CASE, patch));
    assert.equal(r.ok, false);
    assert.deepEqual(!r.ok && r.errors.map((e) => e.message.split(":")[0]).sort(), ["compute.clusters.0.vmSize", "networks.nsgs.0.rules.0.destination"]);
  }
});

test("main.json: a value starting with [ is a literal ([[), and amlnet's own expressions keep values in quoted literals", () => {
  const template = JSON.parse(build().get("main.json")!);
  assert.ok(jsonStrings(template).includes(`[${ARM}`), "the payload is written as an escaped literal");
  assert.deepEqual(expressionProblems(template, /PWN/), []);
});

test("main.bicep: every payload stays inside one-line string literals", () => {
  const { segments, errors } = lexBicep(build().get("main.bicep")!);
  assert.deepEqual(errors, []);
  assert.deepEqual(segments.filter((s) => s.kind === "interpolation" && s.text.includes("PWN")).map((s) => `${s.line}: ${s.text}`), []);
  // In code a payload may only have lent letters to a symbol name (roleConcatPWNX): never a call.
  const code = segments.filter((s) => s.kind === "code");
  assert.deepEqual(code.filter((s) => /loadTextContent\s*\(|concat\s*\(|PWN\s*[(.'\[]/.test(s.text)).map((s) => `${s.line}: ${s.text}`), []);
  assert.ok(segments.some((s) => s.kind === "string" && s.text.includes("loadTextContent")), "the payload is there, as a literal");
});

test("the Bicep lexer sees code where a literal was broken (it can fail)", () => {
  const broken = lexBicep("var a = 'x' + loadTextContent('/etc/PWN') + ''\nvar b = 'a\n'");
  assert.ok(broken.segments.some((s) => s.kind === "code" && s.text.includes("loadTextContent")));
  assert.ok(broken.errors.some((e) => e.includes("past the end of the line")));
  const interpolated = lexBicep("var c = 'a${PWN}b'");
  assert.deepEqual(interpolated.segments.map((s) => [s.kind, s.text]), [["code", "var c = "], ["string", "a"], ["interpolation", "PWN"], ["string", "b"]]);
});
