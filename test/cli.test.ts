import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { main } from "../src/cli/main.ts";
import { schemaPlacement } from "../src/api/scenarios.ts";
import { RULES } from "../src/rules/catalog.ts";
import { META_DIAGNOSTICS } from "../src/rules/meta.ts";

function run(argv: string[], opts: { isTTY?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  let out = "";
  let err = "";
  const code = main(argv, { out: (s) => (out += s), err: (s) => (err += s), isTTY: opts.isTTY ?? false, env: opts.env ?? {} });
  return { code, out, err };
}

const example = (f: string) => new URL(`../examples/${f}`, import.meta.url).pathname;
const root = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

test("check: clean example exits 0 with a summary", () => {
  const r = run(["check", example("private-link-workspace.yaml")]);
  assert.equal(r.code, 0);
  assert.match(r.out, /No findings/);
  assert.doesNotMatch(r.out, /\x1b\[/, "no colour when piped");
});

test("check: findings at the fail level exit 1 and name file:line:col", () => {
  const r = run(["check", example("broken/basic-registry-endpoint.yaml")]);
  assert.equal(r.code, 1);
  assert.match(r.out, /basic-registry-endpoint\.yaml:7:\d+ error AML022 /);
  assert.equal(run(["check", example("broken/basic-registry-endpoint.yaml"), "--fail-level", "none"]).code, 0);
});

test("check: --fail-level warning counts warnings", () => {
  const dir = mkdtempSync(join(tmpdir(), "amlnet-"));
  const f = join(dir, "w.yaml");
  writeFileSync(f, readFileSync(example("private-link-workspace.yaml"), "utf8").replace("name: cramlprivate", "name: cramlprivate\n  trustedServices: false"));
  assert.equal(run(["check", f]).code, 0);
  assert.equal(run(["check", f, "--fail-level", "warning"]).code, 1);
});

test("check: colour only in a terminal without NO_COLOR, and not on a dumb one", () => {
  const f = example("broken/docker-bridge-range.yaml");
  assert.match(run(["check", f], { isTTY: true }).out, /\x1b\[31merror/);
  assert.match(run(["check", f], { isTTY: true, env: { TERM: "xterm-256color" } }).out, /\x1b\[31merror/);
  assert.doesNotMatch(run(["check", f], { isTTY: true, env: { NO_COLOR: "1" } }).out, /\x1b\[/);
  assert.doesNotMatch(run(["check", f], { isTTY: true, env: { TERM: "dumb" } }).out, /\x1b\[/);
});

test("check: json and SARIF 2.1.0 with stable rule ids and YAML locations", () => {
  const f = example("broken/unreachable-workspace.yaml");
  const json = JSON.parse(run(["check", f, "--format", "json"]).out);
  assert.deepEqual([...new Set(json.findings.map((x: { ruleId: string }) => x.ruleId))].sort(), ["AML026", "AML029", "AML080"]);
  const sarif = JSON.parse(run(["check", f, "--format", "sarif"]).out);
  assert.equal(sarif.version, "2.1.0");
  const driver = sarif.runs[0].tool.driver;
  assert.equal(driver.rules.length, RULES.length + META_DIAGNOSTICS.length);
  for (const r of driver.rules.filter((x: { id: string }) => RULES.some((y) => y.id === x.id)))
    assert.match(r.helpUri, /^https:\/\/learn\.microsoft\.com\//, `${r.id} links the page of its first document`);
  for (const res of sarif.runs[0].results) {
    assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
    assert.ok(res.locations[0].physicalLocation.region.startLine > 0);
    assert.match(res.locations[0].physicalLocation.artifactLocation.uri, /unreachable-workspace\.yaml$/);
  }
  assert.equal(run(["check", f, "--format", "sarif"]).out, run(["check", f, "--format", "sarif"]).out, "deterministic");
});

test("check: suppressed findings carry their reason in SARIF", () => {
  const sarif = JSON.parse(run(["check", example("public-workspace-secured-resources.yaml"), "--format", "sarif"]).out);
  const s = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === "AML037");
  assert.match(s.suppressions[0].justification, /VDI pool/);
});

test("bad input: one line per problem with file:line:col, exit 2", () => {
  const dir = mkdtempSync(join(tmpdir(), "amlnet-"));
  const f = join(dir, "bad.yaml");
  writeFileSync(f, "region: eastus\nworkspace: { name: w }\nstorage: { name: st1 }\nkeyVault: { name: kv1, sku: gold }\n");
  const r = run(["check", f]);
  assert.equal(r.code, 2);
  assert.equal(r.err, `${f}:4:24 error BP003 unknown key 'sku' in keyVault\n`);
  assert.equal(run(["check", join(dir, "missing.yaml")]).code, 2);
  assert.equal(run(["check"]).code, 2);
  assert.equal(run(["check", f, "--format", "xml"]).code, 2);
  assert.equal(run(["frobnicate"]).code, 2);
});

test("rules and explain", () => {
  const rules = run(["rules"]);
  assert.equal(rules.out.trim().split("\n").length, RULES.length);
  const e = run(["explain", "aml002"]);
  assert.equal(e.code, 0);
  assert.match(e.out, /AML002: Workspace endpoint without the notebooks zone/);
  assert.match(e.out, /Configure a private endpoint for an Azure Machine Learning workspace/);
  assert.match(e.out, /F01 /);
  assert.match(run(["explain", "AML900"]).out, /Unused suppression/);
  assert.equal(run(["explain", "AML555"]).code, 2);
});

test("init writes a scenario's blueprint that checks clean, and won't overwrite", () => {
  const dir = mkdtempSync(join(tmpdir(), "amlnet-"));
  const f = join(dir, "amlnet.yaml");
  const first = run(["init", "--scenario", "synapse-integration", "--output", f]);
  assert.equal(first.code, 0);
  // Outside amlnet's project the schema is copied beside the blueprint: offline, and it goes
  // wherever the file is committed.
  assert.match(readFileSync(f, "utf8"), /^# yaml-language-server: \$schema=\.\/amlnet\.schema\.json$/m);
  assert.equal(readFileSync(join(dir, "amlnet.schema.json"), "utf8"), readFileSync(join(root, "schema/blueprint.schema.json"), "utf8"));
  assert.equal(first.out, `Wrote ${f} and its editor schema ${join(dir, "amlnet.schema.json")} (scenario synapse-integration). Next: amlnet check ${f}\n`);
  assert.equal(run(["check", f]).code, 0);
  writeFileSync(f, "mine");
  assert.equal(run(["init", "--scenario", "synapse-integration", "--output", f]).code, 2);
  assert.equal(readFileSync(f, "utf8"), "mine", "nothing lost");
  assert.equal(run(["init", "--scenario", "synapse-integration", "--output", f, "--force"]).code, 0);
  assert.deepEqual(readdirSync(dir).sort(), ["amlnet.schema.json", "amlnet.yaml"], "no temporary file left");
  // A second blueprint beside it shares the schema copy; a different one there is kept.
  assert.equal(run(["init", "--scenario", "private-link-workspace", "--output", join(dir, "second.yaml")]).code, 0);
  writeFileSync(join(dir, "amlnet.schema.json"), "{}");
  const refused = run(["init", "--scenario", "private-link-workspace", "--output", join(dir, "third.yaml")]);
  assert.equal(refused.code, 2);
  assert.equal(refused.err, `amlnet: ${join(dir, "amlnet.schema.json")} exists; pass --force to replace it\n`);
  assert.ok(!existsSync(join(dir, "third.yaml")), "a refusal writes neither file");
  assert.equal(run(["init", "--scenario", "nope", "--output", join(dir, "x.yaml")]).code, 2);
  assert.ok(!existsSync(join(dir, "x.yaml")));
});

test("init inside amlnet's project (or one that installed it) points at the package's schema by a relative path", () => {
  assert.deepEqual(schemaPlacement(join(root, "examples", "new.yaml")), { ref: "../schema/blueprint.schema.json" });
  assert.deepEqual(schemaPlacement(join(root, "new.yaml")), { ref: "./schema/blueprint.schema.json" });
  assert.equal(schemaPlacement(join(tmpdir(), "new.yaml")).ref, "./amlnet.schema.json");
});

test("the installed command runs and sets its exit code", () => {
  const bin = new URL("../bin/amlnet.js", import.meta.url).pathname;
  const r = spawnSync(process.execPath, [bin, "check", example("broken/docker-bridge-range.yaml")], { encoding: "utf8" });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /AML051/);
  // npm links the command as .bin/amlnet (no .js): it must run from there too, not exit 0 silently.
  const link = join(mkdtempSync(join(tmpdir(), "amlnet-bin-")), "amlnet");
  symlinkSync(bin, link);
  const viaLink = spawnSync(link, ["check", example("broken/docker-bridge-range.yaml")], { encoding: "utf8" });
  assert.equal(viaLink.status, 1, viaLink.stderr);
  assert.match(viaLink.stdout, /AML051/);
});

test("build writes the deployment atomically, deterministically, and only where it may", () => {
  const dir = mkdtempSync(join(tmpdir(), "amlnet-"));
  const out = join(dir, "deploy");
  assert.equal(run(["build", example("secure-training-inference.yaml"), "--output", out]).code, 0);
  const first = readFileSync(join(out, "main.json"), "utf8");
  assert.match(first, /"generator": "amlnet /);
  assert.match(readFileSync(join(out, "README.md"), "utf8"), /^<!-- Generated by amlnet .* from secure-training-inference\.yaml/);
  assert.equal(run(["build", example("secure-training-inference.yaml"), "--output", out]).code, 0, "rebuilds its own output");
  assert.equal(readFileSync(join(out, "main.json"), "utf8"), first, "same bytes");
  assert.deepEqual(readdirSync(dir), ["deploy"], "no temporary folders left");

  const foreign = join(dir, "foreign");
  run(["init", "--scenario", "private-link-workspace", "--output", join(dir, "bp.yaml")]);
  assert.equal(run(["build", join(dir, "bp.yaml"), "--output", dir]).code, 2, "refuses a non-empty folder it did not write");
  assert.equal(run(["build", join(dir, "bp.yaml"), "--output", foreign]).code, 0);

  const errs = run(["build", example("broken/docker-bridge-range.yaml"), "--output", join(dir, "broken")]);
  assert.equal(errs.code, 1);
  assert.match(errs.err, /AML051/);
  assert.ok(!existsSync(join(dir, "broken")), "nothing written for a blueprint with errors");
  assert.equal(run(["build", example("broken/docker-bridge-range.yaml"), "--output", join(dir, "broken"), "--ignore-findings"]).code, 0);
});

test("flows: one vocabulary (pass, BLOCKED, blocked when not expected); exit 1 only for a blocked flow no suppression covers", () => {
  const ok = run(["flows", example("private-link-workspace.yaml")]);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /^pass {5}jumpbox -> workspace API/m);
  assert.match(ok.out, /\n\n\d+ flows: \d+ pass, 0 blocked\.\n$/);
  const bad = run(["flows", example("broken/unreachable-workspace.yaml"), "--format", "json"]);
  assert.equal(bad.code, 1);
  const doc = JSON.parse(bad.out) as { schemaVersion: number; command: string; summary: { blocked: number }; flows: { key: string; id: string; verdict: string; hops: { step: string; ok: boolean }[] }[] };
  assert.equal(doc.schemaVersion, 1);
  assert.equal(doc.command, "flows");
  assert.equal(doc.summary.blocked, doc.flows.filter((r) => r.verdict === "fail").length);
  assert.ok(doc.flows.some((r) => r.key === "subnet:cpu:workspace-api" && r.id === "cpu -> workspace API" && r.verdict === "fail" && r.hops.some((h) => h.step === "service" && !h.ok)));
  assert.equal(new Set(doc.flows.map((r) => r.key)).size, doc.flows.length, "keys are unique");
  // A blueprint that checks clean because its blocked flows are suppressed passes flows too.
  const suppressed = run(["flows", example("public-workspace-secured-resources.yaml")]);
  assert.equal(run(["check", example("public-workspace-secured-resources.yaml")]).code, 0);
  assert.equal(suppressed.code, 0, suppressed.out);
  assert.match(suppressed.out, /^blocked {2}ci-runner -> storage blob \(studio\) {2}.*\(not expected: CI submits jobs only/m);
  assert.match(suppressed.out, /\d+ flows: \d+ pass, 0 blocked, 2 blocked and not expected\.\n$/);
});

test("trace: hop by hop with fixes; bad ends and options are usage errors", () => {
  const t = run(["trace", example("broken/custom-dns-without-forwarders.yaml"), "--from", "cpu", "--to", "kv-dns-broken"]);
  assert.equal(t.code, 1);
  assert.match(t.out, /^cpu -> kv-dns-broken\.vault\.azure\.net:443\n {2}1\. pass {4}dns: /);
  assert.match(t.out, /BLOCKED service: kv-dns-broken has public network access disabled/);
  assert.match(t.out, /fix: Reach kv-dns-broken through its private endpoint/);
  const pass = run(["trace", example("private-link-workspace.yaml"), "--from", "jumpbox", "--to", "stamlprivate/blob"]);
  assert.equal(pass.code, 0, pass.out + pass.err);
  assert.match(pass.out, /endpoint: 10\.\d+\.\d+\.\d+ is endpoint pe-stamlprivate-blob/);
  assert.equal(run(["trace", example("private-link-workspace.yaml"), "--from", "nowhere", "--to", "x"]).code, 2);
  assert.equal(run(["trace", example("private-link-workspace.yaml"), "--from", "jumpbox", "--to", "x", "--port", "99999"]).code, 2);
});

test("studio exits 1 only for a blocked feature the client is used for; diff counts and exits 1 when a flow is lost", () => {
  const s = run(["studio", example("public-workspace-secured-resources.yaml")]);
  assert.equal(s.code, 0, s.out);
  assert.match(s.out, /ci-runner\n {2}pass {5}Workspace/);
  assert.match(s.out, /blocked {2}Data preview, designer, AutoML submit, labeling: ci-runner -> storage blob \(studio\) is blocked \(not expected: ci-runner isn't used for this \(its uses: workspace\)\)/);
  // Without the uses line, the CI runner is expected to preview data, which it can't.
  const dir = mkdtempSync(join(tmpdir(), "amlnet-"));
  writeFileSync(join(dir, "all-uses.yaml"), readFileSync(example("public-workspace-secured-resources.yaml"), "utf8").replace(/^ {4}uses: \[workspace\]\n/m, ""));
  const broken = run(["studio", join(dir, "all-uses.yaml")]);
  assert.equal(broken.code, 1);
  assert.match(broken.out, /BLOCKED {2}Jupyter, JupyterLab, RStudio on compute instances: the client reaches the workspace over the public path/);
  const gained = run(["diff", example("broken/no-egress-for-no-public-ip.yaml"), example("private-link-workspace.yaml")]);
  assert.equal(gained.code, 0);
  assert.match(gained.out, /^x cpu -> key vault {2}\(no longer a documented flow\)$/m);
  assert.match(gained.out, /^\d+ flows gained, 0 lost, \d+ removed\.$/m);
  assert.equal(run(["diff", example("broken/no-egress-for-no-public-ip.yaml"), example("private-link-workspace.yaml"), "--fail-on", "changed"]).code, 1);
  const same = run(["diff", example("private-link-workspace.yaml"), example("private-link-workspace.yaml")]);
  assert.equal(same.out, "0 flows gained, 0 lost, 0 removed.\n");
  assert.equal(same.code, 0);
  const lost = run(["diff", example("private-link-workspace.yaml"), example("broken/unreachable-workspace.yaml")]);
  assert.equal(lost.code, 1);
  assert.match(lost.out, /^- /m);
  assert.match(lost.out, /^\d+ flows gained, [1-9]\d* lost, \d+ removed\.$/m);
  assert.equal(run(["diff", example("private-link-workspace.yaml"), example("broken/unreachable-workspace.yaml"), "--fail-on", "none"]).code, 0);
  assert.equal(run(["diff", example("private-link-workspace.yaml"), example("private-link-workspace.yaml"), "--fail-on", "sometimes"]).code, 2);
  assert.equal(run(["flows", example("private-link-workspace.yaml"), "--fail-on", "lost"]).code, 2);
});

test("help per command, did you mean, and usage errors that show the command's usage only; every line fits 100 columns", () => {
  const overview = run(["help"]);
  assert.equal(overview.code, 0);
  assert.match(overview.out, /^ {2}amlnet check <file\|folder\|glob>\.\.\. \[options\]$/m);
  for (const command of ["check", "build", "flows", "trace", "studio", "diff", "rules", "explain", "init", "help"]) {
    const a = run(["help", command]);
    const b = run([command, "--help"]);
    assert.equal(a.code, 0);
    assert.equal(b.code, 0, command);
    assert.equal(a.out, b.out);
    assert.ok(a.out.startsWith(`amlnet ${command}`), a.out);
    for (const line of [...a.out.split("\n"), ...overview.out.split("\n")]) assert.ok(line.length <= 100, `over 100 columns: ${line}`);
  }
  const typo = run(["chek", "x.yaml"]);
  assert.equal(typo.code, 2);
  assert.match(typo.err, /^amlnet: unknown command 'chek'; did you mean check\?\n/);
  const option = run(["check", example("private-link-workspace.yaml"), "--formt", "json"]);
  assert.equal(option.code, 2);
  assert.match(option.err, /^amlnet: Unknown option '--formt'; did you mean --format\?\n\namlnet check <file\|folder\|glob>\.\.\. \[options\]\n/);
  assert.doesNotMatch(option.err, /amlnet build/, "only the check usage");
});

test("check --quiet prints only the findings that set the exit code; --output-file writes the report there; a per-rule line counts them", () => {
  const broken = example("broken/unreachable-workspace.yaml");
  const quiet = run(["check", broken, "--quiet"]);
  assert.equal(quiet.code, 1);
  assert.match(quiet.out, /^\S+unreachable-workspace\.yaml:\d+:\d+ error /);
  assert.doesNotMatch(quiet.out, /checked|error\(s\)|by rule/);
  assert.equal(run(["check", example("private-link-workspace.yaml"), "-q"]).out, "");
  const full = run(["check", broken]);
  assert.match(full.out, /^by rule: AML080 4, AML026 1, AML029 1$/m);
  const dir = mkdtempSync(join(tmpdir(), "amlnet-"));
  const file = join(dir, "report.sarif");
  const toFile = run(["check", broken, "--format", "sarif", "--output-file", file]);
  assert.equal(toFile.code, 1);
  assert.equal(toFile.out, "");
  assert.equal(JSON.parse(readFileSync(file, "utf8")).version, "2.1.0");
});

test("explain covers facts (with the rules encoding them and their documents) and input error codes", () => {
  const fact = run(["explain", "F10"]);
  assert.equal(fact.code, 0);
  assert.match(fact.out, /^F10: Custom DNS must forward the workspace public zones to 168\.63\.129\.16/);
  assert.match(fact.out, /Rules that encode it:\n {2}AML004 /);
  assert.match(fact.out, /https:\/\/learn\.microsoft\.com\/azure\/machine-learning\/how-to-custom-dns/);
  const code = run(["explain", "bp004"]);
  assert.equal(code.code, 0);
  assert.match(code.out, /^BP004: Missing required key \(input error, exit 2\)/);
  assert.equal(run(["explain", "F99"]).code, 2);
  assert.equal(run(["explain", "BP999"]).code, 2);
});

test("colour for every command (FORCE_COLOR, NO_COLOR), and text wrapped to the terminal's width", () => {
  let out = "";
  const flows = main(["flows", example("private-link-workspace.yaml")], { out: (x) => (out += x), err: () => {}, isTTY: false, env: { FORCE_COLOR: "1" } });
  assert.equal(flows, 0);
  assert.match(out, /^\x1b\[32mpass {3}\x1b\[0m {2}jumpbox -> workspace API/m);
  let plain = "";
  main(["flows", example("private-link-workspace.yaml")], { out: (x) => (plain += x), err: () => {}, isTTY: true, env: { NO_COLOR: "1", FORCE_COLOR: "1" } });
  assert.doesNotMatch(plain, /\x1b\[/);
  let trace = "";
  main(["trace", example("broken/custom-dns-without-forwarders.yaml"), "--from", "cpu", "--to", "kv-dns-broken"], { out: (x) => (trace += x), err: () => {}, isTTY: true, env: {} });
  assert.match(trace, /\x1b\[31mBLOCKED\x1b\[0m service:/);
  let narrow = "";
  main(["check", example("broken/unreachable-workspace.yaml")], { out: (x) => (narrow += x), err: () => {}, isTTY: true, columns: 72, env: { NO_COLOR: "1" } });
  const lines = narrow.split("\n");
  assert.ok(lines.every((l) => l.length <= 72), lines.find((l) => l.length > 72));
  assert.ok(lines.some((l) => /^ {4}\S/.test(l)), "continuations are indented past their line's own indentation");
});

test("amlnet.config.yaml, found upward from the blueprint: fail level, format, baseline, rules off or re-levelled with reasons; options win", () => {
  const dir = mkdtempSync(join(tmpdir(), "amlnet-config-"));
  // A repository: the search climbs to its root.
  mkdirSync(join(dir, ".git"));
  mkdirSync(join(dir, "infra"));
  const blueprint = join(dir, "infra", "bp.yaml");
  writeFileSync(blueprint, readFileSync(example("broken/unreachable-workspace.yaml"), "utf8"));
  writeFileSync(
    join(dir, "amlnet.config.yaml"),
    "format: json\nrules:\n  AML080: { severity: off, reason: The flows are reported by AML026 and AML029 already. }\n  AML029: { severity: warning, reason: The vault gets its endpoint in the next change. }\n",
  );
  const r = run(["check", blueprint]);
  const doc = JSON.parse(r.out);
  assert.deepEqual(doc.findings.map((f: { ruleId: string; severity: string }) => `${f.ruleId} ${f.severity}`), ["AML026 error", "AML029 warning"]);
  assert.equal(r.code, 1);
  assert.equal(run(["check", blueprint, "--fail-level", "none"]).code, 0, "an option wins over the file");
  // The config turns one rule off: the header counts the rest.
  assert.match(run(["check", blueprint, "--format", "text"]).out, new RegExp(`^amlnet \\S+ checked .* \\(config .*amlnet\\.config\\.yaml\\): .*, ${RULES.length - 1} rules\\.`));
  writeFileSync(join(dir, "amlnet.config.yaml"), "failLevel: sometimes\nrules:\n  AML999: { severity: off, reason: no such rule }\n");
  const bad = run(["check", blueprint]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /amlnet\.config\.yaml:1:12 error BP005 failLevel: /);
  writeFileSync(join(dir, "amlnet.config.yaml"), "rules:\n  AML999: { severity: off, reason: no such rule }\n");
  assert.match(run(["check", blueprint]).err, /amlnet\.config\.yaml:2:11 error BP010 no rule AML999/);
  assert.equal(run(["check", blueprint, "--config", join(dir, "missing.yaml")]).code, 2);
});

test("follow-on findings are listed under their root: a blocked flow under the finding about the resource that blocks it", () => {
  const text = run(["check", example("broken/unreachable-workspace.yaml")]).out;
  assert.match(text, /error AML029 kv-lost has public access disabled[^\n]*\n {2}fix: [^\n]*\n {2}and so \(2\):\n {4}AML080 (cpu|image-build) -> key vault is blocked at service: /);
  assert.doesNotMatch(text, /^\S+:\d+:\d+ error AML080 /m, "no AML080 on its own here");
  const doc = JSON.parse(run(["check", example("broken/unreachable-workspace.yaml"), "--format", "json"]).out);
  const root = doc.findings.find((f: { ruleId: string }) => f.ruleId === "AML029");
  const follow = doc.findings.filter((f: { causedBy?: string }) => f.causedBy === root.fingerprint);
  assert.deepEqual(follow.map((f: { subject: string }) => f.subject).sort(), ["cpu -> key vault", "image-build -> key vault"]);
  assert.equal(doc.summary.error, 6, "counts are unchanged: grouping is presentation");
});

test("files beside the input are read bounded, never echoed, and a config is found only where it may configure the run", () => {
  const dir = mkdtempSync(join(tmpdir(), "amlnet-bounds-"));
  const blueprint = join(dir, "bp.yaml");
  writeFileSync(blueprint, readFileSync(example("private-link-workspace.yaml"), "utf8"));
  // A device that never ends, as a baseline or a config: refused at once, not read to exhaustion.
  for (const argv of [["--baseline", "/dev/zero"], ["--config", "/dev/zero"], ["--clients", "/dev/zero"]]) {
    const r = run(["check", blueprint, ...argv]);
    assert.equal(r.code, 2, argv.join(" "));
    assert.match(r.err, /\/dev\/zero: not a regular file|over the .*-byte limit|for templates and estates/, argv.join(" "));
  }
  // A baseline that isn't one: its content is never echoed.
  const secret = join(dir, "secret.txt");
  writeFileSync(secret, "SECRET_TOK PATH=/root\n");
  const notJson = run(["check", blueprint, "--baseline", secret]);
  assert.equal(notJson.code, 2);
  assert.doesNotMatch(notJson.err, /SECRET_TOK|PATH=/);
  // A baseline over its bound names the bound and how to raise it.
  const big = join(dir, "big.json");
  writeFileSync(big, " ".repeat(300 * 1024));
  assert.match(run(["check", blueprint, "--baseline", big]).err, /over the 262,144-byte limit for a baseline \(raise it with --max-bytes\)/);
  // A config may name only files of its repository (here: its own folder, outside any repository).
  writeFileSync(join(dir, "amlnet.config.yaml"), "baseline: /etc/passwd\n");
  const escaped = run(["check", blueprint]);
  assert.equal(escaped.code, 2);
  assert.match(escaped.err, /amlnet\.config\.yaml:1:11 error BP010 baseline must be a file inside the config file's folder/);
  // A config in a shared folder above an input outside any repository or home configures nothing.
  writeFileSync(join(dir, "amlnet.config.yaml"), "rules:\n  AML037: { severity: off, reason: left by someone else }\n");
  mkdirSync(join(dir, "below"));
  const below = join(dir, "below", "bp.yaml");
  writeFileSync(below, readFileSync(example("private-link-workspace.yaml"), "utf8"));
  assert.doesNotMatch(run(["check", below, "--format", "text"]).out, /\(config /);
  assert.match(run(["check", blueprint, "--format", "text"]).out, /\(config .*amlnet\.config\.yaml\)/, "the one beside the input is used, and named");
});

test("the text report reads in order: errors, warnings, notes, each by place in the file, notes about the whole input last", () => {
  const r = run(["check", example("broken/public-ip-compute-nsg.yaml"), "--fail-level", "none"]);
  const lines = r.out.split("\n").filter((l) => /^\S+:\d+:\d+ (error|warning|info) /.test(l));
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const keys = lines.map((l) => {
    const [, line, col, sev] = /:(\d+):(\d+) (error|warning|info) /.exec(l)!;
    return [rank[sev as keyof typeof rank], line === "1" && col === "1" ? 1 : 0, Number(line), Number(col)];
  });
  const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3]);
  assert.ok(lines.length > 3);
  assert.deepEqual(keys, sorted);
});

test("usage errors show that command's usage; rules, explain, init and help carry no input-file footer", () => {
  for (const command of ["rules", "explain", "init"]) {
    const r = run(["help", command]);
    assert.doesNotMatch(r.out, /<file> is a blueprint/, command);
  }
  assert.match(run(["help", "check"]).out, /<file> is a blueprint/);
  assert.doesNotMatch(run(["explain"]).err, /<file> is a blueprint/);
  // diff takes what check takes, and says so.
  assert.match(run(["help", "diff"]).out, /between two inputs\n  \(what-if\): blueprints, templates, estates or Terraform folders/);
});

test("trace --to with a sub-resource the resource doesn't have is exit 2 with a did-you-mean, not a DNS name traced", () => {
  const r = run(["trace", example("private-link-workspace.yaml"), "--from", "jumpbox", "--to", "stamlprivate/blobb"]);
  assert.equal(r.code, 2);
  assert.equal(r.err, "amlnet: --to stamlprivate/blobb: stamlprivate has the sub-resources blob, file, dfs, queue, table, not 'blobb'; did you mean stamlprivate/blob?\n");
  assert.equal(run(["trace", example("private-link-workspace.yaml"), "--from", "jumpbox", "--to", "stamlprivate/file"]).code, 0);
});

test("a Bicep file is one line saying to compile it (az bicep build), never YAML errors", () => {
  const dir = mkdtempSync(join(tmpdir(), "amlnet-bicep-"));
  const file = join(dir, "main.bicep");
  writeFileSync(file, "param location string = resourceGroup().location\n\nresource st 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  name: 'st'\n  location: location\n}\n");
  let err = "";
  const code = main(["check", file], { out: () => {}, err: (s) => (err += s), isTTY: false, env: {} });
  assert.equal(code, 2);
  assert.equal(err.trim().split("\n").length, 1, err);
  assert.match(err, /main\.bicep:1:1 error BP002 .*main\.bicep is Bicep, which amlnet reads as the ARM JSON it compiles to: run az bicep build/);
});

test("studio and diff say when user flows weren't judged (no clients); diff reports findings new and no longer reported", () => {
  const noClients = join(mkdtempSync(join(tmpdir(), "amlnet-noclients-")), "b.yaml");
  writeFileSync(noClients, readFileSync(new URL("../examples/private-link-workspace.yaml", import.meta.url), "utf8").replace(/\nclients:\n(  - .*\n)+/, "\n"));
  let out = "";
  main(["studio", noClients], { out: (s) => (out += s), err: () => {}, isTTY: false, env: {} });
  assert.match(out, /No clients in an input: flows and studio features from users .* weren't judged\. Give them as the blueprint's clients: section, or with --clients/);
  const withZone = new URL("../examples/private-link-workspace.yaml", import.meta.url).pathname;
  const withoutZone = new URL("../examples/broken/missing-notebooks-zone.yaml", import.meta.url).pathname;
  out = "";
  main(["diff", withZone, withoutZone], { out: (s) => (out += s), err: () => {}, isTTY: false, env: {} });
  assert.match(out, /^! new error AML002 Workspace endpoint \S+ has no privatelink\.notebooks\.azure\.net zone/m);
  assert.match(out, /1 finding\(s\) new, 0 no longer reported\./);
  out = "";
  main(["diff", withoutZone, withZone, "--format", "json"], { out: (s) => (out += s), err: () => {}, isTTY: false, env: {} });
  const d = JSON.parse(out) as { summary: { newFindings: number; resolvedFindings: number }; resolvedFindings: { ruleId: string }[] };
  assert.deepEqual(d.resolvedFindings.map((f) => f.ruleId), ["AML002"]);
  assert.equal(d.summary.newFindings, 0);
});
