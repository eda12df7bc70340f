import { rule } from "./rule.ts";
import { endpoints, name } from "../core/views.ts";
import { zoneDocumented } from "../core/zones.ts";

// "Azure Private Endpoint private DNS zone values" keeps a table per cloud, and its China table has
// no AI services, Synapse or Azure Monitor rows (its Government table has them, under .us and
// usgovcloudapi.net names). An endpoint there gets no zone from amlnet, so nothing proves its name
// resolves privately: the user must find the zone and forwarders for that cloud.
export default rule({
  id: "AML082",
  title: "Private endpoint with no documented DNS zone in this cloud",
  severity: "warning",
  facts: ["F11"],
  docs: ["PEDNS"],
  description:
    "Each sovereign cloud has its own private DNS zone names, and Microsoft's table for Azure China lists none for AI services (OpenAI, Cognitive Services), Synapse or Azure Monitor. amlnet creates no zone for such an endpoint and can't show that clients resolve its name to the private address; confirm the zone with the service's documentation for that cloud before relying on it.",
  check(m) {
    return endpoints(m).flatMap((e) => {
      if (!e.target) return [];
      const missing = e.groupIds.filter((g) => !zoneDocumented(e.target!.type, g, m.cloud));
      return missing.map((g) => ({
        resource: e.pe,
        message: `Endpoint ${name(e.pe)} to ${name(e.target!)} (${g}) has no private DNS zone documented for ${m.cloud}: amlnet can't show that its name resolves privately.`,
        fix: `Find the ${m.cloud} zone for ${e.target!.type} '${g}' in the service's documentation, create and link it, and forward its public zone to Azure DNS; or keep this service in a cloud where the zone is documented.`,
      }));
    });
  },
  cases: {
    pass: [
      "integrations: { aiServices: [{name: ais1, kind: OpenAI}] }\nendpoints: [{subnet: vnet-ml/snet-pe}, {subnet: vnet-ml/snet-pe, targets: [aiServices/ais1]}]",
      "cloud: AzureUSGovernment\nregion: usgovvirginia\nintegrations: { aiServices: [{name: ais1, kind: OpenAI}] }\nendpoints: [{subnet: vnet-ml/snet-pe}, {subnet: vnet-ml/snet-pe, targets: [aiServices/ais1]}]",
      "cloud: AzureChinaCloud\nregion: chinanorth3",
    ],
    fail: [
      {
        patch: "cloud: AzureChinaCloud\nregion: chinanorth3\nintegrations: { aiServices: [{name: ais1, kind: OpenAI}] }\nendpoints: [{subnet: vnet-ml/snet-pe}, {subnet: vnet-ml/snet-pe, targets: [aiServices/ais1]}]",
        fires: [{ at: "endpoints.1", says: "(account) has no private DNS zone documented for AzureChinaCloud" }],
      },
    ],
  },
});
