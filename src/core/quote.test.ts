import { test } from "node:test";
import assert from "node:assert/strict";
import { someNames } from "./quote.ts";

test("a finding names a few things in full and counts the rest of many", () => {
  assert.equal(someNames([]), "");
  assert.equal(someNames(["a", "b"], " and "), "a and b");
  assert.equal(someNames(["a", "b", "c", "d", "e"]), "a, b, c, d, e");
  const vnets = Array.from({ length: 4401 }, (_, i) => `vnet-s${i}`);
  assert.equal(someNames(vnets, " and "), "vnet-s0, vnet-s1, vnet-s2, vnet-s3, vnet-s4 and 4,396 more");
});
