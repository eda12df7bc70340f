// `trace` by names on an estate of many spokes: ends are found by name whatever their number (the
// first of a name in model order), and a name that is none lists a few and counts the rest.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openBlueprint } from "../src/api/index.ts";
import { hubAndSpokes } from "../bench/blueprint-estate.ts";

test("trace finds clients, computes, subnets and destinations by name in a 40-spoke estate, and a wrong name's message stays short", () => {
  const opened = openBlueprint("spokes.yaml", hubAndSpokes(40), { limits: { maxBytes: 1 << 20, maxValues: 1_000_000 } });
  assert.ok(opened.ok);
  const p = opened.project;
  for (const [from, to] of [
    ["jump-s39", "mlw-bench"],
    ["cpu-s7", "stbench/blob"],
    ["vnet-s12/snet-train", "kv-bench"],
    ["jump-s3", "stbench.blob.core.windows.net"],
  ]) {
    const t = p.trace(from, to);
    assert.ok(!("error" in t), `${from} -> ${to}: ${"error" in t ? t.error : ""}`);
    assert.equal(t.from, from);
  }
  const named = p.trace("jump-s3", "stbench.blob.core.windows.net");
  assert.ok(!("error" in named) && named.hops.some((h) => h.step === "endpoint" && /stbench/.test(h.detail)), "a DNS name is traced to the resource it names");
  const wrong = p.trace("jump-s999", "mlw-bench");
  assert.ok("error" in wrong);
  assert.match(wrong.error, /^--from jump-s999: .*\(it has: jump-s0, jump-s1, .* and [\d,]+ more\)$/);
  assert.ok(wrong.error.length < 600, `${wrong.error.length} characters`);
});
