// One benchmark measurement, run in its own process so its peak memory is its own: a generated
// hub-and-spoke blueprint (bench/blueprint-estate.ts) through `amlnet check` and `amlnet flows` as
// the installed command runs them (the built library in dist/: reading, expansion, the data plane,
// every documented flow, every rule, the findings located), each timed, then the median of single
// traces asked by names on the loaded estate. Prints JSON.
import { performance } from "node:perf_hooks";
import { hubAndSpokes } from "./blueprint-estate.ts";

// The shipped bundle, not the sources through tsx (whose closure naming costs about a sixth more).
const { openBlueprint } = (await import(new URL("../dist/index.js", import.meta.url).href)) as typeof import("../src/api/index.ts");

const spokes = Number(process.argv[2]);
const text = hubAndSpokes(spokes);
const phase = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
};
// CPU time (user + system, every thread: the garbage collector's too) of check and flows.
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const cpuBefore = cpu();

// An estate this large is far past the default input bounds (meant for hand-written blueprints):
// raised here as `--max-bytes` and `--max-values` raise them for a user.
const [opened, readMs] = phase(() => openBlueprint("bench.yaml", text, { limits: { maxBytes: 512 * 2 ** 20, maxValues: 500_000_000 } }));
if (!opened.ok) throw new Error(opened.errors.map((e) => e.message).join("\n"));
const project = opened.project;
const [findings, checkMs] = phase(() => project.findings);
const [flows, flowsMs] = phase(() => project.flows());
const cpuMs = cpu() - cpuBefore;

// JSON.parse of the same amount of data: the expanded model as JSON.
const json = JSON.stringify({ resources: project.model.resources, clients: project.model.clients });
const [, parseMs] = phase(() => JSON.parse(json));

// One `trace` as the CLI asks it (by names), spread over sources and destinations: the median of 101.
const ends = project.ends();
const times: number[] = [];
for (let k = 0; k < 101; k++) times.push(phase(() => project.trace(ends.from[(k * 7919) % ends.from.length], ends.to[(k * 104729) % ends.to.length]))[1]);
times.sort((a, b) => a - b);

console.log(
  JSON.stringify({
    spokes,
    resources: project.model.resources.length,
    flows: flows.length,
    blocked: flows.filter((f) => f.trace.verdict === "fail").length,
    findings: findings.length,
    readMs,
    checkMs,
    flowsMs,
    totalMs: readMs + checkMs + flowsMs,
    cpuMs,
    parseMs,
    traceMedianMs: times[50],
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
