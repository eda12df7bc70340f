import { test } from "node:test";
import assert from "node:assert/strict";
import { closest } from "./closest.ts";

test("did you mean: nearest first, within reach, case-insensitive", () => {
  assert.deepEqual(closest("isolaton", ["isolation", "identity", "region"]), ["isolation"]);
  assert.deepEqual(closest("Storag", ["storage", "stor", "keyVault"]), ["storage", "stor"]);
  assert.deepEqual(closest("zzzz", ["storage"]), []);
});

test("did you mean is bounded: a name of implausible length gets none and a huge list costs little", () => {
  assert.deepEqual(closest("x".repeat(100_000), ["x"]), []);
  // 200,000 candidates of the wrong length are skipped without comparing them.
  const many = Array.from({ length: 200_000 }, (_, i) => `candidate-name-${i}`);
  assert.deepEqual(closest("regoin", [...many, "region"]), ["region"]);
  assert.deepEqual(closest("region", ["r".repeat(150)]), []);
});
