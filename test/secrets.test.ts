// Secrets (a jump box's admin password, F50) are asked at deployment and never written: a
// secureString parameter without a default in ARM, @secure() in Bicep, a sensitive variable
// without a default in Terraform, an environment variable deploy.sh insists on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
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
  assert.match(out.get("deploy.sh")!, /sentinelJumpboxAdminPassword="\$SENTINEL_JUMPBOX_ADMIN_PASSWORD"/);
});

test("a Linux jump box uses a password over Bastion, and examples without one have no secret", () => {
  const linux = files("isolated-aks-vnet.yaml");
  assert.match(linux.get("main.tf")!, /resource "azurerm_linux_virtual_machine" "jumpbox" \{[\s\S]*?disable_password_authentication\s+= false/);
  assert.equal(JSON.parse(linux.get("main.json")!).parameters.jumpboxAdminPassword.type, "securestring");
  const none = files("synapse-integration.yaml");
  assert.deepEqual(Object.keys(JSON.parse(none.get("main.json")!).parameters), ["location"]);
  assert.doesNotMatch(none.get("variables.tf")!, /sensitive/);
});
