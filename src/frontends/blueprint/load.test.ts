import { test } from "node:test";
import assert from "node:assert/strict";
import { loadBlueprint } from "./load.ts";

const MIN = `region: eastus
workspace: { name: mlw }
storage: { name: st1 }
keyVault: { name: kv1 }
`;

function errors(text: string) {
  const r = loadBlueprint("bp.yaml", text);
  assert.ok(!r.ok, "expected input errors");
  return r.errors.map((e) => `${e.position.line}:${e.position.col} ${e.code} ${e.message}`);
}

test("a minimal blueprint loads with secure defaults", () => {
  const r = loadBlueprint("bp.yaml", MIN);
  assert.ok(r.ok);
  assert.equal(r.blueprint.workspace.publicNetworkAccess, "Disabled");
  assert.equal(r.blueprint.storage.publicNetworkAccess, "Disabled");
  assert.deepEqual(r.blueprint.storage.subresources, ["blob", "file"]);
  assert.equal(r.blueprint.workspace.network.mode, "user-vnet");
});

test("YAML syntax errors point at their line", () => {
  const [e] = errors("region: eastus\nworkspace: { name: w\n");
  assert.match(e, /^\d+:\d+ BP001 YAML:/);
});

test("unknown keys point at the key itself", () => {
  assert.deepEqual(errors(MIN.replace("{ name: mlw }", "{ name: mlw, isolaton: x }")), ["2:25 BP003 unknown key 'isolaton' in workspace"]);
});

test("missing required keys point at their parent", () => {
  assert.deepEqual(errors("region: eastus\nworkspace: { name: mlw }\nstorage: { name: st1 }\n"), ["1:1 BP004 missing required key 'keyVault'"]);
});

test("bad values name the path and what is expected", () => {
  const [e] = errors(MIN.replace("st1", "ST_1"));
  assert.equal(e, "3:18 BP005 storage.name: 3-24 lower-case letters and digits");
});

test("references to undeclared things are errors at the reference", () => {
  const text = `${MIN}endpoints:
  - subnet: vnet-x/snet
compute:
  clusters: [{ name: c1, subnet: vnet-x/train }, { name: c1 }]
`;
  assert.deepEqual(errors(text), [
    "8:58 BP010 duplicate compute name 'c1'",
    "6:13 BP010 no subnet 'vnet-x/snet' (write <vnet>/<subnet> of networks.vnets)",
    "8:34 BP010 no subnet 'vnet-x/train' (write <vnet>/<subnet> of networks.vnets)",
  ]);
});

test("special subnets are required for firewalls, gateways and Bastion", () => {
  const text = `${MIN}networks:
  vnets: [{ name: hub, addressSpace: [10.0.0.0/16] }]
  bastions: [{ name: bas, vnet: hub }]
`;
  assert.deepEqual(errors(text), ["7:33 BP010 Bastion 'bas' needs a subnet named AzureBastionSubnet in VNet 'hub'"]);
});

test("subnet sizes that don't fit are errors at the size", () => {
  const text = `${MIN}networks:
  vnets:
    - name: v
      addressSpace: [10.0.0.0/24]
      subnets: [{ name: a, size: 25 }, { name: b, size: 25 }, { name: c, size: 26 }]
`;
  assert.deepEqual(errors(text), ["9:80 BP010 no free /26 left in 10.0.0.0/24 for subnet 'c'"]);
});

test("a prefix with host bits set is refused", () => {
  const text = `${MIN}networks:
  vnets: [{ name: v, addressSpace: [10.0.0.1/16] }]
`;
  assert.deepEqual(errors(text), ["6:37 BP010 '10.0.0.1/16' is not a valid prefix (host bits set or out of range)"]);
});

test("AKS with the ML extension must choose TLS scoring or say insecure scoring is wanted (F27)", () => {
  const aks = (extra: string) =>
    `${MIN}networks: { vnets: [{ name: v, addressSpace: [10.0.0.0/16], subnets: [{ name: s, purpose: scoring, size: 22 }] }] }\ncompute: { kubernetes: [{ name: aks1, subnet: v/s${extra} }] }\n`;
  assert.deepEqual(errors(aks("")), ["6:25 BP010 AKS 'aks1' runs the Azure ML extension: give scoringTls.cname (certificate and key come at deployment) or set allowInsecureScoring: true"]);
  assert.ok(loadBlueprint("bp.yaml", aks(", scoringTls: { cname: score.example.com }")).ok);
  assert.ok(loadBlueprint("bp.yaml", aks(", allowInsecureScoring: true")).ok);
  assert.ok(loadBlueprint("bp.yaml", aks(", mlExtension: false")).ok);
  assert.equal(errors(aks(", scoringTls: { cname: score.example.com }, allowInsecureScoring: true")).length, 1);
});

test("a wrong value names the allowed ones with a did-you-mean; a mistyped key names the key it meant, in one round", () => {
  assert.deepEqual(errors(MIN.replace("{ name: mlw }", "{ name: mlw, network: { mode: managd } }")), ['2:42 BP005 workspace.network.mode: one of user-vnet, managed, not the text "managd"; did you mean managed?']);
  assert.deepEqual(errors(MIN.replace("{ name: mlw }", "{ name: mlw, publicNetworkAccess: Enabld }")), ['2:46 BP005 workspace.publicNetworkAccess: one of Enabled, Disabled, not the text "Enabld"; did you mean Enabled?']);
  // `storag` for `storage`: one error (not also "missing storage"), with the key it meant.
  const typo = errors(MIN.replace(/^storage:/m, "storag:"));
  assert.equal(typo.length, 1, typo.join("\n"));
  assert.match(typo[0], /BP003 unknown key 'storag' in \(top level\); did you mean storage\?$/);
});
