// Sets of addresses or ports as sorted, disjoint, inclusive intervals: the network engine reasons
// about whole subnets and port ranges at once (an NSG rule that covers half a subnet splits it)
// and never enumerates addresses. Boxes combine a near end, a far end and ports.
import { formatCidr, last, parseCidr, type Cidr } from "./cidr.ts";

export type Interval = readonly [number, number];
export type Ranges = readonly Interval[];

export const NONE: Readonly<Ranges> = [];
export const ALL_IPS: Readonly<Ranges> = [[0, 0xffffffff]];
export const ALL_PORTS: Readonly<Ranges> = [[0, 65535]];

export function isEmpty(r: Ranges): boolean {
  return r.length === 0;
}

/** Sorted, merged, disjoint. */
export function normalize(list: readonly Interval[]): Ranges {
  const sorted = list.filter((x) => x[0] <= x[1]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (let i = 0; i < sorted.length; i++) {
    const lo = sorted[i][0];
    const hi = sorted[i][1];
    const top = out[out.length - 1];
    if (top && lo <= top[1] + 1) top[1] = Math.max(top[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export function union(...sets: Ranges[]): Ranges {
  // Every Ranges value is already normalized, so one set is its own union (the common case: a
  // rule with one source or one port).
  if (sets.length === 1) return sets[0];
  return normalize(sets.flat());
}

/** Whether two sets share a value, without building their intersection. */
export function meets(a: Ranges, b: Ranges): boolean {
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (Math.max(a[i][0], b[j][0]) <= Math.min(a[i][1], b[j][1])) return true;
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return false;
}

/** Whether `outer` holds every value of `inner`. */
export function covers(outer: Ranges, inner: Ranges): boolean {
  // Index loops throughout: these run for every NSG rule of every flow.
  let j = 0;
  for (let i = 0; i < inner.length; i++) {
    const lo = inner[i][0];
    const hi = inner[i][1];
    while (j < outer.length && outer[j][1] < lo) j++;
    if (j === outer.length || outer[j][0] > lo || outer[j][1] < hi) return false;
  }
  return true;
}

export function intersect(a: Ranges, b: Ranges): Ranges {
  // One side covering the other whole (a rule's `*`, a query inside one prefix) is the other.
  if (b.length === 1 && a.length > 0 && b[0][0] <= a[0][0] && a[a.length - 1][1] <= b[0][1]) return a;
  if (a.length === 1 && b.length > 0 && a[0][0] <= b[0][0] && b[b.length - 1][1] <= a[0][1]) return b;
  const out: Interval[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const lo = Math.max(a[i][0], b[j][0]);
    const hi = Math.min(a[i][1], b[j][1]);
    if (lo <= hi) out.push([lo, hi]);
    if (a[i][1] < b[j][1]) i++;
    else j++;
  }
  return out;
}

export function subtract(a: Ranges, b: Ranges): Ranges {
  const out: Interval[] = [];
  for (let i = 0; i < a.length; i++) {
    let lo = a[i][0];
    const hi = a[i][1];
    for (let j = 0; j < b.length; j++) {
      const blo = b[j][0];
      const bhi = b[j][1];
      if (bhi < lo || blo > hi) continue;
      if (blo > lo) out.push([lo, blo - 1]);
      lo = bhi + 1;
      if (lo > hi) break;
    }
    if (lo <= hi) out.push([lo, hi]);
  }
  return out;
}

export function equals(a: Ranges, b: Ranges): boolean {
  return a.length === b.length && a.every((x, i) => x[0] === b[i][0] && x[1] === b[i][1]);
}

/** The addresses of a prefix or address ("10.0.0.0/24", "10.0.0.5"); undefined if it is neither. */
export function ipRanges(text: string): Ranges | undefined {
  const c = parseCidr(text, true);
  return c ? [[c.base, last(c)]] : undefined;
}

/** NSG port syntax: "*", "443", "8000-8999", or a comma list of those. */
export function portRanges(text: string): Ranges {
  if (text.trim() === "*") return ALL_PORTS;
  return normalize(
    text.split(",").map((part): Interval => {
      const [lo, hi] = part.trim().split("-").map(Number);
      return [lo, hi ?? lo];
    }),
  );
}

/** The fewest prefixes that cover exactly these addresses, for people to read. */
export function cidrsOf(r: Ranges): string[] {
  const out: string[] = [];
  for (const [lo0, hi] of r) {
    for (let lo = lo0; lo <= hi; ) {
      let bits = 32;
      // Grow the block while it stays aligned and inside the interval.
      while (bits > 0) {
        const size = 2 ** (33 - bits);
        if (lo % size !== 0 || lo + size - 1 > hi) break;
        bits--;
      }
      const c: Cidr = { base: lo, bits };
      out.push(bits === 32 ? formatCidr(c).replace(/\/32$/, "") : formatCidr(c));
      lo = last(c) + 1;
    }
  }
  return out;
}

/** Ports for people to read: "443", "8000-8999, 9000". */
export function formatPorts(r: Ranges): string {
  if (equals(r, ALL_PORTS)) return "*";
  return r.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`)).join(", ");
}

/** A set of packets of one protocol: near-end addresses x far-end addresses x destination ports. */
export interface Box {
  readonly local: Ranges;
  readonly remote: Ranges;
  readonly ports: Ranges;
}

export function boxEmpty(b: Box): boolean {
  return isEmpty(b.local) || isEmpty(b.remote) || isEmpty(b.ports);
}

/** Whether two boxes share a packet (most NSG rules miss most queries: no box is built for them). */
export function boxesMeet(a: Box, b: Box): boolean {
  return meets(a.local, b.local) && meets(a.remote, b.remote) && meets(a.ports, b.ports);
}

/** Whether `outer` holds every packet of `inner`. */
export function boxCovers(outer: Box, inner: Box): boolean {
  return covers(outer.local, inner.local) && covers(outer.remote, inner.remote) && covers(outer.ports, inner.ports);
}

export function boxIntersect(a: Box, b: Box): Box {
  return { local: intersect(a.local, b.local), remote: intersect(a.remote, b.remote), ports: intersect(a.ports, b.ports) };
}

/** What is left of `a` once `m` (a part of it) is taken out: at most three boxes. */
export function boxSubtract(a: Box, m: Box): Box[] {
  return [
    { local: subtract(a.local, m.local), remote: a.remote, ports: a.ports },
    { local: m.local, remote: subtract(a.remote, m.remote), ports: a.ports },
    { local: m.local, remote: m.remote, ports: subtract(a.ports, m.ports) },
  ].filter((b) => !boxEmpty(b));
}
