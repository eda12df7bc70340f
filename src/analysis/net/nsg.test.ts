import { test } from "node:test";
import assert from "node:assert/strict";
import { evaluateNsg } from "./nsg.ts";
import type { Resource } from "../../model/types.ts";

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
  assert.equal(evaluateNsg(undefined, { direction: "Inbound", protocol: "Tcp", port: 1, remote: "Internet" }).access, "Allow");
  const empty = nsg([]);
  assert.equal(evaluateNsg(empty, { direction: "Outbound", protocol: "Tcp", port: 443, remote: "AzureMachineLearning" }).rule, "AllowInternetOutBound");
  const v = evaluateNsg(empty, { direction: "Inbound", protocol: "Tcp", port: 44224, remote: "AzureMachineLearning" });
  assert.deepEqual([v.access, v.rule], ["Deny", "DenyAllInBound"]);
});

test("lowest priority first; regional tags inside global tags; ports and protocols", () => {
  const g = nsg([
    rule("DenyInternet", 4000, "Outbound", "Deny", "Internet"),
    rule("AllowStorage", 200, "Outbound", "Allow", "Storage", "443", "Tcp"),
    rule("AllowAml", 100, "Inbound", "Allow", "AzureMachineLearning", "44224", "Tcp"),
  ]);
  assert.equal(evaluateNsg(g, { direction: "Outbound", protocol: "Tcp", port: 443, remote: "Storage.eastus" }).rule, "AllowStorage");
  assert.equal(evaluateNsg(g, { direction: "Outbound", protocol: "Udp", port: 443, remote: "Storage.eastus" }).rule, "DenyInternet");
  assert.equal(evaluateNsg(g, { direction: "Outbound", protocol: "Tcp", port: 445, remote: "Storage.eastus" }).access, "Deny");
  assert.equal(evaluateNsg(g, { direction: "Inbound", protocol: "Tcp", port: 44224, remote: "AzureMachineLearning" }).access, "Allow");
  assert.equal(evaluateNsg(g, { direction: "Inbound", protocol: "Tcp", port: 44225, remote: "AzureMachineLearning" }).access, "Deny");
});
