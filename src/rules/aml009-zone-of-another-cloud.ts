import { rule } from "./rule.ts";
import { cloudOfZone } from "../core/zones.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML009",
  title: "Private DNS zone of another cloud",
  severity: "error",
  facts: ["F11"],
  docs: ["DNS", "PEDNS"],
  description:
    "Azure China and Azure US Government use their own workspace, notebooks, storage, vault and registry zones (privatelink.api.ml.azure.cn, privatelink.api.ml.azure.us, ...), and Government its own AI services, Synapse and Azure Monitor zones (privatelink.cognitiveservices.azure.us, ...). A template copied from the public cloud creates zones that nothing in that cloud queries.",
  check(m) {
    return m.ofType(T.zone).flatMap((z) => {
      const cloud = cloudOfZone(z.name);
      if (!cloud || cloud === m.cloud) return [];
      return [
        {
          resource: z,
          message: `Zone ${z.name} belongs to ${cloud}, but this deployment is in ${m.cloud}: nothing resolves through it.`,
          fix: `Use the ${m.cloud} zone for this sub-resource, as listed in "Azure Private Endpoint private DNS zone values".`,
        },
      ];
    });
  },
  cases: {
    pass: ["", "cloud: AzureChinaCloud\nregion: chinanorth3"],
    fail: [
      { patch: "cloud: AzureChinaCloud\nregion: chinanorth3\ndns: { privateZones: [{name: privatelink.api.azureml.ms, links: [vnet-ml]}] }", fires: [{ at: "dns.privateZones.0", says: "Zone privatelink.api.azureml.ms belongs to AzureCloud, but this deployment is in" }] },
      // [PEDNS]: AI services and Synapse have their own Government names too.
      {
        patch: "cloud: AzureUSGovernment\nregion: usgovvirginia\ndns: { privateZones: [{name: privatelink.cognitiveservices.azure.com, links: [vnet-ml]}, {name: privatelink.sql.azuresynapse.net, links: [vnet-ml]}] }",
        fires: [
          { at: "dns.privateZones.0", says: "Zone privatelink.cognitiveservices.azure.com belongs to AzureCloud" },
          { at: "dns.privateZones.1", says: "Zone privatelink.sql.azuresynapse.net belongs to AzureCloud" },
        ],
      },
      { patch: "dns: { privateZones: [{name: privatelink.monitor.azure.us, links: [vnet-ml]}] }", fires: [{ at: "dns.privateZones.0", says: "belongs to AzureUSGovernment, but this deployment is in AzureCloud" }] },
    ],
  },
});
