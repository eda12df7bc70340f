// One table of every code amlnet emits: the rules' codes are the catalog's, the rest (run
// diagnostics, input errors) are core/diagnostics.ts's. Every code the sources write is in one of
// them, and every entry of the table is written somewhere (none is dead).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { INPUT_ERRORS, RUN_DIAGNOSTICS, SEVERITY_RANK } from "../src/core/diagnostics.ts";
import { RULES } from "../src/rules/catalog.ts";
import { META_DIAGNOSTICS } from "../src/rules/meta.ts";
import { explain } from "../src/report/explain.ts";

const src = fileURLToPath(new URL("../src/", import.meta.url));
const TABLE = fileURLToPath(new URL("../src/core/diagnostics.ts", import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? sources(path) : /\.(ts|js)$/.test(e.name) && !e.name.endsWith(".test.ts") && path !== TABLE ? [path] : [];
  });
}

/** Codes the sources write as string literals (an emitted code is always a literal). */
function writtenCodes(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const file of sources(src))
    for (const m of readFileSync(file, "utf8").matchAll(/["'`](AML\d{3}|BP\d{3}|AR\d{3}|TF\d{3})["'`]/g))
      out.set(m[1], [...(out.get(m[1]) ?? []), file.slice(src.length)]);
  return out;
}

test("every code the sources write is in the table (the rule catalog or core/diagnostics.ts)", () => {
  const known = new Set([...RULES.map((r) => r.id), ...Object.keys(RUN_DIAGNOSTICS), ...Object.keys(INPUT_ERRORS)]);
  const unknown = [...writtenCodes()].filter(([code]) => !known.has(code)).map(([code, files]) => `${code} in ${files.join(", ")}`);
  assert.deepEqual(unknown, []);
});

test("every entry of the table is written by some source (none is dead)", () => {
  const written = writtenCodes();
  assert.deepEqual(
    [...Object.keys(RUN_DIAGNOSTICS), ...Object.keys(INPUT_ERRORS)].filter((code) => !written.has(code)),
    [],
  );
});

test("explain, SARIF's catalog and the web view read the one table: each code explains with its title", () => {
  for (const [code, d] of [...Object.entries(RUN_DIAGNOSTICS), ...Object.entries(INPUT_ERRORS)]) {
    const text = explain(code, RULES, META_DIAGNOSTICS);
    assert.ok(text?.startsWith(`${code}: ${d.title}`), code);
  }
  assert.deepEqual(META_DIAGNOSTICS.map((m) => [m.id, m.title, m.severity]), Object.entries(RUN_DIAGNOSTICS).map(([id, d]) => [id, d.title, d.severity]));
  assert.deepEqual(Object.keys(SEVERITY_RANK), ["error", "warning", "info"]);
});
