import { rule } from "./rule.ts";
import { knownZones } from "../core/zones.ts";
import { T } from "../core/registry.ts";

/** Levenshtein distance, bounded: enough to tell a typo from another zone. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

export default rule({
  id: "AML003",
  title: "Misspelled private DNS zone",
  severity: "error",
  facts: ["F01", "F03", "F11"],
  docs: ["PEDNS", "DNS"],
  description:
    "Private endpoint zones must carry exactly the documented names. A zone one letter off (privatelink.api.azureml.com, privatelinks.blob...) deploys fine and resolves nothing, so the failure shows up only at run time.",
  check(m) {
    const known = [...knownZones()];
    return m.ofType(T.zone).flatMap((z) => {
      const n = z.name.toLowerCase();
      if (known.includes(n) || !/privatelink|azureml|notebooks|vaultcore|azurecr|core\.windows/.test(n)) return [];
      const best = known.map((k) => [k, distance(n, k)] as const).sort((a, b) => a[1] - b[1])[0];
      if (!best || best[1] > 3) return [];
      return [
        {
          resource: z,
          message: `Private DNS zone ${z.name} is not a zone Azure uses; it looks like ${best[0]}, so records in it are never consulted.`,
          fix: `Rename the zone to ${best[0]} (zones can't be renamed: create the right one and move links and zone groups).`,
        },
      ];
    });
  },
  cases: {
    pass: ["", "dns: { privateZones: [{name: privatelink.api.azureml.ms, links: [vnet-ml]}] }"],
    fail: [
      { patch: "dns: { privateZones: [{name: privatelink.api.azureml.com, links: [vnet-ml]}] }", fires: [{ at: "dns.privateZones.0", says: "Private DNS zone privatelink.api.azureml.com is not a zone Azure uses; it looks like" }] },
      { patch: "dns: { privateZones: [{name: privatelink.notebook.azure.net}] }", fires: [{ at: "dns.privateZones.0", says: "Private DNS zone privatelink.notebook.azure.net is not a zone Azure uses; it looks like" }] },
    ],
  },
});
