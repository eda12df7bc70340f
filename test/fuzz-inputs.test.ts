// Property-based tests for the other inputs: random ARM expressions inside templates, random JSON
// shapes as estates, random config and baseline files. None crashes, hangs past the budgets or
// echoes what it read: each is read, or refused with located errors of the documented codes.
// A short run is part of `npm test`; `npm run fuzz` runs FUZZ_RUNS (default 10,000).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadJson } from "../src/frontends/arm/load.ts";
import { loadConfig } from "../src/api/config.ts";
import { parseBaseline } from "../src/report/baseline.ts";
import { RULES } from "../src/rules/catalog.ts";

const LONG = process.env.FUZZ_LONG === "1";
const RUNS = Number(process.env.FUZZ_RUNS ?? (LONG ? 10_000 : 60));
const replay = process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH } : {};
const SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

const FUNCTIONS = ["concat", "format", "string", "int", "length", "range", "union", "intersection", "take", "skip", "first", "last", "createArray", "createObject", "json", "equals", "if", "not", "and", "or", "add", "sub", "mul", "div", "mod", "min", "max", "replace", "split", "join", "toLower", "empty", "contains", "coalesce", "items", "filter", "map", "reduce", "cidrSubnet", "cidrHost", "parseCidr", "resourceId", "variables", "parameters", "copyIndex", "reference", "uniqueString", "guid", "base64", "f.g"];

/** ARM expressions: calls of real and unknown functions over literals, nested a few levels. */
const expression: fc.Arbitrary<string> = fc.letrec((tie) => ({
  literal: fc.oneof(
    fc.integer({ min: -5, max: 2_000_000_000 }).map(String),
    fc.string({ maxLength: 12 }).map((s) => `'${s.replace(/'/g, "''")}'`),
    fc.constantFrom("true", "false", "null()", "'10.0.0.0/16'", "variables('v')", "parameters('p')"),
  ),
  call: fc.tuple(fc.constantFrom(...FUNCTIONS), fc.array(tie("node") as fc.Arbitrary<string>, { maxLength: 3 })).map(([f, args]) => `${f}(${args.join(", ")})`),
  node: fc.oneof({ depthSize: "small", withCrossShrink: true }, tie("literal"), tie("call"), tie("call")),
})).node as fc.Arbitrary<string>;

const CODES = /^AR00[1-6]$/;

test("fuzz: any expression in a template is evaluated or refused with a located AR error, never a crash", () => {
  fc.assert(
    fc.property(expression, fc.constantFrom("name", "count", "variable"), (expr, where) => {
      const storage = { type: "Microsoft.Storage/storageAccounts", apiVersion: "2023-01-01", location: "eastus", properties: {} };
      const t = {
        $schema: SCHEMA,
        contentVersion: "1.0.0.0",
        parameters: { p: { type: "string", defaultValue: "x" } },
        variables: { v: where === "variable" ? `[${expr}]` : "[range(0, 3)]" },
        resources: [where === "count" ? { ...storage, name: "[concat('st', copyIndex())]", copy: { name: "c", count: `[${expr}]` } } : { ...storage, name: `[string(${expr})]` }],
      };
      const r = loadJson("t.json", JSON.stringify(t), { location: "eastus" });
      if (!r.ok) for (const e of r.errors) assert.match(e.code, CODES, `${e.code} ${e.message}`);
    }),
    { numRuns: RUNS, ...replay },
  );
});

test("fuzz: any JSON is a template, an estate, or located AR errors, never a crash", () => {
  fc.assert(
    fc.property(fc.oneof(fc.jsonValue({ maxDepth: 6 }), fc.record({ count: fc.nat(), data: fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 5 }) })), (value) => {
      const r = loadJson("e.json", JSON.stringify(value), { location: "eastus" });
      if (!r.ok) for (const e of r.errors) assert.match(e.code, CODES, `${e.code} ${e.message}`);
    }),
    { numRuns: RUNS, ...replay },
  );
});

test("fuzz: any config file is read or refused with located BP errors; any baseline is read or refused without echoing it", () => {
  const dir = mkdtempSync(join(tmpdir(), "amlnet-fuzz-config-"));
  const ids = RULES.map((r) => r.id);
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v))), (text) => {
      const file = join(dir, "amlnet.config.yaml");
      writeFileSync(file, text);
      const c = loadConfig(file, ids);
      if (!c.ok) for (const e of c.errors) assert.match(e.code, /^BP0(0[0-6]|10)$/, `${e.code} ${e.message}`);
      const b = parseBaseline(text);
      if (!b.ok && text.length > 8) assert.ok(!b.error.includes(text), "a baseline's text is never echoed");
    }),
    { numRuns: RUNS, ...replay },
  );
});
