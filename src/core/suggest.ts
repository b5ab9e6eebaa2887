/** "Did you mean …?" — the known names closest to a mistyped one. */

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}

/** Names within a third of their length in edits, or sharing the typed text as a prefix, best first. */
export function nearestNames(typed: string, known: readonly string[], max = 2): string[] {
  const t = typed.toLowerCase();
  return known
    .map((k) => ({ k, d: k.toLowerCase().startsWith(t) || t.startsWith(k.toLowerCase()) ? 0.5 : editDistance(t, k.toLowerCase()) }))
    .filter((x) => x.d <= Math.max(2, Math.ceil(x.k.length / 3)))
    .sort((a, b) => a.d - b.d || (a.k < b.k ? -1 : 1))
    .slice(0, max)
    .map((x) => x.k);
}
