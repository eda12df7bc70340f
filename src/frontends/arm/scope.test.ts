import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluateValue, templateScope, type TemplateJson } from "./scope.ts";
import { isUnknown } from "./evaluate.ts";

const deployment = { subscriptionId: "sub", resourceGroup: "rg", location: "eastus", deploymentName: "main", environment: {} };

test("parameters: given, else default (itself an expression), else unknown; variables on first use; values deeply", () => {
  const template: TemplateJson = {
    parameters: { prefix: { type: "string", defaultValue: "ml" }, name: { type: "string", defaultValue: "[concat(parameters('prefix'), '-ws')]" }, secret: { type: "securestring" } },
    variables: { vnet: "[concat(parameters('name'), '-vnet')]", subnets: ["[concat(variables('vnet'), '/a')]", "[[literal]"] },
  };
  const scope = templateScope(template, { prefix: "aml" }, deployment);
  assert.deepEqual(evaluateValue({ vnet: "[variables('vnet')]", subnets: "[variables('subnets')]", n: 1 }, scope), { vnet: "aml-ws-vnet", subnets: ["aml-ws-vnet/a", "[literal]"], n: 1 });
  assert.ok(isUnknown(evaluateValue("[parameters('secret')]", scope)));
  assert.throws(() => evaluateValue("[parameters('nope')]", scope), /no parameter 'nope'/);
});

test("a variable that refers to itself is an error, not a hang", () => {
  const scope = templateScope({ variables: { a: "[variables('b')]", b: "[variables('a')]" } }, {}, deployment);
  assert.throws(() => evaluateValue("[variables('a')]", scope), /variable 'a' refers to itself/);
});

test("every variable of the real templates in ../shared/realworld evaluates, or fails with a located evaluation error", async () => {
  const { readFileSync, readdirSync } = await import("node:fs");
  const { parseJsonSource } = await import("./source.ts");
  const { EvaluationError } = await import("./evaluate.ts");
  const dir = new URL("../../../../shared/realworld/", import.meta.url);
  let evaluated = 0;
  let total = 0;
  const unsupported = new Set<string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".json"))) {
    const parsed = parseJsonSource(f, readFileSync(new URL(f, dir), "utf8"));
    assert.ok(parsed.ok);
    const template = parsed.source.value as TemplateJson;
    const scope = templateScope(template, {}, deployment);
    // `copy` declares variable loops: each loop's name is the variable.
    const loops = ((template.variables as { copy?: { name: string }[] } | undefined)?.copy ?? []).map((c) => c.name);
    for (const name of [...Object.keys(template.variables ?? {}).filter((k) => k !== "copy"), ...loops]) {
      total++;
      try {
        scope.variable(name, 0);
        evaluated++;
      } catch (e) {
        assert.ok(e instanceof EvaluationError, `${f} variables('${name}'): ${e}`);
        unsupported.add(e.message.replace(/'.*?'/g, "'…'"));
      }
    }
  }
  // Today every one of them evaluates (unknowns included); a new template that needs more says what.
  assert.ok(total > 10);
  assert.equal(evaluated, total, `not yet: ${[...unsupported].join("; ")}`);
});
