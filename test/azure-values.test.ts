// Values Azure would refuse at deployment are refused when the blueprint is read, each
// with its place and exit 2: unknown regions, names against a type's naming rules, NSG priorities
// used twice, impossible ports and addresses, upside-down node counts, free-text scopes,
// suppressions of rules that don't exist, and names that differ only in case.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openBlueprint } from "../src/api/index.ts";
import { BASE_CASE, mergeCase } from "../src/rules/cases.ts";

/** Each error as `<the text at its position>: <message>`. */
function errors(patch: string): string[] {
  const text = mergeCase(BASE_CASE, patch);
  const r = openBlueprint("t.yaml", text);
  if (r.ok) return [];
  const lines = text.split("\n");
  return r.errors.map((e) => `${lines[e.position.line - 1].slice(e.position.col - 1).split(/[,}\]]/)[0].trim()}: ${e.message}`);
}

const NSG = (rules: string) => `networks: { nsgs: [{name: nsg-a, rules: [${rules}]}] }`;

const CASES: [string, string, string[]][] = [
  ["an unknown region, with the nearest", "region: eastus3", ["eastus3: 'eastus3' is no AzureCloud region; did you mean eastus, eastus2, westus3? (a region opened since amlnet's list: add it to acceptRegions)"]],
  ["a region of another cloud", "cloud: AzureUSGovernment", ["eastus: 'eastus' is no AzureUSGovernment region (a region opened since amlnet's list: add it to acceptRegions)"]],
  ["a workspace name too short", "workspace: { name: w }", ["w: 'w' breaks the naming rule: a workspace name is 3-33 letters, digits, '-' and '_', starting with a letter or digit"]],
  ["a Key Vault name with a double hyphen", "keyVault: { name: kv--ml }", ["kv--ml: 'kv--ml' breaks the naming rule: a Key Vault name is 3-24 letters, digits and single hyphens, starting with a letter and ending with a letter or digit"]],
  ["a cluster name too long", "compute: { clusters: [{ name: cluster-name-too-long, subnet: vnet-ml/snet-train }] }", ["cluster-name-too-long: 'cluster-name-too-long' breaks the naming rule: a compute cluster name is 2-16 letters, digits and '-', starting with a letter"]],
  ["a resource group ending with a dot", "resourceGroup: rg-aml.", ["rg-aml.: 'rg-aml.' breaks the naming rule: a resource group name can't end with '.'"]],
  ["minNodes over maxNodes", "compute: { clusters: [{ name: cpu, subnet: vnet-ml/snet-train, minNodes: 5, maxNodes: 2 }] }", ["5: minNodes 5 is more than maxNodes 2"]],
  [
    "two NSG rules with one priority and direction",
    NSG("{name: a, priority: 300, direction: Outbound, access: Allow}, {name: b, priority: 300, direction: Outbound, access: Deny}, {name: c, priority: 300, direction: Inbound, access: Deny}"),
    ["300: NSG nsg-a: rules 'a' and 'b' both have outbound priority 300; Azure needs each once per direction"],
  ],
  ["a port range upside down", NSG("{name: a, priority: 300, direction: Outbound, access: Allow, destinationPorts: '99999-1'}"), ["99999-1: networks.nsgs.0.rules.0.destinationPorts: a port (0-65535), a range low-high, a comma list of these, or *"]],
  ["an NSG source that is neither prefix nor tag", NSG("{name: a, priority: 300, direction: Inbound, access: Allow, source: Interwebs}"), ["Interwebs: networks.nsgs.0.rules.0.source: *, an IPv4 address or prefix, or a service tag such as VirtualNetwork"]],
  ["an impossible address", "dns: { servers: [{name: dns1, vnet: vnet-ml, ip: 300.300.300.300}] }", ["300.300.300.300: dns.servers.0.ip: an IPv4 address"]],
  ["a free-text role scope", "roleAssignments: [{principal: workspace, role: reader, scope: everything}]", ["everything: roleAssignments.0.scope: resourceGroup, workspace, storage, keyVault, containerRegistry, registry/<name>, aiServices/<name>, synapse/<name>, paas/<name> or a resource id"]],
  ["a suppression of a rule that doesn't exist", "storage: { name: stml, suppress: [{rule: AML999, reason: not a rule}] }", ["AML999: no rule AML999; amlnet rules lists them"]],
  [
    "names that differ only in case",
    "networks: { nsgs: [{name: nsg-a}, {name: NSG-A}], natGateways: [{name: nat1}, {name: nat1}] }",
    ["NSG-A: duplicate NSG name 'NSG-A' (Azure names ignore case: 'nsg-a' is the same name)", "nat1: duplicate NAT gateway name 'nat1'"],
  ],
  ["AI services accounts twice", "integrations: { aiServices: [{name: ai1, kind: OpenAI}, {name: AI1, kind: OpenAI}] }", ["AI1: duplicate AI Services account name 'AI1' (Azure names ignore case: 'ai1' is the same name)"]],
  [
    "a Synapse Data Lake named like the default storage (storage names are global)",
    "integrations: { synapse: [{name: syn-one, dataLake: stml}] }",
    ["stml: Synapse syn-one's Data Lake account 'stml' is also storage.name; storage account names are global, so each needs its own"],
  ],
  ["NSG rule names twice", NSG("{name: a, priority: 300, direction: Outbound, access: Allow}, {name: A, priority: 310, direction: Outbound, access: Allow}"), ["A: duplicate rule of NSG nsg-a name 'A' (Azure names ignore case: 'a' is the same name)"]],
];

for (const [what, patch, expected] of CASES)
  test(`refused with its place: ${what}`, () => {
    assert.deepEqual(errors(patch), expected);
  });

test("a region amlnet's list doesn't have yet is accepted when the blueprint says so", () => {
  assert.deepEqual(errors("region: eastus3\nacceptRegions: [eastus3]"), []);
  assert.deepEqual(errors("cloud: AzureUSGovernment\nregion: usgovvirginia"), []);
});
