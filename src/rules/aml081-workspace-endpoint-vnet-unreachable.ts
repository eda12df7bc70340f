import { rule } from "./rule.ts";
import { vnetsWith } from "./cases.ts";
import { endpointsToId, name, workspaces } from "../core/views.ts";
import { resourceFqdn } from "../core/names.ts";
import { planeOf } from "../engine/plane.ts";
import { trace } from "../engine/trace.ts";
import type { Resource } from "../core/types.ts";
import type { Destination, Source } from "../engine/flow.ts";

export default rule({
  id: "AML081",
  title: "A VNet with a workspace endpoint can't reach storage, Key Vault or registry",
  severity: "error",
  facts: ["F41"],
  docs: ["WSVNET"],
  description:
    "Each VNet holding a private endpoint of the workspace is a place the workspace is used from, so each must resolve and reach the default storage, Key Vault and container registry: through endpoints in that VNet, or a peering to the VNet that has them. amlnet traces those names from every such VNet.",
  check(m) {
    return workspaces(m).flatMap((ws) => {
      const deps = (
        [
          [m.get(m.props.workspace(ws).storageAccount), "blob"],
          [m.get(m.props.workspace(ws).keyVault), "vault"],
          [m.get(m.props.workspace(ws).containerRegistry), "registry"],
        ] as const
      )
        .filter((d): d is readonly [Resource, "blob" | "vault" | "registry"] => !!d[0])
        // The same destinations from every endpoint's VNet.
        .map(([r, group]) => {
          const fqdn = resourceFqdn(m, r, group === "blob" ? "blob" : undefined)!;
          const to: Destination = { kind: "name", fqdn, port: 443, protocol: "Tcp", target: r, group };
          return { r, fqdn, to };
        });
      const subnets = new Map(endpointsToId(m, ws.id).filter((e) => e.subnetId).map((e) => [e.subnetId!.toLowerCase(), e]));
      return [...subnets.values()].flatMap((e) => {
        // One source for the endpoint's subnet: its traces share what the data plane works out for it.
        const from: Source = { kind: "subnet", name: name(m.get(e.subnetId)), subnetId: e.subnetId! };
        return deps.flatMap(({ r, fqdn, to }) => {
          const t = trace(planeOf(m), from, to);
          if (t.verdict === "pass") return [];
          const blockers = t.hops.filter((h) => !h.ok);
          return [
            {
              resource: e.pe,
              about: [r.id],
              message: `From ${e.vnetId ? name(m.get(e.vnetId)) : "the VNet"} of workspace endpoint ${name(e.pe)}, ${fqdn} is blocked: ${blockers[0].detail}.`,
              fix: blockers[0].fix ?? `Add endpoints for ${name(r)} in that VNet, or peer it with the VNet that has them (F41).`,
            },
          ];
        });
      });
    });
  },
  cases: {
    pass: ["", "endpoints: [{ subnet: vnet-ml/snet-pe }, { subnet: vnet-ml/snet-train, targets: [workspace] }]"],
    fail: [
      { patch: `${vnetsWith("{ name: vnet-b, addressSpace: [10.9.0.0/16], subnets: [{ name: snet-pe, purpose: endpoints, size: 24 }] }")}
endpoints: [{ subnet: vnet-ml/snet-pe }, { subnet: vnet-b/snet-pe, targets: [workspace] }]`, fires: [{ at: "endpoints.1", says: "From vnet-b of workspace endpoint pe-mlw-amlworkspace-vnet-b, crml01.azurecr.io is blocked" }, { at: "endpoints.1", says: "From vnet-b of workspace endpoint pe-mlw-amlworkspace-vnet-b, kv-ml.vault.azure.net is" }, { at: "endpoints.1", says: "From vnet-b of workspace endpoint pe-mlw-amlworkspace-vnet-b, stml.blob.core.windows.net" }] },
    ],
  },
});
