// "Did you mean": the candidates nearest a mistyped name, by edit distance (case-insensitive).

export function closest(word: string, candidates: readonly string[], limit = 3): string[] {
  const w = word.toLowerCase();
  const scored = [...new Set(candidates)].map((c) => ({ c, d: distance(w, c.toLowerCase()) }));
  const best = scored.sort((a, b) => a.d - b.d || a.c.localeCompare(b.c)).filter((x) => x.d <= Math.max(2, Math.floor(w.length / 3)));
  return best.slice(0, limit).map((x) => x.c);
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}
