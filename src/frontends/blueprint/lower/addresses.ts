// Subnet prefixes: fixed ones as given, sized ones allocated deterministically (lowest free
// aligned block, in declaration order) so the same blueprint always yields the same layout.
import { Allocator, formatCidr, parseCidr, type Cidr } from "../../../core/net/cidr.ts";
import type { SourcePath } from "../../../core/source.ts";
import type { Blueprint } from "../schema.ts";

export interface Allocation {
  /** "<vnet>/<subnet>" -> prefix */
  readonly prefixes: ReadonlyMap<string, string>;
  readonly errors: readonly { path: SourcePath; message: string }[];
}

export function allocateSubnets(bp: Blueprint): Allocation {
  const prefixes = new Map<string, string>();
  const errors: { path: SourcePath; message: string }[] = [];
  bp.networks.vnets.forEach((v, i) => {
    const space: Cidr[] = [];
    v.addressSpace.forEach((a, k) => {
      const c = parseCidr(a);
      if (c) space.push(c);
      else errors.push({ path: ["networks", "vnets", i, "addressSpace", k], message: `'${a}' is not a valid prefix (host bits set or out of range)` });
    });
    const blocks = new Allocator(space);
    v.subnets.forEach((s, j) => {
      if (s.prefix === undefined) return;
      const c = parseCidr(s.prefix);
      if (!c) errors.push({ path: ["networks", "vnets", i, "subnets", j, "prefix"], message: `'${s.prefix}' is not a valid prefix (host bits set or out of range)` });
      else {
        blocks.take(c);
        prefixes.set(`${v.name}/${s.name}`, formatCidr(c));
      }
    });
    v.subnets.forEach((s, j) => {
      if (s.size === undefined || space.length === 0) return;
      const c = blocks.allocate(s.size);
      if (!c) {
        errors.push({ path: ["networks", "vnets", i, "subnets", j, "size"], message: `no free /${s.size} left in ${v.addressSpace.join(", ")} for subnet '${s.name}'` });
        return;
      }
      prefixes.set(`${v.name}/${s.name}`, formatCidr(c));
    });
  });
  return { prefixes, errors };
}
