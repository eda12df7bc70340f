// Workspace computes (instances, clusters, image build compute), AKS with the ML extension and
// its attachment, and managed online endpoints.
import type { Builder } from "./builder.ts";
import { T } from "../../../core/registry.ts";
import type { Secret } from "../../../core/types.ts";

const secret = (name: string, description: string): Secret => ({ $secret: { name, description } });

export function expandCompute(b: Builder): void {
  const bp = b.bp;
  const computeType = T.compute;
  const ws = bp.workspace.name;
  const add = (name: string, kind: "ComputeInstance" | "AmlCompute", c: { subnet?: string; publicIp: boolean; region?: string; vmSize: string }, extra: object, source: (string | number)[]) =>
    b.add({
      id: b.id(computeType, ws, name),
      type: computeType,
      name: `${ws}/${name}`,
      location: c.region ?? b.region,
      properties: {
        computeType: kind,
        computeLocation: c.region ?? b.region,
        properties: {
          vmSize: c.vmSize,
          enableNodePublicIp: c.publicIp,
          ...(c.subnet ? { subnet: { id: b.subnetId(c.subnet) } } : {}),
          ...extra,
        },
      },
      source,
    });

  bp.compute.instances.forEach((c, i) => add(c.name, "ComputeInstance", c, {}, ["compute", "instances", i]));
  bp.compute.clusters.forEach((c, i) =>
    add(c.name, "AmlCompute", c, { scaleSettings: { minNodeCount: c.minNodes, maxNodeCount: c.maxNodes }, remoteLoginPortPublicAccess: "Disabled" }, ["compute", "clusters", i]),
  );

  // F42: a private registry can't run ACR Tasks, so images build on a cluster of the workspace.
  const build = imageBuildCompute(b);
  if (build?.added) {
    add(build.name, "AmlCompute", { subnet: build.subnet, publicIp: false, vmSize: "Standard_DS3_v2" }, { scaleSettings: { minNodeCount: 0, maxNodeCount: 2 }, remoteLoginPortPublicAccess: "Disabled" }, ["workspace"]);
  }

  bp.compute.kubernetes.forEach((k, i) => {
    const at = ["compute", "kubernetes", i];
    const aksId = b.id(T.aks, k.name);
    b.add({
      id: aksId,
      type: T.aks,
      name: k.name,
      location: k.region ?? b.region,
      identity: { type: "SystemAssigned" },
      properties: {
        dnsPrefix: k.name,
        apiServerAccessProfile: { enablePrivateCluster: k.private, ...(k.private ? { enablePrivateClusterPublicFQDN: k.privateClusterPublicFqdn } : {}) },
        networkProfile: { networkPlugin: "azure", outboundType: k.outboundType, loadBalancerSku: "standard" },
        agentPoolProfiles: [{ name: "system", mode: "System", count: 3, vmSize: "Standard_D4s_v5", vnetSubnetID: b.subnetId(k.subnet), osType: "Linux" }],
      },
      source: at,
    });
    const extensionId = `${aksId}/providers/Microsoft.KubernetesConfiguration/extensions/azureml`;
    if (k.mlExtension) {
      b.add({
        id: extensionId,
        type: T.aksExtension,
        name: "azureml",
        scope: aksId,
        identity: { type: "SystemAssigned" },
        properties: {
          extensionType: "microsoft.azureml.kubernetes",
          autoUpgradeMinorVersion: true,
          configurationSettings: {
            enableInference: "True",
            allowInsecureConnections: k.allowInsecureScoring ? "True" : "False",
            ...(k.scoringTls ? { sslCname: k.scoringTls.cname } : {}),
            inferenceRouterServiceType: "loadBalancer",
            internalLoadBalancerProvider: "azure",
          },
          // F27: the TLS certificate and key are secrets given at deployment, never written down.
          ...(k.scoringTls
            ? {
                configurationProtectedSettings: {
                  sslCertPemFile: secret(`${k.name}-tls-certificate`, `PEM certificate for ${k.scoringTls.cname}, the name AKS ${k.name} scores on`),
                  sslKeyPemFile: secret(`${k.name}-tls-key`, `PEM private key of the ${k.scoringTls.cname} certificate`),
                },
              }
            : {}),
        },
        source: at,
      });
    }
    if (k.attach) {
      b.add({
        id: b.id(computeType, ws, k.name),
        type: computeType,
        name: `${ws}/${k.name}`,
        location: k.region ?? b.region,
        properties: { computeType: "Kubernetes", computeLocation: k.region ?? b.region, resourceId: aksId, properties: { namespace: "azureml" } },
        // Attaching needs the extension running on the cluster.
        ...(k.mlExtension ? { dependsOn: [extensionId] } : {}),
        source: at,
      });
    }
  });

  bp.inference.onlineEndpoints.forEach((e, i) =>
    b.add({
      id: b.id(T.onlineEndpoint, ws, e.name),
      type: T.onlineEndpoint,
      name: `${ws}/${e.name}`,
      location: b.region,
      identity: { type: "SystemAssigned" },
      properties: { authMode: "Key", publicNetworkAccess: e.publicNetworkAccess },
      ...(e.egressPublicNetworkAccess ? { intent: { egressPublicNetworkAccess: e.egressPublicNetworkAccess } } : {}),
      source: ["inference", "onlineEndpoints", i],
    }),
  );
}

/**
 * The image build compute the workspace names: the blueprint's choice, or (F42) one amlnet adds
 * when the registry is private, placed in the first training subnet of a user VNet.
 */
export function imageBuildCompute(b: Builder): { name: string; subnet?: string; added: boolean } | undefined {
  const bp = b.bp;
  const chosen = bp.workspace.imageBuildCompute;
  if (chosen === false) return undefined;
  if (chosen) return { name: chosen, added: false };
  const acr = bp.containerRegistry;
  if (!acr || acr.publicNetworkAccess === "Enabled") return undefined;
  const training =
    bp.workspace.network.mode === "user-vnet"
      ? bp.networks.vnets.flatMap((v) => v.subnets.filter((s) => s.purpose === "training").map((s) => `${v.name}/${s.name}`))[0]
      : undefined;
  return { name: "image-build", subnet: training, added: true };
}
