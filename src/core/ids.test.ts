import { test } from "node:test";
import assert from "node:assert/strict";
import { lastName, parentId, relativeId, resourceGroupOf, resourceId, typeOfId } from "./ids.ts";

test("builds and splits ARM ids", () => {
  const scope = { subscription: "s1", resourceGroup: "rg" };
  const subnet = resourceId(scope, "Microsoft.Network/virtualNetworks/subnets", "vnet", "snet");
  assert.equal(subnet, "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/snet");
  assert.equal(parentId(subnet), "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet");
  assert.equal(parentId(parentId(subnet)!), undefined);
  assert.equal(typeOfId(subnet), "Microsoft.Network/virtualNetworks/subnets");
  assert.equal(lastName(subnet), "snet");
  assert.throws(() => resourceId(scope, "Microsoft.Network/virtualNetworks/subnets", "vnet"));
});

test("resource group and group-relative forms of an id", () => {
  const id = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Network/privateEndpoints/pe";
  assert.equal(resourceGroupOf(id), "/subscriptions/s1/resourceGroups/rg");
  assert.equal(relativeId(id), "Microsoft.Network/privateEndpoints/pe");
  assert.equal(resourceGroupOf("/subscriptions/s1"), "");
});
