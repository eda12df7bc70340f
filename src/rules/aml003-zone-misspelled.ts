import { rule } from "./rule.ts";
import { likelyMeant } from "./helpers.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML003",
  title: "Misspelled private DNS zone",
  severity: "error",
  facts: ["F01", "F03", "F11"],
  docs: ["PEDNS", "DNS"],
  description:
    "Private endpoint zones must carry exactly the documented names. A zone one letter off (privatelink.api.azureml.com, privatelinks.blob...) deploys fine and resolves nothing, so the failure shows up only at run time.",
  check(m) {
    return m.ofType(T.zone).flatMap((z) => {
      const meant = likelyMeant(m, z.name);
      if (!meant) return [];
      return [
        {
          resource: z,
          message: `Private DNS zone ${z.name} is not a zone Azure uses; it looks like ${meant}, so records in it are never consulted.`,
          fix: `Rename the zone to ${meant} (zones can't be renamed: create the right one and move links and zone groups).`,
        },
      ];
    });
  },
  cases: {
    pass: ["", "dns: { privateZones: [{name: privatelink.api.azureml.ms, links: [vnet-ml]}] }"],
    fail: [
      { patch: "dns: { privateZones: [{name: privatelink.api.azureml.com, links: [vnet-ml]}] }", fires: [{ at: "dns.privateZones.0", says: "Private DNS zone privatelink.api.azureml.com is not a zone Azure uses; it looks like" }] },
      { patch: "dns: { privateZones: [{name: privatelink.notebook.azure.net}] }", fires: [{ at: "dns.privateZones.0", says: "Private DNS zone privatelink.notebook.azure.net is not a zone Azure uses; it looks like" }] },
      // [PEDNS]: Key Vault's privatelink zone is vaultcore, not privatelink + its public suffix
      // (what environment().suffixes.keyvaultDns builds in Microsoft's quickstarts).
      { patch: "dns: { privateZones: [{name: privatelink.vault.azure.net, links: [vnet-ml]}] }", fires: [{ at: "dns.privateZones.0", says: "Private DNS zone privatelink.vault.azure.net is not a zone Azure uses; it looks like privatelink.vaultcore.azure.net" }] },
    ],
  },
});
