import { Analysis } from "../../core/analysis.ts";
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadBlueprint } from "../../frontends/blueprint/load.ts";
import { expand } from "../../frontends/blueprint/lower/expand.ts";
import { BASE_CASE, mergeCase } from "../../rules/cases.ts";
import { allocateEndpointAddresses } from "../net/addressing.ts";
import { recordWrites, zoneRecords } from "./records.ts";
import { workspaceIdFor } from "../../core/names.ts";
import { resolveFrom } from "./resolve.ts";

function dns(patch = "") {
  const r = loadBlueprint("t.yaml", mergeCase(BASE_CASE, patch));
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  const model = new Analysis(expand(r.blueprint));
  const ctx = { model, records: zoneRecords(recordWrites(model, allocateEndpointAddresses(model)), model) };
  const vnet = (name: string) => model.ofType("Microsoft.Network/virtualNetworks").find((v) => v.name === name)!.id;
  return (from: string, name: string) => resolveFrom(ctx, vnet(from), name);
}

const SPOKE_AND_DNS_VNET = `networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], dnsServers: [10.9.0.4], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-dns, addressSpace: [10.9.0.0/24], subnets: [{name: snet-dns, size: 26}]}] }`;
const FORWARD_ALL = "[{domain: api.azureml.ms, target: 168.63.129.16}, {domain: notebooks.azure.net, target: 168.63.129.16}, {domain: instances.azureml.ms, target: 168.63.129.16}, {domain: aznbcontent.net, target: 168.63.129.16}, {domain: inference.ml.azure.com, target: 168.63.129.16}, {domain: core.windows.net, target: 168.63.129.16}]";

test("Azure DNS with linked zones answers the endpoint's address through the privatelink CNAME", () => {
  const r = dns()("vnet-ml", "stml.blob.core.windows.net");
  assert.deepEqual(r.answer, { kind: "private", ips: ["10.0.0.7"], zone: "privatelink.blob.core.windows.net" });
  assert.ok(r.steps.includes("stml.blob.core.windows.net is a CNAME to stml.privatelink.blob.core.windows.net"));
  const ws = dns()("vnet-ml", `${workspaceIdFor("mlw")}.workspace.eastus.api.azureml.ms`);
  assert.deepEqual(ws.answer, { kind: "private", ips: ["10.0.0.4"], zone: "privatelink.api.azureml.ms" });
  const nb = dns()("vnet-ml", `ml-mlw-eastus-${workspaceIdFor("mlw")}.eastus.notebooks.azure.net`);
  assert.deepEqual(nb.answer, { kind: "private", ips: ["10.0.0.5"], zone: "privatelink.notebooks.azure.net" });
});

test("a VNet the zone isn't linked to gets the public answer, even when peered", () => {
  const resolve = dns(`networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}]}, {name: vnet-users, addressSpace: [10.1.0.0/16]}], peerings: [{between: [vnet-ml, vnet-users]}] }`);
  assert.equal(resolve("vnet-users", "stml.blob.core.windows.net").answer.kind, "public");
});

test("custom DNS hides the private zones unless the server forwards to Azure DNS from a linked VNet (F10, F67)", () => {
  const hidden = dns(`${SPOKE_AND_DNS_VNET}\ndns: { servers: [{name: dns1, vnet: vnet-dns, ip: 10.9.0.4}] }`)("vnet-ml", "stml.blob.core.windows.net");
  assert.equal(hidden.answer.kind, "public");
  assert.match(hidden.steps.join("\n"), /dns1 has no conditional forwarder/);
  const fixed = dns(`${SPOKE_AND_DNS_VNET}\ndns: { servers: [{name: dns1, vnet: vnet-dns, ip: 10.9.0.4, forwarders: ${FORWARD_ALL}}] }`)("vnet-ml", "stml.blob.core.windows.net");
  assert.deepEqual(fixed.answer, { kind: "private", ips: ["10.0.0.7"], zone: "privatelink.blob.core.windows.net" });
  const unknown = dns(SPOKE_AND_DNS_VNET)("vnet-ml", "stml.blob.core.windows.net");
  assert.equal(unknown.answer.kind, "unknown");
});

test("a linked zone without the record answers NXDOMAIN unless the link falls back to the internet", () => {
  const zones = (policy: string) =>
    `dns: { zones: manual, zoneGroups: false, privateZones: [{name: privatelink.blob.core.windows.net, links: [vnet-ml], resolutionPolicy: ${policy}}] }`;
  assert.deepEqual(dns(zones("Default"))("vnet-ml", "stml.blob.core.windows.net").answer, { kind: "nxdomain", zone: "privatelink.blob.core.windows.net" });
  assert.equal(dns(zones("NxDomainRedirect"))("vnet-ml", "stml.blob.core.windows.net").answer.kind, "public");
});

test("a VNet using a resolver's inbound endpoint resolves with the zones linked to the resolver's VNet (F68)", () => {
  const resolve = dns(`networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-in, purpose: dns-inbound, size: 28}]}, {name: vnet-spoke, addressSpace: [10.3.0.0/16], dnsServers: [10.0.2.4]}] }
dns: { resolver: { name: dnspr, vnet: vnet-ml, inboundSubnet: snet-in, inboundIp: 10.0.2.4 } }`);
  const r = resolve("vnet-spoke", "kv-ml.vault.azure.net");
  assert.deepEqual(r.answer, { kind: "private", ips: ["10.0.0.9"], zone: "privatelink.vaultcore.azure.net" });
  assert.match(r.steps.join("\n"), /inbound endpoint of resolver dnspr/);
});

test("a resolver ruleset that loops back to its own inbound endpoint ends as unknown, not a hang", () => {
  const resolve = dns(`networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-in, purpose: dns-inbound, size: 28}, {name: snet-out, purpose: dns-outbound, size: 28}]}] }
dns: { resolver: { name: dnspr, vnet: vnet-ml, inboundSubnet: snet-in, outboundSubnet: snet-out, inboundIp: 10.0.2.4, forwardingRules: [{domain: core.windows.net, targets: [10.0.2.4]}], rulesetLinks: [vnet-ml] } }`);
  assert.deepEqual(resolve("vnet-ml", "stml.blob.core.windows.net").answer, { kind: "unknown", reason: "forwarding loop" });
});

test("a server forwarding only the privatelink zone chases the public CNAME into it", () => {
  const r = dns(`${SPOKE_AND_DNS_VNET}\ndns: { servers: [{name: dns1, vnet: vnet-dns, ip: 10.9.0.4, forwarders: [{domain: privatelink.blob.core.windows.net, target: 168.63.129.16}]}] }`)(
    "vnet-ml",
    "stml.blob.core.windows.net",
  );
  assert.deepEqual(r.answer, { kind: "private", ips: ["10.0.0.7"], zone: "privatelink.blob.core.windows.net" });
  assert.match(r.steps.join("\n"), /a CNAME to stml\.privatelink\.blob\.core\.windows\.net, which it forwards/);
});
