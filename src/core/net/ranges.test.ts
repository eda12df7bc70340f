import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { boxSubtract, cidrsOf, covers, formatPorts, intersect, ipRanges, meets, normalize, portRanges, subtract, union, ALL_PORTS, type Interval } from "./ranges.ts";

test("interval sets: union merges neighbours, intersect and subtract split", () => {
  assert.deepEqual(union([[1, 3]], [[4, 6]], [[10, 12]]), [[1, 6], [10, 12]]);
  assert.deepEqual(intersect([[1, 6], [10, 12]], [[5, 11]]), [[5, 6], [10, 11]]);
  assert.deepEqual(subtract([[0, 10]], [[3, 4], [8, 20]]), [[0, 2], [5, 7]]);
  assert.deepEqual(subtract([[0, 10]], [[0, 10]]), []);
});

test("prefixes and ports in and out", () => {
  const subnet = ipRanges("10.0.2.0/24")!;
  const upper = ipRanges("10.0.2.128/25")!;
  assert.deepEqual(cidrsOf(subtract(subnet, upper)), ["10.0.2.0/25"]);
  assert.deepEqual(cidrsOf(subtract(subnet, ipRanges("10.0.2.7")!)), ["10.0.2.0/30", "10.0.2.4/31", "10.0.2.6", "10.0.2.8/29", "10.0.2.16/28", "10.0.2.32/27", "10.0.2.64/26", "10.0.2.128/25"]);
  assert.deepEqual(cidrsOf(ipRanges("0.0.0.0/0")!), ["0.0.0.0/0"]);
  assert.deepEqual(portRanges("443, 8000-8999,444"), [[443, 444], [8000, 8999]]);
  assert.equal(formatPorts(portRanges("443,8000-8999")), "443, 8000-8999");
  assert.equal(formatPorts(ALL_PORTS), "*");
});

test("a box minus a part of it leaves disjoint boxes that cover the rest", () => {
  const a = { local: ipRanges("10.0.0.0/24")!, remote: ipRanges("10.1.0.0/24")!, ports: portRanges("0-100") };
  const m = { local: ipRanges("10.0.0.0/25")!, remote: ipRanges("10.1.0.5")!, ports: portRanges("80") };
  const rest = boxSubtract(a, m);
  // Sizes add up: |a| = |m| + sum |rest|.
  const size = (b: typeof a) => [b.local, b.remote, b.ports].reduce((n, r) => n * r.reduce((s, [lo, hi]) => s + hi - lo + 1, 0), 1);
  assert.equal(rest.reduce((n, b) => n + size(b), 0) + size(m), size(a));
  assert.equal(rest.length, 3);
});

test("meets, covers and intersect agree with the values the sets hold", () => {
  const set = fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 8 })), { maxLength: 5 }).map((xs) => normalize(xs.map(([lo, w]): Interval => [lo, lo + w])));
  const values = (r: readonly Interval[]) => new Set(r.flatMap(([lo, hi]) => Array.from({ length: hi - lo + 1 }, (_, k) => lo + k)));
  fc.assert(
    fc.property(set, set, (a, b) => {
      const va = values(a);
      const vb = values(b);
      const both = [...va].filter((v) => vb.has(v));
      assert.deepEqual([...values(intersect(a, b))].sort((x, y) => x - y), both.sort((x, y) => x - y));
      assert.equal(meets(a, b), both.length > 0);
      assert.equal(covers(a, b), [...vb].every((v) => va.has(v)));
    }),
  );
});
