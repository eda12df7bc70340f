import { rule, type Hit } from "./rule.ts";
import { vnetsWith } from "./cases.ts";
import { planeOf } from "../engine/plane.ts";
import { documentedFlowResults, type FlowResult } from "../questions/flows.ts";
import type { Analysis } from "../core/analysis.ts";
import type { Resource } from "../core/types.ts";
import type { SourcePath } from "../core/source.ts";
import { endpointsTo, zoneGroupZoneRefs } from "../core/views.ts";
import { likelyMeant } from "./helpers.ts";

/**
 * Where a blocked flow is reported: its client's entry, or the compute, cluster or workspace it
 * starts from (by id: environments stamped from one template repeat compute names, and a finding
 * located at another environment's compute would rest on that one's unknowns).
 */
function origins(m: Analysis): (f: FlowResult) => { resource?: Resource; source?: SourcePath } {
  const clients = new Map<string, SourcePath | undefined>();
  for (const c of m.clients) if (!clients.has(c.name)) clients.set(c.name, c.source);
  return (f) => {
    const from = f.from;
    if (from.kind === "managed") return { resource: from.workspace };
    if (clients.has(from.name)) return { source: clients.get(from.name) };
    if (from.kind === "subnet" && from.origin !== undefined) return { resource: m.get(from.origin) };
    return {};
  };
}

export default rule({
  id: "AML080",
  title: "A documented flow is blocked",
  severity: "error",
  facts: ["F09", "F20", "F21", "F41", "F44", "F61", "F62", "F64"],
  docs: ["WSVNET", "TRAIN", "STUDIO", "AKSEGRESS"],
  description:
    "amlnet traces every flow the documents describe (clients to the workspace, notebooks and default storage; compute to storage, Key Vault, registry, the workspace and its service tags; AML into public-IP compute; AKS to its registry and, for each cloud, the hosts its nodes need; the managed network to its targets) through DNS, routes, NSGs, endpoints, firewalls and the services' own gates. A blocked flow is a feature that fails after deployment: a compute that can't start, a studio page that can't load data. `amlnet trace` shows the whole path.",
  check(m) {
    const origin = origins(m);
    return documentedFlowResults(planeOf(m))
      .filter((f) => f.trace.verdict === "fail")
      .map((f) => {
        const blockers = f.trace.hops.filter((h) => !h.ok);
        // Turned away at the service's public endpoint because its endpoint's zone is misspelled:
        // the zone (AML003) is the cause, and the flow is listed under it.
        const target = f.to.kind === "name" ? f.to.target : undefined;
        const zone = blockers[0].step === "service" && target ? misspelledZoneOf(m, target) : undefined;
        const cause = zone ?? blockers[0].resourceId;
        // Built with plain loops: an estate's blocked flows are findings by the ten thousand.
        const about = target ? [target.id] : [];
        const steps: string[] = [];
        const fixes: string[] = [];
        for (const b of blockers) {
          if (b.resourceId) about.push(b.resourceId);
          steps.push(b.step);
          if (b.fix && !fixes.includes(b.fix)) fixes.push(b.fix);
        }
        const message = `${f.id} is blocked at ${steps.join(", ")}: ${blockers[0].detail}${blockers.length > 1 ? ` (and ${blockers.length - 1} more)` : ""}.`;
        const at = origin(f);
        const hit: { -readonly [K in keyof Hit]: Hit[K] } = { subject: f.id, about, message, fix: fixes.join(" ") };
        if (at.resource) hit.resource = at.resource;
        if (at.source) hit.source = at.source;
        if (cause) hit.cause = cause;
        return hit;
      });
  },
  cases: {
    pass: ["", "clients: [{ kind: vm, name: desk, subnet: vnet-ml/snet-train }]"],
    fail: [
      // A client VNet that is not peered: its zones are linked, but the endpoints are out of reach.
      { patch: `${vnetsWith("{ name: vnet-users, addressSpace: [10.9.0.0/16], subnets: [{ name: snet-vm, purpose: jumpbox, size: 24 }] }")}
clients: [{ kind: vm, name: desk, subnet: vnet-users/snet-vm }]`, fires: [{ at: "clients.0", says: "desk -> notebooks is blocked at route, nsg" }, { at: "clients.0", says: "desk -> storage blob (studio) is blocked at route, nsg" }, { at: "clients.0", says: "desk -> storage file (studio) is blocked at route, nsg" }, { at: "clients.0", says: "desk -> workspace API is blocked at route, nsg" }] },
      // AKS egress through a firewall that allows the cluster's hosts but not Microsoft Container Registry.
      { patch: `networks:
  vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-aks, purpose: scoring, size: 22, routeTable: rt-fw}, {name: AzureFirewallSubnet, purpose: firewall, size: 26}]}]
  firewalls: [{name: fw1, vnet: vnet-ml, rules: [{name: acr, kind: network, destinations: [AzureContainerRegistry.eastus], ports: ["443"], protocols: [TCP]}, {name: aks, kind: application, fqdns: ["*.hcp.eastus.azmk8s.io", management.azure.com, login.microsoftonline.com, packages.microsoft.com, acs-mirror.azureedge.net], protocols: ["Https:443"]}]}]
  routeTables: [{name: rt-fw, routes: [{name: default, prefix: 0.0.0.0/0, nextHop: VirtualAppliance, firewall: fw1}]}]
compute: { kubernetes: [{name: aks1, subnet: vnet-ml/snet-aks, outboundType: userDefinedRouting, scoringTls: { cname: score.example.com }}] }`, fires: [{ at: "compute.kubernetes.0", says: "aks1 -> MCR content (*.data.mcr.microsoft.com) is blocked at firewall" }, { at: "compute.kubernetes.0", says: "aks1 -> mcr.microsoft.com is blocked at firewall: firewall fw1 has no rule" }] },
      // [AKSEGRESS]: Azure US Government nodes reach other hosts; a firewall copied from the public cloud blocks them.
      { patch: `cloud: AzureUSGovernment
region: usgovvirginia
networks:
  vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-aks, purpose: scoring, size: 22, routeTable: rt-fw}, {name: AzureFirewallSubnet, purpose: firewall, size: 26}]}]
  firewalls: [{name: fw1, vnet: vnet-ml, rules: [{name: acr, kind: network, destinations: [AzureContainerRegistry.usgovvirginia], ports: ["443"], protocols: [TCP]}, {name: aks, kind: application, fqdns: ["*.hcp.usgovvirginia.azmk8s.io", mcr.microsoft.com, "*.data.mcr.microsoft.com", management.azure.com, login.microsoftonline.com, packages.microsoft.com, acs-mirror.azureedge.net], protocols: ["Https:443"]}]}]
  routeTables: [{name: rt-fw, routes: [{name: default, prefix: 0.0.0.0/0, nextHop: VirtualAppliance, firewall: fw1}]}]
compute: { kubernetes: [{name: aks1, subnet: vnet-ml/snet-aks, outboundType: userDefinedRouting, scoringTls: { cname: score.example.com }}] }`, fires: [{ at: "compute.kubernetes.0", says: "aks1 -> AKS API server (*.hcp.<region>.cx.aks.containerservice.azure.us) is blocked at firewall" }, { at: "compute.kubernetes.0", says: "aks1 -> login.microsoftonline.us is blocked at firewall" }, { at: "compute.kubernetes.0", says: "aks1 -> management.usgovcloudapi.net is blocked at firewall" }] },
    ],
  },
});

/** The id of a misspelled zone (AML003) that an endpoint to `target` writes its records into. */
function misspelledZoneOf(m: Analysis, target: Resource): string | undefined {
  for (const e of endpointsTo(m, target)) for (const z of zoneGroupZoneRefs(m, e.pe)) if (likelyMeant(m, z.name)) return m.get(z.id)?.id ?? z.id;
  return undefined;
}
