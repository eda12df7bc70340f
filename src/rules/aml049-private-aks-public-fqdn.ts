import { rule } from "./rule.ts";
import { name } from "../core/views.ts";
import { T } from "../core/registry.ts";

export default rule({
  id: "AML049",
  title: "Private AKS cluster with a public FQDN",
  severity: "error",
  facts: ["F27"],
  docs: ["INFER"],
  description: "Azure Machine Learning doesn't support a private AKS cluster whose API server also has a public FQDN; attaching or deploying to it fails.",
  check(m) {
    return m
      .ofType(T.aks)
      .filter((a) => m.props.aks(a).apiServerAccessProfile?.enablePrivateCluster && m.props.aks(a).apiServerAccessProfile?.enablePrivateClusterPublicFQDN)
      .map((a) => ({
        resource: a,
        message: `AKS ${name(a)} is private with a public FQDN, which Azure Machine Learning doesn't support.`,
        fix: "Turn off enablePrivateClusterPublicFQDN (compute.kubernetes[].privateClusterPublicFqdn: false).",
      }));
  },
  cases: {
    pass: ["networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-aks, purpose: scoring, size: 22}]}] }\ncompute: { kubernetes: [{name: aks1, subnet: vnet-ml/snet-aks, scoringTls: { cname: score.example.com }}] }"],
    fail: [
      { patch: "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-aks, purpose: scoring, size: 22}]}] }\ncompute: { kubernetes: [{name: aks1, subnet: vnet-ml/snet-aks, privateClusterPublicFqdn: true, scoringTls: { cname: score.example.com }}] }", fires: [{ at: "compute.kubernetes.0", says: "AKS aks1 is private with a public FQDN, which Azure Machine Learning doesn't support." }] },
    ],
  },
});
