import { rule } from "./rule.ts";
import { endpoints, name, zoneGroupZones, zonesByName } from "../core/views.ts";
import { likelyMeant, neededZones } from "./helpers.ts";

export default rule({
  id: "AML001",
  title: "Private DNS zone missing for an endpoint",
  severity: "error",
  facts: ["F01", "F03", "F04", "F05", "F06", "F07"],
  docs: ["PEDNS", "PL"],
  description:
    "Each private endpoint sub-resource resolves through its own privatelink zone. Without the zone, clients resolve the public name to the public address, which the service's firewall refuses, so the workspace, its storage, vault or registry look unreachable from inside the VNet. The notebooks zone has its own rule (AML002).",
  check(m) {
    const zones = zonesByName(m);
    return endpoints(m).flatMap((e) => {
      // A zone group naming a misspelled twin of the zone (privatelink.vault.azure.net for
      // privatelink.vaultcore.azure.net) is AML003's finding about that zone, not a missing one.
      const misspelled = new Set(zoneGroupZones(m, e.pe).map((z) => likelyMeant(m, z)).filter((z): z is string => !!z));
      return neededZones(m, e)
        .filter((z) => !z.startsWith("privatelink.notebooks.") && !zones.has(z) && !misspelled.has(z))
        .map((z) => ({
          resource: e.pe,
          message: `Endpoint ${name(e.pe)} (${e.groupIds.join(", ")}) needs the private DNS zone ${z}, and there is none: clients resolve ${name(e.target)} to its public address.`,
          fix: `Create ${z}, link it to the VNets that resolve it and add it to the endpoint's zone group (or set dns.zones: auto).`,
        }));
    });
  },
  cases: {
    pass: [
      "",
      "dns: { zones: manual, privateZones: [{name: privatelink.api.azureml.ms, links: [vnet-ml]}, {name: privatelink.notebooks.azure.net, links: [vnet-ml]}, {name: privatelink.blob.core.windows.net, links: [vnet-ml]}, {name: privatelink.file.core.windows.net, links: [vnet-ml]}, {name: privatelink.vaultcore.azure.net, links: [vnet-ml]}, {name: privatelink.azurecr.io, links: [vnet-ml]}] }",
      // F06: an AI Services account works with the openai and cognitiveservices zones, as Microsoft's
      // network-restricted template links them; services.ai.azure.com names are optional.
      "integrations: { aiServices: [{name: ais1, kind: AIServices}] }\nendpoints: [{subnet: vnet-ml/snet-pe}, {subnet: vnet-ml/snet-pe, targets: [aiServices/ais1]}]\ndns: { zones: manual, privateZones: [{name: privatelink.api.azureml.ms, links: [vnet-ml]}, {name: privatelink.notebooks.azure.net, links: [vnet-ml]}, {name: privatelink.blob.core.windows.net, links: [vnet-ml]}, {name: privatelink.file.core.windows.net, links: [vnet-ml]}, {name: privatelink.vaultcore.azure.net, links: [vnet-ml]}, {name: privatelink.azurecr.io, links: [vnet-ml]}, {name: privatelink.openai.azure.com, links: [vnet-ml]}, {name: privatelink.cognitiveservices.azure.com, links: [vnet-ml]}] }",
    ],
    fail: [
      { patch: "dns: { zones: manual, privateZones: [{name: privatelink.api.azureml.ms, links: [vnet-ml]}, {name: privatelink.notebooks.azure.net, links: [vnet-ml]}] }", fires: [{ at: "endpoints.0", says: "Endpoint pe-crml01-registry-vnet-ml (registry) needs the private DNS zone" }, { at: "endpoints.0", says: "Endpoint pe-kv-ml-vault-vnet-ml (vault) needs the private DNS zone" }, { at: "endpoints.0", says: "Endpoint pe-stml-blob-vnet-ml (blob) needs the private DNS zone" }, { at: "endpoints.0", says: "Endpoint pe-stml-file-vnet-ml (file) needs the private DNS zone" }] },
    ],
  },
});
