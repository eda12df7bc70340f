// Secrets (a jump box's admin password, F50) are asked at deployment and never written: a
// secureString parameter without a default in ARM, @secure() in Bicep, a sensitive variable
// without a default in Terraform, an environment variable deploy.sh insists on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { parse } from "@cdktn/hcl2json";
import { checkBlueprint } from "../src/api/index.ts";
import { buildFiles } from "../src/backends/build.ts";

const dir = new URL("../examples/", import.meta.url);

function files(example: string): Map<string, string> {
  const r = checkBlueprint(example, readFileSync(new URL(example, dir), "utf8"));
  assert.ok(r.ok);
  return buildFiles(r.model, { blueprint: example, version: "test" });
}

test("a Windows jump box password is a secure parameter everywhere, with no value anywhere", async () => {
  const out = files("sentinel-jumpbox.yaml");
  const template = JSON.parse(out.get("main.json")!);
  assert.deepEqual(template.parameters.sentinelJumpboxAdminPassword, { type: "securestring", metadata: { description: "Admin password of jump box sentinel-jumpbox." } });
  const vm = template.resources.find((x: { type: string }) => x.type === "Microsoft.Compute/virtualMachines");
  assert.equal(vm.properties.osProfile.adminPassword, "[parameters('sentinelJumpboxAdminPassword')]");
  assert.equal(vm.properties.securityProfile.securityType, "TrustedLaunch");
  const nic = template.resources.find((x: { type: string }) => x.type === "Microsoft.Network/networkInterfaces");
  assert.equal(nic.properties.ipConfigurations[0].properties.publicIPAddress, undefined, "no public address on a jump box");
  assert.doesNotMatch(out.get("main.parameters.json")!, /Password/i);

  assert.match(out.get("main.bicep")!, /@secure\(\)\n@description\('Admin password of jump box sentinel-jumpbox\.'\)\nparam sentinelJumpboxAdminPassword string\n/);
  assert.match(out.get("main.bicepparam")!, /param sentinelJumpboxAdminPassword = readEnvironmentVariable\('SENTINEL_JUMPBOX_ADMIN_PASSWORD'\)/);

  const variables = (await parse("variables.tf", out.get("variables.tf")!)) as { variable: Record<string, { sensitive?: boolean; default?: unknown }[]> };
  assert.equal(variables.variable.sentinel_jumpbox_admin_password[0].sensitive, true);
  assert.ok(!("default" in variables.variable.sentinel_jumpbox_admin_password[0]));
  assert.match(out.get("main.tf")!, /resource "azurerm_windows_virtual_machine" "sentinel_jumpbox" \{[\s\S]*?admin_password\s+= var\.sentinel_jumpbox_admin_password/);

  assert.match(out.get("deploy.sh")!, /: "\$\{SENTINEL_JUMPBOX_ADMIN_PASSWORD:\?/);
  assert.doesNotMatch(out.get("deploy.sh")!, /sentinelJumpboxAdminPassword="\$SENTINEL_JUMPBOX_ADMIN_PASSWORD"/, "never an az argument");
});

test("deploy.sh hands az the password in a private parameters file, escaped, never as an argument", () => {
  const out = files("sentinel-jumpbox.yaml");
  const dir = mkdtempSync(join(tmpdir(), "amlnet-secret-"));
  writeFileSync(join(dir, "deploy.sh"), out.get("deploy.sh")!);
  // az records its arguments and a copy of every @file it is given, with the file's mode.
  const az = `echo "az $*" >> "${dir}/calls.log"
for a in "$@"; do case "$a" in @*) f="\${a#@}"; cp "$f" "${dir}/given-$(basename "$f")"; stat -c %a "$f" > "${dir}/mode-$(basename "$f")" ;; esac; done`;
  writeFileSync(join(dir, "az"), `#!/usr/bin/env bash\n${az}\n`);
  chmodSync(join(dir, "az"), 0o755);
  const password = String.raw`p"a\ss $(id) 'w`;
  const env = { ...process.env, PATH: `${dir}:${process.env.PATH}`, SENTINEL_JUMPBOX_ADMIN_PASSWORD: password };
  const r = spawnSync("bash", [join(dir, "deploy.sh")], { encoding: "utf8", env });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!readFileSync(join(dir, "calls.log"), "utf8").includes("p\"a"), "the password is on no command line");
  const given = readdirSync(dir).filter((f) => f.startsWith("given-tmp."));
  assert.equal(given.length, 1, "one secret parameters file");
  assert.equal(JSON.parse(readFileSync(join(dir, given[0]), "utf8")).parameters.sentinelJumpboxAdminPassword.value, password);
  assert.equal(readFileSync(join(dir, given[0].replace("given-", "mode-")), "utf8").trim(), "600");
  const bad = spawnSync("bash", [join(dir, "deploy.sh")], { encoding: "utf8", env: { ...env, SENTINEL_JUMPBOX_ADMIN_PASSWORD: "a\nb" } });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /SENTINEL_JUMPBOX_ADMIN_PASSWORD may not contain control characters/);
  const goodRun = readFileSync(join(dir, "calls.log"), "utf8").split("\n").filter(Boolean);
  assert.deepEqual(goodRun.map((c) => c.split(" ").slice(0, 3).join(" ")), ["az account show", "az group create", "az deployment group"], "nothing called by the bad run: these are the good run's");
  // --what-if previews with the same private file and creates nothing; --bicep leaves the secret to main.bicepparam.
  writeFileSync(join(dir, "calls.log"), "");
  assert.equal(spawnSync("bash", [join(dir, "deploy.sh"), "--what-if"], { encoding: "utf8", env }).status, 0);
  const preview = readFileSync(join(dir, "calls.log"), "utf8").trim().split("\n");
  assert.match(preview[1], /^az deployment group what-if .*--template-file \S+main\.json .*--parameters @\/tmp\//);
  assert.equal(preview.length, 2);
  writeFileSync(join(dir, "calls.log"), "");
  assert.equal(spawnSync("bash", [join(dir, "deploy.sh"), "--bicep"], { encoding: "utf8", env }).status, 0);
  const bicep = readFileSync(join(dir, "calls.log"), "utf8");
  assert.match(bicep, /^az deployment group create .*--template-file \S+main\.bicep --parameters \S+main\.bicepparam --parameters location=\S+ --output none$/m);
  assert.ok(!bicep.includes("p\"a"));
});

test("a Linux jump box uses a password over Bastion, and examples without one have no secret", () => {
  const linux = files("isolated-aks-vnet.yaml");
  assert.match(linux.get("main.tf")!, /resource "azurerm_linux_virtual_machine" "jumpbox" \{[\s\S]*?disable_password_authentication\s+= false/);
  assert.equal(JSON.parse(linux.get("main.json")!).parameters.jumpboxAdminPassword.type, "securestring");
  const none = files("synapse-integration.yaml");
  assert.deepEqual(Object.keys(JSON.parse(none.get("main.json")!).parameters), ["location"]);
  assert.doesNotMatch(none.get("variables.tf")!, /sensitive/);
});
