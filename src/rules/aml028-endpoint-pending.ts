import { rule } from "./rule.ts";
import { endpoints, name } from "../core/views.ts";

export default rule({
  id: "AML028",
  title: "Private endpoint waiting for approval",
  severity: "warning",
  facts: ["F46", "F41"],
  docs: ["PL", "SYN"],
  description:
    "A private endpoint whose connection is Pending carries no traffic until the owner of the target approves it. Deployments that request connections manually (another tenant, missing rights) need that approval as a step of their own.",
  check(m) {
    return endpoints(m)
      .filter((e) => e.status !== "Approved")
      .map((e) => ({
        resource: e.pe,
        message: `Endpoint ${name(e.pe)} to ${name(e.target) === "?" ? e.targetId : name(e.target)} is ${e.status}: nothing flows through it until it is approved.`,
        fix: "Approve the connection on the target resource (Networking > Private endpoint connections), or request it automatically where you have the rights.",
      }));
  },
  cases: {
    pass: [""],
    fail: [
      { patch: "endpoints: [{subnet: vnet-ml/snet-pe, approval: Pending}]", fires: [{ at: "endpoints.0", says: "Endpoint pe-crml01-registry-vnet-ml to crml01 is Pending" }, { at: "endpoints.0", says: "Endpoint pe-kv-ml-vault-vnet-ml to kv-ml is Pending" }, { at: "endpoints.0", says: "Endpoint pe-mlw-amlworkspace-vnet-ml to mlw is Pending" }, { at: "endpoints.0", says: "Endpoint pe-stml-blob-vnet-ml to stml is Pending" }, { at: "endpoints.0", says: "Endpoint pe-stml-file-vnet-ml to stml is Pending" }] },
    ],
  },
});
