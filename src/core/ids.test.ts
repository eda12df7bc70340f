import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { lastName, nameOfId, parentId, relativeId, resourceGroupOf, resourceId, typeOfId } from "./ids.ts";

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

test("a parent id is the id without its last type/name pair, under the last /providers/ in any case", () => {
  // The definition, written plainly: what the character-by-character version must agree with.
  const reference = (id: string): string | undefined => {
    const i = id.toLowerCase().lastIndexOf("/providers/");
    if (i < 0) return undefined;
    const segments = id.slice(i + "/providers/".length).split("/");
    return segments.length < 5 ? undefined : id.slice(0, id.length - segments.slice(-2).join("/").length - 1);
  };
  const segment = fc.constantFrom("providers", "PROVIDERS", "Providers", "Microsoft.Network", "virtualNetworks", "subnets", "vnet", "x", "", "roleAssignments");
  const id = fc.array(segment, { maxLength: 12 }).map((parts) => `/subscriptions/s/resourceGroups/rg/${parts.join("/")}`);
  fc.assert(fc.property(fc.oneof(id, fc.string()), (s) => assert.equal(parentId(s), reference(s))), { numRuns: 2000 });
  const extension = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st/PROVIDERS/Microsoft.Authorization/roleAssignments/g";
  assert.equal(parentId(extension), undefined);
  assert.equal(parentId(`${extension}/x/y`), extension);
});

test("an id's type and name are its segments after the last /providers/, walked as the plain definition splits them", () => {
  const reference = (id: string, parity: 0 | 1): string => {
    const i = id.toLowerCase().lastIndexOf("/providers/");
    const segments = id.slice(i + "/providers/".length).split("/");
    return parity === 0 ? [segments[0], ...segments.slice(1).filter((_, k) => k % 2 === 0)].join("/") : segments.slice(1).filter((_, k) => k % 2 === 1).join("/");
  };
  const segment = fc.constantFrom("providers", "PROVIDERS", "Microsoft.Network", "virtualNetworks", "subnets", "vnet", "x", "", "roleAssignments");
  const id = fc.array(segment, { maxLength: 12 }).map((parts) => `/subscriptions/s/resourceGroups/rg/providers/${parts.join("/")}`);
  fc.assert(
    fc.property(id, (s) => {
      assert.equal(typeOfId(s), reference(s, 0));
      assert.equal(nameOfId(s), reference(s, 1));
    }),
    { numRuns: 2000 },
  );
  assert.equal(nameOfId("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/a"), "v/a");
  assert.equal(typeOfId("no providers here"), undefined);
});
