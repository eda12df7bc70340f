// One hostile-input measurement, in its own process so its memory is its own: the alias
// bomb of the hardening issue (a 2.7 MB file, one anchored 300k-item list, 98 aliases) read with
// the default bounds (refused for its size) or with --max-bytes raised (refused for what its
// aliases expand to). Prints JSON: milliseconds, peak RSS, and the error code.
import { performance } from "node:perf_hooks";
import { loadBlueprint } from "../src/frontends/blueprint/load.ts";
import { DEFAULT_LIMITS } from "../src/frontends/blueprint/source.ts";

const raised = process.argv[2] === "raised";
const list = Array.from({ length: 300_000 }, (_, i) => `  - ${i}`).join("\n");
const text = `x-big: &big\n${list}\n${Array.from({ length: 98 }, (_, i) => `x-a${i}: *big`).join("\n")}\nregion: eastus\n`;
const t = performance.now();
const r = loadBlueprint("bomb.yaml", text, raised ? { ...DEFAULT_LIMITS, maxBytes: 4 * 2 ** 20 } : DEFAULT_LIMITS);
const ms = performance.now() - t;
console.log(JSON.stringify({ bytes: text.length, ms, peakRssBytes: process.resourceUsage().maxRSS * 1024, code: r.ok ? "loaded" : r.errors[0].code, message: r.ok ? "" : r.errors[0].message }));
