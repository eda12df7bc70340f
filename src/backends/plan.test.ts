// The deployment plan decides once what each path creates: what the template holds, what
// deploy.sh creates and when, what Terraform holds, and the secrets' names.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { checkBlueprint } from "../api/index.ts";
import { BASE_CASE, mergeCase } from "../rules/cases.ts";
import { planDeployment } from "./plan.ts";
import { T } from "../core/registry.ts";

const modelOf = (text: string) => {
  const r = checkBlueprint("plan.yaml", text);
  assert.ok(r.ok, r.ok ? "" : r.errors.map((e) => e.message).join("\n"));
  return r.model;
};
const example = (f: string) => modelOf(readFileSync(new URL(`../../examples/${f}`, import.meta.url), "utf8"));

test("a role assignment on another resource group is scripted for the template and created by Terraform", () => {
  // F35: the approver role on the group of a managed-network endpoint's target.
  const sql = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data/providers/Microsoft.Sql/servers/sql1";
  const plan = planDeployment(
    modelOf(
      mergeCase(
        BASE_CASE,
        `workspace: { network: { mode: managed, outboundRules: [{type: PrivateEndpoint, name: sql, target: ${sql}, subresource: sqlServer}] } }
endpoints: [{subnet: vnet-ml/snet-pe, targets: [workspace]}]
compute: { clusters: [{name: cpu}] }`,
      ),
    ),
  );
  const outside = plan.model.ofType(T.roleAssignment).filter((r) => r.scope?.endsWith("/resourceGroups/rg-data"));
  assert.equal(outside.length, 1, "the workspace is approver on the target's group");
  for (const r of outside) {
    assert.equal(plan.template.isCreated(r.id), false);
    assert.match(plan.template.scripted.find((s) => s.id === r.id)?.reason ?? "", /outside this template's resource group/);
    assert.equal(plan.terraform.isCreated(r.id), true);
  }
});

test("data-plane resources are scripted on every path; everything with an official schema is created by the template", () => {
  const synapse = planDeployment(example("synapse-integration.yaml"));
  const mpe = synapse.model.ofType(T.synapseMpe)[0];
  assert.ok(synapse.template.isScripted(mpe.id) && synapse.terraform.isScripted(mpe.id));
  assert.equal(synapse.template.scripted.find((s) => s.id === mpe.id)?.when, "after");
  for (const f of ["sentinel-jumpbox.yaml", "isolated-aks-vnet.yaml"]) {
    const plan = planDeployment(example(f));
    assert.deepEqual(plan.template.scripted, [], `${f}: monitor scopes, the AKS extension and the compute after it are template resources`);
  }
});

test("secrets are named once for templates and scripts; principals by who creates them", () => {
  const plan = planDeployment(example("sentinel-jumpbox.yaml"));
  assert.deepEqual(plan.secrets.map((s) => [s.parameter, s.variable]), [["sentinelJumpboxAdminPassword", "SENTINEL_JUMPBOX_ADMIN_PASSWORD"]]);
  const ws = plan.model.ofType(T.workspace)[0];
  assert.equal(plan.template.principal(ws.id).kind, "created-system");
  assert.equal(plan.template.principal("/subscriptions/x/resourceGroups/y/providers/Microsoft.ManagedIdentity/userAssignedIdentities/z").kind, "unknown");
});
