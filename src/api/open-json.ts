// Opening JSON input: a deployment template or an exported estate becomes the same
// kind of project as a blueprint, so check, flows, trace, studio and diff work on it unchanged.
// Clients come from a clients file (the blueprint's clients section) or, without one, are
// inferred where the input shows them: a VM with a NIC in a subnet (through a Bastion in its
// VNet, if there is one) and an on-premises network behind a local network gateway.
import { runDiagnostic } from "../core/diagnostics.ts";
import { loadJson, type JsonOptions } from "../frontends/arm/load.ts";
import { loadClients, type ClientSpec } from "../frontends/blueprint/load.ts";
import { Model } from "../core/model.ts";
import { parentId, resourceGroupName } from "../core/ids.ts";
import { T } from "../core/registry.ts";
import { props } from "../core/props.ts";
import type { Client, Resource } from "../core/types.ts";
import type { InputError, SourceDoc, SourcePath } from "../core/source.ts";
import { quoteInput, someNames } from "../core/quote.ts";
import { RULES } from "../rules/catalog.ts";
import type { Finding } from "../rules/run.ts";
import type { Rule } from "../rules/rule.ts";
import { project, type Opened } from "./project.ts";

export interface JsonOpenOptions extends JsonOptions {
  readonly rules?: readonly Rule[];
  /** A clients file (YAML with the blueprint's `clients:` section). */
  readonly clientsFile?: { readonly file: string; readonly text: string };
}

export function openJson(file: string, text: string, options: JsonOpenOptions = {}): Opened {
  const loaded = loadJson(file, text, options);
  if (!loaded.ok) return loaded;
  return openLoaded(file, loaded, options);
}

/** What a template, estate or Terraform front end read: resources in the model's terms, and what it noticed. */
export interface LoadedInput {
  /** What the input is, for messages ("inferred from the template"). */
  readonly kind: string;
  readonly source: SourceDoc;
  readonly cloud: Model["cloud"];
  readonly region: string;
  readonly resources: readonly Resource[];
  readonly unrecognised: readonly { readonly type: string; readonly count: number }[];
  readonly warnings: readonly { readonly message: string; readonly path: readonly (string | number)[] }[];
  readonly filled: readonly { readonly message: string; readonly path: readonly (string | number)[] }[];
  readonly unset: readonly { readonly message: string; readonly path: readonly (string | number)[] }[];
  /** No property value is unknown (an export's): see ModelInput.valuesKnown. */
  readonly valuesKnown?: boolean;
  /** The resources by lower-case id, as mapping keyed them: see ModelInput.byKey. */
  readonly byKey?: ReadonlyMap<string, Resource>;
  /** The resources by the ids references spell: see ModelInput.exactIds. */
  readonly exactIds?: ReadonlyMap<string, Resource>;
}

/** A project from what a front end read: clients (given or inferred), notes, the model. */
export function openLoaded(file: string, loaded: LoadedInput, options: Pick<JsonOpenOptions, "rules" | "clientsFile"> = {}): Opened {
  let clients: Client[];
  const notes: Finding[] = [
    ...loaded.warnings.map((w) => ({ ...runDiagnostic("AML902"), message: w.message, source: w.path })),
    ...loaded.filled.map((w) => ({ ...runDiagnostic("AML906"), message: w.message, source: w.path })),
    ...loaded.unset.map((w) => ({ ...runDiagnostic("AML908"), message: w.message, source: w.path })),
  ];
  const clientsFile = options.clientsFile;
  if (clientsFile) {
    const c = loadClients(clientsFile.file, clientsFile.text);
    if (!c.ok) return c;
    // The resources a clients file can name, by type and lower-case name, in model order: indexed
    // once (an estate has a hundred thousand resources, a clients file thousands of clients).
    const named = new Map<string, Resource[]>();
    for (const r of loaded.resources)
      if (CLIENT_TARGETS.has(r.type)) {
        const key = `${r.type} ${r.name.toLowerCase()}`;
        const list = named.get(key);
        if (list) list.push(r);
        else named.set(key, [r]);
      }
    const find = (type: string, name: string, at: SourcePath): Resource | undefined => {
      const all = named.get(`${type} ${name.toLowerCase()}`) ?? [];
      if (all.length > 1)
        notes.push({
          ...runDiagnostic("AML909"),
          message: `${at.join(".")} in ${quoteInput(clientsFile.file)}: ${quoteInput(name)} names ${all.length} resources (in ${someNames(all.map((r) => quoteInput(resourceGroupName(r.id), 90)))}): the client is placed at the first, in ${quoteInput(resourceGroupName(all[0].id), 90)}.`,
          // About the clients file, whose positions the input's report can't show: at the top.
          source: [],
        });
      return all[0];
    };
    const resolved = c.clients.map((spec, i) => resolveClient(spec, i, find, c.source));
    const errors = resolved.filter((x): x is InputError => "code" in x);
    if (errors.length) return { ok: false, errors };
    clients = resolved as Client[];
  } else {
    clients = inferClients(loaded.resources);
    notes.push({
      ...runDiagnostic("AML905"),
      message: clients.length
        ? `No clients file: flows are judged from ${someNames(clients.map((c) => c.name))} (inferred from the ${loaded.kind}); anyone else's are not.`
        : `No clients file and none in the ${loaded.kind}: flows from users (jump boxes, on-premises, the internet) are not judged.`,
      source: [],
    });
  }
  if (loaded.unrecognised.length)
    notes.push({
      ...runDiagnostic("AML903"),
      message: `Kept but not analysed: ${loaded.unrecognised.map((u) => `${u.type}${u.count > 1 ? ` (${u.count})` : ""}`).join(", ")}.`,
      source: [],
    });
  const model = new Model({ cloud: loaded.cloud, region: loaded.region, resources: loaded.resources, clients, dnsServers: [], features: { roleAssignments: "manual" }, valuesKnown: loaded.valuesKnown, byKey: loaded.byKey, exactIds: loaded.exactIds });
  // Suppressions written on resources (their amlnet:suppress tag) silence findings on them.
  // Looked for among an estate's hundred thousand resources without a list made for each.
  const suppressions: { rule: string; reason: string; at: SourcePath }[] = [];
  for (let i = 0; i < loaded.resources.length; i++) {
    const r = loaded.resources[i];
    if (r.suppress) for (const x of r.suppress) suppressions.push({ rule: x.rule, reason: x.reason, at: r.source ?? [] });
  }
  return { ok: true, project: project(file, model, loaded.source, suppressions, options.rules ?? RULES, notes, true) };
}

// What a clients file names: a VM client's subnet and Bastion, a gateway, a Synapse workspace.
const CLIENT_TARGETS: ReadonlySet<string> = new Set([T.subnet, T.bastion, T.gateway, T.synapse]);

function resolveClient(c: ClientSpec, i: number, lookUp: (type: string, name: string, at: SourcePath) => Resource | undefined, source: SourceDoc): Client | InputError {
  const at = ["clients", i];
  // By the key that names it, where a name several resources share is reported.
  const find = (type: string, name: string, key: string) => lookUp(type, name, [...at, key]);
  const missing = (what: string, key: string): InputError => ({ code: "BP010", message: `clients.${i}.${key}: the input has no ${what}`, position: source.locate([...at, key]) });
  switch (c.kind) {
    case "vm": {
      const subnet = find(T.subnet, c.subnet, "subnet");
      if (!subnet) return missing(`subnet ${c.subnet}`, "subnet");
      const via = c.via === undefined ? undefined : find(T.bastion, c.via, "via");
      if (c.via !== undefined && !via) return missing(`Bastion ${c.via}`, "via");
      return { name: c.name, kind: "vm", subnet: subnet.id, via: via?.id, uses: c.uses, source: at };
    }
    case "on-premises": {
      const gateway = find(T.gateway, c.gateway, "gateway");
      if (!gateway) return missing(`gateway ${c.gateway}`, "gateway");
      return { name: c.name, kind: "on-premises", gateway: gateway.id, prefixes: c.prefixes, dnsServers: c.dnsServers, uses: c.uses, source: at };
    }
    case "internet":
      return { name: c.name, kind: "internet", ip: c.ip, uses: c.uses, source: at };
    case "synapse-spark": {
      const synapse = find(T.synapse, c.synapse, "synapse");
      if (!synapse) return missing(`Synapse workspace ${c.synapse}`, "synapse");
      return { name: c.name, kind: "synapse-spark", synapse: synapse.id, source: at };
    }
  }
}

/** Clients the input itself shows: VMs in a subnet, networks behind a local network gateway. */
function inferClients(resources: readonly Resource[]): Client[] {
  // Only NICs and local network gateways are looked up, among an estate's hundred thousand resources.
  const byId = new Map(resources.filter((r) => r.type === T.nic || r.type === T.localGateway).map((r) => [r.id.toLowerCase(), r]));
  const clients: Client[] = [];
  // The Bastion of each VNet, found once (a VM in that VNet is reached through it).
  const bastionOf = new Map<string, Resource>();
  // Index loops over every resource: run once, a for…of spends its unoptimized first iterations
  // making an iterator result each.
  for (let i = 0; i < resources.length; i++) {
    const b = resources[i];
    if (b.type === T.bastion)
      for (const c of props.appliance(b).ipConfigurations ?? []) {
        const vnet = parentId(String(c.properties?.subnet?.id ?? ""))?.toLowerCase();
        if (vnet && !bastionOf.has(vnet)) bastionOf.set(vnet, b);
      }
  }
  const vms = resources.filter((r) => r.type === T.vm);
  // Environments stamped from one template each have their "jumpbox": a name several VMs share is
  // told apart by resource group, so flows, the studio matrix and `trace --from` name each one.
  const named = new Map<string, number>();
  for (const vm of vms) named.set(vm.name.toLowerCase(), (named.get(vm.name.toLowerCase()) ?? 0) + 1);
  for (const vm of vms) {
    const nic = byId.get(String(props.vm(vm).networkProfile?.networkInterfaces?.[0]?.id ?? "").toLowerCase());
    const subnet = props.nic(nic).ipConfigurations?.[0]?.properties?.subnet?.id;
    if (typeof subnet !== "string") continue;
    const vnet = parentId(subnet)?.toLowerCase();
    const bastion = vnet ? bastionOf.get(vnet) : undefined;
    const name = named.get(vm.name.toLowerCase())! > 1 ? `${vm.name} (${resourceGroupName(vm.id)})` : vm.name;
    clients.push({ name, kind: "vm", subnet, vm: vm.id, via: bastion?.id, source: vm.source });
  }
  const connection = "microsoft.network/connections";
  for (const conn of resources.filter((r) => r.type.length === connection.length && r.type.toLowerCase() === connection)) {
    const p = props.connection(conn);
    const local = byId.get(String(p.localNetworkGateway2?.id ?? "").toLowerCase());
    const prefixes = (props.localGateway(local).localNetworkAddressSpace?.addressPrefixes ?? []).filter((x) => typeof x === "string");
    if (local && p.virtualNetworkGateway1?.id && prefixes.length) clients.push({ name: local.name, kind: "on-premises", gateway: p.virtualNetworkGateway1.id, prefixes, source: local.source });
  }
  return clients;
}
