import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { Allocator, azureUsable, contains, formatCidr, isPrivate, last, overlaps, parseCidr, type Cidr } from "./cidr.ts";

const c = (t: string) => parseCidr(t)!;

test("parses and formats prefixes, rejecting host bits and junk", () => {
  assert.equal(formatCidr(c("10.1.0.0/16")), "10.1.0.0/16");
  assert.equal(formatCidr(c("10.1.2.3")), "10.1.2.3/32");
  assert.equal(parseCidr("10.1.2.3/16"), undefined);
  assert.equal(formatCidr(parseCidr("10.1.2.3/16", true)!), "10.1.0.0/16");
  for (const bad of ["10.0.0.256/24", "10.0.0.0/33", "10.0.0/24", "a.b.c.d/8", "10.0.0.0/8/1"]) {
    assert.equal(parseCidr(bad), undefined, bad);
  }
});

test("containment and overlap", () => {
  assert.ok(contains(c("10.0.0.0/16"), c("10.0.5.0/24")));
  assert.ok(!contains(c("10.0.5.0/24"), c("10.0.0.0/16")));
  assert.ok(overlaps(c("172.17.0.0/16"), c("172.16.0.0/12")));
  assert.ok(!overlaps(c("10.0.0.0/24"), c("10.0.1.0/24")));
  assert.ok(overlaps(c("0.0.0.0/0"), c("203.0.113.7/32")));
});

test("private ranges", () => {
  assert.ok(isPrivate(c("192.168.4.0/24")));
  assert.ok(!isPrivate(c("203.0.113.0/24")));
});

const allocate = (space: Cidr[], taken: Cidr[], bits: number) => new Allocator(space, taken).allocate(bits);

test("allocation is lowest-fit, aligned and skips taken blocks", () => {
  const space = [c("10.0.0.0/16")];
  assert.equal(formatCidr(allocate(space, [], 24)!), "10.0.0.0/24");
  assert.equal(formatCidr(allocate(space, [c("10.0.0.0/24")], 24)!), "10.0.1.0/24");
  assert.equal(formatCidr(allocate(space, [c("10.0.0.0/26")], 24)!), "10.0.1.0/24");
  assert.equal(formatCidr(allocate(space, [c("10.0.0.0/24"), c("10.0.1.0/24")], 26)!), "10.0.2.0/26");
  assert.equal(formatCidr(allocate(space, [c("10.0.0.0/26")], 26)!), "10.0.0.64/26");
  assert.equal(allocate([c("10.0.0.0/24")], [c("10.0.0.0/25")], 24), undefined);
  assert.equal(allocate([c("10.0.0.0/24")], [], 16), undefined);
  // A block taken inside one already taken, and one around blocks already taken.
  assert.equal(formatCidr(allocate(space, [c("10.0.0.0/23"), c("10.0.1.0/24")], 24)!), "10.0.2.0/24");
  assert.equal(formatCidr(allocate(space, [c("10.0.1.0/26"), c("10.0.1.128/25"), c("10.0.0.0/23")], 26)!), "10.0.2.0/26");
});

test("allocation matches a scan of every taken block, whatever is taken and asked in turn (fast-check)", () => {
  // What the allocator replaces: for each candidate, the first taken block it overlaps.
  const reference = (space: Cidr[], taken: Cidr[], bits: number): Cidr | undefined => {
    for (const s of space) {
      if (bits < s.bits) continue;
      const step = 2 ** (32 - bits);
      for (let base = s.base; base + step - 1 <= last(s); ) {
        const clash = taken.find((t) => overlaps(t, { base, bits }));
        if (!clash) return { base, bits };
        base = Math.ceil((last(clash) + 1) / step) * step;
      }
    }
    return undefined;
  };
  const space = [c("10.0.0.0/22"), c("10.1.0.0/24")];
  const step = fc.oneof(
    fc.record({ take: fc.integer({ min: 0, max: 1023 }), bits: fc.integer({ min: 22, max: 30 }) }),
    fc.record({ ask: fc.integer({ min: 20, max: 30 }) }),
  );
  fc.assert(
    fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
      const allocator = new Allocator(space);
      const taken: Cidr[] = [];
      for (const x of steps) {
        if ("take" in x) {
          // An aligned block of the first space (fixed prefixes may overlap each other).
          const size = 2 ** (32 - x.bits);
          const block = { base: space[0].base + Math.floor((x.take * 4) / size) * size, bits: x.bits };
          allocator.take(block);
          taken.push(block);
        } else {
          const expected = reference(space, taken, x.ask);
          assert.deepEqual(allocator.allocate(x.ask), expected);
          if (expected) taken.push(expected);
        }
      }
    }),
    { numRuns: 300 },
  );
});

test("Azure reserves five addresses per subnet", () => {
  assert.equal(azureUsable(c("10.0.0.0/24")), 251);
  assert.equal(azureUsable(c("10.0.0.0/29")), 3);
});
