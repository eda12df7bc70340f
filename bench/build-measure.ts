// `amlnet build` on a generated hub-and-spoke blueprint (bench/blueprint-estate.ts): the time to
// produce every file and their sizes. Prints JSON.
import { performance } from "node:perf_hooks";
import { openBlueprint } from "../src/api/index.ts";
import { hubAndSpokes } from "./blueprint-estate.ts";

const spokes = Number(process.argv[2]);
const opened = openBlueprint("bench.yaml", hubAndSpokes(spokes), { limits: { maxBytes: 256 * 2 ** 20, maxValues: 100_000_000 } });
if (!opened.ok) throw new Error(opened.errors.map((e) => e.message).join("\n"));
const t = performance.now();
const files = opened.project.build();
const buildMs = performance.now() - t;
console.log(
  JSON.stringify({
    spokes,
    resources: opened.project.model.resources.length,
    buildMs,
    mainJsonBytes: files.get("main.json")!.length,
    mainBicepBytes: files.get("main.bicep")!.length,
    mainTfBytes: files.get("main.tf")!.length,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
