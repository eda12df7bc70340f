// The workspace and the services around it: identity, storage, Key Vault, registry, monitoring,
// AML registries, AI Services and Synapse.
import type { Builder } from "./builder.ts";
import { T } from "../../../core/registry.ts";
import { lastName, typeOfId } from "../../../core/ids.ts";
import { imageBuildCompute } from "./compute.ts";
import { formatIp, last, parseCidr } from "../../../core/net/cidr.ts";
import { TENANT_ID } from "../../../core/types.ts";
import { suffixes } from "../../../core/names.ts";

/** Resolves a blueprint target name (storage, aiServices/<n>, a resource id ...) to a resource id. */
export function targetId(b: Builder, target: string): string | undefined {
  if (target.startsWith("/subscriptions/")) return target;
  const [kind, rest] = target.split("/");
  const name = rest?.split(":")[0];
  switch (kind.split(":")[0]) {
    case "workspace":
      return b.workspaceId;
    case "storage":
      return b.storageId;
    case "keyVault":
      return b.keyVaultId;
    case "containerRegistry":
      return b.registryId;
    case "registry":
      return b.lookup.findBy(b.bp.registries, "name", name)?.existing ?? b.id(T.amlRegistry, name);
    case "aiServices":
      return b.id(T.aiServices, name);
    case "synapse":
      return b.id(T.synapse, name);
    case "paas":
      return b.lookup.findBy(b.bp.integrations.paas, "name", name)?.resourceId;
    case "monitoring":
      return b.bp.monitoring?.privateLinkScope && b.id(T.linkScope, b.bp.monitoring.privateLinkScope.name);
  }
  return undefined;
}

export function expandServices(b: Builder): void {
  const bp = b.bp;
  const ws = bp.workspace;
  const tenantId = TENANT_ID;
  const build = imageBuildCompute(b);

  if (ws.identity.type === "UserAssigned" && !ws.identity.existing) {
    b.add({
      id: b.workspacePrincipalId,
      type: T.identity,
      name: ws.identity.name,
      location: b.region,
      properties: {},
      source: ["workspace", "identity"],
    });
  }

  const st = bp.storage;
  b.add({
    id: b.storageId,
    type: T.storage,
    name: st.name,
    location: b.region,
    kind: st.kind,
    sku: { name: st.sku },
    existing: !!st.existing,
    properties: {
      publicNetworkAccess: st.publicNetworkAccess,
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      minimumTlsVersion: "TLS1_2",
      supportsHttpsTrafficOnly: true,
      // The workspace's default storage can't have a hierarchical namespace ("What is an Azure
      // Machine Learning workspace?", AML077); Synapse gets a data lake of its own below.
      isHnsEnabled: st.hierarchicalNamespace,
      networkAcls: {
        defaultAction: st.defaultAction,
        bypass: st.bypass.length ? st.bypass.join(", ") : "None",
        ipRules: st.ipRules.map((value) => ({ value, action: "Allow" })),
        virtualNetworkRules: st.virtualNetworkRules.map((s) => ({ id: b.subnetId(s), action: "Allow" })),
        // F43: the workspace is let through by a resource-instance rule.
        resourceAccessRules: st.resourceInstanceRules ? [{ tenantId, resourceId: b.workspaceId }] : [],
      },
    },
    source: ["storage"],
  });

  const kv = bp.keyVault;
  b.add({
    id: b.keyVaultId,
    type: T.keyVault,
    name: kv.name,
    location: b.region,
    existing: !!kv.existing,
    properties: {
      tenantId,
      sku: { family: "A", name: "standard" },
      enableRbacAuthorization: true,
      enableSoftDelete: true,
      enablePurgeProtection: true,
      publicNetworkAccess: kv.publicNetworkAccess,
      networkAcls: { defaultAction: kv.defaultAction, bypass: kv.bypass },
    },
    source: ["keyVault"],
  });

  const acr = bp.containerRegistry;
  if (acr) {
    b.add({
      id: b.registryId!,
      type: T.acr,
      name: acr.name,
      location: b.region,
      sku: { name: acr.sku },
      existing: !!acr.existing,
      properties: {
        adminUserEnabled: false,
        publicNetworkAccess: acr.publicNetworkAccess,
        networkRuleBypassOptions: acr.trustedServices ? "AzureServices" : "None",
      },
      source: ["containerRegistry"],
    });
  }

  const mon = bp.monitoring;
  let appInsightsId: string | undefined;
  if (mon) {
    const lawId = b.id(T.logAnalytics, mon.logAnalytics);
    appInsightsId = b.id(T.appInsights, mon.appInsights);
    const privateOnly = !!mon.privateLinkScope;
    b.add({
      id: lawId,
      type: T.logAnalytics,
      name: mon.logAnalytics,
      location: b.region,
      properties: {
        sku: { name: "PerGB2018" },
        retentionInDays: 30,
        publicNetworkAccessForIngestion: privateOnly ? "Disabled" : "Enabled",
        publicNetworkAccessForQuery: "Enabled",
      },
      source: ["monitoring"],
    });
    b.add({
      id: appInsightsId,
      type: T.appInsights,
      name: mon.appInsights,
      location: b.region,
      kind: "web",
      properties: {
        Application_Type: "web",
        WorkspaceResourceId: lawId,
        publicNetworkAccessForIngestion: privateOnly ? "Disabled" : "Enabled",
        publicNetworkAccessForQuery: "Enabled",
      },
      source: ["monitoring"],
    });
    if (mon.privateLinkScope) {
      const scopeId = b.id(T.linkScope, mon.privateLinkScope.name);
      b.add({
        id: scopeId,
        type: T.linkScope,
        name: mon.privateLinkScope.name,
        location: "global",
        properties: {
          accessModeSettings: { ingestionAccessMode: mon.privateLinkScope.accessMode, queryAccessMode: mon.privateLinkScope.accessMode },
        },
        source: ["monitoring", "privateLinkScope"],
      });
      for (const [name, target] of [
        [mon.appInsights, appInsightsId],
        [mon.logAnalytics, lawId],
      ])
        b.add({
          id: b.id(T.linkScoped, mon.privateLinkScope.name, name),
          type: T.linkScoped,
          name: `${mon.privateLinkScope.name}/${name}`,
          properties: { linkedResourceId: target },
          source: ["monitoring", "privateLinkScope"],
        });
    }
  }

  const net = ws.network;
  b.add({
    id: b.workspaceId,
    type: T.workspace,
    name: ws.name,
    location: b.region,
    kind: ws.kind,
    sku: { name: "Basic", tier: "Basic" },
    identity:
      ws.identity.type === "UserAssigned"
        ? { type: "UserAssigned", userAssignedIdentities: { [b.workspacePrincipalId]: {} } }
        : { type: "SystemAssigned" },
    properties: {
      friendlyName: ws.name,
      storageAccount: b.storageId,
      keyVault: b.keyVaultId,
      ...(b.registryId ? { containerRegistry: b.registryId } : {}),
      ...(appInsightsId ? { applicationInsights: appInsightsId } : {}),
      ...(ws.identity.type === "UserAssigned" ? { primaryUserAssignedIdentity: b.workspacePrincipalId } : {}),
      publicNetworkAccess: ws.publicNetworkAccess,
      hbiWorkspace: ws.hbi,
      systemDatastoresAuthMode: "Identity",
      ...(net.mode === "managed"
        ? {
            managedNetwork: {
              isolationMode: net.isolationMode,
              ...(net.outboundRules.some((r) => r.type === "FQDN") ? { firewallSku: net.firewallSku } : {}),
              outboundRules: Object.fromEntries(
                net.outboundRules.map((r) => [
                  r.name,
                  r.type === "PrivateEndpoint"
                    ? {
                        type: "PrivateEndpoint",
                        category: "UserDefined",
                        destination: { serviceResourceId: targetId(b, r.target), subresourceTarget: r.subresource, sparkEnabled: r.sparkEnabled },
                      }
                    : r.type === "FQDN"
                      ? { type: "FQDN", category: "UserDefined", destination: r.destination }
                      : {
                          type: "ServiceTag",
                          category: "UserDefined",
                          destination: { serviceTag: r.serviceTag, protocol: r.protocol, portRanges: r.ports, action: "Allow" },
                        },
                ]),
              ),
            },
          }
        : {}),
      ...(ws.serverless
        ? { serverlessComputeSettings: { serverlessComputeCustomSubnet: b.subnetId(ws.serverless.subnet), serverlessComputeNoPublicIP: !ws.serverless.publicIp } }
        : {}),
      // F42: the compute that builds images when the registry is private.
      ...(build ? { imageBuildCompute: build.name } : {}),
      // F45: the public path admits only the allow list (a property of the preview API versions,
      // which the back ends then write this workspace with).
      ...(ws.ipRules.length ? { networkAcls: { defaultAction: "Deny", ipRules: ws.ipRules.map((value) => ({ value })) } } : {}),
    },
    intent: {
      ...(net.mode === "managed" ? { fqdnPorts: Object.fromEntries(net.outboundRules.filter((r) => r.type === "FQDN").map((r) => [r.name, r.ports])) } : {}),
    },
    source: ["workspace"],
  });

  // A hub's projects [HUBPL]: workspaces of kind Project that name their hub; its endpoints,
  // public access and default resources serve them, so they carry none of their own.
  ws.projects.forEach((p, i) =>
    b.add({
      id: b.id(T.workspace, p.name),
      type: T.workspace,
      name: p.name,
      location: b.region,
      kind: "Project",
      sku: { name: "Basic", tier: "Basic" },
      identity: { type: "SystemAssigned" },
      properties: { friendlyName: p.name, hubResourceId: b.workspaceId, publicNetworkAccess: ws.publicNetworkAccess },
      source: ["workspace", "projects", i],
    }),
  );

  bp.registries.forEach((r, i) =>
    b.add({
      id: r.existing ?? b.id(T.amlRegistry, r.name),
      type: T.amlRegistry,
      name: r.name,
      location: b.region,
      existing: !!r.existing,
      identity: { type: "SystemAssigned" },
      properties: {
        publicNetworkAccess: r.publicNetworkAccess,
        regionDetails: [{ location: b.region, acrDetails: [{ systemCreatedAcrAccount: { acrAccountSku: "Premium" } }], storageAccountDetails: [{ systemCreatedStorageAccount: { storageAccountType: "Standard_LRS" } }] }],
      },
      intent: { acrPublicNetworkAccess: r.acrPublicNetworkAccess },
      source: ["registries", i],
    }),
  );

  bp.integrations.aiServices.forEach((a, i) =>
    b.add({
      id: b.id(T.aiServices, a.name),
      type: T.aiServices,
      name: a.name,
      location: b.region,
      kind: a.kind,
      sku: { name: "S0" },
      identity: { type: "SystemAssigned" },
      properties: {
        customSubDomainName: a.name,
        publicNetworkAccess: a.publicNetworkAccess,
        disableLocalAuth: true,
        networkAcls: { defaultAction: a.publicNetworkAccess === "Disabled" ? "Deny" : "Allow" },
      },
      source: ["integrations", "aiServices", i],
    }),
  );

  bp.integrations.dataFactory.forEach((f, i) => {
    const at = ["integrations", "dataFactory", i];
    const adfId = b.id(T.dataFactory, f.name);
    b.add({
      id: adfId,
      type: T.dataFactory,
      name: f.name,
      location: b.region,
      identity: { type: "SystemAssigned" },
      properties: { publicNetworkAccess: "Disabled" },
      source: at,
    });
    b.add({ id: `${adfId}/managedVirtualNetworks/default`, type: T.dataFactoryVnet, name: `${f.name}/default`, properties: {}, source: at });
    // "Azure Data Factory managed virtual network": only an Azure integration runtime created in the
    // managed VNet uses it and its managed private endpoints.
    b.add({
      id: `${adfId}/integrationRuntimes/ir-managed-vnet`,
      type: T.dataFactoryIr,
      name: `${f.name}/ir-managed-vnet`,
      properties: {
        type: "Managed",
        managedVirtualNetwork: { type: "ManagedVirtualNetworkReference", referenceName: "default" },
        typeProperties: { computeProperties: { location: "AutoResolve" } },
      },
      dependsOn: [`${adfId}/managedVirtualNetworks/default`],
      source: at,
    });
    b.add({
      id: `${adfId}/managedVirtualNetworks/default/managedPrivateEndpoints/mpe-${bp.workspace.name}`,
      type: T.dataFactoryMpe,
      name: `${f.name}/default/mpe-${bp.workspace.name}`,
      properties: { privateLinkResourceId: b.workspaceId, groupId: "amlworkspace" },
      intent: { approval: f.managedPrivateEndpoint },
      source: at,
    });
  });

  bp.integrations.paas.forEach((p, i) =>
    b.add({
      id: p.resourceId,
      type: typeOfId(p.resourceId) ?? "Unknown",
      name: lastName(p.resourceId),
      existing: true,
      properties: {},
      source: ["integrations", "paas", i],
    }),
  );

  bp.integrations.synapse.forEach((s, i) => {
    const at = ["integrations", "synapse", i];
    const synId = b.id(T.synapse, s.name);
    // F46: Synapse's primary Data Lake Storage Gen2 account, its own; its managed VNet reaches it
    // through the managed private endpoint Synapse creates for its primary storage.
    const lake = synapseDataLake(s);
    const lakeId = b.id(T.storage, lake);
    b.add({
      id: lakeId,
      type: T.storage,
      name: lake,
      location: b.region,
      kind: "StorageV2",
      sku: { name: "Standard_ZRS" },
      properties: {
        publicNetworkAccess: "Disabled",
        allowBlobPublicAccess: false,
        allowSharedKeyAccess: false,
        minimumTlsVersion: "TLS1_2",
        supportsHttpsTrafficOnly: true,
        isHnsEnabled: true,
        networkAcls: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [], resourceAccessRules: [{ tenantId, resourceId: synId }] },
      },
      source: at,
    });
    b.add({
      id: synId,
      type: T.synapse,
      name: s.name,
      location: b.region,
      identity: { type: "SystemAssigned" },
      properties: {
        managedVirtualNetwork: s.managedVnet ? "default" : "",
        managedVirtualNetworkSettings: { preventDataExfiltration: s.dataExfiltrationProtection },
        // "How to securely integrate Azure Machine Learning and Azure Synapse" (SYN): the managed VNet
        // does not restrict who reaches the Synapse workspace itself; its firewall or its endpoints do.
        publicNetworkAccess: s.access === "private" ? "Disabled" : "Enabled",
        // F11: the storage suffix of the cloud (core.chinacloudapi.cn, core.usgovcloudapi.net).
        defaultDataLakeStorage: { accountUrl: `https://${lake}.dfs.${suffixes(bp.cloud).storage}`, filesystem: "synapse", resourceId: lakeId },
      },
      source: at,
    });
    if (s.access === "firewall")
      s.allowedRanges.forEach((range, j) => {
        // refs.ts has checked the range parses.
        const c = parseCidr(range)!;
        b.add({
          id: b.id(T.synapseFirewallRule, s.name, `amlnet-${j + 1}`),
          type: T.synapseFirewallRule,
          name: `${s.name}/amlnet-${j + 1}`,
          properties: { startIpAddress: formatIp(c.base), endIpAddress: formatIp(last(c)) },
          source: [...at, "allowedRanges", j],
        });
      });
    if (s.managedPrivateEndpoint !== "none") {
      b.add({
        id: b.id(T.synapseMpe, s.name, "default", `mpe-${bp.workspace.name}`),
        type: T.synapseMpe,
        name: `${s.name}/default/mpe-${bp.workspace.name}`,
        properties: { privateLinkResourceId: b.workspaceId, groupId: "amlworkspace" },
        // F46: the connection waits on the AML side until someone approves it.
        intent: { approval: s.managedPrivateEndpoint },
        source: at,
      });
    }
  });
}

/** The name of a Synapse workspace's own data lake: given, or derived from the Synapse name. */
export function synapseDataLake(s: { name: string; dataLake?: string }): string {
  return s.dataLake ?? `${s.name.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 22)}dl`;
}
