// Shared zones: endpoints in two VNets that aren't peered each keep their own records when
// each VNet has its own zone of the name (dns.privateZones entries in separate resource groups).
// "Azure Private Endpoint private DNS zone values" [PEDNS]: a zone holds one record set per name.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openBlueprint, type Project } from "../src/api/index.ts";

const zone = (group: string, name: string) =>
  `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/${group}/providers/Microsoft.Network/privateDnsZones/${name}`;
const SPLIT = ["privatelink.blob.core.windows.net", "privatelink.file.core.windows.net", "privatelink.vaultcore.azure.net", "privatelink.azurecr.io", "privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"];

function blueprint(zones: string): string {
  return `region: eastus
workspace: { name: mlw }
storage: { name: stml }
keyVault: { name: kv-ml }
containerRegistry: { name: crml01 }
networks:
  vnets:
    - { name: vnet-a, addressSpace: [10.1.0.0/16], subnets: [{name: snet-pe, prefix: 10.1.1.0/24}] }
    - { name: vnet-b, addressSpace: [10.2.0.0/16], subnets: [{name: snet-pe, prefix: 10.2.1.0/24}] }
dns:
  privateZones:
${zones}
endpoints:
  - { subnet: vnet-a/snet-pe }
  - { subnet: vnet-b/snet-pe }
`;
}

const perVnet = SPLIT.flatMap((z) => [
  `    - { name: ${z}, existing: ${zone("rg-dns-a", z)}, links: [vnet-a] }`,
  `    - { name: ${z}, existing: ${zone("rg-dns-b", z)}, links: [vnet-b] }`,
]).join("\n");

function open(text: string): Project {
  const r = openBlueprint("zones.yaml", text);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  return r.project;
}

const resolved = (p: Project, from: string, to: string) => {
  const t = p.trace(from, to);
  assert.ok(!("error" in t), JSON.stringify(t));
  return { verdict: t.verdict, dns: t.hops.find((h) => h.step === "dns")?.detail ?? "" };
};

test("a zone of the name per VNet keeps each VNet's records: both resolve their own endpoint, nothing is contested", () => {
  const p = open(blueprint(perVnet));
  const a = resolved(p, "vnet-a/snet-pe", "stml");
  const b = resolved(p, "vnet-b/snet-pe", "stml");
  assert.equal(a.verdict, "pass");
  assert.equal(b.verdict, "pass");
  assert.match(a.dns, /10\.1\.1\.\d+/);
  assert.match(b.dns, /10\.2\.1\.\d+/);
  assert.deepEqual(p.findings.filter((f) => ["AML004", "AML079", "AML081"].includes(f.ruleId)).map((f) => f.message), []);
});

test("one shared zone for two unpeered VNets: the last writer wins and AML079 says so", () => {
  const p = open(blueprint("    []").replace("  privateZones:\n    []\n", "  privateZones: []\n"));
  assert.ok(p.findings.some((f) => f.ruleId === "AML079" && f.message.includes("stml.privatelink.blob.core.windows.net")));
  assert.equal(resolved(p, "vnet-a/snet-pe", "stml").verdict, "fail");
});

test("the back ends link each zone in its own resource group: Terraform names the group, deploy.sh links what the template can't", () => {
  const files = open(blueprint(perVnet)).build();
  const tf = files.get("main.tf")!;
  assert.match(tf, /name\s+= "link-vnet-a"\n\s+resource_group_name\s+= "rg-dns-a"\n\s+private_dns_zone_name = "privatelink.blob.core.windows.net"/);
  assert.match(tf, /name\s+= "link-vnet-b"\n\s+resource_group_name\s+= "rg-dns-b"\n\s+private_dns_zone_name = "privatelink.blob.core.windows.net"/);
  const template = JSON.parse(files.get("main.json")!) as { resources: { type: string }[] };
  assert.equal(template.resources.filter((r) => r.type === "Microsoft.Network/privateDnsZones/virtualNetworkLinks").length, 0);
  const sh = files.get("deploy.sh")!;
  assert.ok(sh.includes("az network private-dns link vnet create --resource-group 'rg-dns-a' --zone-name 'privatelink.blob.core.windows.net' --name 'link-vnet-a'"));
  assert.ok(sh.includes("az network private-dns link vnet create --resource-group 'rg-dns-b' --zone-name 'privatelink.blob.core.windows.net' --name 'link-vnet-b'"));
  // Each endpoint's zone group names the zone linked to its own VNet.
  const bicep = files.get("main.bicep")!;
  assert.ok(bicep.includes(`privateDnsZoneId: '${zone("rg-dns-a", "privatelink.blob.core.windows.net")}'`));
  assert.ok(bicep.includes(`privateDnsZoneId: '${zone("rg-dns-b", "privatelink.blob.core.windows.net")}'`));
});

test("two zones of one name in one resource group, or one VNet linked to two of them, are input errors with their place", () => {
  // Each error with the text its position points at.
  const errors = (zones: string) => {
    const text = blueprint(zones);
    const r = openBlueprint("zones.yaml", text);
    return r.ok ? [] : r.errors.map((e) => `${text.split("\n")[e.position!.line - 1].slice(e.position!.col - 1).split(/[,}\]]/)[0]}: ${e.message}`);
  };
  const name = "privatelink.blob.core.windows.net";
  assert.deepEqual(errors(`    - { name: ${name}, links: [vnet-a] }\n    - { name: ${name}, links: [vnet-b] }`), [
    `${name}: zone '${name}' is already dns.privateZones[0] in resource group rg-aml: a second zone of this name needs existing: <its id in another resource group>`,
  ]);
  assert.deepEqual(errors(`    - { name: ${name}, links: [vnet-a] }\n    - { name: ${name}, existing: ${zone("rg-dns-b", name)}, links: [vnet-b, vnet-a] }`), [
    `vnet-a: VNet 'vnet-a' is already linked to a zone named '${name}' (dns.privateZones[0]): Azure links a VNet to one zone of a name`,
  ]);
  // The same name in another group is legal.
  assert.deepEqual(errors(`    - { name: ${name}, links: [vnet-a] }\n    - { name: ${name}, existing: ${zone("rg-dns-b", name)}, links: [vnet-b] }`), []);
});
