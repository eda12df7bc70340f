// The Terraform expression evaluator against the results Terraform's documentation gives for each
// construct ("Terraform language: Expressions", "Functions", "Type Constraints"), including how
// Unknowns propagate (a value known only after apply, a variable with no value).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { terraformReader, type TerraformReader } from "../src/api/index.ts";
import { firstError, toBody } from "../src/frontends/terraform/syntax.ts";
import { Budget, evaluate } from "../src/frontends/terraform/evaluate.ts";
import { TfError } from "../src/frontends/terraform/functions.ts";
import { convert } from "../src/frontends/terraform/types.ts";
import { isUnknown } from "../src/core/types.ts";
import type { TfValue } from "../src/frontends/terraform/values.ts";

let reader: TerraformReader;
before(async () => {
  reader = await terraformReader();
});

const exprOf = (text: string) => {
  const cst = reader.parse(`x = ${text}\n`);
  assert.equal(firstError(cst), undefined, text);
  const item = toBody(cst).items[0];
  assert.ok(item.kind === "attribute");
  return item.value;
};
const names: Record<string, TfValue> = {
  var: { list: ["a", "b", "c"], map: { k1: "v1", k2: "v2" }, n: 3, s: "Hello", nothing: null, unset: { unknown: true, reason: "variable 'unset' has no value", at: 0 } },
  local: { subnets: [{ name: "pe", prefix: "10.0.1.0/24" }, { name: "train", prefix: "10.0.2.0/24" }] },
};
const value = (text: string): TfValue => evaluate(exprOf(text), { root: (n) => (n in names ? names[n] : (() => { throw new TfError(`no ${n}`, 0); })()) }, new Budget(1_000_000));

test("literals, templates and directives", () => {
  assert.equal(value(`"vnet-\${var.s}-\${var.n}"`), "vnet-Hello-3");
  assert.deepEqual(value("var.list"), ["a", "b", "c"]);
  // A template that is one interpolation is that value, not its string.
  assert.deepEqual(value(`"\${var.list}"`), ["a", "b", "c"]);
  assert.equal(value(`"%{ for x in var.list }\${x},%{ endfor }"`), "a,b,c,");
  assert.equal(value(`"%{ if var.n > 2 }big%{ else }small%{ endif }"`), "big");
  assert.equal(value(`"$\${not} %%{this}"`), "${not} %{this}");
  assert.equal(value("1.5e1"), 15);
});

test("operators, conditionals (right-associative) and short-circuit", () => {
  assert.equal(value("var.n * 2 + 1"), 7);
  assert.equal(value("var.n % 2 == 1 && !false"), true);
  assert.equal(value(`var.n == 1 ? "one" : var.n == 2 ? "two" : var.n == 3 ? "three" : "many"`), "three");
  assert.equal(value(`(var.n == 3 ? true : false) ? "t" : "f"`), "t");
  // Terraform's && and || decide on a known left side.
  assert.equal(value("false && var.unset"), false);
  assert.equal(value("true || var.unset"), true);
});

test("references, indexes, splats and for expressions", () => {
  assert.equal(value("var.map.k2"), "v2");
  assert.equal(value(`var.map["k1"]`), "v1");
  assert.equal(value("var.list[1]"), "b");
  assert.deepEqual(value("local.subnets[*].name"), ["pe", "train"]);
  assert.deepEqual(value("[for s in local.subnets : s.prefix if s.name != \"pe\"]"), ["10.0.2.0/24"]);
  assert.deepEqual(value("{ for k, v in var.map : v => k }"), { v1: "k1", v2: "k2" });
  assert.deepEqual(value(`{ for s in ["a", "b", "a"] : s => s... }`), { a: ["a", "a"], b: ["b"] });
  assert.throws(() => value("var.list[7]"), /index 7 is out of range/);
});

test("functions configurations use, as documented", () => {
  // "cidrsubnet": cidrsubnet("10.1.2.0/24", 4, 15) is 10.1.2.240/28; "cidrhost": cidrhost("10.12.112.0/20", 16) is 10.12.112.16.
  assert.equal(value(`cidrsubnet("10.1.2.0/24", 4, 15)`), "10.1.2.240/28");
  assert.equal(value(`cidrhost("10.12.112.0/20", 16)`), "10.12.112.16");
  assert.equal(value(`cidrhost("10.12.112.0/20", -2)`), "10.12.127.254");
  assert.equal(value(`format("Hello, %s!", "Ander")`), "Hello, Ander!");
  assert.equal(value(`format("There are %d lights", 4)`), "There are 4 lights");
  assert.equal(value(`join(", ", ["foo", "bar", "baz"])`), "foo, bar, baz");
  assert.equal(value(`replace("1 + 2 + 3", "+", "-")`), "1 - 2 - 3");
  assert.equal(value(`replace("hello world", "/w.*d/", "everybody")`), "hello everybody");
  assert.deepEqual(value(`merge({a="b", c="d"}, {e="f", c="z"})`), { a: "b", c: "z", e: "f" });
  assert.equal(value(`lookup({a="ay", b="bee"}, "c", "what?")`), "what?");
  assert.deepEqual(value(`flatten([["a", "b"], [], ["c"]])`), ["a", "b", "c"]);
  assert.deepEqual(value(`toset(["a", "b", "a"])`), ["a", "b"]);
  assert.equal(value(`coalesce("", "b")`), "b");
  assert.equal(value(`try(var.map.missing, "fallback")`), "fallback");
  assert.equal(value(`can(var.map.missing)`), false);
  assert.equal(value(`length(var.map)`), 2);
  assert.deepEqual(value(`keys({a=1, c=2, d=3})`), ["a", "c", "d"]);
  assert.equal(value(`jsonencode({"hello"="world"})`), '{"hello":"world"}');
  assert.equal(value(`one([])`), null);
  assert.deepEqual(value(`regex("^(?:(?P<scheme>[^:/?#]+):)?", "https://x")`), { scheme: "https" });
  assert.throws(() => value(`nosuchfunction(1)`), /there is no function named "nosuchfunction"/);
});

test("Unknowns propagate, with their reason; what doesn't need them stays known", () => {
  for (const text of [`"rg-\${var.unset}"`, "var.unset.x", "var.unset + 1", `upper(var.unset)`, "var.unset ? 1 : 2", "[for x in var.unset : x]", "var.unset == 1"]) {
    const v = value(text);
    assert.ok(isUnknown(v), text);
    assert.match(v.reason, /variable 'unset' has no value/, text);
  }
  assert.equal(value("length([var.unset, 1])"), 2);
  assert.equal(value(`coalesce("a", var.unset)`), "a");
  assert.ok(isUnknown(value("uuid()")), "uuid() is known only when Terraform runs");
});

test("type constraints: optional attributes get their defaults, values convert", () => {
  const budget = new Budget(1000);
  const type = exprOf("object({ resource_id = optional(string), flag = optional(bool, false), n = number })");
  assert.deepEqual(convert({ resource_id: null, n: "3" }, type, budget), { resource_id: null, flag: false, n: 3 });
  assert.deepEqual(convert(["1", "2"], exprOf("list(number)"), budget), [1, 2]);
  assert.deepEqual(convert({ a: 1 }, exprOf("map(string)"), budget), { a: "1" });
});

test("no expression text crashes the reader or the evaluator", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 60 }), (s) => {
      const cst = reader.parse(`x = ${s}\n`);
      if (firstError(cst)) return;
      const item = toBody(cst).items[0];
      if (!item || item.kind !== "attribute") return;
      try {
        evaluate(item.value, { root: (n) => (n in names ? names[n] : null) }, new Budget(100_000));
      } catch (e) {
        assert.ok(e instanceof TfError, String(e));
      }
    }),
    { numRuns: 500 },
  );
});
