import { test } from "node:test";
import assert from "node:assert/strict";
import { allocate, azureUsable, contains, formatCidr, isPrivate, overlaps, parseCidr } from "./cidr.ts";

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

test("allocation is lowest-fit, aligned and skips taken blocks", () => {
  const space = [c("10.0.0.0/16")];
  assert.equal(formatCidr(allocate(space, [], 24)!), "10.0.0.0/24");
  assert.equal(formatCidr(allocate(space, [c("10.0.0.0/24")], 24)!), "10.0.1.0/24");
  assert.equal(formatCidr(allocate(space, [c("10.0.0.0/26")], 24)!), "10.0.1.0/24");
  assert.equal(formatCidr(allocate(space, [c("10.0.0.0/24"), c("10.0.1.0/24")], 26)!), "10.0.2.0/26");
  assert.equal(formatCidr(allocate(space, [c("10.0.0.0/26")], 26)!), "10.0.0.64/26");
  assert.equal(allocate([c("10.0.0.0/24")], [c("10.0.0.0/25")], 24), undefined);
  assert.equal(allocate([c("10.0.0.0/24")], [], 16), undefined);
});

test("Azure reserves five addresses per subnet", () => {
  assert.equal(azureUsable(c("10.0.0.0/24")), 251);
  assert.equal(azureUsable(c("10.0.0.0/29")), 3);
});
