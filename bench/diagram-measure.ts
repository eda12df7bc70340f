// One `amlnet diagram` of an exported estate, in its own process, through the shipped bundle as
// the command runs it: the file read into the model, then the diagram laid out (elkjs, a layout
// per VNet) and written as SVG. Usage: diagram-measure.ts <file>. Prints JSON.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const { drawDiagram, openJson } = (await import(new URL("../dist/index.js", import.meta.url).href)) as typeof import("../src/api/index.ts");

const text = readFileSync(process.argv[2], "utf8");
const t0 = performance.now();
const opened = openJson("estate.json", text, { location: "eastus" });
if (!opened.ok) throw new Error(JSON.stringify(opened.errors.slice(0, 3)));
const t1 = performance.now();
const diagram = await drawDiagram(opened.project);
const drawMs = performance.now() - t1;
console.log(JSON.stringify({ resources: opened.project.model.resources.length, openMs: t1 - t0, drawMs, svgBytes: Buffer.byteLength(diagram.svg), peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
