// Expansion: a validated blueprint becomes the complete model, with everything its intent
// implies added per the facts. The result is the single source for rules, engine and back ends.
import type { Blueprint } from "../schema.ts";
import { Model } from "../../../core/model.ts";
import type { Client } from "../../../core/types.ts";
import { Builder } from "./builder.ts";
import { expandNetworks } from "./network.ts";
import { expandServices } from "./services.ts";
import { expandEndpoints } from "./endpoints.ts";
import { expandDns } from "./dns.ts";
import { expandCompute } from "./compute.ts";
import { expandRoles } from "./roles.ts";
import { expandJumpBoxes } from "./jumpbox.ts";
import { orderComputes } from "./ordering.ts";
import { T } from "../../../core/registry.ts";

export function expand(bp: Blueprint): Model {
  const b = new Builder(bp);
  expandNetworks(b);
  expandServices(b);
  expandCompute(b);
  expandJumpBoxes(b);
  const endpoints = expandEndpoints(b);
  const dnsServers = expandDns(b, endpoints);
  expandRoles(b, endpoints);
  orderComputes(b);
  return new Model({
    cloud: bp.cloud,
    region: bp.region,
    resources: b.resources,
    byKey: b.byKey,
    clients: bp.clients.map((c, i) => client(b, c, i)),
    dnsServers,
    features: { mlAssistedLabeling: bp.features.mlAssistedLabeling, roleAssignments: bp.roleAssignments === "auto" ? "auto" : "manual" },
    known: true,
  });
}

function client(b: Builder, c: Blueprint["clients"][number], i: number): Client {
  const source = ["clients", i];
  switch (c.kind) {
    case "vm":
      return { name: c.name, kind: "vm", subnet: b.subnetId(c.subnet), via: c.via && b.id(T.bastion, c.via), uses: c.uses, source };
    case "on-premises":
      return { name: c.name, kind: "on-premises", gateway: b.id(T.gateway, c.gateway), prefixes: c.prefixes, dnsServers: c.dnsServers, uses: c.uses, source };
    case "internet":
      return { name: c.name, kind: "internet", ip: c.ip, uses: c.uses, source };
    case "synapse-spark":
      return { name: c.name, kind: "synapse-spark", synapse: b.id(T.synapse, c.synapse), source };
  }
}
