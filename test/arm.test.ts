// The ARM back end on every example: each resource passes Azure's official schema for the API
// version written, and a type without one there fails; every model resource is in the template
// or in a deploy.sh step (before the template when the template names it, after otherwise);
// dependsOn is complete and acyclic.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { checkBlueprint } from "../src/api/index.ts";
import { BASE_CASE, mergeCase } from "../src/rules/cases.ts";
import { emitArm } from "../src/backends/arm/template.ts";
import { ArmSchemas } from "./support/arm-schemas.ts";
import { buildFiles } from "../src/backends/build.ts";
import { idKey } from "../src/core/ids.ts";
import type { Resource } from "../src/core/types.ts";
import { planDeployment } from "../src/backends/plan.ts";

const dir = new URL("../examples/", import.meta.url);
const schemas = new ArmSchemas();

type ArmResource = { type: string; name: string; dependsOn?: string[]; properties?: object };

/** The plain name behind a `[format('{0}/{1}', 'a', 'b')]` child name. */
const plain = (name: string) => (name.startsWith("[format(") ? [...name.matchAll(/, '([^']*)'/g)].map((m) => m[1]).join("/") : name);

for (const f of readdirSync(dir).filter((x) => x.endsWith(".yaml"))) {
  test(`ARM for ${f}: official schemas, completeness, dependsOn`, () => {
    const r = checkBlueprint(f, readFileSync(new URL(f, dir), "utf8"));
    assert.ok(r.ok);
    const plan = planDeployment(r.model);
    const manual = plan.template.scripted;
    const { template, parameters } = emitArm(plan, { blueprint: f, version: "test" });
    const resources = (template as { resources: ArmResource[] }).resources;
    const problems: string[] = [];
    for (const res of resources) {
      const errors = schemas.validate(res);
      if (errors === undefined) problems.push(`${res.type}: no schema in ../shared/arm-schemas`);
      else if (errors.length) problems.push(`${res.type} ${res.name}: ${errors.join("; ")}`);
    }
    assert.deepEqual(problems, []);
    assert.deepEqual(schemas.validateParameters(parameters), []);

    // Every created model resource is a template resource, inside its VNet (subnets) or a manual step.
    const written = new Set(resources.map((x) => `${x.type}|${plain(x.name)}`.toLowerCase()));
    const manualIds = new Set(manual.map((m) => idKey(m.id)));
    for (const m of r.model.resources) {
      if (m.existing || manualIds.has(idKey(m.id))) continue;
      if (m.type === "Microsoft.Network/virtualNetworks/subnets") {
        const vnet = resources.find((x) => x.type === "Microsoft.Network/virtualNetworks" && plain(x.name) === m.name.split("/")[0]) as { properties: { subnets: { name: string }[] } };
        assert.ok(vnet.properties.subnets.some((s) => s.name === m.name.split("/")[1]), m.name);
      } else if (m.type === "Microsoft.Authorization/roleAssignments") {
        const desc = m.properties.description;
        assert.ok(resources.some((x) => x.type === m.type && (x.properties as { description?: string }).description === desc && x.name.startsWith("[guid(")), `${desc} missing`);
      } else assert.ok(written.has(`${m.type}|${m.name}`.toLowerCase()), `${m.type} ${m.name} missing from main.json`);
    }

    // Each step left to deploy.sh is there, on the right side of the deployment; the template
    // never names a resource that only exists after it.
    const deploy = buildFiles(r.model, { blueprint: f, version: "test" }).get("deploy.sh")!;
    const deployAt = deploy.indexOf("az deployment group create");
    for (const m of manual) {
      const res: Resource = r.model.get(m.id)!;
      if (res.type === "Microsoft.Authorization/roleAssignments" || res.type.startsWith("Microsoft.Synapse/")) continue; // their own sections
      const at = deploy.indexOf(`'${res.name.slice(res.name.lastIndexOf("/") + 1)}'`);
      assert.ok(at > 0, `${res.type} ${res.name} is not created by deploy.sh`);
      assert.equal(at < deployAt, m.when === "before", `${res.name} ${m.when} the deployment`);
      if (m.when === "after") for (const e of r.model.refsTo(m.id)) assert.ok(manualIds.has(idKey(e.from.id)), `${e.from.name} names ${res.name}, created after the template`);
    }

    const roles = (type: string) => r.model.resources.filter((m) => m.type === type && !m.existing && !manualIds.has(idKey(m.id))).length;
    assert.equal(resources.filter((x) => x.type === "Microsoft.Authorization/roleAssignments").length, roles("Microsoft.Authorization/roleAssignments"));

    // dependsOn names template resources only, and has no cycle.
    // Entries are bracketed expressions; a bare `resourceId(...)` would be read as a literal name.
    const key = (x: ArmResource) => `[resourceId('${x.type}', ${plain(x.name).split("/").map((n) => `'${n}'`).join(", ")})]`;
    // A role assignment is named by its guid() expression, at group scope or on a resource.
    const relative = (scope: string) => {
      const [ns, ...rest] = scope.split("/");
      return `resourceId('${[ns, ...rest.filter((_, i) => i % 2 === 0)].join("/")}', ${rest.filter((_, i) => i % 2 === 1).map((n) => `'${n}'`).join(", ")})`;
    };
    const roleKey = (x: ArmResource & { scope?: string }) =>
      x.scope ? `[extensionResourceId(${relative(x.scope)}, '${x.type}', ${x.name.slice(1, -1)})]` : `[resourceId('${x.type}', ${x.name.slice(1, -1)})]`;
    const byKey = new Map(resources.map((x) => [x.type === "Microsoft.Authorization/roleAssignments" ? roleKey(x) : key(x), x]));
    for (const x of resources) for (const d of x.dependsOn ?? []) assert.ok(byKey.has(d), `${x.name} depends on unknown ${d}`);
    const state = new Map<ArmResource, number>();
    const visit = (x: ArmResource, path: string[]): void => {
      if (state.get(x) === 2) return;
      assert.notEqual(state.get(x), 1, `dependsOn cycle: ${[...path, x.name].join(" -> ")}`);
      state.set(x, 1);
      for (const d of x.dependsOn ?? []) visit(byKey.get(d)!, [...path, x.name]);
      state.set(x, 2);
    };
    resources.forEach((x) => visit(x, []));

    // Every id a created resource's properties name is either an expression or an existing resource.
    const text = JSON.stringify(resources);
    assert.doesNotMatch(text, /00000000-0000-0000-0000-000000000000/, "no placeholder subscription in the template");
  });
}

test("ARM output is deterministic", () => {
  const text = readFileSync(new URL("secure-training-inference.yaml", dir), "utf8");
  const a = checkBlueprint("x.yaml", text);
  const b = checkBlueprint("x.yaml", text);
  assert.ok(a.ok && b.ok);
  assert.equal(JSON.stringify(emitArm(planDeployment(a.model), { blueprint: "x", version: "1" })), JSON.stringify(emitArm(planDeployment(b.model), { blueprint: "x", version: "1" })));
});

test("the schema check rejects what Azure rejects and handles only the documented union quirk", () => {
  assert.deepEqual(schemas.validate({ type: "Microsoft.Network/privateDnsZones", apiVersion: "2024-06-01", name: "privatelink.api.azureml.ms", location: "global" } as ArmResource), [
    `/ must have required property 'properties' {"missingProperty":"properties"}`,
  ]);
  const ws = (rule: object) => ({ type: "Microsoft.MachineLearningServices/workspaces", apiVersion: "2025-06-01", name: "mlw-ok", location: "eastus", properties: { managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound", outboundRules: { r: rule } } } });
  assert.deepEqual(schemas.validate(ws({ type: "PrivateEndpoint", category: "UserDefined", destination: { serviceResourceId: "/x", subresourceTarget: "blob", sparkEnabled: false } }) as ArmResource), []);
  assert.notDeepEqual(schemas.validate(ws({ type: "PrivateEndpoint", category: "Whatever", destination: {} }) as ArmResource), []);
  assert.equal(schemas.validate({ type: "Microsoft.Synapse/workspaces/managedVirtualNetworks/managedPrivateEndpoints" } as ArmResource), undefined, "no schema is reported as such");
  // An extension resource: properties against their definition, the envelope by hand.
  const extension = { type: "Microsoft.KubernetesConfiguration/extensions", apiVersion: "2024-11-01", name: "azureml", scope: "Microsoft.ContainerService/managedClusters/aks", properties: { extensionType: "microsoft.azureml.kubernetes" } };
  assert.deepEqual(schemas.validate(extension as ArmResource), []);
  assert.notDeepEqual(schemas.validate({ ...extension, location: "eastus" } as ArmResource), []);
  assert.notDeepEqual(schemas.validate({ ...extension, properties: { autoUpgradeMinorVersion: "yes" } } as ArmResource), []);
});

test("every type with an official schema is in the template: monitor scopes, Data Factory, the AKS extension and the compute after it", () => {
  const r = checkBlueprint("sentinel-jumpbox.yaml", readFileSync(new URL("sentinel-jumpbox.yaml", dir), "utf8"));
  assert.ok(r.ok);
  const plan = planDeployment(r.model);
  assert.deepEqual(plan.template.scripted, [], "nothing of this example is left to deploy.sh");
  const { template } = emitArm(plan, { blueprint: "x", version: "1" });
  const resources = (template as { resources: ArmResource[] }).resources;
  assert.ok(resources.some((x) => x.type === "Microsoft.Insights/privateLinkScopes"));
  assert.equal(resources.filter((x) => x.type === "Microsoft.Insights/privateLinkScopes/scopedResources").length, 2);

  const aks = checkBlueprint("isolated-aks-vnet.yaml", readFileSync(new URL("isolated-aks-vnet.yaml", dir), "utf8"));
  assert.ok(aks.ok);
  const arm = emitArm(planDeployment(aks.model), { blueprint: "x", version: "1" }).template as { resources: ArmResource[] };
  const extension = arm.resources.find((x) => x.type === "Microsoft.KubernetesConfiguration/extensions");
  assert.equal((extension as { scope?: string })?.scope, "Microsoft.ContainerService/managedClusters/aks-score");
  const compute = arm.resources.find((x) => x.type === "Microsoft.MachineLearningServices/workspaces/computes" && String(x.name).includes("aks-score"));
  assert.ok(compute?.dependsOn?.some((d) => d.includes("Microsoft.KubernetesConfiguration/extensions")), "the compute is attached after the extension");
});

test("the workspace IP allow list reaches every back end, on the preview API version that has it (F45)", () => {
  const text = mergeCase(BASE_CASE, "workspace: { publicNetworkAccess: Enabled, ipRules: [203.0.113.10, 198.51.100.0/24] }\nmonitoring: { appInsights: appi-ml, logAnalytics: log-ml }");
  const r = checkBlueprint("ip.yaml", text);
  assert.ok(r.ok);
  const files = buildFiles(r.model, { blueprint: "ip.yaml", version: "1" });
  const ws = (JSON.parse(files.get("main.json")!) as { resources: ArmResource[] }).resources.find((x) => x.type === "Microsoft.MachineLearningServices/workspaces")!;
  assert.equal((ws as { apiVersion?: string }).apiVersion, "2025-10-01-preview");
  assert.deepEqual((ws as { properties: { networkAcls?: unknown } }).properties.networkAcls, { defaultAction: "Deny", ipRules: [{ value: "203.0.113.10" }, { value: "198.51.100.0/24" }] });
  assert.deepEqual(schemas.validate(ws), []);
  assert.match(files.get("main.bicep")!, /'Microsoft\.MachineLearningServices\/workspaces@2025-10-01-preview'[\s\S]*networkAcls: \{\s*defaultAction: 'Deny'/);
  assert.match(files.get("main.tf")!, /Microsoft\.MachineLearningServices\/workspaces@2025-10-01-preview[\s\S]*value = "198\.51\.100\.0\/24"/);
  // Without an allow list the workspace stays on the pinned version.
  const plain = checkBlueprint("plain.yaml", BASE_CASE);
  assert.ok(plain.ok);
  assert.match(buildFiles(plain.model, { blueprint: "p", version: "1" }).get("main.json")!, /"Microsoft.MachineLearningServices\/workspaces",\s*"apiVersion": "2025-06-01"/);
});

test("serverless compute settings pass the official workspace schema", () => {
  const text = mergeCase(BASE_CASE, "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-sl, purpose: other, size: 24}]}] }\nworkspace: { serverless: { subnet: vnet-ml/snet-sl } }");
  const r = checkBlueprint("sl.yaml", text);
  assert.ok(r.ok);
  const ws = (JSON.parse(buildFiles(r.model, { blueprint: "sl.yaml", version: "1" }).get("main.json")!) as { resources: ArmResource[] }).resources.find((x) => x.type === "Microsoft.MachineLearningServices/workspaces")!;
  assert.deepEqual(schemas.validate(ws), []);
  assert.match(JSON.stringify(ws), /"serverlessComputeCustomSubnet":"\[resourceId\('Microsoft.Network\/virtualNetworks\/subnets', 'vnet-ml', 'snet-sl'\)\]","serverlessComputeNoPublicIP":true/);
});

test("a DNS-proxy firewall passes the official schema and is the spokes' DNS server by address", () => {
  const text = readFileSync(new URL("custom-dns-hub-spoke.yaml", dir), "utf8")
    .replace("dnsServers: [10.80.3.4]", "dnsServers: [fw-hub]")
    .replace("    - name: fw-hub\n      vnet: vnet-hub\n", "    - name: fw-hub\n      vnet: vnet-hub\n      dnsProxy: true\n");
  const r = checkBlueprint("proxy.yaml", text);
  assert.ok(r.ok);
  const resources = (JSON.parse(buildFiles(r.model, { blueprint: "proxy.yaml", version: "1" }).get("main.json")!) as { resources: ArmResource[] }).resources;
  const fw = resources.find((x) => x.type === "Microsoft.Network/azureFirewalls")!;
  assert.deepEqual(schemas.validate(fw), []);
  assert.match(JSON.stringify(fw), /"additionalProperties":\{"Network.DNS.EnableProxy":"true"\}/);
  assert.match(JSON.stringify(resources.find((x) => x.name === "vnet-aml")), /"dnsServers":\["10\.80\.0\.68"\]/);
});
