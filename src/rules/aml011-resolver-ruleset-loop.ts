import { rule } from "./rule.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML011",
  title: "DNS forwarding ruleset loops to its own resolver",
  severity: "error",
  facts: ["F68"],
  docs: ["RESOLVER"],
  description:
    "A forwarding ruleset linked to the resolver's own VNet must not send a domain to that resolver's inbound endpoint: the query goes out through the outbound endpoint, comes back in, matches the same rule and loops until it fails.",
  check(m) {
    const hits = [];
    for (const resolver of m.ofType(T.resolver)) {
      const vnet = String(m.props.vnetBound(resolver).virtualNetwork?.id ?? "").toLowerCase();
      const inbound = new Set(
        m.children(resolver.id, T.inboundEndpoint).flatMap((i) => (m.props.inboundEndpoint(i).ipConfigurations ?? []).map((c) => c.privateIpAddress)),
      );
      for (const ruleset of m.ofType(T.ruleset)) {
        const linked = m.children(ruleset.id, T.rulesetLink).some((l) => String(m.props.vnetBound(l).virtualNetwork?.id).toLowerCase() === vnet);
        if (!linked) continue;
        for (const fr of m.children(ruleset.id, T.forwardingRule)) {
          const targets = m.props.forwardingRule(fr).targetDnsServers ?? [];
          if (targets.some((t) => inbound.has(t.ipAddress)))
            hits.push({
              resource: fr,
              message: `Rule for ${m.props.forwardingRule(fr).domainName} forwards to ${resolver.name}'s own inbound endpoint from a ruleset linked to its VNet: queries loop and fail.`,
              fix: "Unlink the ruleset from the resolver's VNet, or forward to a DNS server outside it (or to nothing: that VNet already resolves the zones).",
            });
        }
      }
    }
    return hits;
  },
  cases: {
    pass: [
      `networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-in, purpose: dns-inbound, size: 28}, {name: snet-out, purpose: dns-outbound, size: 28}]}] }
dns: { resolver: { name: dnspr, vnet: vnet-ml, inboundSubnet: snet-in, outboundSubnet: snet-out, inboundIp: 10.0.2.4, forwardingRules: [{domain: corp.contoso.com, targets: [192.168.0.10]}], rulesetLinks: [vnet-ml] } }`,
    ],
    fail: [
      { patch: `networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-in, purpose: dns-inbound, size: 28}, {name: snet-out, purpose: dns-outbound, size: 28}]}] }
dns: { resolver: { name: dnspr, vnet: vnet-ml, inboundSubnet: snet-in, outboundSubnet: snet-out, inboundIp: 10.0.2.4, forwardingRules: [{domain: api.azureml.ms, targets: [10.0.2.4]}], rulesetLinks: [vnet-ml] } }`, fires: [{ at: "dns.resolver.forwardingRules.0", says: "Rule for api.azureml.ms. forwards to dnspr's own inbound endpoint from a ruleset linked" }] },
    ],
  },
});
