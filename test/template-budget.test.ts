// Every evaluator has a budget: templates are held to ARM's documented limits ("ARM template best
// practices", Template limits; a copy count of 800, "Resource iteration in ARM templates") and to
// amlnet's own bounds on evaluation steps and nesting. Each hostile template below used to hang,
// exhaust memory or blow the stack; now each is one located error (AR003 for what ARM itself
// refuses as an expression error, AR006 for a limit), and the limits an option raises say which.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadJson } from "../src/frontends/arm/load.ts";

const SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
const template = (t: object) => JSON.stringify({ $schema: SCHEMA, contentVersion: "1.0.0.0", ...t });
const storage = (name: string, extra: object = {}) => ({ type: "Microsoft.Storage/storageAccounts", apiVersion: "2023-01-01", name, location: "eastus", kind: "StorageV2", sku: { name: "Standard_LRS" }, properties: {}, ...extra });

/** The codes and messages a template gets, or "ok". */
function outcome(text: string, options: Parameters<typeof loadJson>[2] = {}): string[] {
  const r = loadJson("t.json", text, { location: "eastus", ...options });
  return r.ok ? ["ok"] : r.errors.map((e) => `${e.code} ${e.message}`);
}

const withVariable = (expr: string) => template({ variables: { v: expr }, resources: [storage("[concat('st', string(length(string(variables('v')))))]")] });

test("functions that would build huge values stop at the step budget", { timeout: 60_000 }, () => {
  for (const expr of ["[range(0, 100000000)]", "[take(range(0, 1000000000), 1)]", "[map(range(0, 10000000), lambda('x', add(lambdaVariables('x'), 1)))]"])
    assert.match(outcome(withVariable(expr))[0], /^AR006 evaluating this input takes more than 20,000,000 steps \(raise it with --max-steps\)/, expr);
  assert.match(outcome(withVariable("[range(0, -1)]"))[0], /^AR003 range\(0, -1\): the count must be 0 or more/);
  // A union of two large ranges is linear, not quadratic.
  assert.deepEqual(outcome(withVariable("[union(range(0, 60000), range(30000, 60000))]")), ["ok"]);
});

test("values that share their parts are not expanded past the budget by string() (equals() compares them once)", { timeout: 60_000 }, () => {
  const variables: Record<string, string> = { a0: "[createArray(1)]" };
  for (let i = 1; i <= 60; i++) variables[`a${i}`] = `[createArray(variables('a${i - 1}'), variables('a${i - 1}'))]`;
  const t = (expr: string) => template({ variables, resources: [storage("stx", { properties: { note: expr } })] });
  assert.match(outcome(t("[string(variables('a60'))]"))[0], /^AR006 evaluating this input takes more than/);
  assert.deepEqual(outcome(t("[equals(variables('a60'), variables('a60'))]")), ["ok"]);
});

test("copy counts are whole numbers up to ARM's 800, in resources, variables, properties and outputs", { timeout: 60_000 }, () => {
  const looped = (count: unknown) => template({ resources: [storage("[concat('st', copyIndex())]", { copy: { name: "c", count } })] });
  assert.match(outcome(looped(10_000_000))[0], /^AR006 copy 'c': a count of 10,000,000 is over ARM's limit of 800 \(raise it with --max-copy\)/);
  for (const bad of ["abc", -5, 2.5]) assert.match(outcome(looped(bad))[0], /^AR003 copy 'c': the count must be a whole number of 0 or more/, String(bad));
  assert.deepEqual(outcome(looped(900), { templateLimits: { maxCopy: 1000, maxResources: 1000 } }), ["ok"]);
  const variableLoop = template({ variables: { copy: [{ name: "xs", count: 100_000_000, input: "x" }] }, resources: [storage("st1", { properties: { n: "[length(variables('xs'))]" } })] });
  assert.match(outcome(variableLoop)[0], /^AR006 copy 'xs': a count of 100,000,000/);
  const outputLoop = template({ resources: [storage("st1")], outputs: { o: { type: "array", copy: { count: 100_000_000, input: "x" } } } });
  assert.match(outcome(outputLoop)[0], /^AR006 copy '': a count of 100,000,000/);
});

test("ARM's template limits: resources with copies, parameters, variables, outputs, expression length", () => {
  const many = template({ resources: Array.from({ length: 801 }, (_, i) => storage(`st${i}`)) });
  assert.match(outcome(many)[0], /^AR006 801 resources \(copies included\) are over ARM's limit of 800 for a template \(raise it with --max-resources\)/);
  assert.deepEqual(outcome(many, { templateLimits: { maxResources: 1000 } }), ["ok"]);
  const params = Object.fromEntries(Array.from({ length: 257 }, (_, i) => [`p${i}`, { type: "string", defaultValue: "x" }]));
  assert.match(outcome(template({ parameters: params, resources: [storage("st1")] }))[0], /^AR006 257 parameters are over ARM's limit of 256/);
  const outputs = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`o${i}`, { type: "string", value: "x" }]));
  assert.match(outcome(template({ outputs, resources: [storage("st1")] }))[0], /^AR006 65 outputs are over ARM's limit of 64/);
  assert.match(outcome(withVariable(`[concat('${"a".repeat(25_000)}')]`))[0], /^AR006 a template expression of 25,0\d\d characters is over ARM's limit of 24,576/);
});

test("nesting and cycles: variable chains, parameter defaults, user functions, nested deployments", { timeout: 60_000 }, () => {
  const variables: Record<string, string> = { v0: "x" };
  // 400 variables (ARM allows 512), each the one before: deeper than amlnet's bound of 256.
  for (let i = 1; i < 400; i++) variables[`v${i}`] = `[variables('v${i - 1}')]`;
  assert.match(outcome(template({ variables, resources: [storage("st1", { properties: { n: "[variables('v399')]" } })] }))[0], /^AR006 variables nest more than 256 levels deep/);
  variables.v20000 = "[variables('v399')]";
  for (let i = 400; i < 20_000; i++) variables[`v${i}`] = "x";
  assert.match(outcome(template({ variables, resources: [storage("st1")] }))[0], /^AR006 20001 variables are over ARM's limit of 512/);
  const cycle = template({ parameters: { a: { type: "string", defaultValue: "[parameters('b')]" }, b: { type: "string", defaultValue: "[parameters('a')]" } }, resources: [storage("[parameters('a')]")] });
  assert.match(outcome(cycle)[0], /^AR003 the default of parameter '(a|b)' refers to itself/);
  const functions = [{ namespace: "f", members: { loop: { parameters: [{ name: "x", type: "int" }], output: { type: "int", value: "[f.loop(parameters('x'))]" } } } }];
  assert.match(outcome(template({ functions, resources: [storage("st1", { properties: { n: "[f.loop(1)]" } })] }))[0], /^AR003 f\.loop\(\) calls f\.loop\(\): a user-defined function can't call user-defined functions/);
  // 3,000 deployments, each inside the one before, written out as text (no JSON library nests that deep).
  const head = `{"$schema":"${SCHEMA}","contentVersion":"1.0.0.0","resources":[{"type":"Microsoft.Resources/deployments","apiVersion":"2022-09-01","name":"d","properties":{"mode":"Incremental","expressionEvaluationOptions":{"scope":"inner"},"template":`;
  const deep = `${head.repeat(3000)}${template({ resources: [storage("stdeep")] })}${"}}]}".repeat(3000)}`;
  // JSON that deep is refused before any parser recurses into it, where it goes too deep.
  assert.match(outcome(deep)[0], /^AR006 nested more than 256 levels deep/);
});

test("reference() cycles: a resource reading itself, or a chain that comes back, is AR003 as ARM refuses it", () => {
  assert.deepEqual(outcome(template({ resources: [storage("sa", { properties: { x: "[reference('sa').x]" } })] })), ["AR003 reference('sa'): the resource 'sa' can't reference itself"]);
  const chain = template({ resources: [storage("sa", { properties: { x: "[reference('sb').x]" } }), storage("sb", { properties: { x: "[reference('sc').x]" } }), storage("sc", { properties: { x: "[reference('sa').x]" } })] });
  assert.deepEqual(outcome(chain), ["AR003 reference('sa'): a circular dependency ('sa' → 'sb' → 'sc' → 'sa'), which ARM refuses"]);
  // A chain that ends is no cycle: each reads what the next declares.
  const ends = template({ resources: [storage("sa", { properties: { x: "[reference('sb').y]" } }), storage("sb", { properties: { y: "[reference('sc').z]" } }), storage("sc", { properties: { z: "v" } })] });
  assert.deepEqual(outcome(ends), ["ok"]);
});

test("deployments that read each other's outputs in a cycle are AR003 as ARM refuses them; a chain that ends is fine", () => {
  const deployment = (name: string, parameters: object, outputs: object) => ({
    type: "Microsoft.Resources/deployments",
    apiVersion: "2022-09-01",
    name,
    properties: {
      mode: "Incremental",
      expressionEvaluationOptions: { scope: "inner" },
      parameters,
      template: { $schema: SCHEMA, contentVersion: "1.0.0.0", parameters: { p: { type: "string", defaultValue: "x" } }, resources: [storage(`st${name}`)], outputs },
    },
  });
  const out = { o: { type: "string", value: "[parameters('p')]" } };
  const cycle = template({ resources: [deployment("a", { p: { value: "[reference('b').outputs.o.value]" } }, out), deployment("b", { p: { value: "[reference('a').outputs.o.value]" } }, out)] });
  assert.deepEqual(outcome(cycle), ["AR003 reference('a'): a circular dependency ('a' → 'b' → 'a'), which ARM refuses"]);
  const self = template({ resources: [deployment("a", { p: { value: "[reference('a').outputs.o.value]" } }, out)] });
  assert.deepEqual(outcome(self), ["AR003 reference('a'): the deployment 'a' can't read its own outputs"]);
  const ends = template({ resources: [deployment("a", { p: { value: "[reference('b').outputs.o.value]" } }, out), deployment("b", { p: { value: "y" } }, out)] });
  assert.deepEqual(outcome(ends), ["ok"]);
});

test("a parameter given as a number JSON can't hold finitely is refused", () => {
  const t = template({ parameters: { c: { type: "int" } }, resources: [storage("st1")] });
  assert.match(outcome(t, { params: ["c=1e400"] })[0], /^AR005 --param c: /);
});

test("a template file over ARM's 4 MB is refused unless --max-bytes raises the bound", () => {
  const big = template({ variables: { pad: "x".repeat(4 * 2 ** 20) }, resources: [storage("st1")] });
  assert.match(outcome(big)[0], /^AR006 the template is 4,194,\d{3} bytes, over ARM's limit of 4,194,304 \(raise it with --max-bytes\)/);
  assert.deepEqual(outcome(big, { templateLimits: { maxBytes: 8 * 2 ** 20 } }), ["ok"]);
});

test("shapes and arithmetic ARM refuses are located errors, never an internal error", () => {
  const named = (name: string) => template({ resources: [storage(name)] });
  assert.match(outcome(template({ resources: [{ name: "x", apiVersion: "1", properties: {} }] }))[0], /^AR003 a resource needs a type/);
  assert.match(outcome(template({ resources: [{ type: 5, name: "x", apiVersion: "1", properties: {} }] }))[0], /^AR003 a resource needs a type/);
  assert.match(outcome(template({ functions: { a: 1 }, resources: [storage("st1")] }))[0], /^AR003 functions is a list of namespaces/);
  assert.match(outcome(named("[string(first(null()))]"))[0], /^AR003 first\(\) wants an array, got null/);
  assert.match(outcome(named("[string(last(null()))]"))[0], /^AR003 last\(\) wants an array, got null/);
  assert.match(outcome(named("[string(div(1, 0))]"))[0], /^AR003 div\(\) divides by zero/);
  assert.match(outcome(named("[string(mod(1, 0))]"))[0], /^AR003 mod\(\) divides by zero/);
  assert.match(outcome(named("[string(min())]"))[0], /^AR003 min\(\) needs at least one number/);
});
