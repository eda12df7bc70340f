// Terraform as users write it: folders of .tf files (the root module, the local modules it calls),
// variables from every source Terraform reads, Microsoft's own configurations in
// ../shared/realworld-terraform/ with the findings each owes, and bad input as one located error.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openTerraform, terraformReader, type TerraformReader } from "../src/api/index.ts";
import { main } from "../src/cli/main.ts";

const REAL = new URL("../../shared/realworld-terraform/", import.meta.url).pathname;
let reader: TerraformReader;
before(async () => {
  reader = await terraformReader();
});

const open = (path: string, o: Partial<Parameters<typeof openTerraform>[1]> = {}) => openTerraform(path, { reader, ...o });
const findings = (path: string, o: Partial<Parameters<typeof openTerraform>[1]> = {}) => {
  const r = open(path, o);
  assert.ok(r.ok, JSON.stringify(r));
  return r.project.findings;
};
const ruleCounts = (fs: readonly { ruleId: string }[]) =>
  Object.fromEntries(
    [...new Set(fs.map((f) => f.ruleId))].sort().map((id) => [id, fs.filter((f) => f.ruleId === id).length]),
  );

/** A folder of .tf files (and subfolders) from a map of relative path to text. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "amlnet-tf-"));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, ".."), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

test("101: a public workspace with public dependencies owes nothing but the note that no client is judged", () => {
  // "Azure/terraform quickstart 101-machine-learning": no VNet, no endpoint, public access on
  // (azurerm's default): nothing network-isolated to get wrong.
  assert.deepEqual(ruleCounts(findings(`${REAL}tf_qs_101-machine-learning`)), { AML905: 1 });
});

test("201: the moderately secure quickstart owes AML035 on its two storage endpoints, and its flows pass", () => {
  // Its endpoints, zones and links are right; F44 ("Use Azure Machine Learning studio in an Azure
  // virtual network"): without Reader on the storage endpoints for the workspace identity, studio
  // can't preview data behind them — the configuration assigns no such role.
  const r = open(`${REAL}tf_qs_201-machine-learning-moderately-secure`);
  assert.ok(r.ok);
  const fs = r.project.findings;
  assert.deepEqual(ruleCounts(fs), { AML035: 2, AML905: 1 });
  assert.deepEqual(fs.filter((f) => f.ruleId === "AML035").map((f) => f.message.match(/endpoint (\S+):/)?.[1]), ["ple-examplehost-dev-st-blob", "ple-examplehost-dev-st-file"]);
  // Findings point at the .tf line of the resource.
  const at = fs.find((f) => f.ruleId === "AML035")!.position;
  assert.match(`${at.file}:${at.line}`, /workspace\.tf:110$/);
  const flows = r.project.flows();
  assert.ok(flows.length > 40);
  assert.deepEqual(flows.filter((f) => f.trace.verdict !== "pass").map((f) => f.id), []);
  // The DSVM behind Bastion is the client it judges from.
  assert.ok(flows.some((f) => f.id.startsWith("vmdsvm01 -> workspace API")));
});

test("202: on a VNet and zones of another root module, what rests on them is unknown, never an error", () => {
  // Its VNet comes from data sources and its zones from variables without values: the reader says
  // which variables are unset (AML908) and what can't be judged (AML904), and reports only AML035.
  const fs = findings(`${REAL}tf_qs_202-machine-learning-moderately-secure-existing-VNet`);
  assert.deepEqual(
    fs.filter((f) => f.severity !== "info").map((f) => f.ruleId),
    ["AML035", "AML035"],
  );
  assert.equal(fs.filter((f) => f.ruleId === "AML908").length, 11);
  assert.ok(fs.some((f) => f.ruleId === "AML904" && /privatelink_vaultcore_azure_net_resource_id/.test(f.message)));
});

test("the Verified Module: its root, alone, deploys a private workspace nobody reaches; its examples read with their registry modules unknown", () => {
  // variables.tf: public_network_access_enabled defaults to false and private_endpoints to {}: the
  // root with its defaults is exactly AML026 ("Configure a private endpoint for an Azure Machine
  // Learning workspace": a workspace with public access disabled is reached only through endpoints).
  assert.deepEqual(ruleCounts(findings(`${REAL}tf_avm_ml-workspace`).filter((f) => f.severity !== "info")), { AML026: 1 });
  for (const ex of ["private_managed_vnet", "private_byo_vnet"]) {
    const fs = findings(`${REAL}tf_avm_ml-workspace/examples/${ex}`);
    // No error: the modules from the registry aren't on disk, each said once (AML902).
    assert.deepEqual(fs.filter((f) => f.severity === "error").map((f) => `${f.ruleId} ${f.message}`), [], ex);
    assert.ok(fs.filter((f) => f.ruleId === "AML902").every((f) => /isn't on disk \(run terraform init/.test(f.message)));
    assert.ok(fs.some((f) => f.ruleId === "AML904"), ex);
  }
});

test("variables: default, terraform.tfvars, *.auto.tfvars, TF_VAR_ and --var, later ones winning; unset is unknown", () => {
  const tf = `
variable "space" { type = list(string) }
variable "name" { default = "from-default" }
resource "azurerm_virtual_network" "v" {
  name                = var.name
  resource_group_name = "rg"
  location            = "West Europe"
  address_space       = var.space
}
`;
  const names = (dir: string, o: Partial<Parameters<typeof openTerraform>[1]> = {}) => {
    const r = open(dir, o);
    assert.ok(r.ok, JSON.stringify(r));
    return r.project.model.resources.map((x) => `${x.name} ${JSON.stringify(x.properties.addressSpace)}`);
  };
  const dir = folder({ "main.tf": tf });
  assert.match(names(dir).join(), /^from-default \{"addressPrefixes":\{"unknown":true,"reason":"variable 'space' has no value"/);
  const withFiles = folder({ "main.tf": tf, "terraform.tfvars": 'space = ["10.0.0.0/16"]\nname = "from-tfvars"\n', "b.auto.tfvars": 'name = "from-auto"\n' });
  assert.deepEqual(names(withFiles), ['from-auto {"addressPrefixes":["10.0.0.0/16"]}']);
  assert.deepEqual(names(withFiles, { env: { TF_VAR_name: "from-env" } }), ['from-auto {"addressPrefixes":["10.0.0.0/16"]}'], "files win over TF_VAR_");
  assert.deepEqual(names(withFiles, { vars: ["name=from-flag", 'space=["10.1.0.0/16"]'] }), ['from-flag {"addressPrefixes":["10.1.0.0/16"]}']);
  assert.deepEqual(names(dir, { env: { TF_VAR_space: '["10.2.0.0/16"]' } }), ['from-default {"addressPrefixes":["10.2.0.0/16"]}']);
});

test("count, for_each, dynamic blocks and local modules expand as Terraform does", () => {
  const dir = folder({
    "main.tf": `
locals { spokes = { a = "10.1.0.0/16", b = "10.2.0.0/16" } }
resource "azurerm_virtual_network" "spoke" {
  for_each            = local.spokes
  name                = "vnet-\${each.key}"
  resource_group_name = "rg"
  location            = "eastus"
  address_space       = [each.value]
}
resource "azurerm_network_security_group" "n" {
  count               = 2
  name                = "nsg-\${count.index}"
  resource_group_name = "rg"
  location            = "eastus"
  dynamic "security_rule" {
    for_each = ["443", "8787"]
    content {
      name                       = "allow-\${security_rule.value}"
      priority                   = 100 + security_rule.key
      direction                  = "Outbound"
      access                     = "Allow"
      protocol                   = "Tcp"
      source_port_range          = "*"
      destination_port_range     = security_rule.value
      source_address_prefix      = "*"
      destination_address_prefix = "AzureMachineLearning"
    }
  }
}
module "hub" {
  source = "./modules/hub"
  prefix = "10.0.0.0/16"
}
resource "azurerm_virtual_network_peering" "p" {
  name                      = "to-hub"
  resource_group_name       = "rg"
  virtual_network_name      = azurerm_virtual_network.spoke["a"].name
  remote_virtual_network_id = module.hub.id
}
`,
    "modules/hub/main.tf": `
variable "prefix" {}
resource "azurerm_virtual_network" "hub" {
  name                = "vnet-hub"
  resource_group_name = "rg-hub"
  location            = "eastus"
  address_space       = [var.prefix]
}
output "id" { value = azurerm_virtual_network.hub.id }
`,
  });
  const r = open(dir);
  assert.ok(r.ok, JSON.stringify(r));
  const m = r.project.model;
  assert.deepEqual(m.resources.filter((x) => x.type === "Microsoft.Network/virtualNetworks").map((x) => x.name).sort(), ["vnet-a", "vnet-b", "vnet-hub"]);
  const nsg = m.resources.find((x) => x.name === "nsg-1")!;
  assert.deepEqual((nsg.properties.securityRules as { name: string; properties: { priority: number } }[]).map((x) => [x.name, x.properties.priority]), [["allow-443", 100], ["allow-8787", 101]]);
  // The module's output is the hub's id: the peering links to it.
  const peering = m.resources.find((x) => x.type === "Microsoft.Network/virtualNetworks/virtualNetworkPeerings")!;
  assert.equal(m.get((peering.properties.remoteVirtualNetwork as { id: string }).id)?.name, "vnet-hub");
  assert.equal(peering.name, "vnet-a/to-hub");
});

test("bad input: one located error each (TF001-TF005), as terraform plan refuses it", () => {
  const error = (files: Record<string, string>) => {
    const r = open(folder(files));
    assert.ok(!r.ok && "errors" in r, JSON.stringify(r));
    const [e] = r.errors;
    return `${e.code} ${e.position.file.split("/").pop()}:${e.position.line}:${e.position.col} ${e.message}`;
  };
  assert.match(error({ "main.tf": 'resource "azurerm_virtual_network" "v" {\n  name = "x"\n' }), /^TF001 main\.tf:\d+:\d+ /);
  assert.match(error({ "main.tf": 'locals {\n  a = local.b\n  b = local.a\n}\nresource "azurerm_virtual_network" "v" { name = local.a }\n' }), /^TF003 main\.tf:2:3 local\.a depends on itself/);
  assert.match(error({ "main.tf": 'resource "azurerm_virtual_network" "v" {\n  name = nosuch("x")\n}\n' }), /^TF002 main\.tf:2:10 there is no function named "nosuch"/);
  assert.match(
    error({ "main.tf": 'resource "random_string" "r" { length = 4 }\nresource "azurerm_virtual_network" "v" {\n  count = random_string.r.length_known_later\n  name = "x"\n}\n' }),
    /^TF004 main\.tf:3:11 count depends on random_string\.r\.length_known_later, known only after apply/,
  );
  assert.match(error({ "main.tf": 'resource "azurerm_virtual_network" "v" {\n  count = 1000000\n  name = "x"\n}\n' }), /^TF005 main\.tf:2:11 count makes 1,000,000 instances/);
  assert.match(error({ "main.tf": 'module "m" { source = "./m" }\n', "m/main.tf": 'module "back" { source = "../" }\n' }), /^TF003 main\.tf:1:1 module 'back' calls \., which is already being read/);
});

test("amlnet check takes a folder or a .tf file; --var sets a variable", async () => {
  const dir = folder({
    "main.tf": `
variable "public" { default = false }
resource "azurerm_machine_learning_workspace" "w" {
  name                          = "mlw"
  resource_group_name           = "rg"
  location                      = "eastus"
  storage_account_id            = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st"
  key_vault_id                  = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
  application_insights_id       = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Insights/components/ai"
  public_network_access_enabled = var.public
  identity { type = "SystemAssigned" }
}
`,
  });
  const run = async (args: string[]) => {
    let out = "";
    let err = "";
    const code = await main(args, { out: (s) => (out += s), err: (s) => (err += s), isTTY: false, env: {} });
    return { code, out, err };
  };
  const folderRun = await run(["check", dir, "--format", "text"]);
  assert.equal(folderRun.code, 1, folderRun.err);
  assert.match(folderRun.out, /main\.tf:3:1 error AML026 Workspace mlw has public access disabled and no private endpoint/);
  const fileRun = await run(["check", join(dir, "main.tf"), "--format", "text", "--var", "public=true"]);
  assert.equal(fileRun.code, 0, fileRun.out + fileRun.err);
  const bad = await run(["check", dir, "--param", "x=1"]);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /--parameters and --param are for templates; Terraform takes --var and --var-file/);
});

test("import of a Terraform folder writes a blueprint that checks, names known only after apply given stand-ins as guesses", async () => {
  const out = join(mkdtempSync(join(tmpdir(), "amlnet-tf-import-")), "imported.yaml");
  let err = "";
  const code = await main(["import", `${REAL}tf_qs_201-machine-learning-moderately-secure`, "--output", out], { out: () => {}, err: (s) => (err += s), isTTY: false, env: {} });
  assert.equal(code, 0, err);
  const text = (await import("node:fs")).readFileSync(out, "utf8");
  assert.match(text, /# guess: stdefault stands in for \{azurerm_storage_account\.default\.name\}, a name known only after apply/);
  let checked = "";
  assert.equal(await main(["check", out, "--format", "text"], { out: (s) => (checked += s), err: (s) => (checked += s), isTTY: false, env: {} }), 0, checked);
});

test("registry modules are read where terraform init installed them (modules.json); module calls expand by for_each", () => {
  const vnet = `
variable "name" {}
variable "space" {}
resource "azurerm_virtual_network" "this" {
  name                = var.name
  resource_group_name = "rg"
  location            = "eastus"
  address_space       = [var.space]
}
output "resource_id" { value = azurerm_virtual_network.this.id }
`;
  const dir = folder({
    "main.tf": `
module "hub" {
  source  = "Azure/avm-res-network-virtualnetwork/azurerm"
  version = "0.7.1"
  name    = "vnet-hub"
  space   = "10.0.0.0/16"
}
module "spoke" {
  source   = "./spoke"
  for_each = { a = "10.1.0.0/16", b = "10.2.0.0/16" }
  name     = "vnet-\${each.key}"
  space    = each.value
}
resource "azurerm_virtual_network_peering" "p" {
  for_each                  = module.spoke
  name                      = "to-hub"
  resource_group_name       = "rg"
  virtual_network_name      = "vnet-\${each.key}"
  remote_virtual_network_id = module.hub.resource_id
}
`,
    "spoke/main.tf": vnet,
    ".terraform/modules/hub/main.tf": vnet,
    ".terraform/modules/modules.json": JSON.stringify({ Modules: [{ Key: "", Source: "", Dir: "." }, { Key: "hub", Source: "registry.terraform.io/Azure/avm-res-network-virtualnetwork/azurerm", Version: "0.7.1", Dir: ".terraform/modules/hub" }] }),
  });
  const r = open(dir);
  assert.ok(r.ok, JSON.stringify(r));
  const m = r.project.model;
  assert.deepEqual(m.resources.filter((x) => x.type === "Microsoft.Network/virtualNetworks").map((x) => x.name).sort(), ["vnet-a", "vnet-b", "vnet-hub"]);
  assert.deepEqual(
    m.resources.filter((x) => x.type === "Microsoft.Network/virtualNetworks/virtualNetworkPeerings").map((x) => `${x.name} -> ${m.get((x.properties.remoteVirtualNetwork as { id: string }).id)?.name}`),
    ["vnet-a/to-hub -> vnet-hub", "vnet-b/to-hub -> vnet-hub"],
  );
  assert.ok(!r.project.findings.some((f) => f.ruleId === "AML902"), "no module is unknown");
});

test("no configuration crashes the reader: random blocks, attributes and expressions open or fail located", async () => {
  const fc = (await import("fast-check")).default;
  const ident = fc.constantFrom("a", "b", "name", "count", "for_each", "subnet_id", "address_space");
  const expr = fc.oneof(
    fc.constantFrom("1", '"x"', "true", "null", "[1, 2]", "{ k = 1 }", "var.a", "local.b", "azurerm_subnet.s.id", "each.key", "count.index", "module.m.x", "data.azurerm_client_config.c.tenant_id", '"${var.a}-x"', "[for x in var.a : x]", "var.a ? 1 : 2", "length(var.a)", "cidrsubnet(var.a, 8, 1)", "nosuch()", "local.b.c[0]"),
    fc.string({ maxLength: 20 }),
  );
  const attribute = fc.tuple(ident, expr).map(([k, v]) => `  ${k} = ${v}`);
  const block = fc.tuple(fc.constantFrom('resource "azurerm_subnet" "s"', 'resource "azurerm_virtual_network" "v"', "locals", 'variable "a"', 'module "m"', 'data "azurerm_client_config" "c"', 'output "o"'), fc.array(attribute, { maxLength: 4 })).map(([head, attrs]) => `${head} {\n${attrs.join("\n")}\n}\n`);
  await fc.assert(
    fc.asyncProperty(fc.array(block, { maxLength: 5 }), async (blocks) => {
      const dir = folder({ "main.tf": blocks.join("\n") });
      const r = open(dir, { limits: { maxSteps: 100_000 } });
      if (!r.ok) assert.ok("errors" in r || "unreadable" in r);
    }),
    { numRuns: 150 },
  );
});
