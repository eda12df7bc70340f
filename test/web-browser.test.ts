// In a real browser: Debian's Chromium driven by playwright-core. The view loads, a
// what-if redraws, a resource is selected with the mouse and with the keyboard, a trace is drawn,
// every request stays on the loopback server, text keeps WCAG AA contrast, and screenshots are
// saved to test-results/ for a person to look at.
import { test, after, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
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
  assert.ok((await page.locator("td.fail").count()) > 0, "blocked flows in the matrix");
  // A cell of the matrix traces its flow.
  await page.click("td.fail button");
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
  assert.equal(await page.locator("#diagram .trace-line.fail").count(), 1);
  await page.screenshot({ path: join(results, "web-view.png") });

  // Every request went to this server; nothing failed in the page.
  assert.deepEqual(requests.filter((u) => !u.startsWith(r.url)), []);
  assert.deepEqual(errors, []);

  // WCAG AA: text against its effective background.
  // (A string: tsx would name the helper functions with a helper the page doesn't have.)
  const pairs = (await page.evaluate(`[...document.querySelectorAll("h1, h2, #status, #findings p, label, button, td, th, .fix, .docs a, #trace-result li")]
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
