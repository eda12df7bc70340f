// Migration: a best-effort blueprint from an imported model, so a team that audited
// its template can move to blueprints. It writes what maps cleanly (workspace, dependencies,
// VNets and subnets, Bastion, endpoints, compute, clients) and puts a comment wherever it had to
// guess: a subnet's purpose, DNS zones left to `auto`, role assignments left to `auto`, resources
// it only refers to, types it leaves out. Comments and values go through the YAML library, never
// string concatenation, so nothing from the template becomes YAML syntax.
import { oneLine, quoteInput } from "../../core/quote.ts";
import { Document, isSeq, visit, YAMLMap, YAMLSeq, type Node } from "yaml";
import { idKey, lastName, parentId } from "../../core/ids.ts";
import type { Model } from "../../core/model.ts";
import { Analysis } from "../../core/analysis.ts";
import { props } from "../../core/props.ts";
import { isKnownType, T } from "../../core/registry.ts";
import { endpoints, isProject, name, shortName, workspaces } from "../../core/views.ts";
import type { Resource } from "../../core/types.ts";

export interface Migrated {
  readonly text: string;
  /** What it guessed, one line each (also written as comments in the text). */
  readonly guesses: readonly string[];
}


export function blueprintFromModel(model: Model, from: string): Migrated {
  const views = new Analysis(model);
  const guesses: string[] = [];
  // Guesses about no one node go at the end of the file.
  const trailing: string[] = [];
  const note = (text: string) => {
    guesses.push(text);
    trailing.push(text);
  };
  const doc = new Document({});
  const root = doc.contents as YAMLMap;
  const guess = (node: Node | undefined, text: string) => {
    guesses.push(text);
    // A comment is one line of text per guess: input quoted in it never starts a line of its own.
    if (node) node.commentBefore = node.commentBefore ? `${node.commentBefore}\n guess: ${oneLine(text)}` : ` guess: ${oneLine(text)}`;
  };
  const set = (map: YAMLMap, key: string, value: unknown) => {
    map.set(key, doc.createNode(value));
    return map.get(key, true) as Node;
  };
  doc.commentBefore = ` Written by amlnet import from ${quoteInput(from, 300)}: a best effort.\n Review every 'guess' below, then run amlnet check on this file.`;

  // A name the input leaves to apply (a Terraform random_string, say: `{azurerm_storage_account.st.name}`)
  // gets a valid stand-in for the blueprint, said as a guess.
  const standIns: string[] = [];
  const named = (r: Resource, prefix = ""): string => {
    const n = shortName(r);
    if (!n.includes("{")) return n;
    // The block's label (`default` of azurerm_storage_account.default) names the stand-in.
    const label = /\{(?:module\.[^.]+\.)*[a-z0-9_]+\.([A-Za-z0-9_-]+)/.exec(n)?.[1] ?? "x";
    const stem = label.toLowerCase().replace(/_/g, "-");
    const stand = r.type === T.storage ? `${prefix}${stem}`.replace(/[^a-z0-9]/g, "").slice(0, 24) : `${prefix}${stem}`.slice(0, 60);
    standIns.push(`${stand} stands in for ${n}, a name known only after apply: give the real one`);
    return stand;
  };
  // The workspace the blueprint describes: a hub rather than one of its projects.
  // (A workspace the input only refers to, a project's hub elsewhere, is not one to describe.)
  const all = workspaces(views).filter((w) => !w.unknown);
  const ws = all.find((w) => !isProject(w)) ?? all[0];
  if (model.cloud !== "AzureCloud") set(root, "cloud", model.cloud);
  set(root, "region", model.region);
  const group = (ws ?? model.resources.find((r) => !r.unknown))?.id.split("/")[4];
  if (group) set(root, "resourceGroup", group);
  if (!ws) guess(root.get("region", true) as Node, "the input has no workspace; one named mlw is assumed");
  const w = props.workspace(ws);
  const workspace: Record<string, unknown> = { name: ws ? named(ws, "mlw-") : "mlw" };
  if (w.publicNetworkAccess === "Enabled") workspace.publicNetworkAccess = "Enabled";
  const mn = w.managedNetwork as { isolationMode?: string } | undefined;
  if (mn && typeof mn.isolationMode === "string" && !/^disabled$/i.test(mn.isolationMode))
    workspace.network = { mode: "managed", isolationMode: /internet/i.test(mn.isolationMode) ? "AllowInternetOutbound" : "AllowOnlyApprovedOutbound" };
  if (ws?.kind?.toLowerCase() === "hub") workspace.kind = "Hub";
  // Its projects [HUBPL]; what a blueprint can't hold is said, never dropped silently.
  const projects = ws ? all.filter((p) => p !== ws && isProject(p) && idKey(String(props.workspace(p).hubResourceId)) === idKey(ws.id)) : [];
  if (projects.length) workspace.projects = projects.map((p) => ({ name: named(p) }));
  const wsNode = set(root, "workspace", workspace);
  if (ws && isProject(ws)) guess(wsNode, `${shortName(ws)} is a project of hub ${String(props.workspace(ws).hubResourceId).split("/").pop()}, which the input doesn't hold: a blueprint describes the hub with its projects; written here as a workspace of its own`);
  const otherWorkspaces = all.filter((w) => w !== ws && !projects.includes(w));
  if (otherWorkspaces.length) guess(wsNode, `not carried over (a blueprint holds one workspace and its hub's projects): ${otherWorkspaces.map((w) => shortName(w)).join(", ")}`);
  if (workspace.network && (mn as { outboundRules?: object }).outboundRules) guess(wsNode, "the managed network's outbound rules are not carried over: add them under workspace.network.outboundRules");

  // The workspace's dependencies: created here, or existing ones referred to by id.
  const dependency = (key: "storage" | "keyVault" | "containerRegistry", id: string | undefined, extra: (r: Resource) => Record<string, unknown>) => {
    const r = model.get(id);
    if (!id) return;
    const value: Record<string, unknown> = { name: r ? named(r, key === "storage" ? "st" : key === "keyVault" ? "kv-" : "cr") : id.split("/").pop()! };
    if (r?.unknown || !r) value.existing = id;
    else Object.assign(value, extra(r));
    const node = set(root, key, value);
    if (r?.unknown || !r) guess(node, `${value.name} is another deployment's: referred to by id, its settings unknown`);
  };
  dependency("storage", w.storageAccount, (r) => (props.gated(r).publicNetworkAccess === "Enabled" ? { publicNetworkAccess: "Enabled" } : {}));
  dependency("keyVault", w.keyVault, (r) => (props.gated(r).publicNetworkAccess === "Enabled" ? { publicNetworkAccess: "Enabled" } : {}));
  dependency("containerRegistry", w.containerRegistry, (r) => ({ ...(r.sku?.name && r.sku.name !== "Premium" ? { sku: r.sku.name } : {}), ...(props.gated(r).publicNetworkAccess === "Enabled" ? { publicNetworkAccess: "Enabled" } : {}) }));
  if (!w.storageAccount) set(root, "storage", { name: "stchangeme" });
  if (!w.keyVault) set(root, "keyVault", { name: "kv-changeme" });

  // VNets and subnets this input deploys; a subnet's purpose is read from what sits in it.
  const subnetRef = (id: string | undefined) => {
    const s = model.get(id);
    const v = s && model.get(parentId(s.id));
    return s && v ? `${shortName(v)}/${shortName(s)}` : undefined;
  };
  const occupants = new Map<string, Set<string>>();
  const occupy = (subnet: string | undefined, what: string) => subnet && occupants.set(idKey(subnet), new Set([...(occupants.get(idKey(subnet)) ?? []), what]));
  for (const e of endpoints(views)) occupy(e.subnetId, "endpoints");
  for (const c of model.ofType(T.compute)) occupy(props.compute(c).properties?.subnet?.id, "training");
  for (const c of model.clients) occupy(c.subnet, "jumpbox");
  const vnets = model.ofType(T.vnet).filter((v) => !v.unknown);
  const vnetNodes = vnets.map((v) => {
    const subnets = model.children(v.id, T.subnet).map((s) => {
      const p = props.subnet(s);
      const found = [...(occupants.get(idKey(s.id)) ?? [])];
      const purpose = /^AzureBastionSubnet$/i.test(shortName(s)) ? "bastion" : /^AzureFirewallSubnet$/i.test(shortName(s)) ? "firewall" : /^GatewaySubnet$/i.test(shortName(s)) ? "gateway" : found.length === 1 ? found[0] : "other";
      return { entry: { name: shortName(s), purpose, ...(typeof p.addressPrefix === "string" ? { prefix: p.addressPrefix } : {}) }, mixed: found.length > 1 ? found : undefined };
    });
    return { vnet: v, subnets };
  });
  if (vnetNodes.length) {
    const networks = new YAMLMap();
    root.set("networks", networks);
    const list = doc.createNode(vnetNodes.map(({ vnet, subnets }) => ({ name: shortName(vnet), addressSpace: props.vnet(vnet).addressSpace?.addressPrefixes ?? [], subnets: subnets.map((s) => s.entry) }))) as YAMLSeq;
    networks.set("vnets", list);
    vnetNodes.forEach(({ subnets }, i) => {
      const subnetSeq = (list.items[i] as YAMLMap).get("subnets", true);
      if (!isSeq(subnetSeq)) return;
      subnets.forEach((s, j) => {
        if (s.mixed) guess(subnetSeq.items[j] as Node, `subnet ${s.entry.name} holds ${s.mixed.join(" and ")}: its purpose is 'other'; pick one`);
      });
    });
    const bastions = model.ofType(T.bastion).flatMap((b) => {
      const subnet = props.appliance(b).ipConfigurations?.[0]?.properties?.subnet?.id;
      const vnet = subnet && model.get(parentId(subnet));
      return vnet ? [{ name: shortName(b), vnet: shortName(vnet) }] : [];
    });
    if (bastions.length) networks.set("bastions", doc.createNode(bastions));
    // Peerings between VNets the blueprint holds: a pair once, one-way when only one side exists;
    // gateway transit on the side that offers it, remote gateways on the side that uses them.
    const names = new Map(vnets.map((v) => [idKey(v.id), shortName(v)]));
    const sides = new Map<string, { from: string; to: string; transit: boolean; remote: boolean }>();
    const toOutside: string[] = [];
    for (const v of vnets)
      for (const pr of model.children(v.id, T.peering)) {
        const remote = props.peering(pr).remoteVirtualNetwork?.id;
        const to = typeof remote === "string" ? names.get(idKey(remote)) : undefined;
        if (!to) toOutside.push(`${shortName(v)} -> ${typeof remote === "string" ? lastName(remote) : "?"}`);
        else sides.set(`${shortName(v)} ${to}`, { from: shortName(v), to, transit: props.peering(pr).allowGatewayTransit === true, remote: props.peering(pr).useRemoteGateways === true });
      }
    const peerings: Record<string, unknown>[] = [];
    const done = new Set<string>();
    for (const side of sides.values()) {
      const back = sides.get(`${side.to} ${side.from}`);
      const key = [side.from, side.to].sort().join(" ");
      if (done.has(key)) continue;
      done.add(key);
      // The first VNet of the pair offers its gateway; the second uses it.
      const [first, second] = back && (back.transit || side.remote) ? [back, side] : [side, back];
      peerings.push({
        between: [first.from, first.to],
        ...(first.transit ? { allowGatewayTransit: true } : {}),
        ...(second?.remote ? { useRemoteGateways: true } : {}),
        ...(second ? {} : { oneWay: true }),
      });
    }
    if (peerings.length) networks.set("peerings", doc.createNode(peerings));
    if (toOutside.length) note(`peerings to VNets the input doesn't hold are left out: ${toOutside.join(", ")}`);
  }
  for (const v of model.ofType(T.vnet).filter((x) => x.unknown)) note(`VNet ${name(v)} is another deployment's: endpoints into it are left out; describe it under networks.vnets to check it`);

  // Endpoints, grouped by subnet, their targets named as the blueprint names them.
  const bySubnet = new Map<string, Set<string>>();
  for (const e of endpoints(views)) {
    const subnet = subnetRef(e.subnetId);
    const target = e.targetId?.toLowerCase();
    const named =
      target === ws?.id.toLowerCase() ? "workspace" : target === w.storageAccount?.toLowerCase() ? `storage:${e.groupIds[0] ?? "blob"}` : target === w.keyVault?.toLowerCase() ? "keyVault" : target === w.containerRegistry?.toLowerCase() ? "containerRegistry" : e.target?.type === T.aiServices ? `aiServices/${shortName(e.target)}` : undefined;
    if (!subnet || !named) continue;
    bySubnet.set(subnet, new Set([...(bySubnet.get(subnet) ?? []), named]));
  }
  if (bySubnet.size) set(root, "endpoints", [...bySubnet].map(([subnet, targets]) => ({ subnet, targets: [...targets].sort() })));

  // DNS as the input has it: its zones by name (a misspelled one stays misspelled, so its findings
  // stay too), each linked to the VNets it is linked to, and zone groups if its endpoints have them.
  const vnetNames = new Map(vnets.map((v) => [idKey(v.id), shortName(v)]));
  const lostLinks: string[] = [];
  const privateZones = model.ofType(T.zone).map((z) => {
    const links = model.children(z.id, T.zoneLink).flatMap((l) => {
      const vnet = props.vnetBound(l).virtualNetwork?.id;
      const named = typeof vnet === "string" ? vnetNames.get(idKey(vnet)) : undefined;
      if (!named) lostLinks.push(`${shortName(z)} -> ${typeof vnet === "string" ? lastName(vnet) : "?"}`);
      return named ? [named] : [];
    });
    const redirect = model.children(z.id, T.zoneLink).some((l) => props.vnetBound(l).resolutionPolicy === "NxDomainRedirect");
    return { name: shortName(z), ...(z.unknown || z.existing ? { existing: z.id } : {}), links: [...new Set(links)].sort(), ...(redirect ? { resolutionPolicy: "NxDomainRedirect" } : {}) };
  });
  const pes = endpoints(views);
  const grouped = pes.filter((e) => model.children(e.pe.id, T.zoneGroup).length > 0).length;
  const dnsNode = set(root, "dns", { zones: "manual", privateZones, zoneGroups: grouped > 0 || pes.length === 0 });
  if (grouped > 0 && grouped < pes.length) guess(dnsNode, `${pes.length - grouped} of ${pes.length} endpoints have no zone group in the input; zoneGroups: true gives every endpoint one`);
  if (lostLinks.length) guess(dnsNode, `links to VNets the input doesn't hold are left out: ${lostLinks.join(", ")}`);

  // Compute in its subnets.
  const computes = model.ofType(T.compute).map((c) => ({ c, p: props.compute(c) }));
  const clusters = computes.filter(({ p }) => p.computeType === "AmlCompute").map(({ c, p }) => ({ name: named(c, "cpu-"), ...(subnetRef(p.properties?.subnet?.id) ? { subnet: subnetRef(p.properties?.subnet?.id) } : {}) }));
  const instances = computes.filter(({ p }) => p.computeType === "ComputeInstance").map(({ c, p }) => ({ name: named(c, "ci-"), ...(subnetRef(p.properties?.subnet?.id) ? { subnet: subnetRef(p.properties?.subnet?.id) } : {}) }));
  if (clusters.length || instances.length) set(root, "compute", { ...(clusters.length ? { clusters } : {}), ...(instances.length ? { instances } : {}) });
  const other = computes.filter(({ p }) => p.computeType !== "AmlCompute" && p.computeType !== "ComputeInstance").map(({ c }) => shortName(c));
  if (other.length) note(`compute ${other.join(", ")} (Kubernetes or attached) not carried over: add it under compute.kubernetes`);

  // Clients: those given or inferred, as blueprint clients.
  const clients = model.clients.flatMap((c) => {
    if (c.kind !== "vm") return [];
    const subnet = subnetRef(c.subnet);
    const via = model.get(c.via);
    return subnet ? [{ kind: "vm", name: c.name, subnet, ...(via ? { via: shortName(via) } : {}) }] : [];
  });
  if (clients.length) set(root, "clients", clients);

  const roles = model.ofType(T.roleAssignment).length;
  const rolesNode = set(root, "roleAssignments", "auto");
  if (roles) guess(rolesNode, `the input assigns ${roles} role(s); auto assigns those the documents require`);
  const left = [...new Set(model.resources.filter((r) => !isKnownType(r.type)).map((r) => r.type))].sort();
  if (left.length) note(`left out (amlnet doesn't model them): ${left.join(", ")}`);
  // What amlnet models but this blueprint doesn't carry (NSGs, routes, firewalls and their
  // policies, peerings, hub connections, services of integrations): said, never dropped silently.
  const notCarried = new Map<string, number>();
  for (const r of model.resources)
    if (!r.unknown && !r.existing && isKnownType(r.type) && !CARRIED.has(r.type)) notCarried.set(r.type, (notCarried.get(r.type) ?? 0) + 1);
  if (notCarried.size)
    note(`not carried over (describe them in the blueprint to check them): ${[...notCarried].sort(([a], [b]) => a.localeCompare(b)).map(([t, n]) => `${n} ${t}`).join(", ")}`);
  for (const text of standIns) note(text);
  if (trailing.length) doc.comment = trailing.map((g) => ` guess: ${oneLine(g)}`).join("\n");
  return { text: yamlText(doc), guesses };
}

/**
 * The types this blueprint writes, or writes for itself from what it says (zone groups and links
 * with `dns.zones: auto`, role assignments with `roleAssignments: auto`, a jump box's NIC and a
 * Bastion's public IP, the workspace's monitoring).
 */
const CARRIED: ReadonlySet<string> = new Set([
  T.workspace,
  T.storage,
  T.keyVault,
  T.acr,
  T.vnet,
  T.subnet,
  T.peering,
  T.bastion,
  T.publicIp,
  T.pe,
  T.zoneGroup,
  T.zone,
  T.zoneLink,
  T.aRecord,
  T.compute,
  T.roleAssignment,
  T.vm,
  T.nic,
  T.appInsights,
  T.logAnalytics,
]);

// What the template holds is a YAML value, never YAML, and never a line of its own: a string
// with a line break or another unprintable character is written double-quoted with escapes (no
// block scalar, no folding), so no line of the blueprint is a name's.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

function yamlText(doc: Document): string {
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === "string" && UNPRINTABLE.test(node.value)) node.type = "QUOTE_DOUBLE";
    },
  });
  // YAML's double-quoted style leaves NEL, LS and PS as they are; inside quotes an escape is the same string.
  return doc.toString({ lineWidth: 0, blockQuote: false, doubleQuotedAsJSON: true }).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
