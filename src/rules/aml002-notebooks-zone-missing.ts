import { rule } from "./rule.ts";
import { endpoints, name, zoneGroupZones, zonesByName } from "../core/views.ts";
import { neededZones } from "./helpers.ts";

export default rule({
  id: "AML002",
  title: "Workspace endpoint without the notebooks zone",
  severity: "error",
  facts: ["F01", "F09", "F11"],
  docs: ["PL", "DNS"],
  description:
    "A workspace endpoint takes a second address for the notebooks service, resolved through privatelink.notebooks.azure.net (or the sovereign-cloud twin). It is the zone most often forgotten: studio loads, but notebooks, the file browser and terminals fail to connect.",
  check(m) {
    // A zone of the name anywhere in the input counts, whichever resource group or environment
    // holds it: one zone serves every VNet linked to it, hub and spokes alike, and zones of one
    // name made per VNet need their records merged by hand ("Azure Private Endpoint DNS
    // integration"). A VNet the zone isn't linked to is told to link it (AML004), not to make a
    // second zone.
    const zones = zonesByName(m);
    // A zone the endpoint's zone group names by id is there even when another deployment holds it
    // (a central DNS subscription); an id the input can't tell leaves the answer unknown.
    return endpoints(m).flatMap((e) =>
      neededZones(m, e)
        .filter((z) => z.startsWith("privatelink.notebooks.") && !zones.has(z) && !zoneGroupZones(m, e.pe).includes(z))
        .map((z) => ({
          resource: e.pe,
          message: `Workspace endpoint ${name(e.pe)} has no ${z} zone: notebooks in studio can't reach ml-<workspace>-<region>-<id>.<region>.notebooks.azure.net over the endpoint.`,
          fix: `Create ${z}, link it to every VNet that resolves the workspace and add it to the endpoint's zone group beside the API zone.`,
        })),
    );
  },
  cases: {
    pass: [""],
    fail: [
      { patch: "dns: { zones: manual, privateZones: [{name: privatelink.api.azureml.ms, links: [vnet-ml]}, {name: privatelink.blob.core.windows.net, links: [vnet-ml]}, {name: privatelink.file.core.windows.net, links: [vnet-ml]}, {name: privatelink.vaultcore.azure.net, links: [vnet-ml]}, {name: privatelink.azurecr.io, links: [vnet-ml]}] }", fires: [{ at: "endpoints.0", says: "Workspace endpoint pe-mlw-amlworkspace-vnet-ml has no privatelink.notebooks.azure.net zone" }] },
      { patch: "cloud: AzureUSGovernment\nregion: usgovvirginia\ndns: { zones: manual, privateZones: [{name: privatelink.api.ml.azure.us, links: [vnet-ml]}, {name: privatelink.notebooks.azure.net, links: [vnet-ml]}] }", fires: [{ at: "endpoints.0", says: "Workspace endpoint pe-mlw-amlworkspace-vnet-ml has no" }] },
    ],
  },
});
