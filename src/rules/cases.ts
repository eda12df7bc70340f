// The base blueprint that rule cases patch: a private-link workspace that every rule passes.
// A case is YAML merged over it: maps merge key by key, lists and scalars replace, null removes.
import { parse, stringify } from "yaml";

// The base case's VNet; cases that add VNets restate it, since lists replace.
const BASE_VNET = "{ name: vnet-ml, addressSpace: [10.0.0.0/16], subnets: [{ name: snet-pe, purpose: endpoints, size: 24 }, { name: snet-train, purpose: training, size: 24 }] }";

/** A `networks.vnets` patch: the base case's VNet, then `more` (each a YAML flow map). */
export function vnetsWith(...more: string[]): string {
  return ["networks:", "  vnets:", ...[BASE_VNET, ...more].map((v) => `    - ${v}`)].join("\n");
}

export const BASE_CASE = `
region: eastus
workspace: { name: mlw }
storage: { name: stml }
keyVault: { name: kv-ml }
containerRegistry: { name: crml01 }
${vnetsWith()}
endpoints:
  - subnet: vnet-ml/snet-pe
compute:
  clusters: [{ name: cpu, subnet: vnet-ml/snet-train }]
`;

export function mergeCase(base: string, patch: string): string {
  return stringify(merge(parse(base), parse(patch) ?? {}));
}

function merge(a: unknown, b: unknown): unknown {
  if (b === null) return undefined;
  if (!isMap(a) || !isMap(b)) return b;
  const out: Record<string, unknown> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const m = merge(a[k], v);
    if (m === undefined) delete out[k];
    else out[k] = m;
  }
  return out;
}

function isMap(x: unknown): x is Record<string, unknown> {
  return !!x && typeof x === "object" && !Array.isArray(x);
}
