/** Edit distance with adjacent transpositions counted once ("elasticsaerch" is one slip). */
export function typoDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => Math.max(i, j) * Number(i === 0 || j === 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * Taken for a misspelling: one slip in any word; two in a word of six letters or more, three from ten,
 * when the first letter agrees ("toaster" is not "master").
 */
function close(word: string, spelling: string, d: number): boolean {
  if (d <= 1) return true;
  const shorter = Math.min(word.length, spelling.length);
  if (word[0] !== spelling[0]) return false;
  return (d <= 2 && shorter >= 6) || (d <= 3 && shorter >= 10);
}

/** The spellings nearest to `word` that pass for a misspelling of it, nearest first; empty when none. */
export function nearest(word: string, spellings: Iterable<string>): string[] {
  let best = Infinity;
  let found: string[] = [];
  for (const s of spellings) {
    if (s.length <= 2 || s === word) continue;
    const d = typoDistance(word, s);
    if (!close(word, s, d)) continue;
    if (d < best) {
      best = d;
      found = [s];
    } else if (d === best && !found.includes(s)) found.push(s);
  }
  return found;
}
