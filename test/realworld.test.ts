// Microsoft's own templates for secure Azure ML (../shared/realworld, read in place),
// imported with the parameters a user must give, and the findings amlnet owes each. Every
// expectation was written by reading the template against the facts sheet; the reason is beside it.
// What is right in a template must not be reported: the error and warning lists are exact.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { openJson } from "../src/api/index.ts";

const dir = new URL("../../shared/realworld/", import.meta.url);
const read = (f: string) => readFileSync(new URL(f, dir), "utf8");

interface Expect {
  readonly file: string;
  readonly params?: readonly string[];
  readonly parameters?: object;
  /** Every error and warning, as "AMLnnn resource-name", each with the reason it is genuine. */
  readonly findings: readonly (readonly [string, string])[];
  /** Informational findings that must be there (unknowns, unmodelled types), same form. */
  readonly notes?: readonly (readonly [string, string])[];
  readonly blocked?: readonly string[];
}

const AVM_PE = {
  name: { value: "mlw-avm" },
  sku: { value: "Basic" },
  location: { value: "eastus" },
  associatedStorageAccountResourceId: { value: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stavm" },
  associatedKeyVaultResourceId: { value: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-avm" },
  managedNetworkSettings: { value: { isolationMode: "AllowOnlyApprovedOutbound", outboundRules: { pypi: { type: "FQDN", destination: "pypi.org", category: "UserDefined" } } } },
  privateEndpoints: {
    value: [
      {
        subnetResourceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-pe",
        privateDnsZoneGroup: {
          privateDnsZoneGroupConfigs: [
            { privateDnsZoneResourceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.api.azureml.ms" },
            { privateDnsZoneResourceId: "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.notebooks.azure.net" },
          ],
        },
      },
    ],
  },
};

// Both end-to-end quickstarts (v2 and the v1-legacy variant) build the same network.
const endToEnd = (file: string): Expect => ({
  file,
  params: ["prefix=mlw", "dsvmJumpboxUsername=azureuser"],
  findings: [
    // F04: the vault endpoint's zone is privatelink.vaultcore.azure.net; the template builds
    // 'privatelink' + environment().suffixes.keyvaultDns = privatelink.vault.azure.net, which no
    // client consults, so the vault resolves to its public address. The zone exists under a wrong
    // name: AML003 about the zone, not AML001 about the endpoint ("zone missing").
    ["AML003", "privatelink.vault.azure.net"],
    // Following from it: compute in snet-training reaches the vault's public endpoint, which denies
    // by default (F66) — the flows and the workspace endpoint's VNet say where it bites.
    ["AML080", "cluster001"],
    ["AML080", "mlw-ci001"],
    ["AML081", "ple-mlw-3438-mlw"],
    // F44: no role assignment gives the workspace identity Reader on the storage endpoints, so
    // studio's data preview stays off.
    ["AML035", "ple-mlw-3438-st-blob"],
    ["AML035", "ple-mlw-3438-st-file"],
    // F27: the AKS compute (computeType AKS) sets no sslConfiguration, so scoring requests, keys
    // and data included, cross the VNet over plain HTTP ("Use TLS to secure a web service").
    ["AML056", "aks-mlw-3438"],
  ],
  notes: [
    // The jump-box VM (behind Bastion) is inferred as the client; others aren't judged.
    ["AML905", ""],
    // The VM's AAD login extension carries no traffic amlnet models; kept and listed.
    ["AML903", ""],
  ],
  blocked: ["cluster001 -> key vault", "mlw-ci001 -> key vault"],
});

const EXPECTED: readonly Expect[] = [
  endToEnd("qs_ml-end-to-end-secure_azuredeploy.json"),
  endToEnd("qs_ml-end-to-end-secure-v1-legacy_azuredeploy.json"),
  {
    file: "qs_ml-network-restricted-managedvnet_azuredeploy.json",
    params: ["prefix=mlw", "vnetName=vnet-hub", "vnetRgName=rg-net", "subnetName=snet-pe"],
    findings: [
      // F04 again: the same privatelink.vault.azure.net zone for the vault endpoint (misspelled, AML003).
      ["AML003", "privatelink.vault.azure.net"],
      // F42: the registry's public access is off and the workspace names no imageBuildCompute.
      ["AML023", "aml-demo-3438992"],
      // F31/F32: AllowInternetOutbound adds endpoint rules only to storage, Key Vault and registry;
      // the private AI Services account the workspace connects to gets none.
      ["AML069", "aimlw3438"],
      // F44: no Reader for the workspace identity on the storage endpoints.
      ["AML035", "ple-mlw-3438-st-blob"],
      ["AML035", "ple-mlw-3438-st-file"],
    ],
    notes: [
      // The endpoints go into an existing VNet of another resource group: its DNS settings, address
      // space and links are unknown, so the checks that need them say so instead of failing.
      ["AML904", "vnet-hub"],
      ["AML904", "snet-pe"],
      ["AML904", "aml-demo-3438992-amlWorkspace-PE"],
      // The workspace's connection to the AI Services account is modelled (no AML903): the workspace
      // is not a hub, so the connection makes no private endpoint and AML069 stands.
    ],
    blocked: [],
  },
  {
    file: "qs_ml-private-ip-aks-ilb_azuredeploy.json",
    params: ["location=eastus"],
    // Storage denies by default, but bypass defaults to AzureServices (F43, F66): the workspace gets
    // in. There is no VNet, so there is nothing to trace.
    findings: [
      // The workspace says no publicNetworkAccess, which is Enabled (the API's default), while its
      // storage denies every address: studio's data features over the public path fail (F44).
      ["AML037", "workspace343899245b517"],
      // F27: the AKS compute with the internal load balancer sets no sslConfiguration: scoring is
      // plain HTTP.
      ["AML056", "compute-with-ilb"],
    ],
    notes: [["AML905", ""]],
    blocked: [],
  },
  {
    file: "avm_res_ml-workspace_v0.14_main.json",
    params: ["name=mlw-avm", "sku=Basic"],
    // The module's defaults: publicNetworkAccess Disabled and no private endpoint unless given,
    // so nobody can reach the workspace (F45: removing endpoints doesn't make it public either).
    findings: [["AML026", "mlw-avm"]],
  },
  {
    file: "avm_res_ml-workspace_v0.14_main.json",
    parameters: AVM_PE,
    // Given an endpoint with both workspace zones and a managed network: nothing wrong amlnet can see.
    findings: [],
    notes: [
      // F33: an FQDN rule brings a managed Azure Firewall and its bill.
      ["AML064", "mlw-avm"],
      // The zones, VNet, storage and vault live elsewhere: links and settings unknown (F67).
      ["AML904", "privatelink.api.azureml.ms"],
      ["AML904", "vnet-hub"],
      ["AML904", "stavm"],
      ["AML904", "kv-avm"],
    ],
  },
  // The four added to ../shared/realworld on 2026-12-05: its README's table is the contract.
  {
    file: "qs_aistudio-basics_azuredeploy.json",
    findings: [
      // The Premium registry has publicNetworkAccess Disabled and no private endpoint: nothing reaches it.
      ["AML029", "crdemo3438"],
      // Behind the VNet (public access off, networkRuleSet Deny), it can't build images, and the
      // hub names no imageBuildCompute (F31, F42).
      ["AML023", "aih-demo-3438"],
      // The hub sets no publicNetworkAccess (Enabled, the default) while its storage denies by
      // default: studio's data features over the public path fail (F44). It is public, so never AML026.
      ["AML037", "aih-demo-3438"],
    ],
  },
  {
    file: "qs_ml-workspace_azuredeploy.json",
    params: ["name=mlw", "environment=dev", "location=eastus"],
    // No publicNetworkAccess means public; the storage account denies by default (F44).
    findings: [["AML037", "mlwmlwdev"]],
  },
  {
    file: "qs_ml-compute-create-akscompute_azuredeploy.json",
    params: ["workspaceName=mlw", "computeName=aks"],
    // sslStatus defaults to Disabled, so sslConfiguration is null: scoring over plain HTTP (F27).
    findings: [["AML056", "aks"]],
    // The workspace is another deployment's: what the rules would judge of it is unknown.
    notes: [["AML904", "mlw"]],
  },
  {
    file: "avm_res_ml-registry_main.json",
    params: ["name=mlreg"],
    // Public access Disabled with one private endpoint, and no workspace beside it: nothing to
    // report (AML012 needs a workspace).
    findings: [],
  },
];

for (const e of EXPECTED) {
  test(`${e.file}${e.parameters ? " (with endpoints and a managed network)" : ""}: the findings it owes, and no others`, () => {
    const parametersFile = e.parameters && { file: "p.json", text: JSON.stringify({ parameters: e.parameters }) };
    const opened = openJson(e.file, read(e.file), { params: e.params, parametersFile, location: "eastus" });
    assert.ok(opened.ok, JSON.stringify(!opened.ok && opened.errors));
    const p = opened.project;
    const key = (f: { ruleId: string; resourceId?: string }) => `${f.ruleId} ${f.resourceId?.split("/").pop() ?? ""}`.trim();
    const serious = p.findings.filter((f) => f.severity !== "info").map(key).sort();
    assert.deepEqual(serious, e.findings.map(([r, n]) => `${r} ${n}`.trim()).sort());
    const notes = new Set(p.findings.filter((f) => f.severity === "info").map(key));
    for (const [r, n] of e.notes ?? []) assert.ok(notes.has(`${r} ${n}`.trim()), `${r} ${n} among ${[...notes].join(", ")}`);
    if (e.blocked) assert.deepEqual(p.flows().filter((f) => f.trace.verdict === "fail").map((f) => f.id).sort(), [...e.blocked].sort());
    // Every finding points into the template.
    for (const f of p.findings) assert.equal(f.position.file, e.file);
  });
}

test("every real template imports without a crash, even with no parameters at all (missing ones are unknown, in one note)", () => {
  for (const f of ["qs_ml-end-to-end-secure_azuredeploy.json", "qs_ml-end-to-end-secure-v1-legacy_azuredeploy.json", "qs_ml-network-restricted-managedvnet_azuredeploy.json", "qs_ml-private-ip-aks-ilb_azuredeploy.json", "avm_res_ml-workspace_v0.14_main.json"]) {
    const opened = openJson(f, read(f));
    assert.ok(opened.ok, f);
    const notes = opened.project.findings.filter((x) => x.ruleId === "AML908");
    assert.equal(notes.length, 1, f);
    assert.match(notes[0].message, /^parameters? ('\w+'(, )?)+ without a value: taken as unknown/, f);
  }
});
