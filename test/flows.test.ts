// The flow engine end to end: every example's documented flows pass (but the ones its blueprint
// suppresses with a reason), each broken example shows the flow it breaks with the right blocker,
// and the vectors of the issue: small blueprints with their expected verdicts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { checkBlueprint } from "../src/api/index.ts";
import { planeOf } from "../src/engine/plane.ts";
import { Analysis } from "../src/core/analysis.ts";
import { runFlows, type FlowResult } from "../src/questions/flows.ts";
import { trace } from "../src/engine/trace.ts";
import { evaluateNsg } from "../src/engine/net/nsg.ts";
import { BASE_CASE, mergeCase, vnetsWith } from "../src/rules/cases.ts";
import type { Model } from "../src/core/model.ts";

const dir = new URL("../examples/", import.meta.url);

function model(name: string, text: string): Model {
  const r = checkBlueprint(name, text);
  assert.ok(r.ok, r.ok ? "" : r.errors.map((e) => e.message).join("; "));
  return r.model;
}
const example = (f: string) => model(f, readFileSync(new URL(f, dir), "utf8"));
/** A model's data plane, through a fresh analysis (or the one given). */
const buildPlane = (m: Model | Analysis) => planeOf(m instanceof Analysis ? m : new Analysis(m));
const flows = (m: Model | Analysis) => runFlows(buildPlane(m));
const flow = (rs: FlowResult[], id: string) => {
  const f = rs.find((r) => r.id === id);
  assert.ok(f, `flow ${id}`);
  return f;
};
const blockers = (f: FlowResult) => f.trace.hops.filter((h) => !h.ok);

for (const f of readdirSync(dir).filter((x) => x.endsWith(".yaml"))) {
  test(`every documented flow of ${f} passes`, () => {
    const rs = flows(example(f));
    assert.ok(rs.length > 0);
    const failing = rs.filter((r) => r.trace.verdict === "fail").map((r) => r.id);
    // The CI runner is an internet client that never previews data; the blueprint says so.
    const expected = f === "public-workspace-secured-resources.yaml" ? ["ci-runner -> storage blob (studio)", "ci-runner -> storage file (studio)"] : [];
    assert.deepEqual(failing, expected);
  });
}

// Passing DNS, NSG and route hops write their text when read (an estate keeps a hundred thousand):
// each reads, and serialises, as the plain hop it stands for.
test("the hops written when read serialise as the plain hops they stand for, with the text they read as", () => {
  const kinds = new Set<string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".yaml")))
    for (const r of flows(example(f)))
      for (const h of r.trace.hops) {
        if (Object.getPrototypeOf(h) === Object.prototype) continue;
        kinds.add(`${h.step} ${h.ok}`);
        assert.ok(h.detail.length > 0);
        assert.equal(JSON.stringify(h), JSON.stringify({ step: h.step, ok: h.ok, detail: h.detail }), `${r.id}: ${h.step}`);
      }
  assert.deepEqual([...kinds].sort(), ["dns true", "nsg true", "route true"], "the hops written when read");
});

const broken = (f: string) => flows(model(f, readFileSync(new URL(`broken/${f}`, dir), "utf8")));

test("broken examples show the flow they break, with the right blocker", () => {
  const nsg = flow(broken("public-ip-compute-nsg.yaml"), "cpu -> inbound from AzureMachineLearning");
  assert.match(blockers(nsg)[0].detail, /inbound at snet-training: DenyAllInBound \(65500\) denies AzureMachineLearning:44224\/tcp/);

  const egress = flow(broken("no-egress-for-no-public-ip.yaml"), "cpu -> AzureMachineLearning (tcp 443)");
  assert.equal(blockers(egress)[0].step, "egress");
  assert.deepEqual(blockers(egress)[0].facts, ["F23"]);

  const dns = flow(broken("custom-dns-without-forwarders.yaml"), "cpu -> key vault");
  assert.match(dns.trace.hops[0].detail, /no conditional forwarder for kv-dns-broken\.vault\.azure\.net/);
  assert.equal(blockers(dns)[0].step, "service");

  const closed = flow(broken("unreachable-workspace.yaml"), "cpu -> workspace API");
  assert.match(blockers(closed)[0].detail, /public network access disabled/);

  // F46: data exfiltration protection on Synapse is unsupported, approved endpoint or not.
  const synapse = readFileSync(new URL("synapse-integration.yaml", dir), "utf8");
  const spark = (text: string) => flows(model("dep.yaml", text)).filter((r) => r.from.kind === "synapse-spark");
  assert.ok(spark(synapse).length > 0 && spark(synapse).every((r) => r.trace.verdict === "pass"));
  const dep = spark(synapse.replace("dataExfiltrationProtection: false", "dataExfiltrationProtection: true"));
  assert.ok(dep.length > 0 && dep.every((r) => r.trace.verdict === "fail"), "an approved endpoint doesn't make it work");
  assert.match(blockers(dep[0])[0].detail, /data exfiltration protection on, which the Azure Machine Learning integration doesn't support/);
});

test("vector: a 0.0.0.0/0 UDR puts every destination inside the VirtualNetwork tag (F61)", () => {
  const nsg = {
    id: "/nsg",
    type: "Microsoft.Network/networkSecurityGroups",
    name: "nsg",
    properties: {
      securityRules: [
        { name: "AllowVnetOut", properties: { priority: 100, direction: "Outbound", access: "Allow", protocol: "*", sourceAddressPrefix: "VirtualNetwork", destinationAddressPrefix: "VirtualNetwork", destinationPortRange: "*" } },
        { name: "DenyInternetOut", properties: { priority: 200, direction: "Outbound", access: "Deny", protocol: "*", sourceAddressPrefix: "*", destinationAddressPrefix: "Internet", destinationPortRange: "*" } },
      ],
    },
  };
  const q = { direction: "Outbound" as const, protocol: "Tcp" as const, port: 443, remote: "Storage.eastus", local: "10.0.1.0/24" };
  const a = new Analysis(example("private-link-workspace.yaml"));
  assert.equal(evaluateNsg(a, nsg, { ...q, virtualNetwork: ["10.0.0.0/16"] }).rule, "DenyInternetOut");
  assert.equal(evaluateNsg(a, nsg, { ...q, virtualNetwork: ["10.0.0.0/16", "0.0.0.0/0"] }).rule, "AllowVnetOut", "swallowed by VirtualNetwork");

  // The plane widens the tag with the subnet's UDR prefixes.
  const m = example("custom-dns-hub-spoke.yaml");
  const training = m.ofType("Microsoft.Network/virtualNetworks/subnets").find((s) => s.name === "vnet-aml/snet-training")!;
  assert.ok(buildPlane(m).virtualNetworkTag(training.id).includes("0.0.0.0/0"));
});

test("vector: endpoint /32 routes in a peered spoke bypass the hub firewall (F62-F64)", () => {
  const rs = flows(example("custom-dns-hub-spoke.yaml"));
  const storage = flow(rs, "cpu-cluster -> storage blob");
  assert.match(storage.trace.hops.find((h) => h.step === "route")!.detail, /\/32 -> InterfaceEndpoint/);
  const tag = flow(rs, "cpu-cluster -> AzureMachineLearning (tcp 443)");
  assert.match(tag.trace.hops.find((h) => h.step === "route")!.detail, /0\.0\.0\.0\/0 -> VirtualAppliance/);
  assert.equal(tag.trace.hops.find((h) => h.step === "firewall")!.ok, true);
});

test("vector: storage IP rules don't admit callers in the same region", () => {
  const m = model(
    "ip-rules.yaml",
    mergeCase(BASE_CASE, `storage: { name: stml, publicNetworkAccess: Enabled, defaultAction: Deny, ipRules: [20.1.2.3] }
endpoints: [{ subnet: vnet-ml/snet-pe, targets: [workspace, keyVault, containerRegistry] }]`),
  );
  const f = flow(flows(m), "cpu -> storage blob");
  assert.match(blockers(f)[0].detail, /IP rules don't apply to callers in the same region/);
});

test("vector: a Pending endpoint drops traffic until approved", () => {
  const m = model("pending.yaml", mergeCase(BASE_CASE, "endpoints: [{ subnet: vnet-ml/snet-pe, approval: Pending }]"));
  const f = flow(flows(m), "cpu -> storage blob");
  assert.equal(blockers(f)[0].step, "endpoint");
  assert.match(blockers(f)[0].detail, /Pending/);
  assert.match(blockers(f)[0].fix!, /^Approve/);
});

test("vector: peering is not transitive", () => {
  const m = model(
    "spokes.yaml",
    mergeCase(
      BASE_CASE,
      `${vnetsWith("{ name: vnet-hub, addressSpace: [10.1.0.0/16], subnets: [{ name: snet-x, size: 24 }] }", "{ name: vnet-users, addressSpace: [10.2.0.0/16], subnets: [{ name: snet-vm, purpose: jumpbox, size: 24 }] }")}
  peerings:
    - { between: [vnet-ml, vnet-hub] }
    - { between: [vnet-hub, vnet-users] }
clients: [{ kind: vm, name: desk, subnet: vnet-users/snet-vm }]`),
  );
  const f = flow(flows(m), "desk -> workspace API");
  assert.equal(f.trace.verdict, "fail");
  assert.equal(blockers(f)[0].step, "route");
  assert.match(blockers(f)[0].detail, /no route/);
});

// A jump box whose NIC carries its own NSG and joins application security groups.
const jumpBox = (nicRules: string, subnetRules: string, asgs = "[asg-admins]") =>
  mergeCase(
    BASE_CASE,
    `networks:
  vnets:
    - name: vnet-ml
      addressSpace: [10.0.0.0/16]
      subnets:
        - { name: snet-pe, purpose: endpoints, size: 24 }
        - { name: snet-train, purpose: training, size: 24 }
        - { name: snet-vm, purpose: jumpbox, size: 24, nsg: nsg-vm-subnet }
  applicationSecurityGroups: [{ name: asg-admins }, { name: asg-guests }]
  nsgs:
    - { name: nsg-vm-nic, rules: ${nicRules} }
    - { name: nsg-vm-subnet, rules: ${subnetRules} }
clients: [{ kind: vm, name: desk, subnet: vnet-ml/snet-vm, deploy: { os: linux, nsg: nsg-vm-nic, asgs: ${asgs} } }]`,
  );

test("vector: the subnet NSG allows but the NIC NSG denies", () => {
  const m = model("nic.yaml", jumpBox("[{ name: DenyHttpsOut, priority: 200, direction: Outbound, access: Deny, protocol: Tcp, destinationPorts: '443' }]", "[]"));
  const f = flow(flows(m), "desk -> workspace API");
  assert.equal(f.trace.verdict, "fail");
  const nsgHops = f.trace.hops.filter((h) => h.step === "nsg");
  // Outbound: the NIC's NSG first, then the subnet's, and both are shown.
  assert.match(nsgHops[0].detail, /^nsg-vm-nic outbound at NIC nic-desk: DenyHttpsOut \(200\) denies 10\.0\.0\.\d+:443\/tcp/);
  assert.equal(nsgHops[0].ok, false);
  assert.match(nsgHops[0].fix!, /to nsg-vm-nic with a priority below 200/);
  assert.match(nsgHops[1].detail, /^nsg-vm-subnet outbound at snet-vm: AllowVnetOutBound \(65000\) allows/);
  assert.equal(nsgHops[1].ok, true);
  assert.deepEqual(blockers(f).map((h) => h.step), ["nsg"]);
});

test("vector: application security groups decide by the NIC's membership", () => {
  const rules = "[{ name: DenyGuestsOut, priority: 100, direction: Outbound, access: Deny, sourceAsgs: [asg-guests] }]";
  const admin = flow(flows(model("asg.yaml", jumpBox("[]", rules))), "desk -> workspace API");
  assert.equal(admin.trace.verdict, "pass", "not in asg-guests");
  const guest = flow(flows(model("asg.yaml", jumpBox("[]", rules, "[asg-guests]"))), "desk -> workspace API");
  assert.match(blockers(guest)[0].detail, /nsg-vm-subnet outbound at snet-vm: DenyGuestsOut \(100\) denies/);
  // A subnet source without a NIC is in no group: the rule doesn't apply to it.
  const plane = buildPlane(model("asg.yaml", jumpBox("[]", rules, "[asg-guests]")));
  const subnet = plane.model.ofType("Microsoft.Network/virtualNetworks/subnets").find((s) => s.name === "vnet-ml/snet-vm")!;
  const api = flow(flows(plane.model), "desk -> workspace API").to;
  assert.equal(trace(plane, { kind: "subnet", name: "snet-vm", subnetId: subnet.id }, api).verdict, "pass");
});

test("packets are sets: a rule for part of a subnet splits it, and each part gets its verdict", () => {
  const rules = "[{ name: DenyUpperHalf, priority: 100, direction: Outbound, access: Deny, source: 10.0.2.128/25, destinationPorts: '443-444' }]";
  const plane = buildPlane(model("split.yaml", jumpBox("[]", rules)));
  const subnet = plane.model.ofType("Microsoft.Network/virtualNetworks/subnets").find((s) => s.name === "vnet-ml/snet-vm")!;
  assert.equal(subnet.properties.addressPrefix, "10.0.2.0/24");
  const api = flow(flows(plane.model), "desk -> workspace API").to;
  const whole = trace(plane, { kind: "subnet", name: "snet-vm", subnetId: subnet.id }, api);
  const hop = whole.hops.find((h) => h.step === "nsg" && !h.ok)!;
  assert.match(hop.detail, /DenyUpperHalf \(100\) denies 10\.0\.2\.128\/25 -> 10\.0\.0\.\d+:443; AllowVnetOutBound \(65000\) allows 10\.0\.2\.0\/25 -> /);
  assert.match(hop.fix!, /Allow rule for 10\.0\.2\.128\/25 to 10\.0\.0\.\d+:443\/tcp/);
  // One address on each side of the split.
  assert.equal(trace(plane, { kind: "subnet", name: "10.0.2.7", subnetId: subnet.id, prefix: "10.0.2.7" }, api).verdict, "pass");
  assert.equal(trace(plane, { kind: "subnet", name: "10.0.2.200", subnetId: subnet.id, prefix: "10.0.2.200" }, api).verdict, "fail");
});

test("online endpoints: scoring through the workspace endpoint (F09), deployments' egress (F47)", () => {
  const rs = flows(example("secure-training-inference.yaml"));
  const score = flow(rs, "jumpbox -> scoring churn-score");
  assert.match(score.trace.hops[0].detail, /churn-score\.eastus\.inference\.ml\.azure\.com -> (\S+) .*CNAME to churn-score\.\{id-of-mlw-secure\}\.inference\.eastus\.privatelink\.api\.azureml\.ms/);
  assert.match(score.trace.hops.find((h) => h.step === "endpoint")!.detail, /of mlw-secure, Approved/);

  // An internet caller can't score an endpoint whose public access is off.
  const closed = model(
    "scoring.yaml",
    mergeCase(BASE_CASE, `inference: { onlineEndpoints: [{ name: score, publicNetworkAccess: Disabled }] }
clients: [{ kind: internet, name: app, ip: 203.0.113.7 }]`),
  );
  const app = flow(flows(closed), "app -> scoring score");
  assert.match(blockers(app)[0].detail, /online endpoint score has public network access disabled/);
  assert.deepEqual(blockers(app)[0].facts, ["F47", "F10"]);
  // Without a managed network and with egress left on, the deployment can't reach private storage.
  const pull = flow(flows(closed), "deployment of score -> storage blob");
  assert.equal(pull.trace.verdict, "fail");
  assert.match(blockers(pull)[0].fix!, /egressPublicNetworkAccess: Disabled on online endpoint score/);
  const legacy = model("scoring.yaml", mergeCase(BASE_CASE, "inference: { onlineEndpoints: [{ name: score, egressPublicNetworkAccess: Disabled }] }"));
  assert.equal(flow(flows(legacy), "deployment of score -> storage blob").trace.verdict, "pass");
});

test("DNS servers of one list that answer differently are a blocker: clients that fail over get the other answer", () => {
  const text = readFileSync(new URL("broken/custom-dns-without-forwarders.yaml", dir), "utf8").replace("dnsServers: [10.80.3.4]", "dnsServers: [168.63.129.16, 10.80.3.4]");
  const f = flow(flows(model("two-servers.yaml", text)), "cpu -> key vault");
  const split = f.trace.hops.find((h) => h.step === "dns" && !h.ok)!;
  assert.match(split.detail, /disagree on kv-dns-broken\.vault\.azure\.net: 168\.63\.129\.16 answers private 10\.81\.0\.\d+; 10\.80\.3\.4 answers public/);
  assert.deepEqual(split.facts, ["F10"]);
  // The first server answers privately, so the rest of the path is traced and passes.
  assert.ok(f.trace.hops.some((h) => h.step === "endpoint" && h.ok));
  // One server, or servers that agree: no such hop.
  assert.ok(!flows(example("custom-dns-hub-spoke.yaml")).some((x) => x.trace.hops.some((h) => /disagree/.test(h.detail))));
});

test("trace from a subnet by name and a tag destination", () => {
  const m = example("private-link-workspace.yaml");
  const plane = buildPlane(m);
  const subnet = m.ofType("Microsoft.Network/virtualNetworks/subnets").find((s) => s.name.endsWith("/snet-training"))!;
  const t = trace(plane, { kind: "subnet", name: subnet.name, subnetId: subnet.id }, { kind: "tag", tag: "AzureMachineLearning", port: 443, protocol: "Tcp" });
  assert.equal(t.verdict, "pass");
  assert.deepEqual(
    t.hops.map((h) => h.step),
    ["egress", "nsg"],
  );
});

test("an on-premises client resolves through its DNS server's forwarders, not as its VNet would", () => {
  const text = readFileSync(new URL("custom-dns-hub-spoke.yaml", dir), "utf8");
  const ok = flows(model("hub.yaml", text)).find((r) => r.from.name === "head-office" && r.id.endsWith("workspace API"));
  assert.ok(ok && ok.trace.verdict === "pass");
  assert.match(ok.trace.hops[0].detail, /dns-hub forwards api\.azureml\.ms to 168\.63\.129\.16/);
  // Without the forwarder the server resolves the name on the internet, whatever Azure DNS in its VNet would say.
  const without = flows(model("hub.yaml", text.replace("        - { domain: api.azureml.ms, target: 168.63.129.16 }\n", ""))).find((r) => r.from.name === "head-office" && r.id.endsWith("workspace API"));
  assert.ok(without);
  assert.match(without.trace.hops[0].detail, /public address|doesn't forward|no conditional forwarder/);
  assert.equal(without.trace.verdict, "fail");
});

test("image builds under a managed network need the package hosts: a flow, and AML080 when approved-outbound has no FQDN rule (F42, F31)", () => {
  const base = `workspace: { network: { mode: managed, isolationMode: AllowOnlyApprovedOutbound RULES } }
endpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]
compute: { clusters: [{name: cpu}] }`;
  const open = (rules: string) => {
    const r = checkBlueprint("mn.yaml", mergeCase(BASE_CASE, base.replace("RULES", rules)));
    assert.ok(r.ok, r.ok ? "" : r.errors.map((e) => e.message).join("; "));
    return { flow: flow(flows(r.model), "managed network of mlw -> package hosts (image build)"), findings: r.findings.filter((f) => f.ruleId === "AML080") };
  };
  const closed = open("");
  assert.equal(closed.flow.trace.verdict, "fail");
  assert.match(blockers(closed.flow)[0].detail, /no outbound rule for pypi\.org/);
  assert.ok(closed.findings.some((f) => f.message.startsWith("managed network of mlw -> package hosts (image build) is blocked")));
  const allowed = open(", outboundRules: [{type: FQDN, name: pypi, destination: pypi.org}]");
  assert.equal(allowed.flow.trace.verdict, "pass");
});

test("a DNS-proxy firewall as the spokes' DNS server answers through Azure DNS in the hub", () => {
  const text = readFileSync(new URL("custom-dns-hub-spoke.yaml", dir), "utf8")
    .replace("dnsServers: [10.80.3.4]", "dnsServers: [fw-hub]")
    .replace("    - name: fw-hub\n      vnet: vnet-hub\n", "    - name: fw-hub\n      vnet: vnet-hub\n      dnsProxy: true\n");
  const m = model("proxy.yaml", text);
  const rs = flows(m);
  const api = flow(rs, "cpu-cluster -> workspace API");
  assert.equal(api.trace.verdict, "pass", api.trace.hops.map((h) => h.detail).join("\n"));
  assert.match(api.trace.hops[0].detail, /is firewall fw-hub, a DNS proxy: Azure DNS in its VNet answers/);
  // Without the proxy setting the name is refused at load time, never guessed.
  const r = checkBlueprint("noproxy.yaml", readFileSync(new URL("custom-dns-hub-spoke.yaml", dir), "utf8").replace("dnsServers: [10.80.3.4]", "dnsServers: [fw-hub]"));
  assert.ok(!r.ok && r.errors.some((e) => /firewall 'fw-hub' is a DNS server only with dnsProxy: true/.test(e.message)));
});

test("AML079 and trace agree: a VNet whose record was overwritten resolves to the other VNet's endpoint and can't reach it", () => {
  const text = mergeCase(
    BASE_CASE,
    "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-two, addressSpace: [10.1.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-vm, purpose: jumpbox, size: 24}]}] }\nendpoints: [{subnet: vnet-two/snet-pe, name: pe2, targets: [keyVault]}, {subnet: vnet-ml/snet-pe}]",
  );
  const r = checkBlueprint("shared.yaml", text);
  assert.ok(r.ok);
  const finding = r.findings.find((f) => f.ruleId === "AML079");
  assert.ok(finding, "AML079 fires");
  assert.match(finding.message, /vnet-two, not peered with it, can't reach it/);
  const plane = buildPlane(r.model);
  const subnet = r.model.ofType("Microsoft.Network/virtualNetworks/subnets").find((s) => s.name === "vnet-two/snet-vm")!;
  const vault = r.model.ofType("Microsoft.KeyVault/vaults")[0];
  const t = trace(plane, { kind: "subnet", name: "snet-vm", subnetId: subnet.id }, { kind: "name", fqdn: `${vault.name}.vault.azure.net`, port: 443, protocol: "Tcp", target: vault, group: "vault" });
  assert.equal(t.verdict, "fail");
  assert.match(t.hops.find((h) => h.step === "dns")!.detail, /-> 10\.0\./, "resolves to vnet-ml's endpoint, the last writer");
});

test("every documented port is a flow: a firewall passing AzureMachineLearning on 443 alone breaks 8787 and 18881, and AML080 names the port (F20, F21)", () => {
  const text = readFileSync(new URL("custom-dns-hub-spoke.yaml", dir), "utf8");
  const only443 = text.replace(/^\s*- \{ name: aml-ports,[^\n]*\n/m, "");
  assert.notEqual(only443, text, "the example's 8787/18881 rule is what this removes");
  const r = checkBlueprint("only443.yaml", only443);
  assert.ok(r.ok);
  const blocked = runFlows(buildPlane(r.model)).filter((f) => f.trace.verdict === "fail").map((f) => f.id).sort();
  assert.deepEqual(blocked, [
    "cpu-cluster -> AzureMachineLearning (tcp 18881)",
    "cpu-cluster -> AzureMachineLearning (tcp 8787)",
    "image-build -> AzureMachineLearning (tcp 18881)",
    "image-build -> AzureMachineLearning (tcp 8787)",
  ]);
  const aml080 = r.findings.filter((f) => f.ruleId === "AML080").map((f) => f.message);
  assert.ok(aml080.some((m) => /^cpu-cluster -> AzureMachineLearning \(tcp 8787\) is blocked at firewall: firewall fw-hub has no rule for AzureMachineLearning:8787\/tcp/.test(m)), aml080.join("\n"));
});

test("an endpoint in an unpeered VNet of public address space is not reached over the Internet route", () => {
  // "Virtual network traffic routing": outside the VNet's own space, its peers' and user routes,
  // a public address takes 0.0.0.0/0 -> Internet; an endpoint's address is only inside its VNet.
  const vnets = "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-train, purpose: training, size: 24}, {name: snet-jump, purpose: jumpbox, size: 24}]}, {name: vnet-pub, addressSpace: [20.9.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}]}] }";
  const apart = flow(flows(model("a.yaml", mergeCase(BASE_CASE, `${vnets}\nendpoints: [{subnet: vnet-pub/snet-pe}]`))), "cpu -> workspace API");
  assert.equal(apart.trace.verdict, "fail");
  const route = apart.trace.hops.find((h) => h.step === "route")!;
  assert.equal(route.ok, false);
  assert.match(route.detail, /^snet-train: 20\.9\.0\.\d+ matches 0\.0\.0\.0\/0 -> Internet, but it is a private endpoint's address in vnet-pub, which is neither this VNet nor a peered one/);
  // Peered, the same addresses take the peering.
  const peered = flow(flows(model("p.yaml", mergeCase(BASE_CASE, `${vnets.replace(" }", ", peerings: [{between: [vnet-ml, vnet-pub]}] }")}\nendpoints: [{subnet: vnet-pub/snet-pe}]`))), "cpu -> workspace API");
  assert.match(peered.trace.hops.find((h) => h.step === "route")!.detail, /-> InterfaceEndpoint|-> VNetPeering/);
  assert.ok(peered.trace.hops.find((h) => h.step === "route")!.ok);
});
