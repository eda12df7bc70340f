import { test } from "node:test";
import assert from "node:assert/strict";
import { parseTemplateString, type Expr } from "./expression.ts";

/** An expression back as text, to compare shapes compactly. */
function show(e: Expr): string {
  switch (e.kind) {
    case "string":
      return `'${e.value.replace(/'/g, "''")}'`;
    case "number":
      return String(e.value);
    case "call":
      return `${e.name}(${e.args.map(show).join(", ")})`;
    case "property":
      return `${show(e.object)}.${e.name}`;
    case "index":
      return `${show(e.object)}[${show(e.index)}]`;
  }
}

const parsed = (text: string) => {
  const r = parseTemplateString(text);
  assert.equal(r.kind, "expression", JSON.stringify(r));
  return r.kind === "expression" ? r.expr : undefined!;
};

test("literals: plain text, and [[ for a value that starts with a bracket", () => {
  assert.deepEqual(parseTemplateString("eastus"), { kind: "literal", value: "eastus" });
  assert.deepEqual(parseTemplateString("[[concat('a','b')]"), { kind: "literal", value: "[concat('a','b')]" });
  assert.deepEqual(parseTemplateString("[not closed"), { kind: "literal", value: "[not closed" });
});

test("calls, nested calls, quotes doubled, numbers, property and index access", () => {
  assert.equal(show(parsed("[concat('a', 'it''s', parameters('x'))]")), "concat('a', 'it''s', parameters('x'))");
  assert.equal(show(parsed("[reference(resourceId('Microsoft.Network/virtualNetworks', variables('vnet')), '2024-05-01').subnets[0].id]")),
    "reference(resourceId('Microsoft.Network/virtualNetworks', variables('vnet')), '2024-05-01').subnets[0].id");
  assert.equal(show(parsed("[copyIndex(-1)]")), "copyIndex(-1)");
  assert.equal(show(parsed("[ if( equals(parameters('a'), 'x') , 1, 2 ) ]")), "if(equals(parameters('a'), 'x'), 1, 2)");
  assert.equal(show(parsed("[contoso.uniqueName(parameters('p'))]")), "contoso.uniqueName(parameters('p'))");
  assert.equal(show(parsed("[parameters('obj')['key with space'].inner]")), "parameters('obj')['key with space'].inner");
  assert.equal(show(parsed("[filter(variables('list'), lambda('x', greater(lambdaVariables('x'), 2)))]")), "filter(variables('list'), lambda('x', greater(lambdaVariables('x'), 2)))");
});

test("positions: each node knows its offset in the string, so a finding can point at it", () => {
  const e = parsed("[concat('a', parameters('b'))]");
  assert.equal(e.at, 1);
  assert.ok(e.kind === "call" && e.args[1].at === 13);
});

test("syntax errors come back with their offset, never as an exception", () => {
  assert.deepEqual(parseTemplateString("[concat('a']"), { kind: "error", message: "expected ')' before the end", at: 11 });
  assert.deepEqual(parseTemplateString("[concat('a)]"), { kind: "error", message: "a string literal is not closed", at: 11 });
  assert.deepEqual(parseTemplateString("[concat('a') x]"), { kind: "error", message: "unexpected 'x' after the expression", at: 13 });
  assert.equal(parseTemplateString("[]").kind, "error");
  assert.equal(parseTemplateString(`[${"f(".repeat(500)}${")".repeat(500)}]`).kind, "error");
});

test("any text between brackets parses or gives an error, never an exception (fast-check)", async () => {
  const fc = (await import("fast-check")).default;
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom("(", ")", "[", "]", "'", ",", ".", "a", "1", "-", " ", "x") }), (s) => {
      const r = parseTemplateString(`[${s}]`);
      // `[[...` is the escaped literal; anything else is an expression or a located error.
      return s.startsWith("[") ? r.kind === "literal" : r.kind === "expression" || (r.kind === "error" && r.at >= 0 && r.at <= s.length + 2);
    }),
    { numRuns: 2000 },
  );
});

test("every expression amlnet writes into main.json parses, and prints back the same", async () => {
  const { openBlueprint } = await import("../../api/index.ts");
  const { readFileSync } = await import("node:fs");
  const text = readFileSync(new URL("../../../examples/secure-training-inference.yaml", import.meta.url), "utf8");
  const r = openBlueprint("x.yaml", text);
  assert.ok(r.ok);
  const template = JSON.parse(r.project.build().get("main.json")!);
  const strings: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "string") strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) (strings.push(k), walk(x));
  };
  walk(template);
  const expressions = strings.filter((s) => s.startsWith("[") && !s.startsWith("[["));
  assert.ok(expressions.length > 50);
  for (const s of expressions) assert.equal(`[${show(parsed(s))}]`, s.replace(/,(?=\S)/g, ", "));
});
