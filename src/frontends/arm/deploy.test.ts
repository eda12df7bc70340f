import { test } from "node:test";
import assert from "node:assert/strict";
import { deployTemplate } from "./deploy.ts";
import { ARM_ENVIRONMENTS } from "../../core/knowledge/arm-environments.ts";
import { isUnknown, type Value } from "./evaluate.ts";

const SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
const where = { subscriptionId: "sub", resourceGroup: "rg", location: "eastus", deploymentName: "main", environment: ARM_ENVIRONMENTS.AzureCloud as unknown as Value };
const deploy = (template: object, given: Record<string, unknown> = {}) => deployTemplate({ $schema: SCHEMA, ...template }, given, where);
const names = (d: ReturnType<typeof deploy>) => d.instances.map((i) => `${i.type.split("/").slice(1).join("/")} ${i.name}`);

test("copy loops: resources (copyIndex with offset), properties and variables", () => {
  const d = deploy({
    parameters: { n: { type: "int", defaultValue: 2 } },
    variables: { copy: [{ name: "prefixes", count: 2, input: "[format('10.{0}.0.0/24', copyIndex('prefixes'))]" }] },
    resources: [
      {
        type: "Microsoft.Network/virtualNetworks",
        name: "[format('vnet-{0}', copyIndex(1))]",
        copy: { name: "vnets", count: "[parameters('n')]" },
        properties: {
          addressSpace: { addressPrefixes: "[variables('prefixes')]" },
          copy: [{ name: "subnets", count: 2, input: { name: "[format('snet-{0}', copyIndex('subnets'))]", properties: { addressPrefix: "[variables('prefixes')[copyIndex('subnets')]]" } } }],
        },
      },
    ],
  });
  assert.deepEqual(names(d), ["virtualNetworks vnet-1", "virtualNetworks vnet-2"]);
  assert.deepEqual(d.instances[0].body.properties, {
    addressSpace: { addressPrefixes: ["10.0.0.0/24", "10.1.0.0/24"] },
    subnets: [
      { name: "snet-0", properties: { addressPrefix: "10.0.0.0/24" } },
      { name: "snet-1", properties: { addressPrefix: "10.1.0.0/24" } },
    ],
  });
  assert.equal(d.instances[1].id, "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet-2");
});

test("conditions: false leaves the resource out, unknown keeps it with a warning", () => {
  const d = deploy({
    parameters: { on: { type: "bool", defaultValue: false }, later: { type: "bool" } },
    resources: [
      { type: "Microsoft.Network/publicIPAddresses", name: "pip", condition: "[parameters('on')]" },
      { type: "Microsoft.Network/bastionHosts", name: "bas", condition: "[reference('x').enabled]" },
    ],
  }, { later: true });
  assert.deepEqual(names(d), ["bastionHosts bas"]);
  assert.ok(isUnknown(d.instances[0].condition));
  assert.match(d.problems.map((p) => p.message).join("\n"), /deployed only if reference\('x'\)/);
});

test("inline child resources get their parent's type and name; `existing` ones are marked", () => {
  const d = deploy({
    languageVersion: "2.0",
    resources: {
      zone: { type: "Microsoft.Network/privateDnsZones", name: "privatelink.api.azureml.ms", resources: [{ type: "virtualNetworkLinks", name: "link", properties: {} }] },
      vnet: { type: "Microsoft.Network/virtualNetworks", name: "hub", existing: true },
    },
  });
  assert.deepEqual(names(d), ["privateDnsZones privatelink.api.azureml.ms", "privateDnsZones/virtualNetworkLinks privatelink.api.azureml.ms/link", "virtualNetworks hub"]);
  assert.deepEqual(d.instances.map((i) => i.existing), [false, false, true]);
});

test("nested deployments: inner scope takes parameters, outer scope sees the parent's; outputs answer reference()", () => {
  const d = deploy({
    parameters: { prefix: { type: "string", defaultValue: "ml" } },
    variables: { outerOnly: "from-outer" },
    resources: [
      {
        type: "Microsoft.Resources/deployments",
        name: "net",
        resourceGroup: "rg-net",
        properties: {
          expressionEvaluationOptions: { scope: "inner" },
          parameters: { name: { value: "[format('vnet-{0}', parameters('prefix'))]" } },
          template: {
            parameters: { name: { type: "string" } },
            resources: [{ type: "Microsoft.Network/virtualNetworks", name: "[parameters('name')]", properties: {} }],
            outputs: { vnetId: { type: "string", value: "[resourceId('Microsoft.Network/virtualNetworks', parameters('name'))]" } },
          },
        },
      },
      {
        type: "Microsoft.Resources/deployments",
        name: "outer",
        properties: { template: { resources: [{ type: "Microsoft.Network/networkSecurityGroups", name: "[variables('outerOnly')]" }] } },
      },
      { type: "Microsoft.Network/privateEndpoints", name: "pe", properties: { subnet: { id: "[concat(reference('net').outputs.vnetId.value, '/subnets/pe')]" } } },
    ],
  });
  assert.deepEqual(names(d), ["virtualNetworks vnet-ml", "networkSecurityGroups from-outer", "privateEndpoints pe"]);
  // The inner deployment targets another resource group.
  assert.equal(d.instances[0].id, "/subscriptions/sub/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ml");
  assert.deepEqual(d.instances[2].body.properties, { subnet: { id: "/subscriptions/sub/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/pe" } });
});

test("reference() to a template resource gives its declared properties; what Azure adds is unknown", () => {
  const d = deploy({
    languageVersion: "2.0",
    resources: {
      ws: { type: "Microsoft.MachineLearningServices/workspaces", name: "mlw", identity: { type: "SystemAssigned" }, properties: { publicNetworkAccess: "Disabled" } },
      copy: {
        type: "Microsoft.Storage/storageAccounts",
        name: "st",
        properties: { mirror: "[reference('ws').publicNetworkAccess]", later: "[reference('ws').discoveryUrl]", principal: "[reference('ws', '2024-10-01', 'full').identity.principalId]" },
      },
    },
  });
  const p = d.instances[1].body.properties as Record<string, Value>;
  assert.equal(p.mirror, "Disabled");
  assert.ok(isUnknown(p.later));
  // The model writes a principal as the id of the resource holding the identity.
  assert.equal(p.principal, "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/mlw");
});

test("user-defined functions see only their own parameters; $fxv# variables are variables", () => {
  const d = deploy({
    functions: [{ namespace: "aml", members: { zone: { parameters: [{ name: "svc", type: "string" }], output: { type: "string", value: "[format('privatelink.{0}.azure.net', parameters('svc'))]" } } } }],
    variables: { "$fxv#0": "loaded text" },
    resources: [{ type: "Microsoft.Network/privateDnsZones", name: "[aml.zone('notebooks')]", tags: { note: "[variables('$fxv#0')]" } }],
  });
  assert.deepEqual(names(d), ["privateDnsZones privatelink.notebooks.azure.net"]);
  assert.deepEqual(d.instances[0].body.tags, { note: "loaded text" });
});

test("an extension resource's id sits under its scope", () => {
  const d = deploy({
    resources: [{ type: "Microsoft.Authorization/roleAssignments", name: "ra1", scope: "Microsoft.Storage/storageAccounts/st", properties: {} }],
  });
  assert.equal(d.instances[0].id, "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st/providers/Microsoft.Authorization/roleAssignments/ra1");
  assert.equal(d.instances[0].body.scope, "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st");
});

test("problems: parameters without a value (unknown, one note), a bad expression and an unknown function, each located", () => {
  const d = deploy({
    languageVersion: "2.0",
    definitions: { maybe: { type: "object", nullable: true }, alias: { $ref: "#/definitions/maybe" } },
    parameters: { needed: { type: "string" }, also: { type: "int" }, password: { type: "securestring" }, optional: { $ref: "#/definitions/alias" } },
    resources: [
      { type: "Microsoft.Network/virtualNetworks", name: "[concat('a']", properties: {} },
      { type: "Microsoft.Network/networkSecurityGroups", name: "nsg", properties: { x: "[someFutureFunction(1)]" } },
    ],
  });
  const byPath = d.problems.map((p) => `${p.severity} ${p.path.join(".")}: ${p.message}`);
  // One note for all of them, at the first; a parameter whose user-defined type is nullable is null, not missing.
  assert.deepEqual(byPath.filter((p) => p.includes("without a value")), ["warning parameters.needed: parameters 'needed', 'also' without a value: taken as unknown (give them with --parameters p.json or --param name=value)"]);
  assert.ok(d.problems.find((p) => p.message.includes("without a value"))!.unset);
  assert.ok(!byPath.some((p) => p.includes("password")), "a secure parameter is a secret, not a missing value");
  assert.ok(byPath.some((p) => p.startsWith("error resources.0.name:")));
  assert.ok(byPath.some((p) => /^warning resources\.1\.properties\.x: someFutureFunction\(\) is not a function amlnet evaluates/.test(p)));
  assert.ok(isUnknown((d.instances.find((i) => i.name === "nsg")!.body.properties as Record<string, Value>).x));
});

test("records written by hand in a template are what the zone answers (mapped and resolved)", async () => {
  const { mapResources } = await import("../../core/bodies.ts");
  const { Model } = await import("../../core/model.ts");
  const { planeOf } = await import("../../engine/plane.ts");
  const { Analysis } = await import("../../core/analysis.ts");
  const d = deploy({
    resources: [
      { type: "Microsoft.Network/virtualNetworks", name: "vnet", location: "eastus", properties: { addressSpace: { addressPrefixes: ["10.0.0.0/16"] }, subnets: [{ name: "vm", properties: { addressPrefix: "10.0.1.0/24" } }] } },
      { type: "Microsoft.Network/privateDnsZones", name: "privatelink.blob.core.windows.net", location: "global", resources: [
        { type: "virtualNetworkLinks", name: "l", location: "global", properties: { virtualNetwork: { id: "[resourceId('Microsoft.Network/virtualNetworks', 'vnet')]" }, registrationEnabled: false } },
        { type: "A", name: "stdata", properties: { ttl: 10, aRecords: [{ ipv4Address: "10.0.9.4" }] } },
      ] },
    ],
  });
  const m = new Model({ cloud: "AzureCloud", region: "eastus", resources: mapResources(d.instances.map((i) => ({ ...i }))).resources, clients: [], dnsServers: [], features: { roleAssignments: "manual" } });
  const answer = planeOf(new Analysis(m)).resolve("/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet", "stdata.blob.core.windows.net");
  assert.deepEqual(answer.answer, { kind: "private", ips: ["10.0.9.4"], zone: "privatelink.blob.core.windows.net" });
});

test("reference() by id finds a resource a later nested deployment declares", () => {
  const inner = (name: string, resources: object[]) => ({ type: "Microsoft.Resources/deployments", name, properties: { expressionEvaluationOptions: { scope: "inner" }, template: { resources } } });
  const d = deploy({
    resources: [
      inner("uses", [{ type: "Microsoft.Network/privateEndpoints", name: "pe", properties: { note: "[reference('/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet').addressSpace.addressPrefixes[0]]" } }]),
      inner("declares", [{ type: "Microsoft.Network/virtualNetworks", name: "vnet", properties: { addressSpace: { addressPrefixes: ["10.1.0.0/16"] } } }]),
    ],
  });
  assert.deepEqual(d.instances.find((i) => i.name === "pe")!.body.properties, { note: "10.1.0.0/16" });
  assert.deepEqual(names(d), ["privateEndpoints pe", "virtualNetworks vnet"]);
});
