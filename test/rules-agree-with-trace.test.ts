// A finding and `trace` must never disagree. For every example, every broken example and every
// case of the rules concerned, each reachability rule's findings are recomputed from
// traces of the same traffic: NSG rules (AML046-AML048) against the trace's NSG hops, AML080
// against the blocked documented flows, AML007 against what the engine's resolver does with each
// custom DNS server's forwarders, AML004 against what Azure DNS answers in each VNet for a record of
// each needed zone. (AML081 reports the traces it makes itself.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { checkBlueprint, type Finding } from "../src/api/index.ts";
import { planeOf } from "../src/engine/plane.ts";
import { trace } from "../src/engine/trace.ts";
import { documentedFlowResults } from "../src/questions/flows.ts";
import { requiredOutbound, situationalOutbound, aksRegistryOutbound } from "../src/core/knowledge/compute-traffic.ts";
import { smbCrossesFirewall, computes, customDnsServers, endpoints, endpointsNearSubnet, name, serverlessComputes } from "../src/core/views.ts";
import { neededZones, occupiedVnets } from "../src/rules/helpers.ts";
import { resolveVia } from "../src/engine/dns/resolve.ts";
import { AZURE_DNS, FORWARDER_ALIASES, workspaceForwarderZones } from "../src/core/knowledge/private-link.ts";
import { T } from "../src/core/registry.ts";
import { RULES } from "../src/rules/catalog.ts";
import { BASE_CASE, mergeCase } from "../src/rules/cases.ts";
import type { Model } from "../src/core/model.ts";
import { Analysis } from "../src/core/analysis.ts";

const dir = new URL("../examples/", import.meta.url);
const RULE_IDS = ["AML004", "AML007", "AML046", "AML047", "AML048", "AML080"];
const inputs: [string, string][] = [
  ...readdirSync(dir).filter((f) => f.endsWith(".yaml")).map((f): [string, string] => [f, readFileSync(new URL(f, dir), "utf8")]),
  ...readdirSync(new URL("broken/", dir)).map((f): [string, string] => [`broken/${f}`, readFileSync(new URL(`broken/${f}`, dir), "utf8")]),
  ...RULES.filter((r) => RULE_IDS.includes(r.id)).flatMap((r) => [
    ...r.cases.pass.map((p, i): [string, string] => [`${r.id} passing case ${i}`, mergeCase(BASE_CASE, p)]),
    ...r.cases.fail.map((c, i): [string, string] => [`${r.id} failing case ${i}`, mergeCase(BASE_CASE, c.patch)]),
  ]),
  // The workspace's endpoints in an unpeered VNet of public address space: the default 0.0.0.0/0
  // route matches their addresses, but sends them to the Internet, where no endpoint is
  // ("Virtual network traffic routing"): every flow to them is blocked at the route, in AML080 too.
  [
    "endpoints in an unpeered VNet of public address space",
    mergeCase(
      BASE_CASE,
      "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-train, purpose: training, size: 24}, {name: snet-jump, purpose: jumpbox, size: 24}]}, {name: vnet-pub, addressSpace: [20.9.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}]}] }\nendpoints: [{subnet: vnet-pub/snet-pe}]\nclients: [{kind: vm, name: jump, subnet: vnet-ml/snet-jump}]",
    ),
  ],
];

const blockedAtNsg = (hops: readonly { step: string; ok: boolean }[]) => hops.some((h) => h.step === "nsg" && !h.ok);

function expected(model: Model): Map<string, string[]> {
  const m = new Analysis(model);
  const plane = planeOf(m);
  const out = new Map<string, string[]>(RULE_IDS.map((id) => [id, []]));
  // AML047: per compute subnet, the required flows its NSG hop blocks.
  const subnets = [...new Set([...computes(m), ...serverlessComputes(m)].map((c) => c.subnetId).filter((s): s is string => !!s))];
  for (const subnetId of subnets) {
    const nearby = endpointsNearSubnet(m, subnetId);
    const required = [...requiredOutbound(m.region, m.cloud), ...situationalOutbound(m.region, { monitorPublic: false, hbi: false, endpointsNearby: nearby, smbThroughFirewall: smbCrossesFirewall(m, subnetId) })];
    const denied = required.flatMap((flow) =>
      flow.ports
        .filter((port) => blockedAtNsg(trace(plane, { kind: "subnet", name: "x", subnetId }, { kind: "tag", tag: flow.tag, port: Number(port), protocol: flow.protocol }).hops))
        .map((port) => `${flow.protocol.toUpperCase()} ${port} to ${flow.tag}`),
    );
    if (denied.length) out.get("AML047")!.push(denied.join("; "));
  }
  const flows = documentedFlowResults(plane);
  // AML046: public-IP compute whose inbound 44224 flow is blocked at an NSG.
  for (const f of flows) if (f.to.kind === "inbound" && f.to.port === 44224 && blockedAtNsg(f.trace.hops)) out.get("AML046")!.push(`Compute ${f.from.name} has a public IP`);
  // AML048: AKS whose subnet NSG blocks the regional registry tag.
  for (const aks of m.ofType(T.aks)) {
    const subnetId = m.props.aks(aks).agentPoolProfiles?.[0]?.vnetSubnetID;
    const flow = aksRegistryOutbound(m.region);
    if (subnetId && blockedAtNsg(trace(plane, { kind: "subnet", name: "x", subnetId }, { kind: "tag", tag: flow.tag, port: 443, protocol: "Tcp" }).hops))
      out.get("AML048")!.push(`for AKS ${name(aks)}`);
  }
  // AML007: per VNet using a described custom server, the workspace zones the resolver doesn't take
  // to Azure DNS (or a resolver inbound endpoint) when asked through that server.
  for (const vnet of m.ofType(T.vnet)) {
    if (!occupiedVnets(m).has(vnet.id.toLowerCase())) continue;
    for (const ip of customDnsServers(m, vnet)) {
      const server = m.dnsServers.find((x) => x.ip === ip);
      if (!server) continue;
      const reachesAzure = (zone: string) =>
        [zone, ...(FORWARDER_ALIASES[zone] ?? [])].some((z) =>
          resolveVia(plane.dns, ip, `probe.${z}`).steps.some((step) => step.includes(`to ${AZURE_DNS}`) || step.includes("is the inbound endpoint of resolver")),
        );
      const missing = workspaceForwarderZones(m.cloud).filter((z) => !reachesAzure(z));
      if (missing.length) out.get("AML007")!.push(`doesn't forward ${missing.join(", ")} to`);
    }
  }
  // AML004: per occupied VNet on Azure DNS, the needed zones (with a record to ask for) whose record
  // doesn't resolve privately there.
  const needed = new Set(endpoints(m).flatMap((e) => neededZones(m, e)));
  for (const vnet of m.ofType(T.vnet)) {
    if (!occupiedVnets(m).has(vnet.id.toLowerCase()) || customDnsServers(m, vnet).length) continue;
    const unresolved = [...needed].sort().filter((zone) => {
      // Records are kept per zone resource (zones of one name may sit in several groups).
      const record = m.ofType(T.zone).filter((z) => z.name.toLowerCase() === zone).flatMap((z) => [...(plane.dns.records.get(z.id.toLowerCase())?.keys() ?? [])])[0];
      return record !== undefined && plane.resolve(vnet.id, `${record}.${zone}`).answer.kind !== "private";
    });
    if (unresolved.length) out.get("AML004")!.push(`VNet ${vnet.name} uses Azure DNS but isn't linked to ${unresolved.join(", ")}`);
  }
  // AML080: every blocked documented flow, by its id.
  for (const f of flows) if (f.trace.verdict === "fail") out.get("AML080")!.push(`${f.id} is blocked`);
  return out;
}

for (const [label, text] of inputs) {
  test(`findings agree with trace: ${label}`, () => {
    const r = checkBlueprint(label, text);
    assert.ok(r.ok, r.ok ? "" : r.errors.map((e) => e.message).join("\n"));
    const want = expected(r.model);
    const of = (id: string): readonly Finding[] => r.findings.filter((f) => f.ruleId === id);
    for (const id of RULE_IDS) {
      const got = of(id).filter((f) => id !== "AML048" || /denies outbound 443/.test(f.message));
      const fragments = want.get(id)!;
      assert.equal(got.length, fragments.length, `${id}: ${got.length} finding(s), trace says ${fragments.length}: ${fragments.join(" | ")}`);
      for (const fragment of fragments) assert.ok(got.some((f) => f.message.includes(fragment)), `${id}: no finding says "${fragment}"`);
    }
  });
}
