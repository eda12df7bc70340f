// What-if switches for the web view: the same project with the workspace's public
// access flipped, endpoints removed or zone links dropped, so the view redraws the flows and
// findings that change. The model is rebuilt, never mutated: the original stays as it was.
import { Model } from "../core/model.ts";
import { idKey } from "../core/ids.ts";
import { T } from "../core/registry.ts";
import { props } from "../core/props.ts";
import type { Project } from "./project.ts";

export interface WhatIf {
  /** The workspaces' public network access, when switched. */
  readonly publicAccess?: "Enabled" | "Disabled";
  /** Private endpoint ids to remove (with their zone groups). */
  readonly removeEndpoints?: readonly string[];
  /** Private DNS zone VNet link ids to drop. */
  readonly dropLinks?: readonly string[];
}

export function whatIf(project: Project, w: WhatIf): Project {
  const m = project.model;
  const removed = new Set([...(w.removeEndpoints ?? []), ...(w.dropLinks ?? [])].map(idKey));
  const gone = (id: string) => [...removed].some((r) => idKey(id) === r || idKey(id).startsWith(`${r}/`));
  const resources = m.resources
    .filter((r) => !gone(r.id))
    .map((r) => (w.publicAccess && r.type === T.workspace ? { ...r, properties: { ...r.properties, publicNetworkAccess: w.publicAccess } } : r));
  return project.withModel(new Model({ cloud: m.cloud, region: m.region, resources, clients: m.clients, dnsServers: m.dnsServers, features: m.features, known: m.known, valuesKnown: m.valuesKnown }));
}

/** The switches a project offers: its workspaces' access, its endpoints and its zone links. */
export function switchesOf(project: Project): { readonly publicAccess: string; readonly endpoints: readonly { id: string; name: string }[]; readonly links: readonly { id: string; name: string }[] } {
  const m = project.model;
  const ws = m.ofType(T.workspace)[0];
  return {
    publicAccess: String(props.workspace(ws).publicNetworkAccess ?? "Enabled"),
    endpoints: m.ofType(T.pe).map((r) => ({ id: r.id, name: r.name })),
    links: m.ofType(T.zoneLink).map((r) => ({ id: r.id, name: r.name })),
  };
}
