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
  messages: {
    extension: "The Azure ML extension on AKS allows insecure connections.",
    sslDisabled: "An AKS compute attached the older way (computeType AKS) has no TLS configured (sslConfiguration absent or Disabled).",
  },
  testedElsewhere: { sslDisabled: "test/realworld.test.ts (qs_ml-compute-create-akscompute_azuredeploy.json)" },
  check(m) {
    const extensions = m.ofType(T.aksExtension)
      .filter((x) => m.props.aksExtension(x).configurationSettings?.allowInsecureConnections === "True")
      .map((x) => {
        const cluster = m.get(x.scope);
        return {
          resource: cluster ?? x,
          messageId: "extension",
          message: `The Azure ML extension on AKS ${name(cluster ?? x)} allows insecure connections: scoring traffic is plain HTTP.`,
          fix: "Give the cluster scoringTls.cname and pass its certificate and key at deployment, and drop allowInsecureScoring.",
        };
      });
    // An AKS compute (computeType AKS) serves scoring over TLS only with an sslConfiguration whose
    // status is Enabled or Auto; none, or Disabled, is plain HTTP.
    const computes = m.ofType(T.compute).flatMap((c) => {
      const p = m.props.compute(c);
      if (String(p.computeType).toLowerCase() !== "aks") return [];
      const ssl = p.properties?.sslConfiguration;
      if (ssl && String(ssl.status ?? "Disabled").toLowerCase() !== "disabled") return [];
      return [
        {
          resource: c,
          property: ["properties", "properties", "sslConfiguration"],
          messageId: "sslDisabled",
          message: `AKS compute ${name(c)} has no TLS for scoring (sslConfiguration ${ssl ? "Disabled" : "absent"}): scoring traffic is plain HTTP.`,
          fix: "Set sslConfiguration.status to Enabled (or Auto, for a Microsoft-provided name) with the certificate, key and cname clients use.",
        },
      ];
    });
    return [...extensions, ...computes];
  },
  cases: {
    pass: ["", `${AKS}\ncompute: { kubernetes: [{name: aks1, subnet: vnet-ml/snet-aks, scoringTls: { cname: score.example.com }}] }`],
    fail: [
      {
        patch: `${AKS}\ncompute: { kubernetes: [{name: aks1, subnet: vnet-ml/snet-aks, allowInsecureScoring: true}] }`,
        fires: [{ at: "compute.kubernetes.0", id: "extension" }],
      },
    ],
  },
});
