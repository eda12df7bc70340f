// IPv4 prefix arithmetic, in one place (as aws-cdk keeps its CIDR math). Addresses are unsigned
// 32-bit numbers; a prefix is [first, last] inclusive. Nothing here enumerates addresses.

export interface Cidr {
  readonly base: number; // network address
  readonly bits: number; // prefix length 0..32
}

/** Parses "a.b.c.d" (1-3 digits an octet, each <= 255; surrounding spaces allowed). */
export function parseIp(text: string): number | undefined {
  return parseIpAt(text.trim(), 0, text.trim().length);
}

// Addresses and prefixes are parsed on every route lookup and NSG rule of every flow: by
// character codes, without regular expressions or intermediate arrays.
function parseIpAt(text: string, from: number, to: number): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits > 3) return undefined;
      octet = octet * 10 + (c - 48);
    } else if (c === 46 && digits > 0 && dots < 3) {
      if (octet > 255) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else return undefined;
  }
  if (dots !== 3 || digits === 0 || octet > 255) return undefined;
  return value * 256 + octet;
}

export function formatIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

/** Parses "a.b.c.d/n" (or a bare address as /32). Host bits must be zero unless `loose`. */
export function parseCidr(text: string, loose = false): Cidr | undefined {
  const t = text.trim();
  const slash = t.indexOf("/");
  const addr = parseIpAt(t, 0, slash < 0 ? t.length : slash);
  let bits = 32;
  if (slash >= 0) {
    const len = t.length - slash - 1;
    if (len < 1 || len > 2) return undefined;
    bits = 0;
    for (let i = slash + 1; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c < 48 || c > 57) return undefined;
      bits = bits * 10 + (c - 48);
    }
  }
  if (addr === undefined || bits > 32) return undefined;
  const base = (addr & mask(bits)) >>> 0;
  if (base !== addr && !loose) return undefined;
  return { base, bits };
}

export function mask(bits: number): number {
  return bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
}

export function size(c: Cidr): number {
  return 2 ** (32 - c.bits);
}

export function last(c: Cidr): number {
  return c.base + size(c) - 1;
}

export function formatCidr(c: Cidr): string {
  return `${formatIp(c.base)}/${c.bits}`;
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.base >= outer.base && last(inner) <= last(outer);
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base <= last(b) && b.base <= last(a);
}

/** RFC 1918 and shared address space (100.64/10). */
export const PRIVATE_PREFIXES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"] as const;
const PRIVATE_RANGES = PRIVATE_PREFIXES.map((t) => parseCidr(t)!);

/** RFC 1918 and shared address space (100.64/10): what Azure treats as non-internet ranges (F62). */
export function isPrivate(c: Cidr): boolean {
  return PRIVATE_RANGES.some((r) => overlaps(r, c));
}

/**
 * Allocates prefixes inside a VNet's `space` that overlap none of the blocks taken: each the
 * lowest aligned block that is free, so the same inputs always give the same layout. Aligned
 * blocks either nest or are apart, so the taken ones are kept as the outermost, sorted: the one
 * that can clash with a candidate is found by binary search. And taken space only grows, so where
 * a size last found room no earlier block of that size frees up: a VNet's thousands of subnets
 * cost a few look-ups each, not a scan of every block before them.
 */
export class Allocator {
  private readonly space: readonly Cidr[];
  /** The outermost taken blocks, apart from each other, by base. */
  private readonly taken: Cidr[] = [];
  /** By space index and size: the lowest base still worth trying. */
  private readonly from = new Map<number, number>();

  constructor(space: readonly Cidr[], taken: readonly Cidr[] = []) {
    this.space = space;
    for (const t of taken) this.take(t);
  }

  /** Marks `c` taken. */
  take(c: Cidr): void {
    // The first block ending at or after c's base: it and those after it that start inside c nest in it.
    let i = this.firstEndingFrom(c.base);
    if (i < this.taken.length && contains(this.taken[i], c)) return;
    let j = i;
    while (j < this.taken.length && this.taken[j].base <= last(c)) j++;
    this.taken.splice(i, j - i, c);
  }

  /** The lowest aligned free block of `bits`, taken; undefined when nothing fits. */
  allocate(bits: number): Cidr | undefined {
    for (let k = 0; k < this.space.length; k++) {
      const s = this.space[k];
      if (bits < s.bits) continue;
      const step = 2 ** (32 - bits);
      const key = k * 33 + bits;
      for (let base = this.from.get(key) ?? s.base; base + step - 1 <= last(s); ) {
        const candidate = { base, bits };
        const i = this.firstEndingFrom(base);
        const clash = i < this.taken.length && overlaps(this.taken[i], candidate) ? this.taken[i] : undefined;
        if (!clash) {
          this.from.set(key, base + step);
          this.take(candidate);
          return candidate;
        }
        // Skip past the clashing block, rounded up to the next aligned start.
        base = Math.ceil((last(clash) + 1) / step) * step;
        this.from.set(key, base);
      }
    }
    return undefined;
  }

  /** The index of the first taken block whose last address is at or after `address`. */
  private firstEndingFrom(address: number): number {
    let lo = 0;
    let hi = this.taken.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (last(this.taken[mid]) < address) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Usable addresses in an Azure subnet: Azure reserves five in each (network, gateway, 2 DNS, broadcast). */
export function azureUsable(c: Cidr): number {
  return Math.max(0, size(c) - 5);
}
