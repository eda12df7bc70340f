// The DNS names clients use for the workspace, its online endpoints and its dependencies (F09,
// F11), per cloud: each type's pattern is in its registry entry; the suffixes and the workspace's
// own names in core/knowledge/dns-names.ts. Back ends that check resolution (verify.sh) and the
// flow engine read them from here.
import type { Resource } from "./types.ts";
import type { Model } from "./model.ts";
import { typeFacts, type NameContext } from "./registry.ts";

export { suffixes, workspaceIdFor, workspaceNames } from "./knowledge/dns-names.ts";

/**
 * The name clients use for a resource's sub-resource (F09, F11): the workspace API (or its
 * notebooks with group `notebooks`), an online endpoint's scoring name, a storage service, the
 * vault, the registry, a Synapse workspace's Sql, SqlOnDemand or Dev name.
 */
export function resourceFqdn(model: Pick<Model, "cloud" | "region">, r: Resource, group?: string): string | undefined {
  return typeFacts(r.type)?.dns?.fqdn?.(nameContext(model, r, group));
}

/** What a resource's names are made of (NameContext), for the registry entry's DNS facts. */
export function nameContext(model: Pick<Model, "cloud" | "region">, r: Resource, group?: string, customSubDomain?: () => string | undefined): NameContext {
  return {
    cloud: model.cloud,
    region: r.location ?? model.region,
    name: r.name.slice(r.name.lastIndexOf("/") + 1),
    ...(group === undefined ? {} : { group }),
    ...(customSubDomain === undefined ? {} : { customSubDomain }),
  };
}
