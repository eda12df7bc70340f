// `check` over several inputs in one run: files of every kind, folders searched as Checkov's -d
// searches them (Terraform roots, not their local modules; other files classified by content and
// the rest listed as skipped), globs; one report in every format, each file's findings in it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { main } from "../src/cli/main.ts";

async function run(argv: string[], cwd?: string) {
  let out = "";
  let err = "";
  const before = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s), isTTY: false, env: {} });
    return { code, out, err };
  } finally {
    process.chdir(before);
  }
}

const example = (f: string) => new URL(`../examples/${f}`, import.meta.url).pathname;
const real = (f: string) => new URL(`../../shared/realworld/${f}`, import.meta.url).pathname;
const TEMPLATE = real("qs_ml-end-to-end-secure_azuredeploy.json");

/** A repository as a team has one: blueprints, a template and its parameters, Terraform with a local module, and files that aren't inputs. */
function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), "amlnet-several-"));
  const put = (name: string, text: string) => {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  };
  put("blueprints/clean.yaml", readFileSync(example("private-link-workspace.yaml"), "utf8"));
  put("blueprints/docker.yml", readFileSync(example("broken/docker-bridge-range.yaml"), "utf8"));
  put("arm/main.json", readFileSync(TEMPLATE, "utf8"));
  put("arm/main.parameters.json", JSON.stringify({ $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", contentVersion: "1.0.0.0", parameters: {} }));
  put("arm/main.bicep", "param location string\n");
  put("pipelines/build.yml", "trigger: [main]\nsteps: []\n");
  put("package.json", JSON.stringify({ name: "infra", private: true }));
  put("amlnet.config.yaml", "failLevel: error\n");
  put("README.md", "# infra\n");
  put(
    "tf/main.tf",
    `module "ws" {\n  source = "./modules/workspace"\n  name   = "mlw-tf"\n}\n`,
  );
  put(
    "tf/modules/workspace/main.tf",
    `variable "name" {}\nresource "azurerm_machine_learning_workspace" "w" {\n  name                          = var.name\n  resource_group_name           = "rg"\n  location                      = "eastus"\n  storage_account_id            = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"\n  key_vault_id                  = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"\n  application_insights_id       = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Insights/components/ai"\n  public_network_access_enabled = false\n  identity { type = "SystemAssigned" }\n}\n`,
  );
  // Never searched: dependencies and hidden folders.
  put("node_modules/x/template.json", readFileSync(TEMPLATE, "utf8"));
  put(".terraform/modules/m/main.tf", "resource \"x\" \"y\" {}\n");
  return dir;
}

test("a folder is searched: every input read once, Terraform's local module not a root, the rest skipped with why", async () => {
  const dir = tree();
  const r = await run(["check", ".", "--format", "json", "--param", "prefix=mlw", "--param", "dsvmJumpboxUsername=azureuser", "--location", "eastus"], dir);
  const doc = JSON.parse(r.out) as { ok: boolean; summary: Record<string, number>; inputs: { file: string; ok: boolean; findings: { ruleId: string; file?: string }[] }[]; skipped: { file: string; reason: string }[] };
  assert.equal(r.code, 1, r.err);
  assert.deepEqual(doc.inputs.map((i) => i.file), ["arm/main.json", "blueprints/clean.yaml", "blueprints/docker.yml", "tf"]);
  assert.deepEqual(doc.skipped, [
    { file: "amlnet.config.yaml", reason: "amlnet's config file" },
    { file: "arm/main.bicep", reason: "Bicep: check the ARM JSON az bicep build writes" },
    { file: "arm/main.parameters.json", reason: "a template parameters file (give it with --parameters)" },
    { file: "package.json", reason: "JSON that is not a deployment template, a Terraform plan or an exported estate" },
    { file: "pipelines/build.yml", reason: "YAML that is not a blueprint (no workspace:)" },
    { file: "tf/modules/workspace", reason: "a local module another root module calls: checked as part of it" },
  ]);
  // Template options went to the template only (a blueprint would refuse them); each input's findings are its own.
  assert.ok(doc.inputs[0].findings.some((f) => f.ruleId === "AML003"));
  assert.deepEqual(doc.inputs[1].findings.map((f) => f.ruleId), []);
  assert.deepEqual(doc.inputs[2].findings.map((f) => f.ruleId), ["AML051"]);
  // The module's workspace is found through the root, in the module's file.
  const tf = doc.inputs[3].findings.find((f) => f.ruleId === "AML026");
  assert.equal(tf?.file, "tf/modules/workspace/main.tf");
  assert.equal(doc.summary.inputs, 4);
  assert.equal(doc.summary.skipped, 6);
  assert.equal(doc.ok, true);
});

test("several files and a glob: one text report, each input under its own header, totals last", async () => {
  const dir = tree();
  const r = await run(["check", "blueprints/*.y*ml", "tf"], dir);
  assert.equal(r.code, 1, r.err);
  const headers = [...r.out.matchAll(/^amlnet \S+ checked (\S+):/gm)].map((m) => m[1]);
  assert.deepEqual(headers, ["blueprints/clean.yaml", "blueprints/docker.yml", "tf"]);
  assert.match(r.out, /^blueprints\/docker\.yml:10:7 error AML051 /m);
  // The Terraform workspace has public access off and no endpoint (AML026).
  assert.match(r.out, /^3 input\(s\): 2 error\(s\), 0 warning\(s\), \d+ info\.\n$/m);
  // A glob that matches nothing is one line, exit 2.
  const none = await run(["check", "nowhere/*.yaml"], dir);
  assert.deepEqual({ code: none.code, out: none.out, err: none.err }, { code: 2, out: "", err: "amlnet: nowhere/*.yaml matches no file\n" });
  // A report written over one of the inputs would lose it.
  const over = await run(["check", "blueprints/clean.yaml", "blueprints/docker.yml", "--output-file", "blueprints/docker.yml"], dir);
  assert.equal(over.code, 2);
  assert.match(over.err, /--output-file names the input itself/);
  assert.match(readFileSync(join(dir, "blueprints/docker.yml"), "utf8"), /vnet-aml/);
});

test("an input that can't be read is in every format's report beside the others' findings, and the exit code is 2", async () => {
  const dir = tree();
  writeFileSync(join(dir, "blueprints/broken.yaml"), "workspace: [\n");
  const args = ["check", "blueprints"];
  const text = await run(args, dir);
  assert.equal(text.code, 2);
  assert.match(text.out, /^blueprints\/broken\.yaml:2:1 error BP001 YAML: /m);
  assert.match(text.out, /^blueprints\/docker\.yml:10:7 error AML051 /m);
  assert.match(text.out, /^3 input\(s\): 1 error\(s\), 0 warning\(s\), 0 info; 1 input\(s\) couldn't be read\.\n$/m);
  assert.equal(text.err, "", "text carries the input errors in the report");

  const json = JSON.parse((await run([...args, "--format", "json"], dir)).out) as { ok: boolean; inputs: { file: string; ok: boolean; errors?: { code: string; line: number }[] }[] };
  assert.equal(json.ok, false);
  assert.deepEqual(json.inputs.map((i) => [i.file, i.ok]), [["blueprints/broken.yaml", false], ["blueprints/clean.yaml", true], ["blueprints/docker.yml", true]]);
  assert.deepEqual(json.inputs[0].errors?.map((e) => [e.code, e.line]), [["BP001", 2]]);

  const sarifRun = await run([...args, "--format", "sarif", "--sarif-root", dir], dir);
  assert.equal(sarifRun.code, 2);
  const sarif = JSON.parse(sarifRun.out) as { runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[]; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
  const inv = sarif.runs[0].invocations[0];
  assert.equal(inv.executionSuccessful, false);
  assert.deepEqual(inv.toolExecutionNotifications?.map((n) => [n.level, n.locations[0].physicalLocation.artifactLocation.uri]), [["error", "blueprints/broken.yaml"]]);
  assert.deepEqual(sarif.runs[0].results.map((x) => [x.ruleId, x.locations[0].physicalLocation.artifactLocation.uri]), [["AML051", "blueprints/docker.yml"]]);

  const junit = (await run([...args, "--format", "junit"], dir)).out;
  assert.deepEqual([...junit.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1]), ["blueprints/broken.yaml", "blueprints/clean.yaml", "blueprints/docker.yml"]);
  const github = (await run([...args, "--format", "github", "--sarif-root", dir], dir)).out;
  assert.match(github, /^::error file=blueprints\/broken\.yaml,line=2,col=1,title=BP001 input error::/m);
  assert.match(github, /^::error file=blueprints\/docker\.yml,line=10,col=7,title=AML051 /m);
});

test("a search's skipped files: SARIF notes, JUnit skipped cases, and --quiet says it left them out", async () => {
  const dir = tree();
  const sarif = JSON.parse((await run(["check", "arm", "--format", "sarif", "--sarif-root", dir, "--location", "eastus", "--param", "prefix=mlw", "--param", "dsvmJumpboxUsername=azureuser"], dir)).out) as { runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[] };
  assert.equal(sarif.runs[0].invocations[0].executionSuccessful, true);
  assert.deepEqual(sarif.runs[0].invocations[0].toolExecutionNotifications.map((n) => [n.level, n.message.text]), [
    ["note", "skipped: Bicep: check the ARM JSON az bicep build writes"],
    ["note", "skipped: a template parameters file (give it with --parameters)"],
  ]);
  const junit = (await run(["check", "arm", "--format", "junit", "--location", "eastus"], dir)).out;
  assert.match(junit, /<testsuite name="skipped by the search" tests="2" failures="0" skipped="2">/);
  assert.match(junit, /<testcase classname="skipped" name="arm\/main\.bicep" file="arm\/main\.bicep">\n {6}<skipped message="Bicep: check the ARM JSON az bicep build writes"\/>/);
  const quiet = await run(["check", "blueprints", "pipelines", "--quiet"], dir);
  assert.equal(quiet.out, `${(await run(["check", "blueprints/docker.yml", "--quiet"], dir)).out}(--quiet: 1 file(s) the search skipped not shown)\n`);
});

test("a baseline covers every input of the run", async () => {
  const dir = tree();
  const written = await run(["check", "blueprints", "--write-baseline", "baseline.json"], dir);
  assert.equal(written.code, 0, written.err);
  assert.match(written.err, /wrote 1 finding\(s\) to baseline\.json/);
  const again = await run(["check", "blueprints", "--baseline", "baseline.json"], dir);
  assert.equal(again.code, 0, again.out);
  assert.match(again.err, /1 known finding\(s\) in baseline\.json not reported/);
});

test("a searched file's name never writes a CI command, in any format", async () => {
  const dir = tree();
  const hostile = "notes\n::error title=injected::boom\n##vso[task.setvariable variable=x]1.yaml";
  writeFileSync(join(dir, "blueprints", hostile), "not: a blueprint\n");
  for (const format of ["text", "json", "sarif", "github", "junit"]) {
    const r = await run(["check", "blueprints", "--format", format], dir);
    const lines = `${r.out}\n${r.err}`.split(/\r\n|\n|\r|\u2028|\u2029|\u0085/);
    const commands = lines.filter((l) => /^\s*(::|##)/.test(l) && !/^::(error|warning|notice) file=[^\r\n]*$/.test(l));
    assert.deepEqual(commands, [], format);
  }
  // The text report names it, escaped, among the skipped.
  const text = await run(["check", "blueprints"], dir);
  assert.match(text.out, /Skipped 1 file\(s\):\n {2}blueprints\/notes\\n::error title=injected::boom\\n##vso\[task\.setvariable variable=x\]1\.yaml: YAML that is not a blueprint/);
});

test("a search and a glob are bounded: past the limit of entries they stop with one message; links aren't followed", async () => {
  const { discoverInputs } = await import("../src/api/index.ts");
  const { symlinkSync } = await import("node:fs");
  const dir = tree();
  // A link back up the tree would loop a walk that followed it.
  symlinkSync(dir, join(dir, "blueprints", "loop"));
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    assert.deepEqual(discoverInputs(["."], { maxSearched: 5 }), { ok: false, error: "more than 5 files under .: name the folders or files to check" });
    assert.deepEqual(discoverInputs(["**/*.yaml"], { maxSearched: 5 }), { ok: false, error: "**/*.yaml reaches more than 5 files under .: name a narrower folder" });
    const found = discoverInputs(["blueprints/**/*.y*ml"]);
    assert.ok(found.ok);
    assert.deepEqual(found.inputs, ["blueprints/clean.yaml", "blueprints/docker.yml"]);
    // A pattern without ** reaches no deeper than it says.
    const shallow = discoverInputs(["*.yaml"]);
    assert.ok(shallow.ok);
    assert.deepEqual([...shallow.inputs, ...shallow.skipped.map((k) => k.file)], ["amlnet.config.yaml"]);
  } finally {
    process.chdir(cwd);
  }
});
