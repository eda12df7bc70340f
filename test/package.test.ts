// The package as users get it. The README's Install section runs as written in a copy of this
// checkout (npm ci && npm pack, whose prepack builds; then a global install of the tarball, into
// a prefix of the test's own with its bin/ first on PATH); the README's other commands then run as
// written from folders outside the checkout, and a fresh project uses it as a typed library.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { parse } from "yaml";
import { dirname, join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const example = (f: string) => join(root, "examples", f);
const npm = (args: string[], cwd: string) => spawnSync("npm", [...args, "--no-audit", "--no-fund", "--prefer-offline"], { cwd, encoding: "utf8" });
const readme = readFileSync(join(root, "README.md"), "utf8");
const version = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version;
/** The command lines of a README code block (comments dropped). */
const commandsOf = (block: string) => block.split("\n").filter((l) => l.trim()).map((l) => l.replace(/\s+#.*$/, ""));

const work = mkdtempSync(join(tmpdir(), "amlnet-pack-"));
// A copy of the checkout as git would commit it (the working tree's files, ignored ones left out).
const checkout = join(work, "checkout");
const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: root, encoding: "utf8" });
assert.equal(listed.status, 0, `the package test copies the checkout with git: ${listed.stderr}`);
for (const f of listed.stdout.split("\0").filter(Boolean))
  if (existsSync(join(root, f))) {
    mkdirSync(dirname(join(checkout, f)), { recursive: true });
    cpSync(join(root, f), join(checkout, f));
  }
const prefix = join(work, "prefix");
/** A user's shell after the README's install: npm's global prefix is the test's, its bin/ on PATH. */
const userEnv = { ...process.env, npm_config_prefix: prefix, npm_config_prefer_offline: "true", npm_config_audit: "false", npm_config_fund: "false", PATH: `${join(prefix, "bin")}:${process.env.PATH}` };
const installCommands = commandsOf(/## Install\n[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)![1]);
const installs = installCommands.map((command) => ({ command, ...spawnSync("bash", ["-eo", "pipefail", "-c", command], { cwd: checkout, env: userEnv, encoding: "utf8" }) }));
const tarball = join(checkout, `amlnet-${version}.tgz`);

test("the README's Install section runs as written: builds the tarball and installs it, without a warning", () => {
  assert.deepEqual(installCommands, ["npm ci && npm pack", `npm install --global ./amlnet-${version}.tgz`]);
  for (const r of installs) {
    assert.equal(r.status, 0, `${r.command}\n${r.stdout}${r.stderr}`);
    assert.doesNotMatch(r.stderr, /npm warn|ERR!/i, r.command);
  }
  assert.ok(existsSync(join(prefix, "bin", "amlnet")));
});

test("the package holds the compiled code, examples, schema and licence, and nothing of the project's own", () => {
  const listing = spawnSync("tar", ["-tzf", tarball], { encoding: "utf8" });
  assert.equal(listing.status, 0, listing.stderr);
  const files = listing.stdout.split("\n").filter(Boolean).map((f) => f.replace(/^package\//, ""));
  for (const needed of ["bin/amlnet.js", "bin/load-cli.js", "dist/cli.cjs", "dist/cli.cache", "dist/index.js", "dist/types/api/index.d.ts", "examples/private-link-workspace.yaml", "schema/blueprint.schema.json", "LICENSE", "README.md", "package.json"])
    assert.ok(files.includes(needed), needed);
  assert.deepEqual(files.filter((f) => /^(src|test|bench|scripts|\.ci)\//.test(f)), []);
});

test("the installed amlnet runs through npm's link: exit 1 on a broken example, 0 on a clean one, no tsx needed", () => {
  const run = (...args: string[]) => spawnSync("amlnet", args, { encoding: "utf8", cwd: work, env: userEnv });
  assert.equal(run("--version").stdout, `${version}\n`);
  const broken = run("check", example("broken/basic-registry-endpoint.yaml"));
  assert.equal(broken.status, 1, broken.stderr);
  assert.match(broken.stdout, /error AML022/);
  assert.equal(run("check", example("private-link-workspace.yaml")).status, 0);
  assert.equal(run("init", "--scenario", "private-link-workspace", "--output", join(work, "amlnet.yaml")).status, 0);
  assert.equal(run("check", join(work, "amlnet.yaml")).status, 0);
  const modules = join(prefix, "lib", "node_modules");
  assert.ok(existsSync(join(modules, "amlnet")));
  // The packed code cache fits the packed script, and this Node uses it.
  const loader = join(modules, "amlnet", "bin", "load-cli.js");
  const probe = spawnSync(process.execPath, ["--input-type=module", "-e", `const { script, cached } = (await import(${JSON.stringify(loader)})).loadCli(); console.log(cached, script.cachedDataRejected);`], { encoding: "utf8" });
  assert.equal(probe.stdout, "true false\n", probe.stderr);
  assert.ok(!existsSync(join(modules, "tsx")), "tsx is not installed with amlnet");
});

test("a project imports amlnet as a typed library", () => {
  const project = join(work, "consumer");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", type: "module", private: true }));
  assert.equal(npm(["install", tarball], project).status, 0);
  writeFileSync(
    join(project, "check.ts"),
    `import { openBlueprint, formatSummary, type Finding } from "amlnet";
import { readFileSync } from "node:fs";
const text = readFileSync(${JSON.stringify(example("broken/basic-registry-endpoint.yaml"))}, "utf8");
const opened = openBlueprint("bp.yaml", text);
if (!opened.ok) throw new Error("does not load");
const findings: readonly Finding[] = opened.project.findings;
console.log(findings.map((f) => f.ruleId).join(","));
void formatSummary;
`,
  );
  writeFileSync(
    join(project, "tsconfig.json"),
    // A Node project as users set one up: Node's types (this checkout's @types/node), strict, and
    // every declaration checked (no skipLibCheck), amlnet's own included.
    JSON.stringify({
      compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", strict: true, noEmit: true, types: ["node"], typeRoots: [join(root, "node_modules/@types")], skipLibCheck: false },
      files: ["check.ts"],
    }),
  );
  const tsc = spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", project], { encoding: "utf8" });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  writeFileSync(join(project, "check.mjs"), readFileSync(join(project, "check.ts"), "utf8").replace(", type Finding", "").replace(": readonly Finding[]", ""));
  const ran = spawnSync(process.execPath, [join(project, "check.mjs")], { encoding: "utf8", cwd: project });
  assert.equal(ran.status, 0, ran.stderr);
  assert.match(ran.stdout, /AML022/);
});

test("the README's library example runs as written against an init blueprint, and typechecks", () => {
  const project = join(work, "consumer");
  const code = /## As a library[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)![1];
  const init = spawnSync(process.execPath, [join(project, "node_modules/amlnet/bin/amlnet.js"), "init", "--scenario", "private-link-workspace", "--output", join(project, "amlnet.yaml"), "--force"], { encoding: "utf8" });
  assert.equal(init.status, 0, init.stderr);
  // A project that installed amlnet points its editor at the installed schema, by a relative path.
  assert.match(readFileSync(join(project, "amlnet.yaml"), "utf8"), /^# yaml-language-server: \$schema=\.\/node_modules\/amlnet\/schema\/blueprint\.schema\.json$/m);
  writeFileSync(join(project, "readme.mjs"), `${code}console.log(JSON.stringify({ findings: project.findings.length, blocked: blocked.length, files: files.size, traced: "hops" in trace }));\n`);
  const ran = spawnSync(process.execPath, [join(project, "readme.mjs")], { encoding: "utf8", cwd: project });
  assert.equal(ran.status, 0, ran.stderr);
  const last = JSON.parse(ran.stdout.trim().split("\n").pop()!);
  // main.json/.parameters.json/.bicep/.bicepparam/.tf, variables.tf, outputs.tf, deploy.sh,
  // verify.sh, verify.ps1 (no jump box deployed: its OS is the user's), workspace.yml, README.md.
  assert.equal(last.files, 12);
  assert.equal(last.blocked, 0);
  writeFileSync(join(project, "readme.ts"), code);
  writeFileSync(join(project, "tsconfig.json"), readFileSync(join(project, "tsconfig.json"), "utf8").replace('"files":["check.ts"]', '"files":["readme.ts"]'));
  const tsc = spawnSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", project], { encoding: "utf8" });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
});

test("every command of the README's Use section runs as written, in order, from a folder outside the checkout", () => {
  const project = join(work, "readme-commands");
  mkdirSync(project);
  const commands = commandsOf(/## Use\n[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme)![1]);
  assert.ok(commands.length >= 10);
  const results = commands.map((command) => {
    const r = spawnSync("bash", ["-c", command], { cwd: project, encoding: "utf8", env: userEnv });
    return { command, code: r.status, out: r.stdout, err: r.stderr };
  });
  for (const r of results) {
    assert.ok(r.code === 0 || (r.code === 1 && /--fail-level warning/.test(r.command)), `${r.command}: exit ${r.code}\n${r.err}`);
    assert.doesNotMatch(r.err, /internal error|not found|ERR!/, r.command);
  }
  const by = (prefix: string) => results.find((r) => r.command.startsWith(prefix))!;
  assert.match(by("amlnet trace").out, /^jumpbox -> stamlprivate\.blob\.core\.windows\.net:443\n/);
  assert.match(by("amlnet diff").out, /0 flows gained, 0 lost, 0 removed\./);
  assert.equal(JSON.parse(readFileSync(join(project, "amlnet.sarif"), "utf8")).version, "2.1.0");
  assert.ok(readFileSync(join(project, "deploy", "main.json"), "utf8").length > 1000);
  assert.match(by("amlnet explain").out, /AML002/);
  // init's editor schema resolves offline: the package's own, copied beside the blueprint.
  assert.match(readFileSync(join(project, "amlnet.yaml"), "utf8"), /^# yaml-language-server: \$schema=\.\/amlnet\.schema\.json$/m);
  assert.equal(readFileSync(join(project, "amlnet.schema.json"), "utf8"), readFileSync(join(root, "schema/blueprint.schema.json"), "utf8"));
});

test("the README's serve command runs as written with the installed package: a page on 127.0.0.1, stopped by a signal", async () => {
  const project = join(work, "readme-serve");
  mkdirSync(project);
  writeFileSync(join(project, "amlnet.yaml"), readFileSync(example("private-link-workspace.yaml"), "utf8"));
  const command = /## See it\n\n```sh\n(.*?)\n```/.exec(readme)![1].replace(/\s+#.*$/, "");
  assert.equal(command, "amlnet serve amlnet.yaml");
  // Its own process group, signalled as a terminal's Ctrl-C signals it.
  const child = spawn("bash", ["-c", `exec ${command}`], { cwd: project, detached: true, env: userEnv });
  const exited = new Promise((done) => child.on("exit", (code, signal) => done(code ?? signal)));
  let url = "";
  try {
    url = await new Promise<string>((done, fail) => {
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) done(m[1]);
      });
      child.on("exit", (code) => fail(new Error(`serve exited ${code}`)));
    });
    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-security-policy") ?? "", /default-src 'none'/);
    assert.match(await page.text(), /<script type="module" src="\/app\.js"><\/script>/);
    assert.equal((await fetch(`${url}app.js`)).status, 200);
  } finally {
    process.kill(-child.pid!, "SIGINT");
  }
  await exited;
  child.stdout.destroy();
  // Stopped: nothing listens there any more.
  await new Promise((done) => setTimeout(done, 300));
  await assert.rejects(fetch(url));
});

/** Runs the run-steps of action.yml as the Actions runner would (bash -eo pipefail, its files). */
function runAction(inputs: Record<string, string>, cwd: string, actionPath = checkout): { outputs: Record<string, string>; results: { name: string; code: number | null; out: string }[] } {
  const action = parse(readFileSync(join(root, "action.yml"), "utf8")) as {
    inputs: Record<string, { default?: string }>;
    runs: { steps: { id?: string; name?: string; uses?: string; run?: string; env?: Record<string, string> }[] };
  };
  const values = { ...Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default ?? ""])), ...inputs };
  const temp = mkdtempSync(join(tmpdir(), "amlnet-runner-"));
  const outputs: Record<string, string> = {};
  const path: string[] = [];
  const results: { name: string; code: number | null; out: string }[] = [];
  const expand = (text: string) =>
    text.replace(/\$\{\{\s*(inputs\.([\w-]+)|steps\.(\w+)\.outputs\.(\w+))\s*\}\}/g, (_, _all, input, step, out) => (input ? (values[input] ?? "") : (outputs[`${step}.${out}`] ?? "")));
  for (const step of action.runs.steps) {
    if (!step.run) continue;
    const githubOutput = join(temp, "output");
    const githubPath = join(temp, "path");
    writeFileSync(githubOutput, "");
    writeFileSync(githubPath, "");
    const env = { ...process.env, ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)])), RUNNER_TEMP: temp, GITHUB_ACTION_PATH: actionPath, GITHUB_OUTPUT: githubOutput, GITHUB_PATH: githubPath, PATH: [...path, process.env.PATH].join(":") };
    const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", expand(step.run)], { cwd, env, encoding: "utf8" });
    results.push({ name: step.name ?? "", code: r.status, out: r.stdout + r.stderr });
    for (const line of readFileSync(githubOutput, "utf8").split("\n").filter(Boolean)) {
      const [k, ...v] = line.split("=");
      outputs[`${step.id}.${k}`] = v.join("=");
    }
    path.unshift(...readFileSync(githubPath, "utf8").split("\n").filter(Boolean));
  }
  return { outputs, results };
}

test("the GitHub Action's steps run locally: built from its own checkout, SARIF and annotations, the check's exit code as the result", () => {
  const action = parse(readFileSync(join(root, "action.yml"), "utf8")) as { inputs: Record<string, { default?: string }> };
  assert.equal(action.inputs.package.default, "", "the action builds amlnet from its own checkout by default");
  // The default: npm ci and npm pack in the action's checkout, then the tarball installed.
  const broken = runAction({ blueprint: example("broken/basic-registry-endpoint.yaml") }, work);
  assert.deepEqual(broken.results.map((r) => [r.name, r.code]), [["Install amlnet", 0], ["Check", 0], ["Result", 1]], broken.results.map((r) => r.out).join("\n"));
  assert.match(broken.results[1].out, /^::error file=.*basic-registry-endpoint\.yaml,line=7,col=\d+,title=AML022 /m);
  assert.equal(broken.outputs["check.code"], "1");
  assert.equal(JSON.parse(readFileSync(broken.outputs["check.sarif"], "utf8")).version, "2.1.0");
  const clean = runAction({ blueprint: example("private-link-workspace.yaml"), package: tarball }, work);
  assert.deepEqual(clean.results.map((r) => r.code), [0, 0, 0]);
});

test("the GitHub Action takes a list of inputs (a file, a folder with a template) with template parameters, a config and clients", () => {
  const repo = join(work, "action-repo");
  mkdirSync(join(repo, "infra"), { recursive: true });
  writeFileSync(join(repo, "amlnet.yaml"), readFileSync(example("private-link-workspace.yaml"), "utf8"));
  writeFileSync(join(repo, "infra", "main.json"), readFileSync(join(root, "../shared/realworld/qs_ml-end-to-end-secure_azuredeploy.json"), "utf8"));
  writeFileSync(join(repo, "infra", "main.parameters.json"), JSON.stringify({ $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", contentVersion: "1.0.0.0", parameters: { prefix: { value: "mlw" } } }));
  writeFileSync(join(repo, "clients.yaml"), "- { kind: vm, name: desk, subnet: vnet-mlw-3438/snet-training }\n");
  writeFileSync(join(repo, "ci.config.yaml"), "failLevel: warning\n");
  const r = runAction({ blueprint: "amlnet.yaml\ninfra/\n", parameters: "infra/main.parameters.json", params: "dsvmJumpboxUsername=azureuser\n", location: "eastus", clients: "clients.yaml", config: "ci.config.yaml", package: tarball }, repo);
  assert.deepEqual(r.results.map((x) => [x.name, x.code]), [["Install amlnet", 0], ["Check", 0], ["Result", 1]], r.results.map((x) => x.out).join("\n"));
  const sarif = JSON.parse(readFileSync(r.outputs["check.sarif"], "utf8")) as { runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { message: { text: string } }[] }[]; results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
  // The template's findings with its parameters (no AML908 for prefix), its parameters file skipped.
  assert.ok(sarif.runs[0].results.some((x) => x.locations[0].physicalLocation.artifactLocation.uri.endsWith("infra/main.json")));
  assert.deepEqual(sarif.runs[0].invocations[0].toolExecutionNotifications?.map((n) => n.message.text), ["skipped: a template parameters file (give it with --parameters)"]);
  assert.match(r.results[1].out, /^::(error|warning) file=.*infra\/main\.json,line=\d+/m);
  // failLevel warning from the config made the template's warnings fail the job.
  assert.equal(r.outputs["check.code"], "1");
});

test("the README's Azure DevOps pipeline scripts run as written, with the tarball kept in the repository", () => {
  const pipeline = parse(/```yaml\n(# Azure DevOps[\s\S]*?)```/.exec(readme)![1]) as { steps: { script?: string }[] };
  const project = join(work, "ado");
  mkdirSync(join(project, "tools"), { recursive: true });
  cpSync(tarball, join(project, "tools", `amlnet-${version}.tgz`));
  writeFileSync(join(project, "amlnet.yaml"), readFileSync(example("private-link-workspace.yaml"), "utf8"));
  const scripts = pipeline.steps.filter((s) => s.script).map((s) => s.script!);
  assert.equal(scripts[0], `npm install --global ./tools/amlnet-${version}.tgz`);
  // The agent's global prefix is the test's own.
  const agentEnv = { ...userEnv, npm_config_prefix: join(work, "ado-prefix"), PATH: `${join(work, "ado-prefix", "bin")}:${process.env.PATH}` };
  for (const script of scripts) {
    const r = spawnSync("bash", ["-eo", "pipefail", "-c", script], { cwd: project, encoding: "utf8", env: agentEnv });
    assert.equal(r.status, 0, `${script}\n${r.stdout}${r.stderr}`);
  }
  assert.match(readFileSync(join(project, "amlnet-junit.xml"), "utf8"), /^<\?xml version="1\.0"/);
});
