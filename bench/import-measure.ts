// One import measurement, in its own process: the full check as the installed command runs it
// (the built library in dist/, the file read, evaluated, mapped and judged by every rule and flow),
// and reading a template or an estate into the model (parse with positions, evaluate, map). The
// generated inputs come as files (bench/write-input.ts), so this process's heap holds only what a
// CLI run's would. Usage: import-measure.ts module | import-measure.ts <kind> <file>. Prints JSON.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { loadJson } from "../src/frontends/arm/load.ts";

// The shipped bundle, not the sources through tsx: tsx keeps every function's name by wrapping
// each closure as it is made, which costs a check about a sixth more than the command users run.
const { openJson } = (await import(new URL("../dist/index.js", import.meta.url).href)) as typeof import("../src/api/index.ts");

const kind = process.argv[2];
const module = new URL("../../shared/realworld/avm_res_ml-workspace_v0.14_main.json", import.meta.url);
// The generated loop templates are far past ARM's limits (800 copies and resources), raised here
// as --max-copy and --max-resources raise them for a user.
const templateLimits = kind === "loop" || kind === "spokes" ? { maxCopy: 1_000_000, maxResources: 1_000_000, maxSteps: 1_000_000_000 } : {};
const [file, text, params] = kind === "module" ? ["avm.json", readFileSync(module, "utf8"), ["name=mlw-bench", "sku=Basic"]] : [`${kind}.json`, readFileSync(process.argv[3], "utf8"), []];
// JSON.parse of the same text: the floor any reader of the file pays.
const tp = performance.now();
JSON.parse(text);
const parseMs = performance.now() - tp;
// The check first, in a fresh process as a CLI run is (its start-up compiles amlnet's code once).
const t1 = performance.now();
let opened = openJson(file, text, { params, location: "eastus", templateLimits });
if (!opened.ok) throw new Error(JSON.stringify(opened.errors.slice(0, 3)));
const findings = opened.project.findings.length;
const checkMs = performance.now() - t1;
// The studio matrix (every client, every feature) from the flows the check traced.
const ts = performance.now();
opened.project.studio();
const studioMs = performance.now() - ts;
// One `trace` as the CLI asks it (by names, in the same process), spread over sources and
// destinations: the median of 101.
const ends = opened.project.ends();
const times: number[] = [];
for (let k = 0; k < 101 && ends.from.length && ends.to.length; k++) {
  const t = performance.now();
  opened.project.trace(ends.from[(k * 7919) % ends.from.length], ends.to[(k * 104729) % ends.to.length]);
  times.push(performance.now() - t);
}
const traceMedianMs = times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
opened = { ok: false, errors: [] };
// Reading alone, through the sources. The module once before timing: the first run compiles
// amlnet's own code, which a CLI run pays once at start-up (measured by the start-up benchmark).
if (kind === "module") loadJson(file, text, { params, location: "eastus" });
const t0 = performance.now();
const loaded = loadJson(file, text, { params, location: "eastus", templateLimits });
const importMs = performance.now() - t0;
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors.slice(0, 3)));
console.log(JSON.stringify({ kind, bytes: Buffer.byteLength(text), resources: loaded.resources.length, importMs, checkMs, parseMs, findings, traceMedianMs, studioMs, peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
