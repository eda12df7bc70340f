import { test } from "node:test";
import assert from "node:assert/strict";
import { actionGrants, approvalOutsideRole } from "./approval.ts";

test("role action patterns grant as Azure matches them: whole names or * wildcards, any case", () => {
  const a = "Microsoft.DataFactory/factories/privateEndpointConnections/write";
  for (const p of ["*", "Microsoft.DataFactory/*", "microsoft.datafactory/factories/privateendpointconnections/write", "*/write", "Microsoft.DataFactory/*/write", "Microsoft.*/factories/*"])
    assert.ok(actionGrants(p, a), p);
  for (const p of ["Microsoft.DataFactory/factories/read", "*/read", "Microsoft.Databricks/*", "Microsoft.DataFactory/*/read", "Microsoft.DataFactory/factories/privateEndpointConnections/write/x"])
    assert.ok(!actionGrants(p, a), p);
});

test("the types outside the approver role are Data Factory, Databricks and Function Apps, each with a write that approves", () => {
  for (const type of ["Microsoft.DataFactory/factories", "microsoft.databricks/workspaces", "Microsoft.Web/sites"]) {
    const outside = approvalOutsideRole(type);
    assert.ok(outside, type);
    assert.ok(outside.actions.some((x) => /privateEndpointConnections\/write$/i.test(x)), type);
  }
  for (const type of ["Microsoft.Storage/storageAccounts", "Microsoft.Search/searchServices", undefined]) assert.equal(approvalOutsideRole(type), undefined, String(type));
});
