// Which address prefixes overlap, by owner (VNets, or a VNet's subnets): the rules that judge
// address space ask it of thousands of owners at once.
import { last, type Cidr } from "./cidr.ts";

/**
 * For each owner whose prefixes overlap an earlier owner's, that owner's first such overlap, as
 * [earlier owner, its prefix, owner, its prefix], in owner order: one each, so ten thousand VNets
 * that share one space make ten thousand findings, not fifty million (each names the first VNet
 * it clashes with; fixing it shows the next). Aligned prefixes either nest or are apart, so the
 * prefixes that overlap one are those equal to it, around it and inside it: identical prefixes
 * are grouped, groups form a containment forest in one sweep, and each group knows the lowest
 * owners around it and inside it.
 */
export function firstOverlaps(owners: readonly (readonly (readonly [string, Cidr])[])[]): [number, string, number, string][] {
  interface Item {
    readonly owner: number;
    /** Which of its owner's prefixes. */
    readonly k: number;
    readonly text: string;
  }
  const before = (x: Item, y: Item) => x.owner - y.owner || x.k - y.k;
  interface Group {
    readonly c: Cidr;
    readonly end: number;
    readonly items: Item[];
    /** The two lowest items of different owners in it, around it, and inside it. */
    low: Item[];
    around: Item[];
    inside: Item[];
    children: Group[];
  }
  const byPrefix = new Map<string, Group>();
  owners.forEach((prefixes, owner) => {
    prefixes.forEach(([text, c], k) => {
      const key = `${c.base}/${c.bits}`;
      let g = byPrefix.get(key);
      if (!g) byPrefix.set(key, (g = { c, end: last(c), items: [], low: [], around: [], inside: [], children: [] }));
      g.items.push({ owner, k, text });
    });
  });
  // The two lowest items of different owners (each its owner's first prefix there) among lists each already so.
  const lowest = (...lists: readonly (readonly Item[])[]): Item[] => {
    const out: Item[] = [];
    for (const x of lists.flat().sort(before)) {
      if (out.length && out[out.length - 1].owner === x.owner) continue;
      out.push(x);
      if (out.length === 2) break;
    }
    return out;
  };
  const groups = [...byPrefix.values()].sort((x, y) => x.c.base - y.c.base || y.end - x.end);
  const open: Group[] = [];
  for (const g of groups) {
    g.low = lowest(g.items);
    while (open.length && open[open.length - 1].end < g.c.base) open.pop();
    const parent = open[open.length - 1];
    if (parent) {
      parent.children.push(g);
      g.around = lowest(parent.low, parent.around);
    }
    open.push(g);
  }
  // Inside: children before parents (the sweep met parents first, so backwards).
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i];
    g.inside = lowest(...g.children.map((c) => lowest(c.low, c.inside)));
  }
  const first = new Map<number, { a: Item; b: Item }>();
  for (const g of groups) {
    // The two lowest owners overlapping the group: the lowest other than an item's own is its first overlap.
    const candidates = lowest(g.low, g.around, g.inside);
    for (const b of g.items) {
      const a = candidates.find((x) => x.owner !== b.owner);
      if (!a || a.owner > b.owner) continue;
      const known = first.get(b.owner);
      if (!known || before(a, known.a) < 0 || (before(a, known.a) === 0 && b.k < known.b.k)) first.set(b.owner, { a, b });
    }
  }
  return [...first.values()].sort((x, y) => x.b.owner - y.b.owner).map(({ a, b }) => [a.owner, a.text, b.owner, b.text]);
}
