/** Edits (insert, delete, substitute, swap two neighbours) that turn `a` into `b`. */
function distance(a: string, b: string): number {
  // d[i][j]: edits from the first i characters of a to the first j of b.
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => i + j));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

/** The command a mistyped word most likely meant ("chek" → "check"), if one is close enough. */
export function closestCommand(word: string, names: readonly string[]): string | undefined {
  const typed = word.toLowerCase();
  if (typed.length < 3) return undefined;
  // Short names tolerate one slip, longer ones two.
  let best: { name: string; edits: number } | undefined;
  for (const name of names) {
    const edits = distance(typed, name);
    if (edits <= (name.length <= 4 ? 1 : 2) && (!best || edits < best.edits)) best = { name, edits };
  }
  return best?.name;
}
