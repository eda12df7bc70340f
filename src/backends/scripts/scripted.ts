// The az CLI commands for resources the ARM template leaves to deploy.sh because
// ../shared/arm-schemas holds no official schema to check them against (Azure Monitor private
// link scopes, the Azure ML extension on AKS, Data Factory), and for what must follow them (a
// Kubernetes compute attached after the extension). Each uses the service's own command group,
// which validates its arguments, rather than an unchecked JSON body.
import type { Model } from "../../core/model.ts";
import type { Resource } from "../../core/types.ts";
import { DEFAULT_SUBSCRIPTION, lastName, resourceGroupOf } from "../../core/ids.ts";
import { T } from "../../core/registry.ts";
import { q } from "./shell.ts";
import { props } from "../../core/props.ts";

/**
 * A resource id for a double-quoted bash word: the placeholder subscription becomes
 * "$SUBSCRIPTION" and the template's own group "$RESOURCE_GROUP", so the script works wherever
 * it deploys. Anything unusual in an id is single-quoted instead.
 */
export function shellId(id: string, group: string): string {
  if (!/^[\w/.()-]+$/.test(id)) return q(id);
  let out = id.replace(`/subscriptions/${DEFAULT_SUBSCRIPTION}`, "/subscriptions/${SUBSCRIPTION}");
  if (out.startsWith("/subscriptions/${SUBSCRIPTION}/")) out = out.replace(new RegExp(`/resourceGroups/${group}(?=/|$)`, "i"), "/resourceGroups/${RESOURCE_GROUP}");
  return `"${out}"`;
}

/** Whether a script needs $SUBSCRIPTION (it names a resource of the placeholder subscription). */
export function usesSubscription(lines: readonly string[]): boolean {
  return lines.some((l) => l.includes("${SUBSCRIPTION}"));
}

/** The commands that create `r`, with a comment saying what and why; undefined for a type amlnet doesn't script. */
export function scriptedCommands(model: Model, r: Resource): string[] | undefined {
  const group = resourceGroupOf(r.id).split("/")[4] ?? "";
  const id = (x: string) => shellId(x, group);
  const last = r.name.slice(r.name.lastIndexOf("/") + 1);
  switch (r.type) {
    case T.linkScope: {
      const modes = props.linkScope(r).accessModeSettings ?? {};
      return [
        `# Azure Monitor private link scope ${r.name}; its private endpoint in the template connects to it.`,
        `az monitor private-link-scope create --name ${q(r.name)} --resource-group "$RESOURCE_GROUP" --output none`,
        `az resource update --resource-group "$RESOURCE_GROUP" --resource-type ${T.linkScope} --name ${q(r.name)} \\`,
        `  --set properties.accessModeSettings.ingestionAccessMode=${q(modes.ingestionAccessMode ?? "Open")} properties.accessModeSettings.queryAccessMode=${q(modes.queryAccessMode ?? "Open")} --output none`,
      ];
    }
    case T.linkScoped: {
      const [scope] = r.name.split("/");
      return [
        `# ${last} joins private link scope ${scope}.`,
        `az monitor private-link-scope scoped-resource create --name ${q(last)} --resource-group "$RESOURCE_GROUP" --scope-name ${q(scope)} --linked-resource ${id(String(props.scopedResource(r).linkedResourceId))} --output none`,
      ];
    }
    case T.aksExtension: {
      const cluster = model.get(r.scope);
      if (!cluster) return undefined;
      const p = props.aksExtension(r);
      const settings = Object.entries(p.configurationSettings ?? {}).map(([k, v]) => q(`${k}=${v}`));
      return [
        `# The Azure Machine Learning extension on ${cluster.name}, which the Kubernetes compute needs.`,
        `az k8s-extension create --name ${q(r.name)} --extension-type ${q(String(p.extensionType))} --cluster-type managedClusters \\`,
        `  --cluster-name ${q(cluster.name)} --resource-group ${groupWord(cluster.id, group)} --scope cluster --auto-upgrade-minor-version ${p.autoUpgradeMinorVersion ? "true" : "false"} \\`,
        `  --config ${settings.join(" ")} --output none`,
      ];
    }
    case T.compute: {
      const p = props.compute(r);
      if (p.computeType !== "Kubernetes") return undefined;
      const [ws] = r.name.split("/");
      return [
        `# Attach ${lastName(String(p.resourceId))} to ${ws} as Kubernetes compute ${last}, now that the extension runs.`,
        `az ml compute attach --resource-group "$RESOURCE_GROUP" --workspace-name ${q(ws)} --type Kubernetes --name ${q(last)} \\`,
        `  --resource-id ${id(String(p.resourceId))} --namespace ${q(p.properties?.namespace ?? "default")} --output none`,
      ];
    }
    case T.dataFactory: {
      const sets = [`properties.publicNetworkAccess=${q(props.gated(r).publicNetworkAccess ?? "Enabled")}`];
      if (r.identity?.type === "SystemAssigned") sets.push("identity.type=SystemAssigned");
      return [
        `# Data Factory ${r.name}.`,
        `az datafactory create --factory-name ${q(r.name)} --resource-group "$RESOURCE_GROUP" --location ${r.location === model.region ? '"$LOCATION"' : q(r.location ?? model.region)} --output none`,
        `az resource update --resource-group "$RESOURCE_GROUP" --resource-type ${T.dataFactory} --name ${q(r.name)} --set ${sets.join(" ")} --output none`,
      ];
    }
    case T.dataFactoryVnet: {
      const [factory] = r.name.split("/");
      return [
        `# Data Factory ${factory}'s managed virtual network.`,
        `az datafactory managed-virtual-network create --factory-name ${q(factory)} --name ${q(last)} --resource-group "$RESOURCE_GROUP" --output none`,
      ];
    }
    case T.dataFactoryMpe: {
      const [factory, vnet] = r.name.split("/");
      const p = props.managedPrivateEndpoint(r);
      return [
        `# F46: Data Factory ${factory} reaches ${lastName(String(p.privateLinkResourceId))} through a managed private endpoint (approved below).`,
        `az datafactory managed-private-endpoint create --factory-name ${q(factory)} --managed-virtual-network-name ${q(vnet)} --name ${q(last)} \\`,
        `  --resource-group "$RESOURCE_GROUP" --group-id ${q(String(p.groupId))} --private-link-resource-id ${id(String(p.privateLinkResourceId))} --output none`,
      ];
    }
  }
  return undefined;
}

function groupWord(id: string, group: string): string {
  const g = resourceGroupOf(id).split("/")[4] ?? group;
  return g.toLowerCase() === group.toLowerCase() ? '"$RESOURCE_GROUP"' : q(g);
}
