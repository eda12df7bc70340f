// In a real browser: Debian's Chromium driven by playwright-core. The view loads, a
// what-if redraws, a resource is selected with the mouse and with the keyboard, a trace is drawn,
// every request stays on the loopback server, text keeps WCAG AA contrast, and screenshots are
// saved to test-results/ for a person to look at.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { serveMain } from "../src/web/main.ts";
import type { Running } from "../src/web/server.ts";
import { contrast } from "./support/contrast.ts";
import { spokes } from "./support/estate.ts";

const results = new URL("../test-results/", import.meta.url).pathname;
mkdirSync(results, { recursive: true });
const executablePath = spawnSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).stdout.trim();
let browser: Browser;
const servers: Running[] = [];

before(async () => {
  assert.ok(executablePath, "Debian's chromium is on PATH (npm test installs it)");
  browser = await chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run"] });
});
after(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
});

async function serve(name: string, text: string): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), "amlnet-browser-"));
  const file = join(dir, name);
  writeFileSync(file, text);
  const r = await serveMain([file], { out: () => {}, err: () => {} });
  assert.ok(typeof r !== "number");
  servers.push(r);
  return r;
}

/** A page that records every request and page error. */
async function open(server: Running): Promise<{ page: Page; requests: string[]; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const requests: string[] = [];
  const errors: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(server.url);
  await page.waitForSelector("#diagram svg .node");
  return { page, requests, errors };
}

test("the view: what-if, select with mouse and keyboard, trace drawn, all on loopback, AA contrast", async () => {
  const example = new URL("../examples/private-link-workspace.yaml", import.meta.url).pathname;
  const dir = mkdtempSync(join(tmpdir(), "amlnet-browser-"));
  copyFileSync(example, join(dir, "amlnet.yaml"));
  const r = await serveMain([join(dir, "amlnet.yaml")], { out: () => {}, err: () => {} });
  assert.ok(typeof r !== "number");
  servers.push(r);
  const { page, requests, errors } = await open(r);
  assert.match((await page.textContent("#status"))!, /0 error\(s\), \d+ flows, 0 blocked/);

  // What if the workspace endpoint went away: flows change, the workspace gets an error.
  const box = page.locator("#whatif-endpoints label", { hasText: "amlworkspace" }).locator("input");
  await box.check();
  await page.click('#whatif-form button[type="submit"]');
  await page.waitForFunction(() => /changed by the what-if/.test(document.getElementById("status")!.textContent ?? ""));
  // The flows by source: a group with blocked flows opens on demand, a flow in it traces.
  const group = page.locator("#flows details", { has: page.locator("summary span.blocked") }).first();
  await group.locator("summary").click();
  assert.ok((await group.locator("li.flow.fail").count()) > 0, "blocked flows in the group");
  await group.locator("li.flow.fail button").first().click();
  await page.waitForSelector("#trace-result ol.hops li");

  // Click the resource with an error: its findings with the rule's documents.
  await page.click("#diagram .node.has-error");
  await page.waitForSelector("#findings li.sev-error");
  assert.match((await page.textContent("#findings"))!, /AML026/);
  assert.ok((await page.locator('#findings a[href^="https://learn.microsoft.com/"]').count()) > 0);

  // Keyboard: Tab reaches the diagram's boxes, Enter selects one.
  await page.click("#show-all");
  // From the top of the page, as a keyboard user starts (a click on the heading moves the start).
  await page.click("header h1");
  let onNode = false;
  for (let i = 0; i < 60 && !onNode; i++) {
    await page.keyboard.press("Tab");
    onNode = await page.evaluate(() => document.activeElement?.classList.contains("node") ?? false);
  }
  assert.ok(onNode, "a diagram box takes focus");
  const focused = await page.evaluate(() => document.activeElement!.getAttribute("data-id"));
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.querySelector("#diagram .node.selected")?.getAttribute("data-id")), focused);

  // A trace from the jump box to the workspace: blocked now, hop by hop, drawn on the diagram.
  await page.selectOption("#trace-from", "jumpbox");
  await page.selectOption("#trace-to", "mlw-private");
  await page.click('#trace-form button[type="submit"]');
  await page.waitForSelector("#trace-result ol.hops li");
  assert.match((await page.textContent("#trace-result"))!, /BLOCKED jumpbox →/);
  assert.ok((await page.locator("#diagram .node.on-trace").count()) >= 2);
  assert.equal(await page.locator("#diagram polyline.trace-line.fail").count(), 1);
  await page.screenshot({ path: join(results, "web-view.png") });

  // Every request went to this server; nothing failed in the page.
  assert.deepEqual(requests.filter((u) => !u.startsWith(r.url)), []);
  assert.deepEqual(errors, []);

  // WCAG AA: text against its effective background.
  // (A string: tsx would name the helper functions with a helper the page doesn't have.)
  const pairs = (await page.evaluate(`[...document.querySelectorAll("h1, h2, #status, #findings p, label, button, #flows summary, li.flow, .fix, .docs a, #trace-result li, #zoom-level")]
    .filter((e) => (e.textContent || "").trim())
    .map((e) => {
      let bg = "rgb(255, 255, 255)";
      for (let x = e; x; x = x.parentElement) {
        const c = getComputedStyle(x).backgroundColor;
        if (c && c !== "rgba(0, 0, 0, 0)" && c !== "transparent") { bg = c; break; }
      }
      return { what: e.tagName.toLowerCase() + "." + e.className, fg: getComputedStyle(e).color, bg };
    })`)) as { what: string; fg: string; bg: string }[];
  assert.ok(pairs.length > 20);
  for (const p of pairs) assert.ok(contrast(p.fg, p.bg) >= 4.5, `${p.what}: ${p.fg} on ${p.bg} is ${contrast(p.fg, p.bg).toFixed(2)}:1`);
  await page.close();
});

test("a generated estate of 5 VNets and 50 resources renders, and the file's change reloads the page", async () => {
  const server = await serve("estate.yaml", spokes(4));
  const { page, errors } = await open(server);
  assert.ok((await page.locator("#diagram .node").count()) >= 40);
  await page.screenshot({ path: join(results, "web-estate.png"), fullPage: false });
  // An edit on disk: the page reloads its state without a click.
  const before = await page.textContent("#status");
  const file = (await page.textContent("#file"))!;
  writeFileSync(file, spokes(3));
  await page.waitForFunction((old) => document.getElementById("status")!.textContent !== old, before, { timeout: 10_000 });
  assert.deepEqual(errors, []);
  await page.close();
});

/** The drawing's view box, as the page shows it. */
const viewBox = (page: Page) => page.evaluate(() => document.querySelector("#diagram svg")!.getAttribute("viewBox")!.split(" ").map(Number));

test("50 spokes at 1400x900 and 1280x800: fitted on both axes, nothing clipped, zoom and pan, search, a trace drawn hop by hop", async () => {
  const small = await serve("amlnet.yaml", readFileSync(new URL("../examples/private-link-workspace.yaml", import.meta.url), "utf8"));
  const server = await serve("estate.yaml", spokes(50));
  for (const [name, at, width, height] of [
    ["small", small, 1400, 900],
    ["small", small, 1280, 800],
    ["50-spokes", server, 1400, 900],
    ["50-spokes", server, 1280, 800],
  ] as const) {
    const page = await browser.newPage({ viewport: { width, height } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(at.url);
    await page.waitForSelector("#diagram svg .node");
    // Fitted: the whole drawing in the pane, both axes; the page itself doesn't scroll sideways.
    const fit = await page.evaluate(() => {
      const svg = document.querySelector("#diagram svg")!.getBoundingClientRect();
      const pane = document.getElementById("diagram")!.getBoundingClientRect();
      const nodes = [...document.querySelectorAll("#diagram .node")].map((n) => n.getBoundingClientRect());
      return {
        inside: nodes.every((r) => r.left >= pane.left - 1 && r.right <= pane.right + 1 && r.top >= pane.top - 1 && r.bottom <= pane.bottom + 1),
        svg: svg.width > 0 && svg.height > 0,
        scroll: document.documentElement.scrollWidth <= window.innerWidth,
        toolbar: document.getElementById("fit")!.getBoundingClientRect().right <= window.innerWidth,
      };
    });
    assert.deepEqual(fit, { inside: true, svg: true, scroll: true, toolbar: true }, `${name} ${width}x${height}`);
    await page.screenshot({ path: join(results, `web-${name}-${width}x${height}.png`) });
    assert.deepEqual(errors, []);
    await page.close();
  }

  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(server.url);
  await page.waitForSelector("#diagram svg .node");
  const whole = await viewBox(page);
  // As drawn in the page: near a screen's shape, and no two boxes overlapping unless one holds the other.
  assert.ok(whole[2] / whole[3] >= 0.8 && whole[2] / whole[3] <= 3.2, `width:height ${whole[2]}:${whole[3]}`);
  // (A string: tsx would name the helper functions with a helper the page doesn't have.)
  const overlaps = (await page.evaluate(`(() => {
    const boxes = [...document.querySelectorAll("#diagram .node")].map((n) => {
      const m = /translate\\(([\\d.-]+),([\\d.-]+)\\)/.exec(n.getAttribute("transform"));
      const r = n.querySelector("rect");
      return { id: n.getAttribute("data-id"), x: Number(m[1]), y: Number(m[2]), w: Number(r.getAttribute("width")), h: Number(r.getAttribute("height")) };
    });
    const inside = (a, b) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.w <= b.x + b.w + 0.5 && a.y + a.h <= b.y + b.h + 0.5;
    const out = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h && !inside(a, b) && !inside(b, a)) out.push(a.id + " / " + b.id);
      }
    return out.slice(0, 5);
  })()`)) as string[];
  assert.deepEqual(overlaps, []);
  // The wheel zooms in around the pointer; a drag pans; Fit shows the whole again.
  const pane = (await page.locator("#diagram svg").boundingBox())!;
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  await page.mouse.wheel(0, -600);
  const zoomed = await viewBox(page);
  assert.ok(zoomed[2] < whole[2] / 2, `zoomed in: ${zoomed} from ${whole}`);
  await page.mouse.down();
  await page.mouse.move(pane.x + pane.width / 2 + 200, pane.y + pane.height / 2 + 100, { steps: 5 });
  await page.mouse.up();
  const panned = await viewBox(page);
  assert.ok(panned[0] < zoomed[0] && panned[1] < zoomed[1] && panned[2] === zoomed[2], `panned: ${panned} from ${zoomed}`);
  await page.click("#fit");
  assert.deepEqual(await viewBox(page), whole);

  // Search: a resource by name is selected, shown and focused.
  await page.fill("#search", "jump-37");
  await page.press("#search", "Enter");
  await page.waitForFunction(() => document.activeElement?.getAttribute("data-name") === "jump-37");
  assert.equal(await page.evaluate(() => document.querySelector("#diagram .node.selected")?.getAttribute("data-name")), "jump-37");
  assert.ok((await viewBox(page))[2] < whole[2] / 3, "the view closes in on it");
  await page.fill("#search", "no-such-thing");
  await page.press("#search", "Enter");
  assert.match((await page.textContent("#search-status"))!, /Nothing named like "no-such-thing"/);

  // A trace through the hub's endpoint: drawn through the endpoint's box, each hop labelled there.
  await page.click("#fit");
  await page.selectOption("#trace-from", "jump-12");
  await page.selectOption("#trace-to", "stestate");
  await page.click('#trace-form button[type="submit"]');
  await page.waitForSelector("#diagram polyline.trace-line");
  const drawn = await page.evaluate(() => ({
    endpoint: [...document.querySelectorAll("#diagram .node.kind-endpoint.on-trace")].map((n) => n.getAttribute("data-name")),
    labels: [...document.querySelectorAll("#diagram text.hop-label")].map((t) => t.textContent),
    points: document.querySelector("#diagram polyline.trace-line")!.getAttribute("points")!.split(" ").length,
  }));
  assert.equal(drawn.endpoint.length, 1, JSON.stringify(drawn));
  assert.match(drawn.endpoint[0]!, /blob/);
  assert.ok(drawn.labels.some((l) => /^✓ endpoint$/.test(l ?? "")), JSON.stringify(drawn.labels));
  // From the spoke into the hub: along the peering between them.
  assert.ok(drawn.labels.includes("✓ peering"), JSON.stringify(drawn.labels));
  assert.ok(drawn.points >= 3, "through the endpoint, not straight from end to end");
  // Routed around the other boxes: no leg of the line crosses a box that isn't on the trace.
  const crossed = await page.evaluate(() => {
    const pts = document.querySelector("#diagram polyline.trace-line")!.getAttribute("points")!.split(" ").map((p) => p.split(",").map(Number));
    const boxes = [...document.querySelectorAll("#diagram .node:not(.on-trace)")]
      .filter((n) => !/kind-(vnet|subnet|group|managed)/.test(n.getAttribute("class") ?? ""))
      .map((n) => {
        const m = /translate\(([\d.-]+),([\d.-]+)\)/.exec(n.getAttribute("transform")!)!;
        const r = n.querySelector("rect")!;
        return { name: n.getAttribute("data-name"), x: Number(m[1]) + 1, y: Number(m[2]) + 1, w: Number(r.getAttribute("width")) - 2, h: Number(r.getAttribute("height")) - 2 };
      });
    const hits: string[] = [];
    for (let i = 1; i < pts.length; i++) {
      const [ax, ay] = pts[i - 1];
      const [bx, by] = pts[i];
      // Sampled every 2 px along the leg.
      const n = Math.ceil(Math.hypot(bx - ax, by - ay) / 2);
      for (let k = 0; k <= n; k++) {
        const x = ax + ((bx - ax) * k) / n;
        const y = ay + ((by - ay) * k) / n;
        for (const b of boxes) if (x > b.x && x < b.x + b.w && y > b.y && y < b.y + b.h) hits.push(b.name!);
      }
    }
    return [...new Set(hits)];
  });
  assert.deepEqual(crossed, []);
  await page.screenshot({ path: join(results, "web-50-spokes-trace.png") });
  await page.close();
});

test("two pages hold independent what-ifs; a bad edit marks the diagram stale with the errors in the findings panel", async () => {
  const server = await serve("amlnet.yaml", readFileSync(new URL("../examples/private-link-workspace.yaml", import.meta.url), "utf8"));
  const a = await open(server);
  await a.page.locator("#whatif-endpoints label", { hasText: "amlworkspace" }).locator("input").check();
  await a.page.click('#whatif-form button[type="submit"]');
  await a.page.waitForFunction(() => /changed by the what-if/.test(document.getElementById("status")!.textContent ?? ""));
  // A second page opened now sees the input as it is, and its own Apply leaves the first page's alone.
  const b = await open(server);
  assert.doesNotMatch((await b.page.textContent("#status"))!, /what-if/);
  await b.page.fill("#filter-links", "privatelink.api");
  assert.ok((await b.page.locator("#whatif-links label:not([hidden])").count()) >= 1);
  assert.equal(await b.page.locator("#whatif-links label:not([hidden])", { hasNotText: "privatelink.api" }).count(), 0, "the filter hides the others");
  await b.page.click('#whatif-form button[type="submit"]');
  await b.page.waitForTimeout(300);
  assert.doesNotMatch((await b.page.textContent("#status"))!, /what-if/);
  assert.match((await a.page.textContent("#status"))!, /changed by the what-if/);

  // A bad edit on disk: the panel lists the located error, the diagram is marked stale; a fix clears both.
  const file = (await a.page.getAttribute("#file", "title"))!;
  const good = readFileSync(file, "utf8");
  writeFileSync(file, "region: eastus\nworkspace: [\n");
  await b.page.waitForSelector("#diagram-pane.stale", { timeout: 10_000 });
  assert.ok(await b.page.isVisible("#stale"));
  assert.match((await b.page.textContent("#findings"))!, /amlnet\.yaml:\d+:\d+/);
  assert.match((await b.page.textContent("#findings-scope"))!, /the file doesn't open/);
  writeFileSync(file, good);
  await b.page.waitForFunction(() => !document.getElementById("diagram-pane")!.classList.contains("stale"), undefined, { timeout: 10_000 });
  assert.ok(!(await b.page.isVisible("#stale")));
  // The first page kept its own what-if through the reload.
  await a.page.waitForFunction(() => /changed by the what-if/.test(document.getElementById("status")!.textContent ?? ""), undefined, { timeout: 10_000 });
  assert.deepEqual([...a.errors, ...b.errors], []);
  await a.page.close();
  await b.page.close();
});

test("keyboard: a skip link to the flow explorer, arrow keys between diagram boxes, Escape clears a selection", async () => {
  const server = await serve("estate.yaml", spokes(6));
  const { page, errors } = await open(server);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Skip to the flow explorer");
  await page.keyboard.press("Enter");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "trace-title");
  // Every control of the explorer is a few Tab presses away.
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "trace-from");

  const first = page.locator("#diagram .node.kind-vnet").first();
  await first.focus();
  const start = await page.evaluate(() => document.activeElement!.getAttribute("data-id"));
  await page.keyboard.press("ArrowRight");
  const moved = await page.evaluate(() => document.activeElement!.getAttribute("data-id"));
  assert.ok(moved && moved !== start, "ArrowRight moves to another box");
  await page.keyboard.press("Enter");
  assert.equal(await page.locator("#diagram .node.selected").count(), 1);
  await page.keyboard.press("Escape");
  assert.equal(await page.locator("#diagram .node.selected").count(), 0);
  // Keyboard only, from the top: Tab reaches every control of the page.
  await page.click("header h1");
  const reached = new Set<string>();
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press("Tab");
    const what = await page.evaluate(() => {
      const e = document.activeElement!;
      return e.id || (e.tagName === "SUMMARY" ? "flows-group" : e.closest("#whatif-endpoints") ? "endpoint-switch" : e.closest("#whatif-links") ? "link-switch" : e.classList.contains("node") ? "diagram-box" : e.tagName.toLowerCase());
    });
    reached.add(what);
  }
  for (const control of ["search", "zoom-out", "zoom-in", "fit", "diagram-box", "trace-from", "trace-to", "trace-port", "whatif-public", "filter-endpoints", "endpoint-switch", "filter-links", "link-switch", "whatif-reset", "flows-group"])
    assert.ok(reached.has(control), `Tab reaches ${control}: ${[...reached].join(", ")}`);
  assert.deepEqual(errors, []);
  await page.close();
});
