import { rule } from "./rule.ts";
import { name } from "../core/views.ts";
import { T } from "../core/registry.ts";

const AKS = "networks: { vnets: [{name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{name: snet-pe, purpose: endpoints, size: 24}, {name: snet-train, purpose: training, size: 24}, {name: snet-aks, purpose: scoring, size: 22}]}] }";

export default rule({
  id: "AML056",
  title: "AKS inference scores over plain HTTP",
  severity: "warning",
  facts: ["F27"],
  docs: ["INFER"],
  description:
    "The Azure Machine Learning extension on AKS serves scoring requests over TLS only when it has a certificate, its key and the name clients use; without them the extension must be told to allow insecure connections. Then requests and responses, keys and data included, cross the network in clear text. amlnet installs secure scoring unless the blueprint opts out, and reports the opt-out.",
  check(m) {
    return m.ofType(T.aksExtension)
      .filter((x) => m.props.aksExtension(x).configurationSettings?.allowInsecureConnections === "True")
      .map((x) => {
        const cluster = m.get(x.scope);
        return {
          resource: cluster ?? x,
          message: `The Azure ML extension on AKS ${name(cluster ?? x)} allows insecure connections: scoring traffic is plain HTTP.`,
          fix: "Give the cluster scoringTls.cname and pass its certificate and key at deployment, and drop allowInsecureScoring.",
        };
      });
  },
  cases: {
    pass: ["", `${AKS}\ncompute: { kubernetes: [{name: aks1, subnet: vnet-ml/snet-aks, scoringTls: { cname: score.example.com }}] }`],
    fail: [
      {
        patch: `${AKS}\ncompute: { kubernetes: [{name: aks1, subnet: vnet-ml/snet-aks, allowInsecureScoring: true}] }`,
        fires: [{ at: "compute.kubernetes.0", says: "The Azure ML extension on AKS aks1 allows insecure connections" }],
      },
    ],
  },
});
