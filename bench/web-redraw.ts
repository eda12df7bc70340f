// The web view's redraw after a what-if switch, on the largest example: the POST to
// the loopback API that recomputes flows and findings, lays the diagram out again and returns it,
// as the page does when a switch is applied. Median of ten, after one warm-up. Prints JSON.
import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { openInput } from "../src/api/index.ts";
import { startServer } from "../src/web/server.ts";
import { assets } from "../src/web/main.ts";

const dir = new URL("../examples/", import.meta.url);
const sizes = readdirSync(dir)
  .filter((f) => f.endsWith(".yaml"))
  .map((f) => {
    const text = readFileSync(new URL(f, dir), "utf8");
    const o = openInput(f, text);
    return { f, text, resources: o.ok ? o.project.model.resources.length : 0 };
  })
  .sort((a, b) => b.resources - a.resources);
const largest = sizes[0];
const server = await startServer({ load: () => openInput(largest.f, largest.text), assets: assets() });
const headers = { "x-amlnet-token": server.token, "content-type": "application/json" };
const state = (await (await fetch(`${server.url}api/state`, { headers })).json()) as { switches: { endpoints: { id: string }[] } };
const switches = [{ publicAccess: "Enabled" }, { removeEndpoints: [state.switches.endpoints[0].id] }, {}];
const times: number[] = [];
for (let i = 0; i < 11; i++) {
  const t = performance.now();
  const r = await fetch(`${server.url}api/whatif`, { method: "POST", headers, body: JSON.stringify(switches[i % switches.length]) });
  await r.json();
  if (i > 0) times.push(performance.now() - t);
}
await server.close();
times.sort((a, b) => a - b);
console.log(JSON.stringify({ example: largest.f, resources: largest.resources, medianMs: times[Math.floor(times.length / 2)], maxMs: times[times.length - 1] }));
