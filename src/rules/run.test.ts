import { test } from "node:test";
import assert from "node:assert/strict";
import { checkBlueprint } from "../api/index.ts";
import { BASE_CASE, mergeCase } from "./cases.ts";
import { RULES } from "./catalog.ts";
import { rule } from "./rule.ts";

const withAcrStandard = (suppress: string) => mergeCase(BASE_CASE, `containerRegistry: { sku: Standard${suppress} }`);

test("a suppression with a reason silences its rule at and under its object", () => {
  const r = checkBlueprint("t.yaml", withAcrStandard(", suppress: [{rule: AML022, reason: 'Premium upgrade scheduled for Q3'}]"));
  assert.ok(r.ok);
  const f = r.findings.find((x) => x.ruleId === "AML022");
  assert.equal(f?.suppressed, "Premium upgrade scheduled for Q3");
  assert.equal(r.findings.filter((x) => !x.suppressed).length, 0);
});

test("a suppression elsewhere does not silence, and an unused one is reported", () => {
  const r = checkBlueprint("t.yaml", mergeCase(withAcrStandard(""), "keyVault: { suppress: [{rule: AML022, reason: 'wrong place'}] }"));
  assert.ok(r.ok);
  assert.ok(r.findings.some((x) => x.ruleId === "AML022" && !x.suppressed));
  assert.ok(r.findings.some((x) => x.ruleId === "AML900"));
});

test("a suppression without a reason is bad input", () => {
  const r = checkBlueprint("t.yaml", mergeCase(BASE_CASE, "keyVault: { suppress: [{rule: AML022}] }"));
  assert.ok(!r.ok);
  assert.match(r.errors[0].message, /missing required key 'reason'/);
});

test("a rule that throws becomes a diagnostic and the others still run", () => {
  const broken = rule({
    ...RULES[0],
    id: "AML999",
    check: () => {
      throw new Error("boom");
    },
  });
  const r = checkBlueprint("t.yaml", withAcrStandard(""), [broken, ...RULES]);
  assert.ok(r.ok);
  const crash = r.findings.find((x) => x.ruleId === "AML901");
  assert.match(crash?.message ?? "", /AML999 .* failed: boom/);
  // A check that couldn't run never lets the run pass: AML901 is an error (exit 1 at the default level).
  assert.equal(crash?.severity, "error");
  assert.ok(r.findings.some((x) => x.ruleId === "AML022"));
});

test("a finding resting on an unknown says so (AML904), even when another rule computed the shared answer first", async () => {
  const { Model } = await import("../core/model.ts");
  const { planeOf } = await import("../engine/plane.ts");
  const sub = "/subscriptions/s/resourceGroups/rg/providers";
  const vnet = `${sub}/Microsoft.Network/virtualNetworks/hub`;
  const model = new Model({
    cloud: "AzureCloud",
    region: "eastus",
    resources: [
      // Only referred to by the input: nothing known but its id.
      { id: vnet, type: "Microsoft.Network/virtualNetworks", name: "hub", properties: {}, existing: true, unknown: { unknown: true, reason: "hub, which the input refers to but doesn't hold", at: 0 } },
      { id: `${sub}/Microsoft.Storage/storageAccounts/st`, type: "Microsoft.Storage/storageAccounts", name: "st", properties: {} },
    ],
    clients: [],
    dnsServers: [],
    features: { roleAssignments: "manual" },
  });
  const st = model.resources[1];
  const asks = (id: `AML${number}`, hit: boolean) =>
    rule({
      id,
      title: "asks DNS",
      severity: "error",
      facts: [],
      docs: [],
      description: "",
      cases: { pass: [], fail: [] },
      check: (m) => {
        planeOf(m).resolve(vnet, "st.blob.core.windows.net");
        return hit ? [{ resource: st, about: [vnet], message: "st doesn't resolve privately from hub.", fix: "Link the zone." }] : [];
      },
    });
  const { runRules } = await import("./run.ts");
  const { Analysis } = await import("../core/analysis.ts");
  const findings = runRules(new Analysis(model), [asks("AML991", false), asks("AML992", true)]);
  const f = findings.find((x) => x.subject === "AML992");
  assert.ok(f, JSON.stringify(findings));
  assert.equal(f.ruleId, "AML904");
  assert.match(f.message, /^AML992 would report: st doesn't resolve privately from hub\. That rests on hub, which the input refers to but doesn't hold/);
  assert.ok(!findings.some((x) => x.ruleId === "AML992"));
});

test("a finding about an endpoint rests on the unknowns of the endpoints to what it names, not on those of its subnet's other endpoints", async () => {
  const { openJson } = await import("../api/open-json.ts");
  const rg = "/subscriptions/s/resourceGroups/rg/providers";
  const subnet = `${rg}/Microsoft.Network/virtualNetworks/v/subnets/s`;
  const item = (id: string, type: string, properties: unknown) => ({ id, type, name: id.split("/").pop(), properties });
  // Three endpoints in one subnet, an export's (no zone groups: each endpoint's are unknown).
  const estate = {
    count: 4,
    data: [
      item(`${rg}/Microsoft.Network/virtualNetworks/v`, "microsoft.network/virtualnetworks", { addressSpace: { addressPrefixes: ["10.0.0.0/16"] }, subnets: [{ name: "s", id: subnet, properties: { addressPrefix: "10.0.0.0/24" } }] }),
      ...[0, 1, 2].map((i) =>
        item(`${rg}/Microsoft.Network/privateEndpoints/pe${i}`, "microsoft.network/privateendpoints", {
          subnet: { id: subnet },
          privateLinkServiceConnections: [{ name: "c", properties: { privateLinkServiceId: `${rg}/Microsoft.Storage/storageAccounts/st${i}`, groupIds: ["blob"] } }],
        }),
      ),
    ],
  };
  const opened = openJson("estate.json", JSON.stringify(estate), { location: "eastus" });
  assert.ok(opened.ok);
  const aboutEndpoints = opened.project.findings.filter((f) => f.ruleId === "AML904" && f.subject === "AML001");
  assert.deepEqual(
    aboutEndpoints.map((f) => [f.resourceId?.split("/").pop(), f.message.slice(f.message.indexOf("That rests on"))]),
    [0, 1, 2].map((i) => [`pe${i}`, `That rests on the DNS zone groups of pe${i}, which Resource Graph doesn't export, unknown before deployment.`]),
  );
});
