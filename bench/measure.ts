// One benchmark measurement, run in its own process so its peak memory is its own: a generated
// hub-and-spoke blueprint (bench/blueprint-estate.ts) through every phase of `amlnet check` and
// `amlnet flows`, each timed, then the median of single traces on the loaded estate. Prints JSON.
import { Analysis } from "../src/core/analysis.ts";
import { performance } from "node:perf_hooks";
import { loadBlueprint } from "../src/frontends/blueprint/load.ts";
import { expand } from "../src/frontends/blueprint/lower/expand.ts";
import { collectSuppressions } from "../src/frontends/blueprint/suppressions.ts";
import { planeOf } from "../src/engine/plane.ts";
import { trace } from "../src/engine/trace.ts";
import { documentedFlowResults } from "../src/questions/flows.ts";
import { RULES } from "../src/rules/catalog.ts";
import { runRules } from "../src/rules/run.ts";
import { hubAndSpokes } from "./blueprint-estate.ts";

const spokes = Number(process.argv[2]);
const text = hubAndSpokes(spokes);
const phase = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
};
// CPU time (user + system, every thread: the garbage collector's too) of the phases of check.
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const cpuBefore = cpu();

// An estate this large is far past the default input bounds (meant for hand-written blueprints):
// raised here as `--max-bytes` and `--max-values` raise them for a user.
const [loaded, loadMs] = phase(() => loadBlueprint("bench.yaml", text, { maxBytes: 512 * 2 ** 20, maxValues: 500_000_000 }));
if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join("\n"));
const [model, expandMs] = phase(() => expand(loaded.blueprint));
const analysis = new Analysis(model);
const [flows, flowsMs] = phase(() => documentedFlowResults(planeOf(analysis)));
const [findings, rulesMs] = phase(() => runRules(analysis, RULES, collectSuppressions(loaded.blueprint)));
const cpuMs = cpu() - cpuBefore;

// JSON.parse of the same amount of data: the expanded model as JSON.
const json = JSON.stringify({ resources: model.resources, clients: model.clients });
const [, parseMs] = phase(() => JSON.parse(json));

const plane = planeOf(analysis);
const times: number[] = [];
for (let k = 0; k < 101; k++) {
  const f = flows[(k * 7919) % flows.length];
  times.push(phase(() => trace(plane, f.from, f.to))[1]);
}
times.sort((a, b) => a - b);

console.log(
  JSON.stringify({
    spokes,
    resources: model.resources.length,
    flows: flows.length,
    blocked: flows.filter((f) => f.trace.verdict === "fail").length,
    findings: findings.length,
    loadMs,
    expandMs,
    flowsMs,
    rulesMs,
    totalMs: loadMs + expandMs + flowsMs + rulesMs,
    cpuMs,
    parseMs,
    traceMedianMs: times[50],
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
