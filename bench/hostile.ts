// One hostile-input measurement, in its own process so its memory is its own: the alias
// bomb of the hardening issue (a 2.7 MB file, one anchored 300k-item list, 98 aliases) read with
// the default bounds (refused for its size) or with --max-bytes raised (refused for what its
// aliases expand to); or (`wide`) a blueprint just under the default size bound that is one
// mapping of 19,000 keys, its first key repeated last (refused for the duplicate, which every key
// must be checked against); or, just under the bound too, 35,000 aliases of one anchor (`aliases`)
// or 10,400 mappings that each merge one anchored mapping (`merges`), read to a verdict (their
// missing sections); or (`subnets`) a VNet at Azure's limit of 3,000 subnets, each given a size
// for amlnet to allocate, read and expanded; or (`firewall`) 200 clusters whose subnet routes
// through an Azure Firewall of 2,000 application rules, read, checked and its flows traced.
// Prints JSON: milliseconds, peak RSS, and the error code ("loaded" when it read).
import { performance } from "node:perf_hooks";
import { loadBlueprint } from "../src/frontends/blueprint/load.ts";
import { expand } from "../src/frontends/blueprint/lower/expand.ts";
import { openBlueprint } from "../src/api/index.ts";
import { DEFAULT_LIMITS } from "../src/frontends/blueprint/source.ts";

const mode = process.argv[2];
const raised = mode === "raised";
const list = Array.from({ length: 300_000 }, (_, i) => `  - ${i}`).join("\n");
const text =
  mode === "wide"
    ? `region: eastus\nx-wide:\n${Array.from({ length: 19_000 }, (_, i) => `  key${i}: 1`).join("\n")}\n  key0: 2\n`
    : mode === "aliases"
      ? `region: eastus\nx-one: &a 1\nx-many:\n${"  - *a\n".repeat(35_000)}`
      : mode === "merges"
        ? `region: eastus\nx-base: &b {a: 1, b: 2}\nx-many:\n${Array.from({ length: 10_400 }, (_, i) => `  m${i}: {<<: *b, z: 1}\n`).join("")}`
        : mode === "subnets"
          ? `region: eastus\nworkspace: {name: mlw}\nstorage: {name: stml}\nkeyVault: {name: kv-ml}\nnetworks:\n  vnets:\n    - name: vnet-big\n      addressSpace: [10.0.0.0/12]\n      subnets:\n        - {name: snet-pe, purpose: endpoints, size: 24}\n${Array.from({ length: 2_999 }, (_, i) => `        - {name: snet-${i}, purpose: training, size: ${i % 3 ? 28 : 26}}\n`).join("")}endpoints: [{subnet: vnet-big/snet-pe}]\n`
          : mode === "firewall"
            ? `region: eastus\nworkspace: {name: mlw}\nstorage: {name: stml}\nkeyVault: {name: kv-ml}\nnetworks:\n  vnets:\n    - {name: vnet-hub, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 22, routeTable: rt}, {name: AzureFirewallSubnet, purpose: firewall, size: 26}]}\n  firewalls:\n    - {name: fw, vnet: vnet-hub, rules: [${Array.from({ length: 2_000 }, (_, i) => `{name: r${i}, kind: application, fqdns: [host${i}.example.com], protocols: ["Https:443"]}`).join(", ")}]}\n  routeTables:\n    - {name: rt, routes: [{name: default, prefix: 0.0.0.0/0, nextHop: VirtualAppliance, firewall: fw}]}\nendpoints: [{subnet: vnet-hub/snet-pe}]\ncompute:\n  clusters:\n${Array.from({ length: 200 }, (_, i) => `    - {name: c${i}, subnet: vnet-hub/snet-train}\n`).join("")}`
            : `x-big: &big\n${list}\n${Array.from({ length: 98 }, (_, i) => `x-a${i}: *big`).join("\n")}\nregion: eastus\n`;
const t = performance.now();
const bounds = raised || mode === "firewall" ? { ...DEFAULT_LIMITS, maxBytes: 4 * 2 ** 20 } : DEFAULT_LIMITS;
// A blueprint that reads is expanded too (allocating its subnets is part of reading it); the
// firewall's is also checked, its flows traced.
let r: { ok: true } | { ok: false; errors: readonly { code: string; message: string }[] };
if (mode === "firewall") {
  const opened = openBlueprint("bomb.yaml", text, { limits: bounds });
  if (opened.ok) void [opened.project.findings.length, opened.project.flows().length];
  r = opened;
} else {
  const loaded = loadBlueprint("bomb.yaml", text, bounds);
  if (loaded.ok) expand(loaded.blueprint);
  r = loaded;
}
const ms = performance.now() - t;
console.log(JSON.stringify({ bytes: text.length, ms, peakRssBytes: process.resourceUsage().maxRSS * 1024, code: r.ok ? "loaded" : r.errors[0].code, message: r.ok ? "" : r.errors[0].message }));
