import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluateNsg, evaluateNsgParts } from "./nsg.ts";
import { cidrsOf } from "../../core/net/ranges.ts";
import type { Resource } from "../../core/types.ts";
import { Analysis } from "../../core/analysis.ts";
import { Model } from "../../core/model.ts";

// NSG evaluation reads through an analysis (its typed views and caches); these NSGs need no model.
const a = new Analysis(new Model({ cloud: "AzureCloud", region: "eastus", resources: [], clients: [], dnsServers: [], features: { roleAssignments: "manual" } }));

const nsg = (rules: object[]): Resource => ({ id: "/x", type: "Microsoft.Network/networkSecurityGroups", name: "n", properties: { securityRules: rules } });
const rule = (name: string, priority: number, direction: string, access: string, remote: string, ports = "*", protocol = "*") => ({
  name,
  properties: {
    priority,
    direction,
    access,
    protocol,
    sourceAddressPrefix: direction === "Inbound" ? remote : "*",
    destinationAddressPrefix: direction === "Inbound" ? "*" : remote,
    sourcePortRange: "*",
    destinationPortRange: ports,
  },
});

test("no NSG allows; defaults allow internet outbound and deny internet inbound", () => {
  assert.equal(evaluateNsg(a, undefined, { direction: "Inbound", protocol: "Tcp", port: 1, remote: "Internet" }).access, "Allow");
  const empty = nsg([]);
  assert.equal(evaluateNsg(a, empty, { direction: "Outbound", protocol: "Tcp", port: 443, remote: "AzureMachineLearning" }).rule, "AllowInternetOutBound");
  const v = evaluateNsg(a, empty, { direction: "Inbound", protocol: "Tcp", port: 44224, remote: "AzureMachineLearning" });
  assert.deepEqual([v.access, v.rule], ["Deny", "DenyAllInBound"]);
});

test("lowest priority first; regional tags inside global tags; ports and protocols", () => {
  const g = nsg([
    rule("DenyInternet", 4000, "Outbound", "Deny", "Internet"),
    rule("AllowStorage", 200, "Outbound", "Allow", "Storage", "443", "Tcp"),
    rule("AllowAml", 100, "Inbound", "Allow", "AzureMachineLearning", "44224", "Tcp"),
  ]);
  assert.equal(evaluateNsg(a, g, { direction: "Outbound", protocol: "Tcp", port: 443, remote: "Storage.eastus" }).rule, "AllowStorage");
  assert.equal(evaluateNsg(a, g, { direction: "Outbound", protocol: "Udp", port: 443, remote: "Storage.eastus" }).rule, "DenyInternet");
  assert.equal(evaluateNsg(a, g, { direction: "Outbound", protocol: "Tcp", port: 445, remote: "Storage.eastus" }).access, "Deny");
  assert.equal(evaluateNsg(a, g, { direction: "Inbound", protocol: "Tcp", port: 44224, remote: "AzureMachineLearning" }).access, "Allow");
  assert.equal(evaluateNsg(a, g, { direction: "Inbound", protocol: "Tcp", port: 44225, remote: "AzureMachineLearning" }).access, "Deny");
});

test("a rule for part of the near end splits the query; the summary verdict is the deciding Deny", () => {
  const g = nsg([
    { name: "DenyHalf", properties: { priority: 100, direction: "Outbound", access: "Deny", protocol: "*", sourceAddressPrefix: "10.0.0.128/25", destinationAddressPrefix: "*", destinationPortRange: "*" } },
  ]);
  const q = { direction: "Outbound" as const, protocol: "Tcp" as const, port: 443, remote: "10.1.0.4", local: "10.0.0.0/24", virtualNetwork: ["10.0.0.0/8"] };
  const parts = evaluateNsgParts(a, g, q);
  assert.deepEqual(
    parts.map((p) => [p.rule, cidrsOf(p.local).join(",")]),
    [
      ["DenyHalf", "10.0.0.128/25"],
      ["AllowVnetOutBound", "10.0.0.0/25"],
    ],
  );
  assert.equal(evaluateNsg(a, g, q).rule, "DenyHalf");
  assert.equal(evaluateNsg(a, g, { ...q, local: "10.0.0.5" }).rule, "AllowVnetOutBound");
  // Port ranges split the same way.
  const ports = nsg([rule("AllowWeb", 100, "Outbound", "Allow", "*", "443", "Tcp"), rule("DenyRest", 200, "Outbound", "Deny", "*")]);
  assert.deepEqual(
    evaluateNsgParts(a, ports, { ...q, ports: "440-450" }).map((p) => [p.rule, p.ports]),
    [
      ["AllowWeb", [[443, 443]]],
      ["DenyRest", [[440, 442], [444, 450]]],
    ],
  );
});

test("application security groups match by membership at either end; a service tag is in none", () => {
  const asg = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationSecurityGroups/asg-web";
  const g = nsg([
    { name: "AllowWebIn", properties: { priority: 100, direction: "Inbound", access: "Allow", protocol: "Tcp", sourceApplicationSecurityGroups: [{ id: asg }], destinationAddressPrefix: "*", destinationPortRange: "443" } },
  ]);
  const q = { direction: "Inbound" as const, protocol: "Tcp" as const, port: 443, remote: "203.0.113.9", local: "10.0.0.4" };
  assert.equal(evaluateNsg(a, g, { ...q, remoteAsgs: [asg.toUpperCase()] }).rule, "AllowWebIn");
  assert.equal(evaluateNsg(a, g, q).rule, "DenyAllInBound");
  assert.equal(evaluateNsg(a, g, { ...q, remote: "AzureLoadBalancer", remoteAsgs: [asg] }).rule, "AllowAzureLoadBalancerInBound");
});

test("subnets in one context share the verdict of rules that ignore the near end, never of rules that don't", () => {
  // A fresh analysis: the verdicts kept are the analysis's.
  const fresh = new Analysis(new Model({ cloud: "AzureCloud", region: "eastus", resources: [], clients: [], dnsServers: [], features: { roleAssignments: "manual" } }));
  const tag = { direction: "Outbound" as const, protocol: "Tcp" as const, remote: "AzureMachineLearning", virtualNetwork: ["10.0.0.0/16"] };
  const open = nsg([rule("DenyAml8787", 100, "Outbound", "Deny", "AzureMachineLearning", "8787")]);
  for (const local of ["10.0.1.0/24", "10.0.2.0/24", "10.0.1.0/24"]) {
    assert.equal(evaluateNsg(fresh, open, { ...tag, local, port: 8787 }).rule, "DenyAml8787");
    assert.equal(evaluateNsg(fresh, open, { ...tag, local, port: 443 }).rule, "AllowInternetOutBound");
  }
  // The same deny written for one subnet's prefix: each subnet gets its own answer, whichever asks first.
  const narrow = nsg([{ name: "DenyOne", properties: { priority: 100, direction: "Outbound", access: "Deny", protocol: "*", sourceAddressPrefix: "10.0.2.0/24", destinationAddressPrefix: "*", destinationPortRange: "8787" } }]);
  for (const [local, expected] of [["10.0.1.0/24", "AllowInternetOutBound"], ["10.0.2.0/24", "DenyOne"], ["10.0.1.0/24", "AllowInternetOutBound"]] as const)
    assert.equal(evaluateNsg(fresh, narrow, { ...tag, local, port: 8787 }).rule, expected);
  // Every answer agrees with the parts evaluated afresh.
  for (const g of [open, narrow])
    for (const local of ["10.0.1.0/24", "10.0.2.0/24"]) {
      const q = { ...tag, local, port: 8787 };
      const parts = evaluateNsgParts(fresh, g, q);
      assert.equal(evaluateNsg(fresh, g, q).rule, (parts.find((p) => p.access === "Deny") ?? parts[0]).rule);
    }
});
