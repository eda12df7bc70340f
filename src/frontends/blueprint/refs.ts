// Reference checks: every name a blueprint uses must name something it declares, and names
// are unique within their kind. Errors carry the path of the offending value.
import type { SourcePath } from "../../core/source.ts";
import { endpointTargets, type Blueprint } from "./schema.ts";
import { allocateSubnets } from "./lower/addresses.ts";
import { Lookup } from "./lookup.ts";
import { parseCidr } from "../../core/net/cidr.ts";
import { knownRegion, regionsOf } from "../../core/knowledge/regions.ts";
import { closest } from "../../core/closest.ts";
import { synapseDataLake } from "./lower/services.ts";

export interface RefError {
  readonly path: SourcePath;
  readonly message: string;
}

export function checkReferences(bp: Blueprint): RefError[] {
  const lookup = new Lookup();
  const errors: RefError[] = [];
  const fail = (path: SourcePath, message: string) => errors.push({ path, message });
  const n = bp.networks;

  // Azure names are case-insensitive: Storage1 and storage1 are one name, and a second definition
  // would silently replace the first.
  unique(n.vnets, ["networks", "vnets"], "VNet", fail);
  n.vnets.forEach((v, i) => unique(v.subnets, ["networks", "vnets", i, "subnets"], `subnet of ${v.name}`, fail));
  unique(n.nsgs, ["networks", "nsgs"], "NSG", fail);
  n.nsgs.forEach((g, i) => unique(g.rules, ["networks", "nsgs", i, "rules"], `rule of NSG ${g.name}`, fail));
  unique(n.applicationSecurityGroups, ["networks", "applicationSecurityGroups"], "application security group", fail);
  unique(n.routeTables, ["networks", "routeTables"], "route table", fail);
  n.routeTables.forEach((t, i) => unique(t.routes, ["networks", "routeTables", i, "routes"], `route of ${t.name}`, fail));
  unique(n.natGateways, ["networks", "natGateways"], "NAT gateway", fail);
  unique(n.firewalls, ["networks", "firewalls"], "firewall", fail);
  n.firewalls.forEach((f, i) => unique(f.rules, ["networks", "firewalls", i, "rules"], `rule of firewall ${f.name}`, fail));
  unique(n.gateways, ["networks", "gateways"], "gateway", fail);
  unique(n.bastions, ["networks", "bastions"], "bastion", fail);
  unique(bp.registries, ["registries"], "registry", fail);
  unique(bp.integrations.synapse, ["integrations", "synapse"], "Synapse workspace", fail);
  unique(bp.integrations.dataFactory, ["integrations", "dataFactory"], "Data Factory", fail);
  unique(bp.integrations.paas, ["integrations", "paas"], "PaaS resource", fail);
  unique(bp.integrations.aiServices, ["integrations", "aiServices"], "AI Services account", fail);
  unique(bp.compute.kubernetes, ["compute", "kubernetes"], "AKS cluster", fail);
  unique(bp.inference.onlineEndpoints, ["inference", "onlineEndpoints"], "online endpoint", fail);
  unique(bp.dns.servers, ["dns", "servers"], "DNS server", fail);
  if (bp.workspace.network.mode === "managed") unique(bp.workspace.network.outboundRules, ["workspace", "network", "outboundRules"], "outbound rule", fail);
  // Projects belong to a hub, and share the workspaces' namespace with it.
  if (bp.workspace.projects.length && bp.workspace.kind !== "Hub") fail(["workspace", "projects"], "projects belong to a hub: set workspace.kind: Hub");
  unique([{ name: bp.workspace.name }, ...bp.workspace.projects], ["workspace", "projects"], "workspace or project", (path, message) => fail(["workspace", "projects", Number(path[2]) - 1, "name"], message));
  // Instances and clusters share one namespace: the workspace's computes.
  const computeNames = new Set<string>();
  (["instances", "clusters"] as const).forEach((kind) =>
    bp.compute[kind].forEach((c, i) => {
      if (computeNames.has(c.name.toLowerCase())) fail(["compute", kind, i, "name"], `duplicate compute name '${c.name}'`);
      computeNames.add(c.name.toLowerCase());
    }),
  );
  unique(bp.clients, ["clients"], "client", fail);
  checkAzureValues(bp, fail);

  const vnets = new Map(n.vnets.map((v) => [v.name, v]));
  const subnets = new Set(n.vnets.flatMap((v) => v.subnets.map((s) => `${v.name}/${s.name}`)));
  const has = (list: readonly { name: string }[], name: string) => lookup.findBy(list, "name", name) !== undefined;
  const vnet = (path: SourcePath, name: string) => vnets.has(name) || fail(path, `no VNet named '${name}' in networks.vnets`);
  const subnet = (path: SourcePath, ref: string | undefined) =>
    ref === undefined || subnets.has(ref) || fail(path, `no subnet '${ref}' (write <vnet>/<subnet> of networks.vnets)`);
  const special = (path: SourcePath, vnetName: string, subnetName: string, what: string) =>
    vnets.get(vnetName)?.subnets.some((s) => s.name === subnetName) ||
    fail(path, `${what} needs a subnet named ${subnetName} in VNet '${vnetName}'`);

  n.vnets.forEach((v, i) =>
    v.subnets.forEach((s, j) => {
      const at = ["networks", "vnets", i, "subnets", j];
      if (s.prefix === undefined && s.size === undefined) fail(at, `subnet '${s.name}' needs a prefix or a size`);
      if (s.prefix !== undefined && s.size !== undefined) fail(at, `subnet '${s.name}' gives both a prefix and a size; keep one`);
      if (!["auto", "none"].includes(s.nsg) && !has(n.nsgs, s.nsg)) fail([...at, "nsg"], `no NSG named '${s.nsg}' in networks.nsgs`);
      if (s.routeTable && !has(n.routeTables, s.routeTable)) fail([...at, "routeTable"], `no route table named '${s.routeTable}' in networks.routeTables`);
      if (!["auto", "none"].includes(s.natGateway) && !has(n.natGateways, s.natGateway))
        fail([...at, "natGateway"], `no NAT gateway named '${s.natGateway}' in networks.natGateways`);
    }),
  );
  const asg = (path: SourcePath, name: string) => has(n.applicationSecurityGroups, name) || fail(path, `no application security group named '${name}' in networks.applicationSecurityGroups`);
  n.nsgs.forEach((g, i) =>
    g.rules.forEach((r, j) => {
      const at = ["networks", "nsgs", i, "rules", j];
      (["sourceAsgs", "destinationAsgs"] as const).forEach((k) => r[k].forEach((x, l) => asg([...at, k, l], x)));
      if (r.sourceAsgs.length && r.source !== "*") fail([...at, "source"], `rule '${r.name}' names both a source and sourceAsgs; keep one`);
      if (r.destinationAsgs.length && r.destination !== "*") fail([...at, "destination"], `rule '${r.name}' names both a destination and destinationAsgs; keep one`);
    }),
  );
  bp.clients.forEach((c, i) => {
    if (c.kind !== "vm" || !c.deploy) return;
    if (c.deploy.nsg && !has(n.nsgs, c.deploy.nsg)) fail(["clients", i, "deploy", "nsg"], `no NSG named '${c.deploy.nsg}' in networks.nsgs`);
    c.deploy.asgs.forEach((x, l) => asg(["clients", i, "deploy", "asgs", l], x));
  });
  n.peerings.forEach((p, i) => p.between.forEach((v, k) => vnet(["networks", "peerings", i, "between", k], v)));
  n.firewalls.forEach((f, i) => vnet(["networks", "firewalls", i, "vnet"], f.vnet) && special(["networks", "firewalls", i, "vnet"], f.vnet, "AzureFirewallSubnet", `firewall '${f.name}'`));
  n.gateways.forEach((g, i) => vnet(["networks", "gateways", i, "vnet"], g.vnet) && special(["networks", "gateways", i, "vnet"], g.vnet, "GatewaySubnet", `gateway '${g.name}'`));
  n.bastions.forEach((b, i) => vnet(["networks", "bastions", i, "vnet"], b.vnet) && special(["networks", "bastions", i, "vnet"], b.vnet, "AzureBastionSubnet", `Bastion '${b.name}'`));
  n.routeTables.forEach((t, i) =>
    t.routes.forEach((r, j) => {
      const at = ["networks", "routeTables", i, "routes", j];
      if (r.firewall && !has(n.firewalls, r.firewall)) fail([...at, "firewall"], `no firewall named '${r.firewall}' in networks.firewalls`);
      if (r.nextHop === "VirtualAppliance" && !r.firewall && !r.nextHopIp) fail(at, `route '${r.name}' to a VirtualAppliance needs nextHopIp or firewall`);
    }),
  );

  bp.storage.virtualNetworkRules.forEach((s, i) => subnet(["storage", "virtualNetworkRules", i], s));
  bp.endpoints.forEach((e, i) => {
    subnet(["endpoints", i, "subnet"], e.subnet);
    endpointTargets(bp, e).forEach((t, j) => {
      const at = ["endpoints", i, "targets", j];
      const [kind, rest] = t.split("/");
      const target = rest?.split(":")[0];
      if (kind === "containerRegistry" && !bp.containerRegistry) fail(at, "no containerRegistry in this blueprint");
      if (kind === "monitoring" && !bp.monitoring?.privateLinkScope) fail(at, "monitoring endpoints need monitoring.privateLinkScope");
      if (kind === "registry" && !has(bp.registries, target)) fail(at, `no registry named '${target}' in registries`);
      if (kind === "aiServices" && !has(bp.integrations.aiServices, target)) fail(at, `no AI Services account named '${target}' in integrations.aiServices`);
      if (kind === "synapse" && !has(bp.integrations.synapse, target)) fail(at, `no Synapse workspace named '${target}' in integrations.synapse`);
      if (kind === "paas" && !has(bp.integrations.paas, target)) fail(at, `no PaaS resource named '${target}' in integrations.paas`);
    });
  });
  const computes = [...bp.compute.instances.map((c, i) => ["instances", i, c] as const), ...bp.compute.clusters.map((c, i) => ["clusters", i, c] as const)];
  for (const [kind, i, c] of computes) subnet(["compute", kind, i, "subnet"], c.subnet);
  if (bp.workspace.serverless) subnet(["workspace", "serverless", "subnet"], bp.workspace.serverless.subnet);
  n.vnets.forEach((v, i) =>
    v.dnsServers.forEach((server, j) => {
      if (/^\d+\.\d+\.\d+\.\d+$/.test(server)) return;
      const fw = lookup.findBy(n.firewalls, "name", server);
      if (!fw) fail(["networks", "vnets", i, "dnsServers", j], `no firewall named '${server}' in networks.firewalls`);
      else if (!fw.dnsProxy) fail(["networks", "vnets", i, "dnsServers", j], `firewall '${server}' is a DNS server only with dnsProxy: true`);
    }),
  );
  bp.compute.kubernetes.forEach((k, i) => {
    subnet(["compute", "kubernetes", i, "subnet"], k.subnet);
    // F27: the Azure ML extension installs secure scoring only with a TLS name, certificate and key.
    if (k.mlExtension && !k.scoringTls && !k.allowInsecureScoring)
      fail(["compute", "kubernetes", i], `AKS '${k.name}' runs the Azure ML extension: give scoringTls.cname (certificate and key come at deployment) or set allowInsecureScoring: true`);
    if (k.scoringTls && k.allowInsecureScoring) fail(["compute", "kubernetes", i, "allowInsecureScoring"], `AKS '${k.name}' gives scoringTls and allowInsecureScoring: keep one`);
  });

  const dns = bp.dns;
  dns.privateZones.forEach((z, i) => z.links.forEach((l, j) => vnet(["dns", "privateZones", i, "links", j], l)));
  // Zones of one name may repeat only in different resource groups (an existing id elsewhere), and
  // Azure links a VNet to at most one zone of a name.
  const zoneGroups = new Map<string, number>();
  const zoneLinks = new Map<string, number>();
  dns.privateZones.forEach((z, i) => {
    const group = (z.existing?.split("/")[4] ?? bp.resourceGroup).toLowerCase();
    const key = `${z.name.toLowerCase()} ${group}`;
    const first = zoneGroups.get(key);
    if (first !== undefined)
      fail(["dns", "privateZones", i, "name"], `zone '${z.name}' is already dns.privateZones[${first}] in resource group ${group}: a second zone of this name needs existing: <its id in another resource group>`);
    else zoneGroups.set(key, i);
    z.links.forEach((l, j) => {
      const linkKey = `${z.name.toLowerCase()} ${l}`;
      const other = zoneLinks.get(linkKey);
      if (other !== undefined && other !== i)
        fail(["dns", "privateZones", i, "links", j], `VNet '${l}' is already linked to a zone named '${z.name}' (dns.privateZones[${other}]): Azure links a VNet to one zone of a name`);
      else zoneLinks.set(linkKey, i);
    });
  });
  dns.servers.forEach((s, i) => vnet(["dns", "servers", i, "vnet"], s.vnet));
  if (dns.resolver) {
    const r = dns.resolver;
    if (vnet(["dns", "resolver", "vnet"], r.vnet)) {
      special(["dns", "resolver", "inboundSubnet"], r.vnet, r.inboundSubnet, `resolver '${r.name}'`);
      if (r.outboundSubnet) special(["dns", "resolver", "outboundSubnet"], r.vnet, r.outboundSubnet, `resolver '${r.name}'`);
    }
    r.rulesetLinks.forEach((l, j) => vnet(["dns", "resolver", "rulesetLinks", j], l));
    if (r.forwardingRules.length > 0 && !r.outboundSubnet) fail(["dns", "resolver", "forwardingRules"], "forwarding rules need an outboundSubnet for the resolver's outbound endpoint");
  }

  if (bp.workspace.network.mode === "managed") {
    bp.workspace.network.outboundRules.forEach((r, i) => {
      if (r.type !== "PrivateEndpoint") return;
      const [kind, target] = r.target.split("/");
      const at = ["workspace", "network", "outboundRules", i, "target"];
      if (r.target.startsWith("/subscriptions/")) return;
      if (kind === "aiServices" && !has(bp.integrations.aiServices, target)) fail(at, `no AI Services account named '${target}'`);
      else if (kind === "synapse" && !has(bp.integrations.synapse, target)) fail(at, `no Synapse workspace named '${target}'`);
      else if (!["storage", "keyVault", "containerRegistry", "aiServices", "synapse"].includes(kind))
        fail(at, "target is storage, keyVault, containerRegistry, aiServices/<name>, synapse/<name> or a resource id");
      else if (kind === "containerRegistry" && !bp.containerRegistry) fail(at, "no containerRegistry in this blueprint");
    });
  }

  bp.clients.forEach((c, i) => {
    const at = ["clients", i];
    if (c.kind === "vm") {
      subnet([...at, "subnet"], c.subnet);
      if (c.via && !has(n.bastions, c.via)) fail([...at, "via"], `no Bastion named '${c.via}' in networks.bastions`);
    }
    if (c.kind === "on-premises" && !has(n.gateways, c.gateway)) fail([...at, "gateway"], `no gateway named '${c.gateway}' in networks.gateways`);
    if (c.kind === "synapse-spark" && !has(bp.integrations.synapse, c.synapse)) fail([...at, "synapse"], `no Synapse workspace named '${c.synapse}'`);
  });

  bp.integrations.synapse.forEach((s, i) => {
    const at = ["integrations", "synapse", i];
    s.allowedRanges.forEach((range, j) => {
      if (!parseCidr(range)) fail([...at, "allowedRanges", j], `'${range}' is not an IPv4 address or prefix with its host bits zero`);
    });
    if (s.access === "private" && s.allowedRanges.length) fail([...at, "allowedRanges"], `Synapse '${s.name}' is private: its firewall is closed, so allowedRanges has no effect; drop one`);
    if (s.access === "private" && !bp.endpoints.some((e) => endpointTargets(bp, e).some((t) => t.split(":")[0] === `synapse/${s.name}`)))
      fail([...at, "access"], `Synapse '${s.name}' is private but no endpoint targets synapse/${s.name}: add it to an endpoint's targets`);
  });

  if (Array.isArray(bp.roleAssignments)) {
    bp.roleAssignments.forEach((r, i) => {
      const [kind, name] = r.principal.split("/");
      if (kind === "synapse" && !has(bp.integrations.synapse, name)) fail(["roleAssignments", i, "principal"], `no Synapse workspace named '${name}'`);
      if (kind === "aks" && !has(bp.compute.kubernetes, name)) fail(["roleAssignments", i, "principal"], `no AKS cluster named '${name}'`);
    });
  }

  // Allocation last: it needs valid subnet declarations to say anything useful.
  if (errors.length === 0) errors.push(...allocateSubnets(bp).errors);
  return errors;
}

function unique(list: readonly { name: string }[], path: SourcePath, what: string, fail: (p: SourcePath, m: string) => void): void {
  const seen = new Map<string, string>();
  list.forEach((x, i) => {
    const first = seen.get(x.name.toLowerCase());
    if (first !== undefined) fail([...path, i, "name"], first === x.name ? `duplicate ${what} name '${x.name}'` : `duplicate ${what} name '${x.name}' (Azure names ignore case: '${first}' is the same name)`);
    else seen.set(x.name.toLowerCase(), x.name);
  });
}

/**
 * Values Azure refuses at deployment, refused here with their place: regions the cloud doesn't
 * have, names that break the type's naming rules, NSG priorities used twice in one direction,
 * node counts upside down.
 */
function checkAzureValues(bp: Blueprint, fail: (p: SourcePath, m: string) => void): void {
  const region = (path: SourcePath, value: string | undefined) => {
    if (value === undefined || knownRegion(bp.cloud, value) || bp.acceptRegions.includes(value)) return;
    const near = closest(value, regionsOf(bp.cloud));
    fail(path, `'${value}' is no ${bp.cloud} region${near.length ? `; did you mean ${near.join(", ")}?` : ""} (a region opened since amlnet's list: add it to acceptRegions)`);
  };
  region(["region"], bp.region);
  bp.networks.vnets.forEach((v, i) => region(["networks", "vnets", i, "region"], v.region));
  (["instances", "clusters"] as const).forEach((kind) => bp.compute[kind].forEach((c, i) => region(["compute", kind, i, "region"], c.region)));
  bp.compute.kubernetes.forEach((k, i) => region(["compute", "kubernetes", i, "region"], k.region));

  // Naming rules ("Naming rules and restrictions for Azure resources", and the AML pages for
  // workspaces and computes).
  const named = (path: SourcePath, value: string, re: RegExp, rule: string) => re.test(value) || fail(path, `'${value}' breaks the naming rule: ${rule}`);
  named(["workspace", "name"], bp.workspace.name, /^[A-Za-z0-9][A-Za-z0-9_-]{2,32}$/, "a workspace name is 3-33 letters, digits, '-' and '_', starting with a letter or digit");
  if (!bp.keyVault.existing)
    named(["keyVault", "name"], bp.keyVault.name, /^(?=.{3,24}$)[A-Za-z](?!.*--)[A-Za-z0-9-]*[A-Za-z0-9]$/, "a Key Vault name is 3-24 letters, digits and single hyphens, starting with a letter and ending with a letter or digit");
  named(["resourceGroup"], bp.resourceGroup, /^[A-Za-z0-9_().-]{1,90}$/, "a resource group name is 1-90 letters, digits, '_', '-', '.', '(' and ')'");
  if (/\.$/.test(bp.resourceGroup)) fail(["resourceGroup"], `'${bp.resourceGroup}' breaks the naming rule: a resource group name can't end with '.'`);
  bp.compute.instances.forEach((c, i) =>
    named(["compute", "instances", i, "name"], c.name, /^[A-Za-z][A-Za-z0-9-]{2,23}$/, "a compute instance name is 3-24 letters, digits and '-', starting with a letter"),
  );
  bp.compute.clusters.forEach((c, i) => {
    named(["compute", "clusters", i, "name"], c.name, /^[A-Za-z][A-Za-z0-9-]{1,15}$/, "a compute cluster name is 2-16 letters, digits and '-', starting with a letter");
    if (c.minNodes > c.maxNodes) fail(["compute", "clusters", i, "minNodes"], `minNodes ${c.minNodes} is more than maxNodes ${c.maxNodes}`);
  });

  // Storage account names are global: the default storage and each Synapse Data Lake differ.
  const accounts = new Map<string, string>([[bp.storage.name.toLowerCase(), "storage.name"]]);
  bp.integrations.synapse.forEach((syn, i) => {
    const lake = synapseDataLake(syn);
    const first = accounts.get(lake);
    if (first) fail(["integrations", "synapse", i, syn.dataLake ? "dataLake" : "name"], `Synapse ${syn.name}'s Data Lake account '${lake}' is also ${first}; storage account names are global, so each needs its own`);
    else accounts.set(lake, `integrations.synapse[${i}]'s Data Lake`);
  });

  // "Network security groups": priorities are unique per direction within a group.
  bp.networks.nsgs.forEach((g, i) => {
    const seen = new Map<string, string>();
    g.rules.forEach((r, j) => {
      const key = `${r.direction} ${r.priority}`;
      const other = seen.get(key);
      if (other) fail(["networks", "nsgs", i, "rules", j, "priority"], `NSG ${g.name}: rules '${other}' and '${r.name}' both have ${r.direction.toLowerCase()} priority ${r.priority}; Azure needs each once per direction`);
      else seen.set(key, r.name);
    });
  });
}
