// `amlnet serve -`: standard input is read once, served as read, and never re-read — a file
// named "-" changing in the working folder doesn't reload the view into an empty input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { request } from "node:http";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const bin = new URL("../bin/amlnet.js", import.meta.url).pathname;
const example = new URL("../examples/private-link-workspace.yaml", import.meta.url).pathname;

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<string> {
  return new Promise((done, fail) => {
    const req = request({ host: "127.0.0.1", port, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => done(text));
    });
    req.on("error", fail);
    req.end();
  });
}

test("serve - reads standard input once and keeps serving it", async () => {
  const cwd = mkdtempSync(join(tmpdir(), "amlnet-serve-stdin-"));
  const child = spawn(process.execPath, [bin, "serve", "-", "--port", "0"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
  try {
    let out = "";
    let err = "";
    child.stderr.on("data", (c) => (err += c));
    const url = new Promise<string>((done, fail) => {
      child.stdout.on("data", (c) => {
        out += c;
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) done(m[1]);
      });
      child.on("exit", (code) => fail(new Error(`exited ${code}: ${err}`)));
    });
    child.stdin.end(readFileSync(example));
    const port = Number(new URL(await url).port);
    assert.match(out, /amlnet serves standard input at /);
    const token = /[0-9a-f]{48}/.exec(await get(port, "/"))![0];
    const state = async () => JSON.parse(await get(port, "/api/state", { "x-amlnet-token": token })) as { revision: number; errors?: unknown; flows?: unknown[] };
    const first = await state();
    assert.equal(first.errors, undefined, JSON.stringify(first.errors));
    assert.ok(first.flows && first.flows.length > 0);
    // A file named "-" beside it changes: standard input is not watched, so nothing reloads.
    writeFileSync(join(cwd, "-"), "not: [the input\n");
    await sleep(600);
    const later = await state();
    assert.equal(later.revision, 0);
    assert.equal(later.errors, undefined);
    assert.equal(later.flows!.length, first.flows.length);
  } finally {
    child.kill();
  }
});
