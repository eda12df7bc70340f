// Isolated environments stamped from one template and address plan (a team's sandbox each, dev and prod hubs
// in their own subscriptions) reuse private addresses: 10.10.0.9 is one Key Vault endpoint in one
// copy and another in the next. What owns an address is what the asking VNet reaches, its own or
// a peer's, never whichever the model lists last: each copy is judged as it is judged alone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { openBlueprint, openJson, type Project } from "../src/api/index.ts";
import { resourceGraphOf, stampedCopies } from "./support/resource-graph.ts";

/**
 * An exported estate of `copies` copies of an example, each in a resource group of its own with
 * its names suffixed (`-0`, `-1`, …), every copy keeping the example's address plan; `tweak`
 * changes one copy's text.
 */
function stamped(example: string, names: readonly string[], copies: number, tweak: (text: string, i: number) => string = (t) => t): Project {
  const opened = openBlueprint(example, readFileSync(new URL(`../examples/${example}`, import.meta.url), "utf8"));
  assert.ok(opened.ok);
  const data = stampedCopies(JSON.stringify(resourceGraphOf(opened.project.model)), names, copies, tweak);
  const estate = openJson("estate.json", JSON.stringify({ count: data.length, data }), { location: opened.project.model.region });
  assert.ok(estate.ok, JSON.stringify(!estate.ok && estate.errors));
  return estate.project;
}

const verdicts = (p: Project) => new Map(p.flows().map((f) => [`${f.from.kind === "subnet" ? f.from.subnetId.toLowerCase() : f.from.name} ${f.id}`, f.trace.verdict]));

test("two copies of a private-link workspace on one address plan: each copy's flows pass through its own endpoints", () => {
  const names = ["rg-aml-private", "mlw-private", "stamlprivate", "kv-aml-private", "cramlprivate"];
  const alone = stamped("private-link-workspace.yaml", names, 1);
  const two = stamped("private-link-workspace.yaml", names, 2);
  assert.ok(alone.flows().length > 5);
  assert.ok(alone.flows().every((f) => f.trace.verdict === "pass"), "the example alone passes");
  // Every flow of the pair passes, as it does alone; the pair has each flow of each copy.
  assert.equal(two.flows().length, 2 * alone.flows().length);
  assert.deepEqual(
    two.flows().filter((f) => f.trace.verdict !== "pass").map((f) => f.id),
    [],
  );
  assert.deepEqual(
    two.findings.filter((f) => f.ruleId === "AML080" || f.ruleId === "AML081").map((f) => f.message),
    [],
  );
  // The second copy's cluster reaches its own Key Vault endpoint, at the address the first copy's has too.
  // Compute names both copies hold name their workspace too.
  const kv = two.flows().find((f) => f.id === "cpu-cluster of mlw-private-1 -> key vault");
  assert.ok(kv);
  const hop = kv.trace.hops.find((h) => h.step === "endpoint");
  assert.match(hop?.detail ?? "", /^10\.10\.\d+\.\d+ is endpoint pe-kv-aml-private-1-vault\S* \(vault\) of kv-aml-private-1, Approved$/);
  assert.equal(verdicts(two).size, two.flows().length);
});

test("two hubs on one address plan, each with its firewall at the same address: each spoke is judged by its own hub's firewall", () => {
  const names = ["rg-aml-hub", "mlw-hubspoke", "stamlhubspoke", "kv-aml-hubspoke", "cramlhubspoke", "fw-hub"];
  // The second copy's firewall lets nothing through to AzureMachineLearning (its rules name another tag).
  const two = stamped("custom-dns-hub-spoke.yaml", names, 2, (text, i) => (i === 1 ? text.replaceAll('"AzureMachineLearning"', '"AzureMachineLearningNot"') : text));
  const aml = (copy: number) =>
    two.flows().filter((f) => f.id.startsWith("cpu-cluster ") && f.from.kind === "subnet" && f.from.subnetId.includes(`rg-aml-hub-${copy}/`) && f.to.kind === "tag" && f.to.tag === "AzureMachineLearning" && f.to.port === 443);
  assert.equal(aml(0).length, 1);
  assert.equal(aml(1).length, 1);
  const firewallHop = (copy: number) => aml(copy)[0].trace.hops.find((h) => h.step === "firewall");
  assert.equal(firewallHop(0)?.ok, true, firewallHop(0)?.detail);
  assert.match(firewallHop(0)?.resourceId ?? "", /\/rg-aml-hub-0\/.*\/azureFirewalls\/fw-hub-0$/);
  // Judged by the first copy's firewall (the first at that address in the model) it would pass.
  assert.equal(firewallHop(1)?.ok, false, firewallHop(1)?.detail);
  assert.match(firewallHop(1)?.detail ?? "", /^firewall fw-hub-1 has no rule for AzureMachineLearning:443\/tcp/);
});

test("two VNets on one address plan, each with its own DNS server at the same address: each VNet asks its own", () => {
  const server = (name: string, vnet: string, forwarders: string) => `    - { name: ${name}, vnet: ${vnet}, ip: 10.0.3.4, forwarders: [${forwarders}] }`;
  const zones = ["api.azureml.ms", "notebooks.azure.net", "instances.azureml.ms", "aznbcontent.net", "inference.ml.azure.com", "privatelink.blob.core.windows.net", "privatelink.file.core.windows.net", "privatelink.vaultcore.azure.net", "privatelink.azurecr.io"];
  const text = [
    "region: eastus",
    "resourceGroup: rg-dns",
    "workspace: { name: mlw-dns }",
    "storage: { name: stdns }",
    "keyVault: { name: kv-dns }",
    "networks:",
    "  vnets:",
    "    - { name: vnet-a, addressSpace: [10.0.0.0/16], dnsServers: [10.0.3.4], subnets: [{ name: snet-pe, purpose: endpoints, size: 24 }, { name: snet-train, purpose: training, size: 24 }, { name: snet-dns, purpose: other, prefix: 10.0.3.0/28 }] }",
    "    - { name: vnet-b, addressSpace: [10.0.0.0/16], dnsServers: [10.0.3.4], subnets: [{ name: snet-jump, purpose: jumpbox, size: 24 }, { name: snet-dns, purpose: other, prefix: 10.0.3.0/28 }] }",
    "dns:",
    "  servers:",
    server("dns-a", "vnet-a", zones.map((z) => `{ domain: ${z}, target: 168.63.129.16 }`).join(", ")),
    server("dns-b", "vnet-b", ""),
    "endpoints: [{ subnet: vnet-a/snet-pe }]",
    "compute: { clusters: [{ name: cpu-cluster, subnet: vnet-a/snet-train }] }",
    "clients: [{ kind: vm, name: desk-b, subnet: vnet-b/snet-jump }]",
    "",
  ].join("\n");
  const opened = openBlueprint("dns.yaml", text);
  assert.ok(opened.ok);
  const dnsHop = (from: string) => opened.project.flows().find((f) => f.id === `${from} -> workspace API`)!.trace.hops[0];
  assert.match(dnsHop("cpu-cluster").detail, /uses custom DNS 10\.0\.3\.4; 10\.0\.3\.4 is\b|dns-a forwards api\.azureml\.ms to 168\.63\.129\.16/);
  assert.match(dnsHop("desk-b").detail, /dns-b has no conditional forwarder for /);
});

test("AML052: VNets on one address plan are a finding only where they route to each other", () => {
  const names = ["rg-aml-private", "mlw-private", "stamlprivate", "kv-aml-private", "cramlprivate"];
  // Isolated copies: no overlap to report.
  assert.deepEqual(
    stamped("private-link-workspace.yaml", names, 3).findings.filter((f) => f.ruleId === "AML052").map((f) => f.message),
    [],
  );
  const vnets = (peerings: string) =>
    openBlueprint(
      "overlap.yaml",
      [
        "region: eastus",
        "workspace: { name: mlw }",
        "storage: { name: stml }",
        "keyVault: { name: kv-ml }",
        "networks:",
        "  vnets:",
        "    - { name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{ name: snet-pe, purpose: endpoints, size: 24 }] }",
        "    - { name: vnet-hub, addressSpace: [10.9.0.0/16] }",
        "    - { name: vnet-b, addressSpace: [10.0.0.0/16] }",
        "    - { name: vnet-c, addressSpace: [10.0.0.0/16] }",
        `  peerings: [${peerings}]`,
        "",
      ].join("\n"),
    );
  const overlaps = (peerings: string) => {
    const opened = vnets(peerings);
    assert.ok(opened.ok);
    return opened.project.findings.filter((f) => f.ruleId === "AML052").map((f) => f.message);
  };
  assert.deepEqual(overlaps(""), []);
  assert.deepEqual(overlaps("{ between: [vnet-ml, vnet-b] }"), ["VNets vnet-ml (10.0.0.0/16) and vnet-b (10.0.0.0/16) are peered but overlap: Azure refuses the peering."]);
  // Two spokes of one hub: the later one is named, with its first earlier clash; vnet-c's is with vnet-ml.
  assert.deepEqual(overlaps("{ between: [vnet-hub, vnet-ml] }, { between: [vnet-hub, vnet-b] }, { between: [vnet-hub, vnet-c] }"), [
    "VNets vnet-ml (10.0.0.0/16) and vnet-b (10.0.0.0/16), both peered with vnet-hub, overlap: vnet-hub can't route to both.",
    "VNets vnet-ml (10.0.0.0/16) and vnet-c (10.0.0.0/16), both peered with vnet-hub, overlap: vnet-hub can't route to both.",
  ]);
});

test("a workspace per region: each compute is held to its own workspace's region (AML040, AML041)", () => {
  const names = ["rg-aml-private", "mlw-private", "stamlprivate", "kv-aml-private", "cramlprivate"];
  // The second copy, all of it, in westus: its instance and cluster are in their workspace's region.
  const two = stamped("private-link-workspace.yaml", names, 2, (text, i) => (i === 1 ? text.replaceAll('"location":"eastus"', '"location":"westus"').replaceAll('"computeLocation":"eastus"', '"computeLocation":"westus"') : text));
  assert.ok(two.model.ofType("Microsoft.MachineLearningServices/workspaces").some((w) => w.location === "westus"));
  assert.deepEqual(
    two.findings.filter((f) => ["AML040", "AML041", "AML042"].includes(f.ruleId)).map((f) => f.message),
    [],
  );
  // A compute moved away from its own workspace's region is still found.
  const moved = stamped("private-link-workspace.yaml", names, 2, (text, i) => (i === 1 ? text.replace('"computeLocation":"eastus"', '"computeLocation":"westus"') : text));
  assert.equal(moved.findings.filter((f) => f.ruleId === "AML040" || f.ruleId === "AML041").length, 1);
});

test("two copies each with a jump box VM of the same name: each client is its own VM, behind its own NIC's NSG, named with its resource group", () => {
  const names = ["rg-aml-sentinel", "mlw-sentinel", "stamlsentinel", "kv-aml-sentinel", "cramlsentinel"];
  // The second copy's jump box NIC NSG denies what the first's allows (its HTTPS rule turned to Deny).
  const two = stamped("sentinel-jumpbox.yaml", names, 2, (text, i) => {
    if (i === 0) return text;
    const at = text.indexOf("AllowAnalystHttps");
    return text.slice(0, at) + text.slice(at).replace('"access":"Allow"', '"access":"Deny"');
  });
  assert.deepEqual(
    two.model.clients.map((c) => c.name),
    ["sentinel-jumpbox (rg-aml-sentinel-0)", "sentinel-jumpbox (rg-aml-sentinel-1)"],
  );
  const api = (copy: number) => two.flows().find((f) => f.id === `sentinel-jumpbox (rg-aml-sentinel-${copy}) -> workspace API of mlw-sentinel-${copy}`)!;
  assert.equal(api(0).trace.verdict, "pass");
  // Traced through the first copy's VM (the first of that name) it passed.
  assert.equal(api(1).trace.verdict, "fail");
  assert.match(api(1).trace.hops.find((h) => !h.ok)!.detail, /^nsg-jumpbox-nic outbound at NIC nic-sentinel-jumpbox: AllowAnalystHttps \(100\) denies /);
  // The studio judges each client for its own workspace.
  const rows = two.studio().filter((r) => r.feature === "Workspace (studio pages, jobs)");
  assert.deepEqual(
    rows.map((r) => `${r.client} ${r.workspace} ${r.works}`),
    ["sentinel-jumpbox (rg-aml-sentinel-0) mlw-sentinel-0 true", "sentinel-jumpbox (rg-aml-sentinel-1) mlw-sentinel-1 false"],
  );
});

test("a clients file naming a subnet several environments share: the client sits in the first, and a warning (AML909) says which others there are", () => {
  const opened = openBlueprint("example.yaml", readFileSync(new URL("../examples/private-link-workspace.yaml", import.meta.url), "utf8"));
  assert.ok(opened.ok);
  const names = ["rg-aml-private", "mlw-private", "stamlprivate", "kv-aml-private", "cramlprivate"];
  const data = stampedCopies(JSON.stringify(resourceGraphOf(opened.project.model)), names, 3);
  const clientsFile = { file: "clients.yaml", text: "clients:\n  - { kind: vm, name: desk, subnet: vnet-aml/snet-jumpbox }\n" };
  const estate = openJson("estate.json", JSON.stringify({ count: data.length, data }), { location: "eastus", clientsFile });
  assert.ok(estate.ok);
  assert.match(estate.project.model.clients[0].subnet ?? "", /\/resourceGroups\/rg-aml-private-0\//);
  assert.deepEqual(
    estate.project.findings.filter((f) => f.ruleId === "AML909").map((f) => `${f.severity} ${f.message}`),
    ["warning clients.0.subnet in clients.yaml: vnet-aml/snet-jumpbox names 3 resources (in rg-aml-private-0, rg-aml-private-1, rg-aml-private-2): the client is placed at the first, in rg-aml-private-0."],
  );
  // One environment alone: no note.
  const one = openJson("estate.json", JSON.stringify({ count: data.length, data: data.slice(0, data.length / 3) }), { location: "eastus", clientsFile });
  assert.ok(one.ok);
  assert.deepEqual(one.project.findings.filter((f) => f.ruleId === "AML909"), []);
});

test("trace in environments that repeat names: a repeated name is refused with the resource groups that hold it, a resource id picks one, and the ends on offer are ids where names repeat", () => {
  const names = ["rg-aml-private", "mlw-private", "stamlprivate", "kv-aml-private", "cramlprivate"];
  const two = stamped("private-link-workspace.yaml", names, 2);
  const refused = two.trace("cpu-cluster", "mlw-private-1");
  assert.ok("error" in refused);
  assert.match(refused.error, /^--from cpu-cluster: 2 computes have that name \(in rg-aml-private-0, rg-aml-private-1\): give the resource id of the one you mean, such as \/subscriptions\/.*\/resourceGroups\/rg-aml-private-0\/.*\/computes\/cpu-cluster$/);
  const cluster = two.model.ofType("Microsoft.MachineLearningServices/workspaces/computes").find((c) => c.id.includes("/rg-aml-private-1/") && c.name.endsWith("/cpu-cluster"))!;
  const traced = two.trace(cluster.id, "mlw-private-1");
  assert.ok(!("error" in traced), JSON.stringify(traced));
  assert.equal(traced.verdict, "pass");
  assert.equal(traced.from, "cpu-cluster");
  // A subnet by id, a resource by id.
  const subnet = two.model.ofType("Microsoft.Network/virtualNetworks/subnets").find((s) => s.id.includes("/rg-aml-private-1/") && s.name.endsWith("/snet-training"))!;
  const vault = two.model.ofType("Microsoft.KeyVault/vaults").find((v) => v.name === "kv-aml-private-1")!;
  const byIds = two.trace(subnet.id, vault.id);
  assert.ok(!("error" in byIds), JSON.stringify(byIds));
  assert.equal(byIds.verdict, "pass");
  const ends = two.ends();
  assert.ok(ends.from.includes(cluster.id) && !ends.from.includes("cpu-cluster"));
  assert.ok(ends.to.includes("mlw-private-1") && ends.to.includes("kv-aml-private-0"));
});

test("two copies whose VNets use a DNS server the input doesn't describe, at the same address: each copy's findings rest on its own server, unknown (AML904), never errors", () => {
  const names = ["rg-aml-hub", "mlw-hubspoke", "stamlhubspoke", "kv-aml-hubspoke", "cramlhubspoke", "fw-hub", "vpngw-hub"];
  const rules = (p: Project) => p.findings.filter((f) => f.ruleId !== "AML905").map((f) => f.ruleId);
  const alone = stamped("custom-dns-hub-spoke.yaml", names, 1);
  assert.deepEqual(rules(alone), ["AML904", "AML904", "AML904", "AML904"]);
  // The second copy's were charged to the first copy's VNet (the first that lists the server), so
  // its three AML081 findings were errors.
  assert.deepEqual(rules(stamped("custom-dns-hub-spoke.yaml", names, 2)), [...rules(alone), ...rules(alone)]);
});

test("a workspace per region, each with an online endpoint of the same name: each scoring name is its own region's endpoint's", () => {
  const names = ["rg-aml-secure", "mlw-secure", "stamlsecure", "kv-aml-secure", "cramlsecure", "vnet-hub", "vnet-aml"];
  const regional = (text: string, i: number) => (i === 1 ? text.replaceAll('"location":"eastus"', '"location":"westus"').replaceAll('"computeLocation":"eastus"', '"computeLocation":"westus"') : text);
  const opened = openBlueprint("example.yaml", readFileSync(new URL("../examples/secure-training-inference.yaml", import.meta.url), "utf8"));
  assert.ok(opened.ok);
  const data = stampedCopies(JSON.stringify(resourceGraphOf(opened.project.model)), names, 2, regional);
  const clientsFile = { file: "clients.yaml", text: "clients:\n  - { kind: vm, name: jump-0, subnet: vnet-hub-0/snet-jumpbox }\n  - { kind: vm, name: jump-1, subnet: vnet-hub-1/snet-jumpbox }\n" };
  const estate = openJson("estate.json", JSON.stringify({ count: data.length, data }), { location: "eastus", clientsFile });
  assert.ok(estate.ok);
  const scoring = estate.project.flows().filter((f) => f.id.includes("-> scoring churn-score"));
  assert.deepEqual(
    scoring.map((f) => `${f.id} ${f.to.kind === "name" ? f.to.fqdn : ""} ${f.trace.verdict}`),
    ["jump-0 -> scoring churn-score churn-score.eastus.inference.ml.azure.com pass", "jump-1 -> scoring churn-score churn-score.westus.inference.ml.azure.com pass"],
  );
  // The westus name is the CNAME of the westus workspace's endpoint.
  assert.match(scoring[1].trace.hops[0].detail, /is a CNAME to churn-score\.\{id-of-mlw-secure-1\}\.inference\.westus\.privatelink\.api\.azureml\.ms/);
});

test("two copies each attaching its AKS cluster: each cluster pulls from its own workspace's registry", () => {
  const names = ["rg-aml-secure", "mlw-secure", "stamlsecure", "kv-aml-secure", "cramlsecure", "vnet-hub", "vnet-aml", "aks-score"];
  const two = stamped("secure-training-inference.yaml", names, 2);
  const pulls = two.flows().filter((f) => f.id.endsWith(" -> registry") && f.id.startsWith("aks-score"));
  assert.deepEqual(
    pulls.map((f) => `${f.id} ${f.to.kind === "name" ? f.to.fqdn : ""} ${f.trace.verdict}`),
    ["aks-score-0 -> registry cramlsecure-0.azurecr.io pass", "aks-score-1 -> registry cramlsecure-1.azurecr.io pass"],
  );
});

// Every example and broken example, stamped twice into one estate: each copy is judged as it is
// alone, so every rule fires twice as often and every flow verdict comes twice.
const exampleFiles = [
  ...readdirSync(new URL("../examples/", import.meta.url)).filter((f) => f.endsWith(".yaml")),
  ...readdirSync(new URL("../examples/broken/", import.meta.url)).map((f) => `broken/${f}`),
];
for (const file of exampleFiles)
  test(`${file}, stamped twice into one estate (the second also in another region): each copy's findings and flow verdicts are those it has alone`, () => {
    const text = readFileSync(new URL(`../examples/${file}`, import.meta.url), "utf8");
    const y = parse(text) as { workspace?: { name?: string; projects?: { name: string }[] }; storage?: { name?: string }; keyVault?: { name?: string }; containerRegistry?: { name?: string } };
    // The resource group and the names that must be unique in Azure (DNS names) change per copy.
    const opened = openBlueprint(file, text);
    assert.ok(opened.ok);
    const group = opened.project.model.resources[0].id.split("/")[4];
    const names = [group, y.workspace?.name, y.storage?.name, y.keyVault?.name, y.containerRegistry?.name, ...(y.workspace?.projects ?? []).map((p) => p.name)].filter((n): n is string => !!n);
    const items = JSON.stringify(resourceGraphOf(opened.project.model));
    const region = opened.project.model.region;
    const other = region === "westus" ? "eastus2" : "westus";
    const moved = (t: string) => t.replaceAll(`"location":"${region}"`, `"location":"${other}"`).replaceAll(`"computeLocation":"${region}"`, `"computeLocation":"${other}"`);
    const tally = (copies: number, tweak?: (text: string, i: number) => string) => {
      const estate = openJson("estate.json", JSON.stringify({ count: 0, data: stampedCopies(items, names, copies, tweak) }), { location: region });
      assert.ok(estate.ok);
      const counts = new Map<string, number>();
      const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
      // The notes on the run (clients inferred, types kept) are one a run.
      for (const f of estate.project.findings) if (f.ruleId !== "AML905" && f.ruleId !== "AML903") add(f.ruleId);
      for (const f of estate.project.flows()) add(`flows ${f.trace.verdict}`);
      return counts;
    };
    const one = tally(1);
    assert.deepEqual(Object.fromEntries([...tally(2)].sort()), Object.fromEntries([...one].sort().map(([k, n]) => [k, 2 * n])));
    // A region's service tags, registry tag and hosts are the copy's own.
    const away = tally(1, moved);
    const sum = new Map(one);
    for (const [k, n] of away) sum.set(k, (sum.get(k) ?? 0) + n);
    assert.deepEqual(Object.fromEntries([...tally(2, (t, i) => (i === 1 ? moved(t) : t))].sort()), Object.fromEntries([...sum].sort()));
  });

test("AML047 holds each compute subnet to the service tags of its workspace's region, as its flows do", () => {
  const names = ["rg-aml-private", "mlw-private", "stamlprivate", "kv-aml-private", "cramlprivate"];
  // Both copies' training NSGs deny Storage.eastus first; the second copy is in westus, whose
  // computes need Storage.westus (judged against eastus's tags it was reported too).
  const denyEastStorage = '"securityRules":[{"name":"DenyStorageEast","properties":{"priority":90,"direction":"Outbound","access":"Deny","protocol":"Tcp","sourceAddressPrefix":"*","sourcePortRange":"*","destinationAddressPrefix":"Storage.eastus","destinationPortRange":"443"}},';
  const two = stamped("private-link-workspace.yaml", names, 2, (text, i) => {
    const withDeny = text.replace(/("name":"nsg-vnet-aml-snet-training"[^]*?)"securityRules":\[/, `$1${denyEastStorage}`);
    return i === 1 ? withDeny.replaceAll('"location":"eastus"', '"location":"westus"').replaceAll('"computeLocation":"eastus"', '"computeLocation":"westus"') : withDeny;
  });
  const found = two.findings.filter((f) => f.ruleId === "AML047");
  assert.equal(found.length, 1, found.map((f) => f.message).join("\n"));
  assert.match(found[0].resourceId ?? "", /\/rg-aml-private-0\//);
  assert.match(found[0].message, /denies outbound TCP 443 to Storage\.eastus/);
  // The flows agree: blocked in the first copy only.
  const storage = two.flows().filter((f) => f.to.kind === "tag" && f.to.tag.startsWith("Storage.") && f.id.startsWith("cpu-cluster"));
  assert.deepEqual(storage.map((f) => `${f.to.kind === "tag" ? f.to.tag : ""} ${f.trace.verdict}`).sort(), ["Storage.eastus fail", "Storage.westus pass"]);
});

// Two different examples side by side in one estate, each in its own resource group with its own
// names: each is judged as it is alone, and no two flows share a name.
for (const [a, b] of [
  ["broken/custom-dns-without-forwarders.yaml", "broken/no-egress-for-no-public-ip.yaml"],
  ["broken/basic-registry-endpoint.yaml", "broken/synapse-exfiltration-protection.yaml"],
  ["secure-training-inference.yaml", "broken/managed-network-with-vnet-compute.yaml"],
])
  test(`${a} beside ${b}: each one's findings and flow verdicts are its own`, () => {
    const load = (file: string, k: number) => {
      const text = readFileSync(new URL(`../examples/${file}`, import.meta.url), "utf8");
      const y = parse(text) as { workspace?: { name?: string }; storage?: { name?: string }; keyVault?: { name?: string }; containerRegistry?: { name?: string } };
      const opened = openBlueprint(file, text);
      assert.ok(opened.ok);
      const names = [opened.project.model.resources[0].id.split("/")[4], y.workspace?.name, y.storage?.name, y.keyVault?.name, y.containerRegistry?.name].filter((n): n is string => !!n);
      const items = resourceGraphOf(opened.project.model);
      // The k-th copy only: each example's names get a suffix of their own.
      return { data: stampedCopies(JSON.stringify(items), names, k).slice(-items.length), region: opened.project.model.region };
    };
    const tally = (data: unknown[], region: string) => {
      const estate = openJson("estate.json", JSON.stringify({ count: 0, data }), { location: region });
      assert.ok(estate.ok);
      const ids = estate.project.flows().map((f) => f.id);
      assert.equal(new Set(ids).size, ids.length, "no two flows share a name");
      const counts = new Map<string, number>();
      const add = (k: string) => counts.set(k, (counts.get(k) ?? 0) + 1);
      // Left out besides the run's notes: AML002 and AML004 ask whether a zone of a name exists and
      // is linked, whichever resource group holds it (central zones serve every environment), so
      // one environment's zone changes what they say of the other's VNets.
      for (const f of estate.project.findings) if (!["AML905", "AML903", "AML002", "AML004"].includes(f.ruleId)) add(f.ruleId);
      for (const f of estate.project.flows()) add(`flows ${f.trace.verdict}`);
      return counts;
    };
    const [x, y] = [load(a, 1), load(b, 2)];
    const sum = tally(x.data, x.region);
    for (const [k, n] of tally(y.data, x.region)) sum.set(k, (sum.get(k) ?? 0) + n);
    assert.deepEqual(Object.fromEntries([...tally([...x.data, ...y.data], x.region)].sort()), Object.fromEntries([...sum].sort()));
  });
