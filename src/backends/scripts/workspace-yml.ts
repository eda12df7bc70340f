// workspace.yml for `az ml workspace create --file`: the same workspace in the CLI's YAML schema
// (snake_case, lower-case enum values).
import { stringify } from "yaml";
import type { Analysis } from "../../core/analysis.ts";
import { outboundRules } from "../../core/views.ts";
import { T } from "../../core/registry.ts";
import { DEFAULT_SUBSCRIPTION } from "../../core/ids.ts";
import { props } from "../../core/props.ts";
import { generatedBy } from "../generated-by.ts";

const snake = (s: string) => s.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();

export function workspaceYml(model: Analysis, meta: { blueprint: string; version: string }): string {
  const ws = model.ofType(T.workspace)[0];
  const p = props.workspace(ws);
  const doc: Record<string, unknown> = {
    $schema: "https://azuremlschemas.azureedge.net/latest/workspace.schema.json",
    name: ws.name,
    location: ws.location,
    storage_account: p.storageAccount,
    key_vault: p.keyVault,
    ...(p.containerRegistry ? { container_registry: p.containerRegistry } : {}),
    ...(p.applicationInsights ? { application_insights: p.applicationInsights } : {}),
    public_network_access: snake(p.publicNetworkAccess ?? "Enabled"),
    hbi_workspace: p.hbiWorkspace,
    ...(p.imageBuildCompute ? { image_build_compute: p.imageBuildCompute } : {}),
    ...(p.primaryUserAssignedIdentity
      ? { identity: { type: "user_assigned", user_assigned_identities: { [p.primaryUserAssignedIdentity]: {} } }, primary_user_assigned_identity: p.primaryUserAssignedIdentity }
      : { identity: { type: "system_assigned" } }),
  };
  const mn = p.managedNetwork;
  if (mn && mn.isolationMode !== "Disabled") {
    doc.managed_network = {
      isolation_mode: snake(mn.isolationMode ?? "Disabled"),
      ...(mn.firewallSku ? { firewall_sku: mn.firewallSku.toLowerCase() } : {}),
      outbound_rules: outboundRules(model, ws).map((r) => {
        const d = r.destination as Record<string, unknown>;
        if (r.type === "PrivateEndpoint")
          return { name: r.name, type: "private_endpoint", destination: { service_resource_id: d.serviceResourceId, subresource_target: d.subresourceTarget, spark_enabled: d.sparkEnabled } };
        if (r.type === "FQDN") return { name: r.name, type: "fqdn", destination: r.destination };
        return { name: r.name, type: "service_tag", destination: { service_tag: d.serviceTag, protocol: d.protocol, port_ranges: d.portRanges } };
      }),
    };
  }
  const placeholder = ws.id.includes(`/subscriptions/${DEFAULT_SUBSCRIPTION}/`);
  return [
    `# ${generatedBy(meta)}`,
    "# For: az ml workspace create --file workspace.yml --resource-group <group> (the dependencies must exist).",
    ...(placeholder ? ["# The ids use a placeholder subscription: set subscriptionId in the blueprint to get ready-to-use ids."] : []),
    stringify(doc, { lineWidth: 0 }),
  ].join("\n");
}
