// The web view's server — loopback only, Host header checked (no DNS rebinding), the
// API behind a per-session token and refusing cross-site requests, a Content Security Policy,
// no path traversal, what-if and reload.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { request } from "node:http";
import { copyFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveMain } from "../src/web/main.ts";
import { tryOpen } from "../src/web/reload.ts";
import { DEFAULT_LIMITS } from "../src/api/index.ts";
import type { Running } from "../src/web/server.ts";

const example = (f: string) => new URL(`../examples/${f}`, import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "amlnet-serve-"));
const file = join(dir, "amlnet.yaml");
copyFileSync(example("private-link-workspace.yaml"), file);
let out = "";
const started = await serveMain([file], { out: (s) => (out += s), err: (s) => (out += s) });
assert.ok(typeof started !== "number", out);
const server = started as Running;
after(() => server.close());

/** A raw request: the path exactly as written, headers as given (fetch would normalise both). */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: "127.0.0.1", port: server.port, method, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => done({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on("error", fail);
    if (body) req.write(body);
    req.end();
  });
}
const withToken = { "x-amlnet-token": server.token };

test("it listens on 127.0.0.1 only and says where", () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.match(out, new RegExp(`amlnet serves ${file} at ${server.url.replace(/[.]/g, "\\.")} \\(127\\.0\\.0\\.1 only`));
});

test("the Host header must name this server (DNS rebinding)", async () => {
  assert.equal((await raw("GET", "/", { host: "evil.example:80" })).status, 421);
  assert.equal((await raw("GET", "/", { host: `attacker.example:${server.port}` })).status, 421);
  assert.equal((await raw("GET", "/", { host: `localhost:${server.port}` })).status, 200);
});

test("the page carries the token and a Content Security Policy; assets are the bundled ones", async () => {
  const page = await raw("GET", "/");
  assert.equal(page.status, 200);
  assert.ok(page.body.includes(`content="${server.token}"`));
  assert.equal(page.headers["content-security-policy"], "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  assert.equal(page.headers["x-content-type-options"], "nosniff");
  // Nothing fetched from elsewhere: no absolute URL in the page or its assets but the documents' links.
  const js = await raw("GET", "/app.js");
  assert.equal(js.status, 200);
  assert.match(js.headers["content-type"] as string, /^text\/javascript/);
  assert.doesNotMatch(page.body, /https?:\/\//);
  assert.doesNotMatch((await raw("GET", "/app.css")).body, /url\(|@import/);
});

test("the API wants the session token and refuses cross-site requests", async () => {
  assert.equal((await raw("GET", "/api/state")).status, 403);
  assert.equal((await raw("GET", "/api/state", { "x-amlnet-token": "0".repeat(48) })).status, 403);
  assert.equal((await raw("GET", "/api/state", { ...withToken, "sec-fetch-site": "cross-site" })).status, 403);
  const ok = await raw("GET", "/api/state", withToken);
  assert.equal(ok.status, 200);
  const state = JSON.parse(ok.body);
  assert.match(state.svg, /^<svg /);
  assert.ok(state.flows.length > 10);
  assert.equal((await raw("GET", "/api/events")).status, 403);
});

test("no path traversal: only the fixed assets and the API exist", async () => {
  for (const path of ["/../package.json", "/%2e%2e/package.json", "/app.js/../../package.json", "/..%2f..%2fpackage.json", "//etc/passwd", "/dist/web/app.js", "/src/web/server.ts", "/index.html"])
    assert.equal((await raw("GET", path)).status, 404, path);
  assert.equal((await raw("POST", "/", withToken, "{}")).status, 404);
});

test("trace and what-if: removing the workspace endpoint blocks the jump box's workspace flows", async () => {
  const t = JSON.parse((await raw("POST", "/api/trace", { ...withToken, "content-type": "application/json" }, JSON.stringify({ from: "jumpbox", to: "mlw-private" }))).body);
  assert.equal(t.verdict, "pass");
  assert.ok(t.hops.length >= 3);
  const state = JSON.parse((await raw("GET", "/api/state", withToken)).body);
  const pe = state.switches.endpoints.find((e: { name: string }) => /amlworkspace/.test(e.name));
  const after = JSON.parse((await raw("POST", "/api/whatif", { ...withToken, "content-type": "application/json" }, JSON.stringify({ removeEndpoints: [pe.id] }))).body);
  const changed = after.flows.filter((f: { verdict: string; before: string }) => f.before !== f.verdict).map((f: { id: string }) => f.id);
  assert.ok(changed.includes("jumpbox -> workspace API"), changed.join(", "));
  // Reset: the original again.
  const reset = JSON.parse((await raw("POST", "/api/whatif", { ...withToken, "content-type": "application/json" }, "{}")).body);
  assert.ok(reset.flows.every((f: { verdict: string; before: string }) => f.before === f.verdict));
  assert.equal((await raw("POST", "/api/whatif", withToken, "x".repeat(70_000))).status, 413);
});

/** The revisions an event stream announced, in order (the first is sent on connecting). */
const revisions = (text: string): number[] => [...text.matchAll(/event: revision\ndata: (\d+)\n\n/g)].map((m) => Number(m[1]));

test("a change to the file on disk reloads open pages", async () => {
  const events = await new Promise<string>((done, fail) => {
    const req = request({ host: "127.0.0.1", port: server.port, path: `/api/events?token=${server.token}`, headers: { host: `127.0.0.1:${server.port}` } }, (res) => {
      let text = "";
      res.on("data", (c) => {
        text += c;
        if (revisions(text).length >= 2) {
          req.destroy();
          done(text);
        }
      });
      // Connected: change the blueprint (a comment is enough to count as a change).
      setTimeout(() => writeFileSync(file, `${readFileSync(file, "utf8")}# edited\n`), 100);
    });
    req.on("error", (e) => (String(e).includes("socket hang up") ? undefined : fail(e)));
    req.end();
  });
  const [connected, changed] = revisions(events);
  assert.equal(changed, connected + 1);
});

test("a page that connects after a reload learns of it on connecting (no reload is missed)", async () => {
  const before = (JSON.parse((await raw("GET", "/api/state", withToken)).body) as { revision: number }).revision;
  server.reload();
  const first = await new Promise<string>((done, fail) => {
    const req = request({ host: "127.0.0.1", port: server.port, path: `/api/events?token=${server.token}`, headers: { host: `127.0.0.1:${server.port}` } }, (res) => {
      res.on("data", (c) => {
        req.destroy();
        done(String(c));
      });
    });
    req.on("error", (e) => (String(e).includes("socket hang up") ? undefined : fail(e)));
    req.end();
  });
  assert.deepEqual(revisions(first), [before + 1]);
});

test("serve takes a Terraform folder like check, and reloads when one of its .tf files changes", async () => {
  const tf = mkdtempSync(join(tmpdir(), "amlnet-serve-tf-"));
  const main = (access: boolean) => `resource "azurerm_machine_learning_workspace" "w" {
  name                          = "mlw-tf"
  resource_group_name           = "rg"
  location                      = "eastus"
  storage_account_id            = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"
  key_vault_id                  = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  application_insights_id       = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Insights/components/ai"
  public_network_access_enabled = ${access}
  identity { type = "SystemAssigned" }
}
`;
  writeFileSync(join(tf, "main.tf"), main(false));
  const r = await serveMain([tf], { out: () => {}, err: () => {} });
  assert.ok(typeof r !== "number");
  try {
    const state = async () => (await (await fetch(`${r.url}api/state`, { headers: { "x-amlnet-token": r.token } })).json()) as { findings: { ruleId: string; position: { file: string; line: number } }[]; revision: number };
    const first = await state();
    const unreachable = first.findings.find((f) => f.ruleId === "AML026");
    assert.ok(unreachable);
    assert.match(`${unreachable.position.file}:${unreachable.position.line}`, /main\.tf:1$/);
    writeFileSync(join(tf, "main.tf"), main(true));
    // The folder is watched: the edit reloads the view (polled, within the reload's own time). A
    // reload may meet the file half written (a write is a truncate, then the text): a later one
    // reads it whole.
    let now = await state();
    for (let i = 0; i < 150 && now.findings.some((f) => f.ruleId === "AML026"); i++) {
      await new Promise((x) => setTimeout(x, 100));
      now = await state();
    }
    assert.ok(now.revision > first.revision, "reloaded");
    assert.ok(!now.findings.some((f) => f.ruleId === "AML026"), JSON.stringify(now).slice(0, 2000));
  } finally {
    await r.close();
  }
});

test("serve takes templates like check: a real quickstart with its parameters", async () => {
  const template = new URL("../../shared/realworld/qs_ml-end-to-end-secure_azuredeploy.json", import.meta.url).pathname;
  const r = await serveMain([template, "--param", "prefix=mlw", "--param", "dsvmJumpboxUsername=azureuser", "--location", "eastus"], { out: () => {}, err: () => {} });
  assert.ok(typeof r !== "number");
  try {
    const res = await fetch(`${r.url}api/state`, { headers: { "x-amlnet-token": r.token } });
    const state = (await res.json()) as { findings: { ruleId: string }[]; svg: string };
    assert.ok(state.findings.some((f) => f.ruleId === "AML003"));
    assert.match(state.svg, /data-name="vnet-mlw-3438"/);
  } finally {
    await r.close();
  }
  // Without its parameters it still opens: they are unknown, named in one note.
  const bare = await serveMain([template], { out: () => {}, err: () => {} });
  assert.ok(typeof bare !== "number");
  try {
    const res = await fetch(`${bare.url}api/state`, { headers: { "x-amlnet-token": bare.token } });
    const state = (await res.json()) as { findings: { ruleId: string; message: string }[] };
    assert.deepEqual(state.findings.filter((f) => f.ruleId === "AML908").map((f) => f.message.match(/'prefix'/) !== null), [true]);
  } finally {
    await bare.close();
  }
});

test("a request body that isn't an object is a 400, never a 500; ports are decimal digits", async () => {
  for (const body of ["null", "[]", "3", '"x"'])
    for (const path of ["/api/trace", "/api/whatif"]) assert.equal((await raw("POST", path, { ...withToken, "content-type": "application/json" }, body)).status, 400, `${path} ${body}`);
  for (const port of ["0x1F90", "8080.0", " 80", "1e3"]) {
    let err = "";
    assert.equal(await serveMain([file, "--port", port], { out: () => {}, err: (s) => (err += s) }), 2, port);
    assert.match(err, /^amlnet: serve takes one file and a --port from 0 to 65535/);
  }
});

test("serve takes every input option check takes: the bounds and template limits, a bad count a usage error", async () => {
  let err = "";
  const io = { out: () => {}, err: (s: string) => (err += s) };
  assert.equal(await serveMain([file, "--max-bytes", "100"], io), 2);
  assert.equal(err, `amlnet: ${file} is over the 100-byte limit for an input file (raise it with --max-bytes)\n`);
  err = "";
  assert.equal(await serveMain([file, "--max-values", "10"], io), 2);
  assert.match(err, /BP006|values/);
  err = "";
  assert.equal(await serveMain([file, "--max-steps", "0x10"], io), 2);
  assert.match(err, /^amlnet: --max-steps is a positive whole number, not '0x10'\n/);
});

test("the findings come in reading order, as the text report lists them: errors, warnings, notes; by place; whole-input notes last", async () => {
  const post = async (body: object) => JSON.parse((await raw("POST", "/api/whatif", { ...withToken, "content-type": "application/json" }, JSON.stringify(body))).body);
  const base = JSON.parse((await raw("GET", "/api/state", withToken)).body);
  // Without the workspace endpoint: errors on the workspace (line 8) and on the clients' and
  // compute's flows further down, which the rules report in rule order, not in reading order.
  const pe = base.switches.endpoints.find((e: { name: string }) => /amlworkspace/.test(e.name));
  const s = await post({ removeEndpoints: [pe.id] });
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const keys = (s.findings as { severity: keyof typeof rank; position: { line: number; col: number } }[]).map((f) => [rank[f.severity], f.position.line === 1 && f.position.col === 1 ? 1 : 0, f.position.line, f.position.col]);
  assert.ok(keys.length >= 4);
  const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]);
  assert.deepEqual(keys, sorted);
});

test("each page has its own what-if: the server keeps none, a trace follows the page's switches", async () => {
  const post = async (path: string, body: object) => JSON.parse((await raw("POST", path, { ...withToken, "content-type": "application/json" }, JSON.stringify(body))).body);
  const base = JSON.parse((await raw("GET", "/api/state", withToken)).body);
  const pe = base.switches.endpoints.find((e: { name: string }) => /amlworkspace/.test(e.name));
  const whatif = { removeEndpoints: [pe.id] };
  // One page asks what if the endpoint went away; a page opened after still sees the input as it is.
  const mine = await post("/api/whatif", whatif);
  assert.deepEqual(mine.applied, whatif);
  assert.ok(mine.flows.some((f: { verdict: string; before: string }) => f.before !== f.verdict));
  const fresh = JSON.parse((await raw("GET", "/api/state", withToken)).body);
  assert.deepEqual(fresh.applied, {});
  assert.ok(fresh.flows.every((f: { verdict: string; before: string }) => f.before === f.verdict));
  // A trace under the page's switches, and without them.
  const blocked = await post("/api/trace", { from: "jumpbox", to: "mlw-private", whatif });
  assert.equal(blocked.verdict, "fail");
  // The fix for a name no endpoint answers for any more doesn't speak of a missing endpoint's zone group.
  const dns = blocked.hops.find((h: { step: string; ok: boolean }) => h.step === "dns" && !h.ok);
  assert.match(dns.fix, /^No private endpoint reaches mlw-private \(amlworkspace\): add one with a zone group in privatelink\.api\.azureml\.ms/);
  assert.equal((await post("/api/trace", { from: "jumpbox", to: "mlw-private" })).verdict, "pass");
});

test("a port in use is one line and exit 2", async () => {
  let err = "";
  assert.equal(await serveMain([file, "--port", String(server.port)], { out: () => {}, err: (s) => (err += s) }), 2);
  assert.equal(err, `amlnet: can't listen on 127.0.0.1:${server.port}: the port is in use (--port 0 picks a free one)\n`);
});

test("an edit that breaks the file keeps the last good view, with the located errors beside it; a fix clears them", async () => {
  const good = readFileSync(file, "utf8");
  const before = JSON.parse((await raw("GET", "/api/state", withToken)).body) as { svg: string };
  writeFileSync(file, "region: eastus\nworkspace: [\n");
  server.reload();
  const broken = JSON.parse((await raw("GET", "/api/state", withToken)).body) as { errors?: unknown; reloadErrors?: { code: string; position: { line: number } }[]; svg: string };
  assert.equal(broken.errors, undefined);
  assert.equal(broken.reloadErrors?.[0].code, "BP001");
  assert.equal(broken.svg, before.svg);
  writeFileSync(file, good);
  server.reload();
  const fixed = JSON.parse((await raw("GET", "/api/state", withToken)).body) as { errors?: unknown; reloadErrors?: unknown; svg: string };
  assert.equal(fixed.errors, undefined);
  assert.equal(fixed.reloadErrors, undefined);
  assert.match(fixed.svg, /^<svg /);
});

test("a reload is tried in a worker with a deadline: a slow input gives up there while the server's thread stays free", { timeout: 60_000 }, async () => {
  const slow = join(dir, "slow.json");
  const big = `[string(length(range(0, 15000000)))]`;
  writeFileSync(slow, JSON.stringify({ $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", contentVersion: "1.0.0.0", variables: { v: big }, resources: [] , outputs: { o: { type: "string", value: "[variables('v')]" } } }));
  let ticks = 0;
  const ticker = setInterval(() => (ticks += 1), 20);
  const t0 = Date.now();
  const trial = await tryOpen(slow, { limits: DEFAULT_LIMITS, location: "eastus" }, 300);
  clearInterval(ticker);
  assert.deepEqual(trial.ok ? [] : trial.errors.map((e) => `${e.code} ${e.message}`), ["BP000 reading it took longer than 0.3 s"]);
  assert.ok(Date.now() - t0 < 5_000, `gave up after ${Date.now() - t0} ms`);
  // The timer kept running while the worker evaluated: the server's own thread was never blocked.
  assert.ok(ticks >= 5, `${ticks} ticks`);
  // Within the deadline, the worker says whether it opens.
  assert.deepEqual(await tryOpen(file, { limits: DEFAULT_LIMITS }), { ok: true });
});

test("serve checks options as check does, and follows an editor that saves by rename", { timeout: 20_000 }, async () => {
  let err = "";
  assert.equal(await serveMain([file, "--cloud", "Mars"], { out: () => {}, err: (s) => (err += s) }), 2);
  assert.match(err, /^amlnet: --cloud is AzureCloud, AzureUSGovernment, AzureChinaCloud, not 'Mars'/);
  // Saves by rename (a new file moved over the old name), twice: the page is told to reload each
  // time, not only after the first (a watch on the file itself would lose it with its inode).
  const saveByRename = (n: number) => {
    writeFileSync(`${file}.swp`, `${readFileSync(file, "utf8")}# saved by rename ${n}\n`);
    renameSync(`${file}.swp`, file);
  };
  const events = await new Promise<string>((done, fail) => {
    const req = request({ host: "127.0.0.1", port: server.port, path: `/api/events?token=${server.token}`, headers: { host: `127.0.0.1:${server.port}` } }, (res) => {
      let text = "";
      res.on("data", (c) => {
        text += c;
        const reloads = revisions(text).length - 1;
        if (reloads === 1 && !text.includes("second")) {
          text += " second";
          setTimeout(() => saveByRename(2), 300);
        }
        if (reloads >= 2) {
          req.destroy();
          done(text);
        }
      });
      setTimeout(() => saveByRename(1), 100);
    });
    req.on("error", (e) => (String(e).includes("socket hang up") ? undefined : fail(e)));
    req.end();
  });
  assert.equal(revisions(events).length - 1, 2);
});
