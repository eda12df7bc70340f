import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { findNodeAtLocation, parseTree } from "jsonc-parser";
import { jsonOutline, jsonSpans } from "./json-spans.ts";

/** Every path in a value, the value's own (empty) path first. */
function pathsOf(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(v)) return [at, ...v.flatMap((x, i) => pathsOf(x, [...at, i]))];
  if (v && typeof v === "object") return [at, ...Object.entries(v).flatMap(([k, x]) => pathsOf(x, [...at, k]))];
  return [at];
}

test("a path's offset in plain JSON is where a syntax tree puts it, for every path and property key", () => {
  // Keys and strings with quotes, backslashes, brackets and escapes; any layout JSON.parse reads.
  const text = fc.string({ unit: fc.constantFrom("a", '"', "\\", "{", "]", ",", ":", "\u00e9", "\n") , maxLength: 6 });
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: "small" }, text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(tie("v"), { maxLength: 4 }), fc.dictionary(text, tie("v"), { maxKeys: 4 })),
  })).v;
  fc.assert(
    fc.property(value, fc.constantFrom(undefined, 1, 2, "\t"), fc.boolean(), (v, indent, bom) => {
      const json = (bom ? "\uFEFF" : "") + " \n" + JSON.stringify(v, null, indent) + "\r\n";
      const tree = parseTree(json.replace(/^\uFEFF/, " "))!;
      // Listed from the text alone, and with the outline of its shallow containers' ends.
      for (const spans of [jsonSpans(json), jsonSpans(json, jsonOutline(json, 256))]) {
        for (const path of pathsOf(v)) {
          assert.equal(spans.find(path), findNodeAtLocation(tree, path)!.offset, JSON.stringify(path));
          // A property's key, for an object at the path.
          const node = findNodeAtLocation(tree, path)!;
          for (const p of node.type === "object" ? (node.children ?? []) : []) assert.equal(spans.find(path, p.children![0].value), p.offset);
        }
        // A path that goes on past what exists stops at the nearest ancestor.
        assert.equal(spans.find(["no such key", 7]), v && typeof v === "object" && !Array.isArray(v) && "no such key" in v ? findNodeAtLocation(tree, ["no such key"])!.offset : tree.offset);
      }
    }),
    { numRuns: 400 },
  );
});
