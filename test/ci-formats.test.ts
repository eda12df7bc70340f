// What CI systems read: GitHub workflow annotations, JUnit XML, and a baseline that
// reports only new findings, matched by fingerprint so moved lines don't count as new.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../src/cli/main.ts";
import { formatGithub } from "../src/report/github.ts";

const root = new URL("..", import.meta.url).pathname;
const example = (f: string) => join(root, "examples", f);
function run(argv: string[]) {
  let out = "";
  let err = "";
  const code = main(argv, { out: (s) => (out += s), err: (s) => (err += s), isTTY: false, env: {} });
  return { code, out, err };
}

test("--format github: one annotation a finding on its line, escaped as the runner parses them", () => {
  const r = run(["check", example("broken/unreachable-workspace.yaml"), "--format", "github", "--sarif-root", root]);
  assert.equal(r.code, 1);
  const lines = r.out.trimEnd().split("\n");
  assert.equal(lines.length, 6);
  assert.match(lines[0], /^::error file=examples\/broken\/unreachable-workspace\.yaml,line=4,col=12,title=AML026 Public access off and no workspace endpoint::Workspace mlw-lost /);
  const escaped = formatGithub("a,b:c.yaml", [
    { ruleId: "AML001", severity: "warning", title: "T, with: colon", message: "50% done\nnext", fix: "f", position: { file: "x", line: 1, col: 2 } },
  ]);
  // A line break in a message can only be input's: it is quoted (\n), so the annotation is one line.
  assert.equal(escaped, "::warning file=a%2Cb%3Ac.yaml,line=1,col=2,title=AML001 T%2C with%3A colon::50%25 done\\nnext Fix: f\n");
});

test("--format junit: a failing case per rule and resource at fault, a passing one per clean rule, well-formed XML", () => {
  const r = run(["check", example("broken/unreachable-workspace.yaml"), "--format", "junit", "--sarif-root", root]);
  assert.equal(r.code, 1);
  assert.match(r.out, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="amlnet" tests="\d+" failures="6">/);
  assert.match(r.out, /<testcase classname="AML080" name="A documented flow is blocked: cpu -&gt; key vault" file="examples\/broken\/unreachable-workspace\.yaml">\n {6}<failure type="error" message="cpu -&gt; key vault is blocked at service: /);
  assert.match(r.out, /<testcase classname="AML001" name="Private DNS zone missing for an endpoint"\/>/);
  // Well-formed: every element closes in order, attributes are quoted, text holds no raw < or &.
  const stack: string[] = [];
  const body = r.out.replace(/^<\?xml[^>]*\?>\n/, "");
  for (const m of body.matchAll(/<(\/?)([A-Za-z]+)((?:\s+[a-z]+="[^"<&]*(?:&(?:amp|lt|gt|quot);[^"<&]*)*")*)\s*(\/?)>|(<|&(?!(?:amp|lt|gt|quot);))/g)) {
    assert.equal(m[5], undefined, `a raw ${m[5]} at ${m.index}`);
    if (m[1]) assert.equal(stack.pop(), m[2]);
    else if (!m[4]) stack.push(m[2]);
  }
  assert.deepEqual(stack, []);
  assert.equal([...r.out.matchAll(/<failure /g)].length, 6);
});

test("a baseline hides today's findings, still after lines move, and reports a new one", () => {
  const dir = mkdtempSync(join(tmpdir(), "amlnet-baseline-"));
  const blueprint = join(dir, "bp.yaml");
  const baseline = join(dir, "baseline.json");
  const original = readFileSync(example("broken/unreachable-workspace.yaml"), "utf8");
  writeFileSync(blueprint, original);
  // Writing the baseline is the run's purpose: exit 0, and it says what it wrote.
  const written = run(["check", blueprint, "--write-baseline", baseline]);
  assert.equal(written.code, 0);
  assert.match(written.err, new RegExp(`^amlnet: wrote 6 finding\\(s\\) to ${baseline.replace(/[.]/g, "\\.")} as the baseline`));
  assert.equal(JSON.parse(readFileSync(baseline, "utf8")).findings.length, 6);
  const same = run(["check", blueprint, "--baseline", baseline]);
  assert.equal(same.code, 0, same.out);
  assert.match(same.err, /^amlnet: 6 known finding\(s\) in .* not reported/);
  // Lines moved by a comment: still the same findings.
  writeFileSync(blueprint, `# moved\n# down\n${original}`);
  assert.equal(run(["check", blueprint, "--baseline", baseline]).code, 0);
  // A new problem: only it is reported.
  writeFileSync(blueprint, `# moved\n# down\n${original}`.replace("keyVault: { name: kv-lost", "keyVault: { name: kv-lost, bypass: None"));
  const fresh = run(["check", blueprint, "--baseline", baseline, "--format", "json"]);
  const report = JSON.parse(fresh.out);
  assert.ok(report.findings.length >= 1 && report.findings.length < 6, fresh.out);
  assert.equal(run(["check", blueprint, "--baseline", join(dir, "missing.json")]).code, 2);
});

test("--quiet says what it leaves out", () => {
  const file = example("broken/openai-rule-without-approver.yaml");
  const all = JSON.parse(run(["check", file, "--format", "json"]).out).findings as { severity: string }[];
  const below = all.filter((f) => f.severity !== "error");
  assert.ok(below.length > 0, "the example has findings below error");
  const r = run(["check", file, "--quiet"]);
  const warnings = below.filter((f) => f.severity === "warning").length;
  const notes = below.filter((f) => f.severity === "info").length;
  const parts = [warnings ? `${warnings} warning(s)` : "", notes ? `${notes} note(s)` : ""].filter(Boolean).join(", ");
  assert.ok(r.out.endsWith(`(--quiet: ${parts} below --fail-level error not shown)\n`), r.out);
});

test("--format junit and github on input errors: a failing case and an error annotation at each error's place", () => {
  const dir = mkdtempSync(join(tmpdir(), "amlnet-ci-bad-"));
  const bad = join(dir, "bad.yaml");
  writeFileSync(bad, "region: eastus\nworkspace: [\n");
  const junit = run(["check", bad, "--format", "junit"]);
  assert.equal(junit.code, 2);
  assert.match(junit.out, /<testsuite name="[^"]*bad\.yaml" tests="1" failures="1">/);
  assert.match(junit.out, /<testcase classname="BP001" name="BP001 input error at [^"]*bad\.yaml:3:1"/);
  const github = run(["check", bad, "--format", "github", "--sarif-root", dir]);
  assert.equal(github.code, 2);
  assert.match(github.out, /^::error file=bad\.yaml,line=3,col=1,title=BP001 input error::YAML/m);
});

test("a Terraform folder's findings are annotated on the .tf file each is in (github and SARIF)", async () => {
  const tf = new URL("../../shared/realworld-terraform/tf_qs_201-machine-learning-moderately-secure", import.meta.url).pathname;
  const shared = new URL("../../shared", import.meta.url).pathname;
  let out = "";
  assert.equal(await main(["check", tf, "--format", "github", "--sarif-root", shared], { out: (s) => (out += s), err: () => {}, isTTY: false, env: {} }), 0);
  assert.match(out, /^::warning file=realworld-terraform\/tf_qs_201-machine-learning-moderately-secure\/workspace\.tf,line=110,col=1,title=AML035/m);
  let sarif = "";
  await main(["check", tf, "--format", "sarif", "--sarif-root", shared], { out: (s) => (sarif += s), err: () => {}, isTTY: false, env: {} });
  const uris = (JSON.parse(sarif) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri);
  assert.ok(uris.includes("realworld-terraform/tf_qs_201-machine-learning-moderately-secure/workspace.tf"), uris.join(", "));
});

test("SARIF and github for a file outside the repository root: a warning, and a relative path that still resolves", () => {
  const outside = mkdtempSync(join(tmpdir(), "amlnet-outside-"));
  const repo = mkdtempSync(join(tmpdir(), "amlnet-repo-"));
  const file = join(outside, "bp.yaml");
  writeFileSync(file, readFileSync(example("broken/unreachable-workspace.yaml"), "utf8"));
  const r = run(["check", file, "--format", "github", "--sarif-root", repo]);
  assert.match(r.err, /is outside .* \(the repository root, or --sarif-root\): its results are named \.\.\/amlnet-outside-\w+\/bp\.yaml/);
  assert.match(r.out, /^::error file=\.\.\/amlnet-outside-\w+\/bp\.yaml,line=/m);
  // Inside the root: no warning.
  const inside = run(["check", example("broken/unreachable-workspace.yaml"), "--format", "github", "--sarif-root", root]);
  assert.doesNotMatch(inside.err, /is outside/);
});
