import { Analysis } from "../../core/analysis.ts";
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadBlueprint } from "../../frontends/blueprint/load.ts";
import { expand } from "../../frontends/blueprint/lower/expand.ts";
import { allocateEndpointAddresses } from "./addressing.ts";
import { effectiveRoutes, lookup, parsedPrefixes } from "./routes.ts";

const HUB_SPOKES = `region: eastus
workspace: { name: mlw }
storage: { name: stml }
keyVault: { name: kv-ml }
networks:
  vnets:
    - name: vnet-hub
      addressSpace: [10.0.0.0/22]
      subnets: [{ name: AzureFirewallSubnet, purpose: firewall, size: 26 }, { name: GatewaySubnet, purpose: gateway, size: 27 }]
    - name: vnet-ml
      addressSpace: [10.1.0.0/16]
      subnets: [{ name: snet-pe, purpose: endpoints, size: 24 }, { name: snet-train, purpose: training, size: 24, routeTable: rt-fw }]
    - name: vnet-other
      addressSpace: [10.2.0.0/16]
      subnets: [{ name: snet-app, size: 24 }]
  peerings:
    - { between: [vnet-hub, vnet-ml], allowGatewayTransit: true, useRemoteGateways: true }
    - { between: [vnet-hub, vnet-other] }
  routeTables:
    - name: rt-fw
      routes: [{ name: default, prefix: 0.0.0.0/0, nextHop: VirtualAppliance, firewall: fw }]
  firewalls: [{ name: fw, vnet: vnet-hub }]
  gateways: [{ name: vpngw, vnet: vnet-hub, onPremisesPrefixes: [192.168.0.0/16] }]
endpoints:
  - subnet: vnet-ml/snet-pe
compute:
  clusters: [{ name: cpu, subnet: vnet-ml/snet-train }]
`;

function routesOf(text: string, subnet: string) {
  const r = loadBlueprint("t.yaml", text);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  const model = new Analysis(expand(r.blueprint));
  const id = model.ofType("Microsoft.Network/virtualNetworks/subnets").find((s) => s.name === subnet)!.id;
  return effectiveRoutes(model, id, allocateEndpointAddresses(model));
}

test("a 0/0 UDR sends internet traffic to the firewall, but endpoint /32s stay direct (F64)", () => {
  const routes = routesOf(HUB_SPOKES, "vnet-ml/snet-train");
  const internet = lookup(routes, "52.1.2.3")!;
  assert.deepEqual([internet.nextHop, internet.nextHopIp, internet.source], ["VirtualAppliance", "10.0.0.4", "User"]);
  const pe = lookup(routes, "10.1.0.4")!;
  assert.deepEqual([pe.nextHop, pe.source], ["InterfaceEndpoint", "Default"]);
  assert.equal(lookup(routes, "10.1.0.200")!.nextHop, "VnetLocal");
});

test("peering is not transitive; gateway transit brings on-premises routes (F63)", () => {
  const routes = routesOf(HUB_SPOKES, "vnet-ml/snet-pe");
  assert.equal(lookup(routes, "10.0.0.10")!.nextHop, "VNetPeering");
  assert.deepEqual([lookup(routes, "10.2.0.10")!.nextHop, lookup(routes, "10.2.0.10")!.prefix], ["None", "10.0.0.0/8"], "spoke to spoke through the hub: dropped");
  assert.deepEqual([lookup(routes, "192.168.1.1")!.nextHop, lookup(routes, "192.168.1.1")!.origin], ["VirtualNetworkGateway", "vpngw"]);
  const other = routesOf(HUB_SPOKES, "vnet-other/snet-app");
  assert.equal(lookup(other, "192.168.1.1")!.nextHop, "None", "no useRemoteGateways: no on-premises route");
  assert.equal(lookup(other, "10.1.0.4")!.nextHop, "None", "the hub's peers' endpoints are not reachable from another spoke");
});

test("a one-way peering carries no routes", () => {
  const routes = routesOf(HUB_SPOKES.replace("{ between: [vnet-hub, vnet-other] }", "{ between: [vnet-other, vnet-hub], oneWay: true }"), "vnet-other/snet-app");
  assert.equal(lookup(routes, "10.0.0.10")!.nextHop, "None");
});

test("a VNet's subnets without route tables share its routes; one with a table adds its own; lookups agree however prefixes are parsed", () => {
  const text = HUB_SPOKES.replace("subnets: [{ name: snet-app, size: 24 }]", "subnets: [{ name: snet-app, size: 24 }, { name: snet-db, size: 24 }]");
  const r = loadBlueprint("t.yaml", text);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join("\n"));
  const model = new Analysis(expand(r.blueprint));
  const addresses = allocateEndpointAddresses(model);
  const of = (name: string) => effectiveRoutes(model, model.ofType("Microsoft.Network/virtualNetworks/subnets").find((s) => s.name === name)!.id, addresses);
  assert.equal(of("vnet-other/snet-app"), of("vnet-other/snet-db"));
  const [pe, train] = [of("vnet-ml/snet-pe"), of("vnet-ml/snet-train")];
  assert.notEqual(pe, train);
  assert.deepEqual(train.slice(0, pe.length), [...pe]);
  assert.deepEqual(train.slice(pe.length).map((x) => [x.prefix, x.source]), [["0.0.0.0/0", "User"]]);
  for (const routes of [pe, train])
    for (const ip of ["52.1.2.3", "10.1.0.4", "10.0.0.9", "192.168.4.4", "10.2.0.4", "10.9.9.9", "172.16.0.1"])
      assert.equal(lookup(routes, ip, parsedPrefixes(routes)), lookup(routes, ip));
});
