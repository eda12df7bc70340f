// A model's resources as Azure Resource Graph prints them (`resources | …` -o json): types in
// lower case, each resource group named beside its resources, a VNet's subnets inside it, nothing
// else nested. The benchmark's estates and the tests' are exported this way.
import type { Model } from "../../src/core/model.ts";

export function resourceGraphOf(model: Model): object[] {
  const subnetType = "microsoft.network/virtualnetworks/subnets";
  const subnetsOf = new Map<string, object[]>();
  for (const r of model.resources)
    if (r.type.toLowerCase() === subnetType) {
      const vnet = r.id.slice(0, r.id.toLowerCase().lastIndexOf("/subnets/")).toLowerCase();
      const list = subnetsOf.get(vnet);
      const subnet = { id: r.id, name: r.name.split("/").pop(), properties: r.properties };
      if (list) list.push(subnet);
      else subnetsOf.set(vnet, [subnet]);
    }
  return model.resources
    .filter((r) => r.type.toLowerCase() !== subnetType)
    .map((r) => {
      const type = r.type.toLowerCase();
      const properties = type === "microsoft.network/virtualnetworks" ? { ...r.properties, subnets: subnetsOf.get(r.id.toLowerCase()) ?? [] } : r.properties;
      return { id: r.id, name: r.name, type, location: r.location ?? "global", resourceGroup: r.id.split("/")[4], ...(r.kind ? { kind: r.kind } : {}), ...(r.sku ? { sku: r.sku } : {}), properties };
    });
}

/**
 * `copies` copies of one estate (its Resource Graph items as JSON text), each with the given names
 * suffixed (`-0`, `-1`, …), every copy keeping the address plan: isolated environments stamped from
 * one template. `tweak` changes one copy's text.
 */
export function stampedCopies(items: string, names: readonly string[], copies: number, tweak: (text: string, i: number) => string = (t) => t): unknown[] {
  const data: unknown[] = [];
  // Longest first: a name that holds another (kv-aml-private in rg-aml-private) is renamed whole.
  const byLength = [...names].sort((a, b) => b.length - a.length);
  for (let i = 0; i < copies; i++) {
    let text = items;
    for (const n of byLength) text = text.replaceAll(n, `${n}-${i}`);
    for (const item of JSON.parse(tweak(text, i)) as unknown[]) data.push(item);
  }
  return data;
}
