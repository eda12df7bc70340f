// The web view at N spokes (default 50; the browser tests' generated estate): the time from opening the page
// in Debian's Chromium to the first diagram box drawn, and the server's first state and a what-if
// answer, median of three each. Prints JSON; without Chromium it says so.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { chromium } from "playwright-core";
import { openInput } from "../src/api/index.ts";
import { serveMain } from "../src/web/main.ts";
import type { Running } from "../src/web/server.ts";
import { spokes } from "../test/support/estate.ts";

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const text = spokes(Number(process.argv[2] ?? 50));
const opened = openInput("estate.yaml", text);
const resources = opened.ok ? opened.project.model.resources.length : 0;
const file = join(mkdtempSync(join(tmpdir(), "amlnet-bench-web-")), "estate.yaml");
writeFileSync(file, text);
const server = (await serveMain([file], { out: () => {}, err: () => {} })) as Running;
const headers = { "x-amlnet-token": server.token, "content-type": "application/json" };
const timed = async (f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};
const stateMs: number[] = [];
const whatIfMs: number[] = [];
let endpoint = "";
for (let i = 0; i < 3; i++) {
  // A reload empties the server's caches: each first state is a first render.
  server.reload();
  stateMs.push(await timed(async () => (endpoint = ((await (await fetch(`${server.url}api/state`, { headers })).json()) as { switches: { endpoints: { id: string }[] } }).switches.endpoints[0].id)));
  whatIfMs.push(await timed(async () => (await fetch(`${server.url}api/whatif`, { method: "POST", headers, body: JSON.stringify({ removeEndpoints: [endpoint] }) })).json()));
}
const executablePath = spawnSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).stdout.trim();
const paintMs: number[] = [];
if (executablePath) {
  const browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-background-networking", "--no-first-run"] });
  for (let i = 0; i < 3; i++) {
    server.reload();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    paintMs.push(
      await timed(async () => {
        await page.goto(server.url);
        await page.waitForSelector("#diagram svg .node");
      }),
    );
    await page.close();
  }
  await browser.close();
}
await server.close();
console.log(JSON.stringify({ resources, stateMs: median(stateMs), whatIfMs: median(whatIfMs), paintMs: paintMs.length ? median(paintMs) : null }));
