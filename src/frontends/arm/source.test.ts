import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import fc from "fast-check";
import { MAX_JSON_DEPTH, parseJsonSource } from "./source.ts";

test("a template's paths map to their lines and columns; comments and trailing commas as ARM allows", () => {
  const text = '{\n  // a comment\n  "resources": [\n    { "name": "[parameters(\'x\')]", "type": "T", },\n  ],\n}\n';
  const r = parseJsonSource("t.json", text);
  assert.ok(r.ok);
  assert.deepEqual(r.source.locate(["resources", 0, "name"]), { file: "t.json", line: 4, col: 15 });
  assert.deepEqual(r.source.locate(["resources", 0], "type"), { file: "t.json", line: 4, col: 36 });
  assert.deepEqual(r.source.locate(["resources", 5, "name"]), { file: "t.json", line: 3, col: 16 }, "the nearest node that exists");
  assert.deepEqual((r.source.value as { resources: { name: string }[] }).resources[0].name, "[parameters('x')]");
});

test("broken JSON is located errors, never an exception", () => {
  const r = parseJsonSource("t.json", '{\n  "a": [1, 2\n}');
  assert.ok(!r.ok);
  assert.equal(r.errors[0].position.line, 3);
  assert.match(r.errors[0].message, /^JSON: /);
  assert.equal(parseJsonSource("e.json", "").ok, false);
});

test("every real template in ../shared/realworld parses with positions", () => {
  const dir = new URL("../../../../shared/realworld/", import.meta.url);
  const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith(".json"));
  assert.ok(files.length > 0);
  for (const f of files) {
    const r = parseJsonSource(f, readFileSync(new URL(f, dir), "utf8"));
    assert.ok(r.ok, `${f}: ${!r.ok && r.errors[0].message}`);
  }
});

test("JSON documents one after another (appended pages) read as a list, each located in place", () => {
  const text = '{"count": 1, "data": [{"id": "a"}]}\n{"count": 1,\n "data": [{"id": "b"}]}\n';
  const r = parseJsonSource("estate.json", text);
  assert.ok(r.ok);
  assert.deepEqual(JSON.parse(JSON.stringify(r.source.value)), [{ count: 1, data: [{ id: "a" }] }, { count: 1, data: [{ id: "b" }] }]);
  assert.deepEqual(r.source.locate([1, "data", 0]), { file: "estate.json", line: 3, col: 11 });
  // A broken second document is still an error where it breaks.
  const bad = parseJsonSource("estate.json", '{"a": 1}\n{"b": }');
  assert.ok(!bad.ok);
  assert.deepEqual(bad.errors[0].position, { file: "estate.json", line: 2, col: 7 });
});

test("nesting is counted outside strings only, whatever the escapes before a quote", () => {
  const depth = (v: unknown): number => (v && typeof v === "object" ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0);
  // Strings full of brackets, quotes and backslashes, and values nested near the limit.
  const tricky = fc.stringMatching(/^[\[\]{}"\\a]{0,12}$/);
  const value = fc.letrec((tie) => ({ v: fc.oneof({ depthSize: "small" }, tricky, fc.array(tie("v"), { maxLength: 3 }), fc.dictionary(tricky, tie("v"), { maxKeys: 3 })) })).v;
  fc.assert(
    fc.property(value, fc.integer({ min: MAX_JSON_DEPTH - 8, max: MAX_JSON_DEPTH + 2 }), (v, wrap) => {
      const text = "[".repeat(wrap) + JSON.stringify(v) + "]".repeat(wrap);
      const r = parseJsonSource("t.json", text);
      assert.equal(r.ok, wrap + depth(v) <= MAX_JSON_DEPTH, text.slice(wrap, wrap + 80));
    }),
    { numRuns: 300 },
  );
});
