// Property-based tests: generated and mutated blueprints through check, build, flows
// and trace. A short run is part of `npm test`; `npm run fuzz` runs FUZZ_RUNS (default 10,000).
// A failure prints fast-check's seed and path: replay it with FUZZ_SEED/FUZZ_PATH, and add it to
// REGRESSIONS so it stays a regular test.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { blueprintText, fileName, modelText, traceEnd } from "./fuzz/arbitraries.ts";
import { cliProblems, fileProblems, readBuild, runCli } from "./fuzz/properties.ts";
import { openBlueprint } from "../src/api/index.ts";
import { Model } from "../src/core/model.ts";
import { buildFiles } from "../src/backends/build.ts";
import { readFileSync } from "node:fs";

const LONG = process.env.FUZZ_LONG === "1";
const RUNS = Number(process.env.FUZZ_RUNS ?? (LONG ? 10_000 : 25));
const replay = process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH } : {};

/** Seeds that once failed, replayed every run (each with the commit that fixed it). */
const REGRESSIONS: { property: "cli" | "model"; seed: number; path: string; fixed: string }[] = [
  // A carriage return in a model value split an HCL string literal in main.tf.
  { property: "model", seed: 198358989, path: "1:3:3:3", fixed: "HCL strings escape every control character" },
  // shellcheck's info note SC1003 on the correct '\'' quoting of a backslash in verify.sh: the
  // harness judges errors and warnings.
  { property: "model", seed: 1794057027, path: "0:2", fixed: "the fuzz harness judges shellcheck's errors and warnings" },
];

async function cliProperty(text: string, name: string, from: string, to: string, shellcheck = LONG): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "amlnet-fuzz-"));
  try {
    const file = join(dir, name);
    writeFileSync(file, text);
    const problems = [...cliProblems("check", runCli(["check", file]))];
    problems.push(...cliProblems("flows", runCli(["flows", file])));
    problems.push(...cliProblems("trace", runCli(["trace", file, "--from", from, "--to", to])));
    const out = join(dir, "out");
    const built = runCli(["build", file, "--output", out, "--ignore-findings"]);
    problems.push(...cliProblems("build", built));
    if (built.code === 0) problems.push(...(await fileProblems(readBuild(out), { shellcheck })));
    return problems;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const cliArbitrary = fc.tuple(blueprintText, fileName, traceEnd, traceEnd);

test("fuzz: any blueprint text gives exit 0, 1 or 2, no internal error, and a build that parses", async () => {
  await fc.assert(
    fc.asyncProperty(cliArbitrary, async ([text, name, from, to]) => {
      const problems = await cliProperty(text, name, from, to);
      assert.deepEqual(problems, []);
    }),
    { numRuns: RUNS, ...replay },
  );
});

// The back ends must escape whatever the model holds: the schema refuses these strings in a
// blueprint, but an imported template can carry anything.
const EXAMPLE = readFileSync(new URL("../examples/secure-training-inference.yaml", import.meta.url), "utf8");

async function modelProperty(texts: string[], shellcheck = LONG): Promise<string[]> {
  const r = openBlueprint("fuzz.yaml", EXAMPLE);
  if (!r.ok) throw new Error("example does not load");
  let n = 0;
  const poison = (value: unknown, key: string): unknown => {
    if (typeof value === "string" && !value.startsWith("/subscriptions/") && key !== "id" && key !== "type") return texts[n++ % texts.length];
    if (Array.isArray(value)) return value.map((v) => poison(v, key));
    if (value && typeof value === "object" && !("$secret" in value) && !("$deployment" in value))
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k)]));
    return value;
  };
  const m = r.project.model;
  const model = new Model({ ...m, resources: m.resources.map((x) => ({ ...x, properties: poison(x.properties, "") as typeof x.properties })) });
  return fileProblems(buildFiles(model, { blueprint: "fuzz.yaml", version: "fuzz" }), { shellcheck });
}

test("fuzz: whatever strings the model holds, every generated file parses and keeps them literal", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(modelText, { minLength: 1, maxLength: 6 }), async (texts) => {
      assert.deepEqual(await modelProperty(texts), []);
    }),
    { numRuns: Math.max(3, Math.floor(RUNS / 5)), ...replay },
  );
});

for (const r of REGRESSIONS)
  test(`fuzz regression ${r.property} seed ${r.seed} (fixed in ${r.fixed})`, async () => {
    const arbitrary = r.property === "cli" ? cliArbitrary : fc.array(modelText, { minLength: 1, maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(arbitrary as fc.Arbitrary<unknown>, async (input) => {
        // Replayed with shellcheck, as the long run that found it.
        const problems = r.property === "cli" ? await cliProperty(...(input as [string, string, string, string]), true) : await modelProperty(input as string[], true);
        assert.deepEqual(problems, []);
      }),
      { seed: r.seed, path: r.path, numRuns: 1 },
    );
  });
