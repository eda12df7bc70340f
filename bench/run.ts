// npm run bench: the performance targets of the network engine, measured on synthetic estates
// (never in a timed unit test). For 10k and 100k resources: JSON.parse of the estate file alone,
// load (parse + index the model), plane + every documented flow, peak memory, the median of one
// trace on the loaded estate, and the 100k/10k time ratio.
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { performance } from "node:perf_hooks";
import { Model } from "../src/core/model.ts";
import type { ModelInput } from "../src/core/types.ts";
import { buildPlane } from "../src/engine/plane.ts";
import { runFlows, documentedFlows } from "../src/questions/flows.ts";
import { trace } from "../src/engine/trace.ts";
import { syntheticEstate } from "./synthetic-estate.ts";

const dir = mkdtempSync(join(tmpdir(), "amlnet-bench-"));
let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const timer = setInterval(sample, 5);

function measure(units: number) {
  const file = join(dir, `estate-${units}.json`);
  writeFileSync(file, JSON.stringify(syntheticEstate(units)));
  const text = readFileSync(file, "utf8");
  let t = performance.now();
  JSON.parse(text);
  const parseMs = performance.now() - t;

  t = performance.now();
  const model = new Model(JSON.parse(text) as ModelInput);
  const loadMs = performance.now() - t;
  t = performance.now();
  const plane = buildPlane(model);
  const flows = documentedFlows(model);
  const results = runFlows(plane, flows);
  const flowsMs = performance.now() - t;
  sample();

  // One trace on the loaded estate (its plane warm), repeated for a median.
  const times: number[] = [];
  for (let k = 0; k < 101; k++) {
    const f = flows[(k * 7919) % flows.length];
    const s = performance.now();
    trace(plane, f.from, f.to);
    times.push(performance.now() - s);
  }
  times.sort((x, y) => x - y);
  return { units, resources: model.resources.length, flows: results.length, blocked: results.filter((r) => r.trace.verdict === "fail").length, parseMs, loadMs, flowsMs, totalMs: loadMs + flowsMs, traceMedianMs: times[50] };
}

const small = measure(50);
const large = measure(500);
clearInterval(timer);
rmSync(dir, { recursive: true, force: true });
const fmt = (r: ReturnType<typeof measure>) =>
  `${String(r.resources).padStart(7)} resources, ${r.flows} flows (${r.blocked} blocked): JSON.parse ${r.parseMs.toFixed(0)} ms, load ${r.loadMs.toFixed(0)} ms, plane+flows ${r.flowsMs.toFixed(0)} ms, total ${(r.totalMs / 1000).toFixed(2)} s (${(r.totalMs / r.parseMs).toFixed(1)}x JSON.parse), one trace median ${r.traceMedianMs.toFixed(2)} ms`;
console.log(fmt(small));
console.log(fmt(large));
console.log(`peak RSS ${(peak / 2 ** 30).toFixed(2)} GiB; 100k/10k time ratio ${(large.totalMs / small.totalMs).toFixed(1)} (target <= 11)`);
const ok = large.totalMs <= 10_000 && peak <= 2 * 2 ** 30 && large.traceMedianMs <= 20 && large.totalMs / small.totalMs <= 11;
console.log(ok ? "targets met" : "TARGETS MISSED");
process.exitCode = ok ? 0 : 1;
