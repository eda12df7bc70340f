import { test } from "node:test";
import assert from "node:assert/strict";
import { parseTemplateString } from "./expression.ts";
import { evaluate, EvaluationError, isUnknown, type Scope, type Value } from "./evaluate.ts";

const scope: Scope = {
  parameter: (name, at) => ({ vnetName: "vnet-ml", prefixes: ["10.0.0.0/16"], count: 3 } as Record<string, Value>)[name] ?? { unknown: true, reason: `parameters('${name}') has no value`, at },
  variable: (name) => ({ subnet: "snet-pe", obj: { a: { b: 1 } } } as Record<string, Value>)[name],
  subscriptionId: "00000000-0000-0000-0000-000000000000",
  resourceGroup: "rg-aml",
  location: "eastus",
  deploymentName: "main",
  environment: { suffixes: { storage: "core.windows.net" } },
  copyIndex: () => 2,
};

function value(text: string): Value {
  const p = parseTemplateString(text);
  assert.equal(p.kind, "expression", JSON.stringify(p));
  return p.kind === "expression" ? evaluate(p.expr, scope) : null;
}

test("the functions real templates use", () => {
  assert.equal(value("[concat('st', toLower('ML'), string(1))]"), "stml1");
  assert.deepEqual(value("[concat(createArray(1), createArray(2, 3))]"), [1, 2, 3]);
  assert.equal(value("[format('{0}-{1}', parameters('vnetName'), variables('subnet'))]"), "vnet-ml-snet-pe");
  assert.equal(value("[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), variables('subnet'))]"), "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-aml/providers/Microsoft.Network/virtualNetworks/vnet-ml/subnets/snet-pe");
  assert.equal(value("[resourceId('rg-dns', 'Microsoft.Network/privateDnsZones', 'privatelink.blob.core.windows.net')]"), "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-dns/providers/Microsoft.Network/privateDnsZones/privatelink.blob.core.windows.net");
  assert.equal(value("[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'abc')]"), "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/abc");
  assert.equal(value("[if(equals(parameters('count'), 3), 'three', reference('x').y)]"), "three", "the branch not taken may be unknown");
  assert.equal(value("[variables('obj').a['b']]"), 1);
  assert.equal(value("[length(parameters('prefixes'))]"), 1);
  assert.equal(value("[contains(parameters('prefixes'), '10.0.0.0/16')]"), true);
  assert.deepEqual(value("[union(createObject('a', 1), createObject('b', 2))]"), { a: 1, b: 2 });
  assert.deepEqual(value("[range(1, 3)]"), [1, 2, 3]);
  assert.equal(value("[copyIndex(1)]"), 3);
  assert.equal(value("[environment().suffixes.storage]"), "core.windows.net");
  assert.equal(value("[uniqueString(resourceGroup().id)]"), value("[uniqueString(resourceGroup().id)]"), "deterministic");
  assert.match(String(value("[guid('a', 'b')]")), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(value("[coalesce(null(), 'x')]"), "x");
});

test("lambdas: filter, map, reduce, sort and toObject", () => {
  assert.deepEqual(value("[filter(range(1, 5), lambda('n', greater(lambdaVariables('n'), 3)))]"), [4, 5]);
  assert.deepEqual(value("[map(createArray('a', 'b'), lambda('s', toUpper(lambdaVariables('s'))))]"), ["A", "B"]);
  assert.equal(value("[reduce(range(1, 4), 0, lambda('acc', 'n', add(lambdaVariables('acc'), lambdaVariables('n'))))]"), 10);
  assert.deepEqual(value("[sort(createArray(3, 1, 2), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))]"), [1, 2, 3]);
  assert.deepEqual(value("[toObject(createArray('x', 'y'), lambda('k', lambdaVariables('k')), lambda('k', length(lambdaVariables('k'))))]"), { x: 1, y: 1 });
  assert.ok(isUnknown(value("[map(createArray(1), lambda('i', reference('r').id))]")));
});

test("CIDR functions", () => {
  assert.deepEqual(value("[parseCidr('10.144.0.0/20')]"), { network: "10.144.0.0", netmask: "255.255.240.0", broadcast: "10.144.15.255", firstUsable: "10.144.0.1", lastUsable: "10.144.15.254", cidr: 20 });
  assert.equal(value("[cidrSubnet('10.144.0.0/20', 24, 2)]"), "10.144.2.0/24");
  assert.equal(value("[cidrHost('10.144.3.0/24', 3)]"), "10.144.3.4");
  const p = parseTemplateString("[cidrSubnet('10.0.0.0/24', 26, 4)]");
  assert.ok(p.kind === "expression");
  assert.throws(() => evaluate(p.expr, scope), /no subnet 4 of \/26 in 10\.0\.0\.0\/24/);
});

test("values known only at deployment are unknowns that remember why and where, through every function", () => {
  const v = value("[concat('https://', reference(parameters('vnetName')).primaryEndpoints.blob)]");
  assert.ok(isUnknown(v));
  assert.equal(isUnknown(v) && v.reason, "reference(...)");
  assert.equal(isUnknown(v) && v.at, 20, "the offset of reference( in the string");
  const missing = value("[toLower(parameters('notGiven'))]");
  assert.ok(isUnknown(missing) && missing.reason === "parameters('notGiven') has no value");
  assert.ok(isUnknown(value("[listKeys('x', '2023-01-01').keys[0].value]")));
});

test("mistakes are located evaluation errors", () => {
  const p = parseTemplateString("[concat('a', nosuch(1))]");
  assert.ok(p.kind === "expression");
  assert.throws(() => evaluate(p.expr, scope), (e: unknown) => e instanceof EvaluationError && e.at === 13 && /nosuch\(\) is not a function/.test(e.message));
  const q = parseTemplateString("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'only-one')]");
  assert.ok(q.kind === "expression");
  assert.throws(() => evaluate(q.expr, scope), /1 name\(s\) for type/);
});

// Each function with the results its page in "ARM template functions" gives for its examples.
const DOCUMENTED: readonly (readonly [string, Value])[] = [
  ["[and(true(), false())]", false],
  ["[or(true(), false())]", true],
  ["[not(true())]", false],
  ["[bool('true')]", true],
  ["[bool(0)]", false],
  ["[int('4')]", 4],
  ["[string(createObject('a', 1))]", '{"a":1}'],
  ["[json('{\"a\": \"b\"}')]", { a: "b" }],
  ["[json('null')]", null],
  ["[empty('')]", true],
  ["[empty(createArray())]", true],
  ["[empty(createObject())]", true],
  ["[length('abc')]", 3],
  ["[length(createObject('a', 1, 'b', 2))]", 2],
  ["[first('One Two Three')]", "O"],
  ["[first(createArray('one', 'two'))]", "one"],
  ["[last(createArray('one', 'two', 'three'))]", "three"],
  ["[skip(createArray('one', 'two', 'three'), 2)]", ["three"]],
  ["[skip('one two three', 4)]", "two three"],
  ["[take(createArray('one', 'two', 'three'), 2)]", ["one", "two"]],
  ["[take('one two three', 2)]", "on"],
  ["[indexOf('test', 't')]", 0],
  ["[lastIndexOf('test', 't')]", 3],
  ["[indexOf('abcdef', 'CD')]", 2],
  ["[indexOf('abcdef', 'z')]", -1],
  ["[startsWith('abcdef', 'AB')]", true],
  ["[endsWith('abcdef', 'ef')]", true],
  ["[substring('hello world', 6, 5)]", "world"],
  ["[padLeft('123', 10, '0')]", "0000000123"],
  ["[replace('123-123-1234', '-', '')]", "1231231234"],
  ["[split('one,two,three', ',')]", ["one", "two", "three"]],
  ["[split('one;two,three', createArray(',', ';'))]", ["one", "two", "three"]],
  ["[join(createArray('one', 'two', 'three'), ',')]", "one,two,three"],
  ["[trim('    one two three   ')]", "one two three"],
  ["[toUpper('One Two')]", "ONE TWO"],
  ["[toLower('One Two')]", "one two"],
  ["[intersection(createArray('one', 'two', 'three'), createArray('two', 'three'))]", ["two", "three"]],
  ["[intersection(createObject('one', 'a', 'two', 'b', 'three', 'c'), createObject('one', 'z', 'two', 'b', 'three', 'c'))]", { two: "b", three: "c" }],
  ["[union(createArray('one', 'two', 'three'), createArray('three', 'four'))]", ["one", "two", "three", "four"]],
  ["[contains('OneTwoThree', 'e')]", true],
  ["[contains(createObject('one', 'a'), 'one')]", true],
  ["[contains(createArray('one', 'two'), 'three')]", false],
  ["[equals(1, 1)]", true],
  ["[greater(10, 5)]", true],
  ["[greaterOrEquals(5, 5)]", true],
  ["[less(10, 5)]", false],
  ["[lessOrEquals(5, 5)]", true],
  ["[add(5, 3)]", 8],
  ["[sub(7, 3)]", 4],
  ["[mul(5, 3)]", 15],
  ["[div(8, 3)]", 2],
  ["[mod(7, 3)]", 1],
  ["[min(createArray(0, 3, 2, 5, 4))]", 0],
  ["[min(0, 3, 2)]", 0],
  ["[max(createArray(0, 3, 2, 5, 4))]", 5],
  ["[array('efgh')]", ["efgh"]],
  ["[createObject('intProp', 1, 'stringProp', 'abc')]", { intProp: 1, stringProp: "abc" }],
  ["[coalesce(null(), null(), 'x')]", "x"],
  ["[tryGet(createObject('a', 1), 'b')]", null],
  ["[tryGet(createObject('a', 1), 'a')]", 1],
  // A member whose value is null is there: null, not "no property".
  ["[createObject('a', null()).a]", null],
  ["[createObject('a', null())['a']]", null],
  // items() returns the entries sorted by key.
  ["[items(createObject('b', 2, 'a', 1))]", [{ key: "a", value: 1 }, { key: "b", value: 2 }]],
  ["[objectKeys(createObject('a', 1, 'b', 2))]", ["a", "b"]],
  ["[shallowMerge(createArray(createObject('one', 'a'), createObject('two', 'b')))]", { one: "a", two: "b" }],
  ["[flatten(createArray(createArray('one', 'two'), createArray('three')))]", ["one", "two", "three"]],
  ["[range(5, 3)]", [5, 6, 7]],
  ["[format('{0}, {1}', 'Hello', 'User')]", "Hello, User"],
  ["[concat('prefix', '-', 'suffix')]", "prefix-suffix"],
  ["[deployment().name]", "main"],
  ["[resourceGroup().name]", "rg-aml"],
  ["[subscription().subscriptionId]", "00000000-0000-0000-0000-000000000000"],
  ["[tenantResourceId('Microsoft.Authorization/policyDefinitions', 'p1')]", "/providers/Microsoft.Authorization/policyDefinitions/p1"],
  ["[extensionResourceId('/subscriptions/s/resourceGroups/rg', 'Microsoft.Authorization/locks', 'l1')]", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Authorization/locks/l1"],
  ["[length(uniqueString('a'))]", 13],
];

test("every evaluated function gives the result ARM documents", () => {
  for (const [text, expected] of DOCUMENTED) assert.deepEqual(value(text), expected, text);
});

// "Comparison functions for ARM templates" (equals) and "Conversion functions" (int), as ARM
// documents them: objects are equal whatever their key order; int() takes a whole number only.
test("equals compares objects by content, not key order; int() refuses a string that isn't a whole number", async () => {
  assert.equal(value("[equals(json('{\"a\":1,\"b\":[1,2]}'), json('{\"b\":[1,2],\"a\":1}'))]"), true);
  assert.equal(value("[equals(json('{\"a\":1}'), json('{\"a\":\"1\"}'))]"), false);
  assert.equal(value("[equals(createArray(1, 2), createArray(2, 1))]"), false);
  assert.equal(value("[equals('A', 'a')]"), false);
  assert.equal(value("[int(' -12 ')]"), -12);
  assert.throws(() => value("[int('12abc')]"), EvaluationError);
  assert.throws(() => value("[int('')]"), EvaluationError);
  // Deep and shared values compare without the stack or time running out.
  const { equal } = await import("./evaluate.ts");
  let deep: Value = 1;
  let deep2: Value = 1;
  for (let i = 0; i < 100_000; i++) [deep, deep2] = [[deep], [deep2]];
  assert.equal(equal(deep, deep2), true);
  let shared: Value = [1];
  let shared2: Value = [1];
  for (let i = 0; i < 60; i++) [shared, shared2] = [[shared, shared], [shared2, shared2]];
  assert.equal(equal(shared, shared2), true);
});

test("and() and or() stop at the argument that decides, as ARM does", () => {
  // The second argument would fail (no property 'enabled'): it is never read.
  assert.equal(value("[and(contains(variables('obj'), 'enabled'), variables('obj').enabled)]"), false);
  assert.equal(value("[or(not(contains(variables('obj'), 'enabled')), variables('obj').enabled)]"), true);
  assert.equal(value("[and(true(), equals(parameters('count'), 3))]"), true);
  assert.equal(value("[or(false(), false())]"), false);
  // An unknown decides nothing: a later known argument can; one that fails can't, so it stays unknown.
  assert.equal(value("[and(parameters('later'), false())]"), false);
  assert.ok(isUnknown(value("[and(parameters('later'), true())]")));
  assert.ok(isUnknown(value("[and(parameters('later'), variables('obj').enabled)]")));
  // Without an unknown before it, a failing argument is the template's error.
  assert.throws(() => value("[and(true(), variables('obj').enabled)]"), EvaluationError);
});
