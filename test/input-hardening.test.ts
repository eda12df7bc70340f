// Every bad input is one located message and exit 2; nothing reaches the user as a stack
// trace; hostile inputs (alias bombs, deep nesting, huge files) fail fast with the limit named.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { openBlueprint, readText } from "../src/api/index.ts";
import { main } from "../src/cli/main.ts";
import { parseDocument } from "yaml";
import { documentData, parseYaml } from "../src/frontends/blueprint/source.ts";

const BASE = "region: eastus\nworkspace: {name: mlw}\nstorage: {name: stml}\nkeyVault: {name: kv-ml}\n";
const example = (f: string) => new URL(`../examples/${f}`, import.meta.url).pathname;

/** The errors of a blueprint text as `line:col code message`. */
function errors(text: string, limits?: { maxBytes: number; maxValues: number }): string[] {
  const r = openBlueprint("t.yaml", text, { limits });
  return r.ok ? [] : r.errors.map((e) => `${e.position.line}:${e.position.col} ${e.code} ${e.message}`);
}

function run(argv: string[], stdin?: string) {
  const r = spawnSync(process.execPath, [new URL("../bin/amlnet.js", import.meta.url).pathname, ...argv], { input: stdin, encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test("YAML syntax errors point at their line and column, not 1:1", () => {
  assert.deepEqual(errors("region: eastus\n\tworkspace: {name: x}\n"), ["2:1 BP001 YAML: Tabs are not allowed as indentation"]);
  assert.deepEqual(errors("region: eastus\nregion: westus\n"), ["2:1 BP001 YAML: Map keys must be unique"]);
  assert.match(errors("region: eastus\nstorage: [a, b\nkeyVault: x\n")[0], /^[23]:\d+ BP001 YAML: /);
  assert.notEqual(errors("region: eastus\nstorage: [a, b\nkeyVault: x\n")[0].slice(0, 3), "1:1");
  assert.deepEqual(errors(`${BASE}---\nregion: westus\n`), ["5:1 BP001 a blueprint is one YAML document: remove the '---' and what follows, or split it into files"]);
});

test("duplicate keys are found as the YAML library finds them (scalar keys by value, merge keys and NaN never), each located", () => {
  // The library's own check (uniqueKeys) compares each key with every earlier key of its mapping;
  // amlnet checks with one set per mapping and must agree with it on every case.
  const documents = [
    "a: 1\na: 2\n",
    "{a: 1, a: 2}\n",
    "a: 1\n'a': 2\n",
    "1: x\n1.0: y\n",
    "0x10: 1\n16: 2\n",
    "true: 1\nTrue: 2\n",
    "~: 1\nnull: 2\n",
    "'1': x\n1: y\n",
    ".nan: 1\n.nan: 2\n",
    "a: 1\n<<: {b: 1}\n<<: {c: 2}\n",
    "? [a]\n: 1\n? [a]\n: 2\n",
    "x: &k a\n*k : 1\na: 2\n",
    "&a k: 1\nk: 2\n",
    "l: [{a: 1, a: 2}, x: 1]\n",
    "? {a: 1, a: 2}\n: 1\n",
    "o: !!omap [ {a: 1}, {b: {c: 1, c: 2}} ]\n",
    "a: &m {x: 1, x: 2}\nb: *m\n",
    "a: 1\nb:\n  c: 1\n  c: 2\na: 3\n",
    "a: 1\nb: [\n",
  ];
  const codes = (errors: readonly { code: string; pos: [number, number] }[]) => errors.map((e) => `${e.code}@${e.pos[0]}`);
  let duplicates = 0;
  for (const text of documents) {
    const library = codes(parseDocument(text, { merge: true, uniqueKeys: true }).errors);
    assert.deepEqual(codes(parseYaml("t.yaml", text).doc.errors), library, JSON.stringify(text));
    duplicates += library.filter((c) => c.startsWith("DUPLICATE_KEY")).length;
  }
  assert.equal(duplicates, 14, "the table holds duplicates to find");
  assert.deepEqual(errors(`${BASE}workspace: {name: mlw2}\nx-m:\n  a: 1\n  b: 2\n  a: 3\n`), ["5:1 BP001 YAML: Map keys must be unique", "9:3 BP001 YAML: Map keys must be unique"]);
});

test("aliases become data as the YAML library makes it, resolved in one walk, and the document keeps its aliases", () => {
  const documents = [
    "a: &x 1\nb: *x\nc: &x 2\nd: *x\n",
    "base: &b {a: 1, b: 2}\nm: {<<: *b, b: 3}\n",
    "one: &o {a: 1}\ntwo: &t {a: 2, c: 3}\nm: {<<: [*o, *t]}\n",
    "k: &k name\n*k : 1\n",
    "l: &l [1, &n {x: 1}]\nm: [*l, *n, *l]\n",
    "s: !!set {a, b}\nt: &t !!omap [{a: 1}, {b: 2}]\nu: *t\n",
    "deep: &d {a: {b: {c: [1, 2, {e: 3}]}}}\nmore: {x: *d, y: [*d]}\n",
  ];
  for (const text of documents) {
    const doc = parseYaml("t.yaml", text).doc;
    const before = doc.toString();
    assert.deepEqual(documentData(doc, 1000), { value: parseDocument(text, { merge: true }).toJS({ maxAliasCount: -1 }) }, JSON.stringify(text));
    assert.equal(doc.toString(), before, "the aliases are back in place");
  }
});

test("aliases: one that names no anchor, one inside its own anchor, and a bomb are located errors", () => {
  assert.deepEqual(errors("region: eastus\nworkspace: *nope\n"), ["2:12 BP006 alias *nope names no anchor (&nope) before it"]);
  assert.deepEqual(errors("region: eastus\nworkspace: &x [*x]\n"), ["2:16 BP006 an alias names a node it is inside of: it would expand forever"]);
  const list = Array.from({ length: 3000 }, (_, i) => `  - v${i}`).join("\n");
  const bomb = `x-big: &big\n${list}\n${Array.from({ length: 98 }, (_, i) => `x-a${i}: *big`).join("\n")}\n${BASE}`;
  assert.deepEqual(errors(bomb, { maxBytes: 1_000_000, maxValues: 200_000 }), [
    "1:1 BP006 aliases expand this document past 200,000 values; a blueprint is far smaller (raise the limit with --max-values)",
  ]);
  // The same aliases under a higher limit are fine (they sit in x- keys, which hold anchors).
  assert.deepEqual(errors(bomb, { maxBytes: 1_000_000, maxValues: 1_000_000 }), []);
});

test("input size: over the limit is refused before parsing, and --max-bytes raises it", () => {
  const padded = `${BASE}${"# padding\n".repeat(40_000)}`;
  assert.deepEqual(errors(padded), ["1:1 BP006 the file is 400,084 bytes, over the 262,144-byte limit for a blueprint (raise it with --max-bytes)"]);
  const dir = mkdtempSync(join(tmpdir(), "amlnet-in-"));
  writeFileSync(join(dir, "big.yaml"), padded);
  const refused = run(["check", join(dir, "big.yaml")]);
  assert.equal(refused.code, 2);
  // Read (templates may be far larger), then refused as a blueprint before any YAML is parsed.
  assert.equal(refused.err, `${join(dir, "big.yaml")}:1:1 error BP006 the file is 400,084 bytes, over the 262,144-byte limit for a blueprint (raise it with --max-bytes)\n`);
  assert.equal(run(["check", join(dir, "big.yaml"), "--max-bytes", "500000", "--fail-level", "none"]).code, 0);
  assert.equal(run(["check", join(dir, "big.yaml"), "--max-bytes", "1e6"]).code, 2);
});

test("nesting deeper than any blueprint is a located error, not a stack overflow", () => {
  const flow = `region: eastus\nworkspace: ${"[".repeat(3000)}${"]".repeat(3000)}\n`;
  assert.deepEqual(errors(flow), ["2:112 BP006 nested more than 100 levels deep; a blueprint nests a dozen at most"]);
  const block = `region: eastus\nworkspace:${Array.from({ length: 200 }, (_, i) => `\n${"  ".repeat(i + 1)}a:`).join("")} 1\n`;
  assert.match(errors(block)[0], /^\d+:\d+ BP006 nested more than 100 levels deep/);
});

test("a value of the wrong type is named at the value, with what was expected and what came", () => {
  assert.deepEqual(errors("region: eastus\nworkspace: 5\nstorage: {name: stml}\nkeyVault: {name: kv-ml}\n"), ["2:12 BP005 workspace: expected a mapping, got a number (5)"]);
  assert.deepEqual(errors(`${BASE}endpoints: {subnet: x}\n`), ["5:12 BP005 endpoints: expected a list, got a mapping"]);
  // A key that is really missing is still said so.
  assert.deepEqual(errors("region: eastus\nworkspace: {name: mlw}\nstorage: {name: stml}\n"), ["1:1 BP004 missing required key 'keyVault'"]);
});

test("YAML merge keys work, with anchors kept under x- keys", () => {
  assert.deepEqual(errors("x-defaults: &d {name: mlw}\nregion: eastus\nworkspace: {<<: *d}\nstorage: {name: stml}\nkeyVault: {name: kv-ml}\n"), []);
});

test("a file that isn't UTF-8 is one message with the place of the first bad byte; - reads standard input", () => {
  const dir = mkdtempSync(join(tmpdir(), "amlnet-in-"));
  const file = join(dir, "latin1.yaml");
  writeFileSync(file, Buffer.concat([Buffer.from("region: eastus\nworkspace: {name: m"), Buffer.from([0xe9]), Buffer.from("}\n")]));
  const bound = { maxBytes: 1000, what: "a blueprint" };
  assert.deepEqual(readText(file, bound), {
    ok: false,
    error: `${file}:2:20: byte 0xe9 is not UTF-8; save the file as UTF-8`,
    position: { file, line: 2, col: 20, message: "byte 0xe9 is not UTF-8; save the file as UTF-8" },
  });
  // From the command line it is a located input error with its code, in every format.
  assert.equal(run(["check", file]).err, `${file}:2:20 error BP000 byte 0xe9 is not UTF-8; save the file as UTF-8\n`);
  const utf16 = join(dir, "utf16.yaml");
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("region: eastus\n", "utf16le")]));
  assert.equal(run(["check", utf16]).err, `${utf16}:1:1 error BP000 the file is UTF-16; save it as UTF-8\n`);
  assert.deepEqual(readText(dir, bound), { ok: false, error: `cannot read ${dir}: it is a folder` });
  const piped = run(["check", "-"], `${BASE}`);
  assert.match(piped.out, /^amlnet \S+ checked -: /);
});

test("trace: unknown names are exit 2 with the closest candidates; addresses, tags and upper-case names are what they are", () => {
  const trace = (to: string, from = "jumpbox") => run(["trace", example("private-link-workspace.yaml"), "--from", from, "--to", to]);
  const typo = trace("Storag");
  assert.equal(typo.code, 2);
  assert.equal(typo.err, "amlnet: --to Storag: not a resource of this blueprint, a service tag, an address or a DNS name; did you mean Storage?\n");
  assert.equal(trace("stamlprivat").code, 2);
  assert.match(trace("stamlprivat").err, /did you mean stamlprivate\b/);
  assert.equal(trace("300.1.1.1").code, 2);
  const upper = trace("STAMLPRIVATE.BLOB.CORE.WINDOWS.NET");
  assert.equal(upper.code, 0, upper.err);
  assert.match(upper.out, /^jumpbox -> stamlprivate\.blob\.core\.windows\.net:443\n {2}1\. pass {4}dns: .* -> 10\./);
  const address = trace("10.70.1.4");
  assert.match(address.out, /dns: 10\.70\.1\.4 is an address: no lookup\n.*BLOCKED route/);
  const from = trace("stamlprivate", "jumpbx");
  assert.equal(from.code, 2);
  assert.match(from.err, /^amlnet: --from jumpbx: not a client, compute, vnet\/subnet or address of this blueprint; did you mean jumpbox\? \(it has: jumpbox, /);
});

test("--port takes decimal digits only; flows and studio refuse trace's options", () => {
  for (const port of ["0x1bb", "1e2", " 443", "443 ", "0", "65536"]) {
    const r = run(["trace", example("private-link-workspace.yaml"), "--from", "jumpbox", "--to", "stamlprivate", "--port", port]);
    assert.equal(r.code, 2, port);
    assert.match(r.err, /--port is a port number from 1 to 65535/);
  }
  const flows = run(["flows", example("private-link-workspace.yaml"), "--from", "jumpbox"]);
  assert.equal(flows.code, 2);
  assert.match(flows.err, /^amlnet: flows takes no --from; trace does/);
  assert.equal(run(["studio", example("private-link-workspace.yaml"), "--port", "80"]).code, 2);
});

test("output piped into a reader that stops early ends quietly, with the run's own exit code", async () => {
  const closedEarly = async (file: string) => {
    const child = spawn(process.execPath, [new URL("../bin/amlnet.js", import.meta.url).pathname, "flows", example(file), "--format", "json"], { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    // Read one chunk, then close the pipe as `head -c` would.
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on("exit", done));
    return { code, err };
  };
  assert.deepEqual(await closedEarly("secure-training-inference.yaml"), { code: 0, err: "" });
  // A blocked flow still makes it exit 1, though nobody read the report.
  assert.deepEqual(await closedEarly("broken/unreachable-workspace.yaml"), { code: 1, err: "" });
});

test("a full disk under standard output is one line and exit 2, never a stack trace", () => {
  const r = spawnSync("sh", ["-c", `"$0" "$1" check "$2" > /dev/full`, process.execPath, new URL("../bin/amlnet.js", import.meta.url).pathname, example("private-link-workspace.yaml")], { encoding: "utf8" });
  assert.equal(r.status, 2);
  assert.equal(r.stderr, "amlnet: can't write to standard output: no space left on the device\n");
});

test("an internal error is one line and exit 2, never a stack trace", () => {
  let err = "";
  // A file name that makes reading throw something other than an errno error.
  const code = main(["check", "\u0000"], { out: () => {}, err: (s) => (err += s), isTTY: false, env: {} });
  assert.equal(code, 2);
  assert.equal(err.split("\n").length, 2, err);
  assert.doesNotMatch(err, /\n\s+at /);
});

test("--output-file and --write-baseline never overwrite the input; a template may open with comments", () => {
  const dir = mkdtempSync(join(tmpdir(), "amlnet-self-"));
  const file = join(dir, "bp.yaml");
  writeFileSync(file, readFileSync(example("private-link-workspace.yaml"), "utf8"));
  const before = readFileSync(file, "utf8");
  for (const option of ["--output-file", "--write-baseline"]) {
    const r = run(["check", file, option, join(dir, ".", "bp.yaml")]);
    assert.equal(r.code, 2, option);
    assert.match(r.err, new RegExp(`^amlnet: ${option} names the input itself`));
    assert.equal(readFileSync(file, "utf8"), before);
  }
  // JSON with comments is how ARM reads templates: `// …` first is a template, not YAML.
  const template = join(dir, "t.json");
  writeFileSync(template, `// A template with a comment first\n/* and a block */\n{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": []}\n`);
  const r = run(["check", template, "--location", "eastus"]);
  assert.equal(r.code, 0, r.err);
  assert.doesNotMatch(r.out + r.err, /BP00/);
});
