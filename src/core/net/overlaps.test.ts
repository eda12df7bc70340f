import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { formatCidr, overlaps, type Cidr } from "./cidr.ts";
import { firstOverlaps } from "./overlaps.ts";

// Every pair, as AML052 once listed them: for each owner, its first overlap with an earlier owner
// (lowest earlier owner, then that owner's prefix, then its own).
function reference(owners: readonly (readonly (readonly [string, Cidr])[])[]): [number, string, number, string][] {
  const out: [number, string, number, string][] = [];
  owners.forEach((mine, b) => {
    let best: [number, number, number] | undefined;
    for (let a = 0; a < b && !best; a++)
      owners[a].forEach(([, ca], ka) =>
        mine.forEach(([, cb], kb) => {
          if (overlaps(ca, cb) && (!best || ka < best[1] || (ka === best[1] && kb < best[2]))) best = [a, ka, kb];
        }),
      );
    if (best) out.push([best[0], owners[best[0]][best[1]][0], b, mine[best[2]][0]]);
  });
  return out;
}

test("each owner's first overlap with an earlier owner, as a check of every pair finds it (fast-check)", () => {
  // Aligned prefixes in 10.0.0.0/20, from /20 to /24, so they nest, repeat and miss each other often.
  const prefix = fc.record({ bits: fc.integer({ min: 20, max: 24 }), slot: fc.integer({ min: 0, max: 15 }) }).map(({ bits, slot }): Cidr => {
    const size = 2 ** (32 - bits);
    return { base: ((10 << 24) >>> 0) + Math.floor((slot * 256) / size) * size, bits };
  });
  const owners = fc.array(fc.array(prefix, { maxLength: 3 }), { maxLength: 12 }).map((os) => os.map((ps) => ps.map((c) => [formatCidr(c), c] as const)));
  fc.assert(fc.property(owners, (os) => assert.deepEqual(firstOverlaps(os), reference(os))), { numRuns: 500 });
});

test("ten thousand owners of one prefix: one overlap each, with the first", () => {
  const c: Cidr = { base: (10 << 24) >>> 0, bits: 16 };
  const found = firstOverlaps(Array.from({ length: 10_000 }, () => [["10.0.0.0/16", c] as const]));
  assert.equal(found.length, 9_999);
  assert.deepEqual(found[9_998], [0, "10.0.0.0/16", 9_999, "10.0.0.0/16"]);
});
