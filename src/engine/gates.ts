// A service's own gate on its public endpoint: public network access, the firewall's default
// action, IP rules (public IPv4 only, and not for callers in the same region, whose traffic
// arrives with a private source), VNet rules with service endpoints. Private endpoints bypass it.
import type { Resource } from "../core/types.ts";
import { endpointsTo, name, servingWorkspace } from "../core/views.ts";
import { T, typeFacts } from "../core/registry.ts";
import { suffixes } from "../core/names.ts";
import type { DataPlane } from "./plane.ts";
import { inPrefixes, type Hop, type Source } from "./flow.ts";

/** The target's own gate (public access, IP rules, firewall), as a hop about that resource. */
export function serviceGate(plane: DataPlane, from: Source, target: Resource): Hop {
  // A project is gated by its hub's settings [HUBPL].
  const gated = servingWorkspace(plane.model, target);
  return { ...gate(plane, from, gated), resourceId: gated.id };
}

function gate(plane: DataPlane, from: Source, target: Resource): Hop {
  const p = plane.model.props.gated(target);
  const who = name(target);
  // A target with no private endpoint at all needs one first; otherwise the caller resolves past it.
  const fixPrivate = endpointsTo(plane.model, target).length
    ? `Reach ${who} through its private endpoint: link its privatelink zone to the caller's VNet or forward the zone to Azure DNS (F10, F67).`
    : `Give ${who} a private endpoint the caller can route to (in its VNet or a peered one), with its privatelink zone linked to the caller's VNet (F03, F67).`;
  if (target.type === T.onlineEndpoint && p.publicNetworkAccess === "Disabled")
    return {
      step: "service",
      ok: false,
      detail: `online endpoint ${who} has public network access disabled: it is scored only through the workspace's private endpoint (F47)`,
      fix: `Resolve the scoring name through the workspace's private endpoint: link the workspace's privatelink zone to the caller's VNet, or forward ${suffixes(plane.model.cloud).inference} to Azure DNS (F10).`,
      facts: ["F47", "F10"],
    };
  if (p.publicNetworkAccess === "Disabled")
    return { step: "service", ok: false, detail: `${who} has public network access disabled${from.kind === "deployment" ? "" : " and the name resolved to its public endpoint"}`, fix: fixPrivate, facts: ["F10", "F67"] };

  if (target.type === T.workspace) {
    const rules = (plane.model.props.workspace(target).networkAcls?.ipRules ?? []).map((r) => r.value);
    if (!rules.length) return { step: "service", ok: true, detail: `${who} accepts public traffic` };
    if (from.kind === "internet" && inPrefixes(from.ip, rules)) return { step: "service", ok: true, detail: `${from.ip} is in ${who}'s IP allow list (F45)`, facts: ["F45"] };
    return { step: "service", ok: false, detail: `${who} admits only its IP allow list and ${from.name} is not in it`, fix: `Add ${from.kind === "internet" ? from.ip : "the caller's public address"} to workspace.publicNetworkAccess rules, or use the private endpoint (F45).`, facts: ["F45"] };
  }

  const acls = p.networkAcls;
  if (!acls || acls.defaultAction !== "Deny") return { step: "service", ok: true, detail: `${who} accepts public traffic` };
  if (from.kind === "subnet") {
    const subnet = plane.model.get(from.subnetId);
    const endpointsOn = (plane.model.props.subnet(subnet).serviceEndpoints ?? []).map((s) => s.service.toLowerCase());
    const ruled = (acls.virtualNetworkRules ?? []).some((r) => r.id.toLowerCase() === from.subnetId.toLowerCase());
    const service = typeFacts(target.type)?.serviceEndpoint ?? "a service";
    if (ruled && endpointsOn.includes(service)) return { step: "service", ok: true, detail: `${who}'s VNet rule admits ${name(subnet)} (service endpoint ${service})` };
    const ipRules = (acls.ipRules ?? []).map((r) => r.value);
    // The caller's region is its VNet's (environments in several regions share one input).
    const sameRegion = (target.location ?? plane.model.region).toLowerCase() === (plane.model.parentOf(from.subnetId)?.location ?? plane.model.region).toLowerCase();
    return {
      step: "service",
      ok: false,
      detail: `${who}'s firewall denies by default and has no VNet rule for ${name(subnet)}${ipRules.length && sameRegion ? `; its IP rules don't apply to callers in the same region` : ""}`,
      fix: `${fixPrivate} Or add ${name(subnet)} as a VNet rule with a ${service} service endpoint.`,
    };
  }
  if (from.kind === "internet") {
    const ipRules = (acls.ipRules ?? []).map((r) => r.value);
    if (inPrefixes(from.ip, ipRules)) return { step: "service", ok: true, detail: `${from.ip} is in ${who}'s IP rules` };
    return { step: "service", ok: false, detail: `${who}'s firewall denies ${from.ip}`, fix: `Add ${from.ip} to ${who}'s IP rules, or reach it privately.` };
  }
  return { step: "service", ok: false, detail: `${who}'s firewall denies traffic from ${from.name}`, fix: fixPrivate };
}
