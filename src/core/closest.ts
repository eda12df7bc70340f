// "Did you mean": the candidates nearest a mistyped name, by edit distance (case-insensitive).
// Bounded: a name longer than any real one gets no suggestion, and a candidate whose length alone
// puts it out of reach is never compared, so a hostile name or a huge list costs little.

/** Names longer than this are not mistyped names of ours: no suggestion is looked for. */
const LONGEST = 100;

export function closest(word: string, candidates: readonly string[], limit = 3): string[] {
  if (word.length > LONGEST) return [];
  const w = word.toLowerCase();
  const reach = Math.max(2, Math.floor(w.length / 3));
  const scored: { c: string; d: number }[] = [];
  for (const c of new Set(candidates)) {
    if (c.length > LONGEST || Math.abs(c.length - w.length) > reach) continue;
    const d = distance(w, c.toLowerCase(), reach);
    if (d <= reach) scored.push({ c, d });
  }
  return scored
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, limit)
    .map((x) => x.c);
}

/** Edit distance, or something above `reach` as soon as every path is past it. */
function distance(a: string, b: string, reach: number): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (cur[j] < best) best = cur[j];
    }
    if (best > reach) return reach + 1;
    prev = cur;
  }
  return prev[b.length];
}
