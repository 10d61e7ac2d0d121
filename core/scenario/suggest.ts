/**
 * "Did you mean …?": the closest known word by edit distance (optimal string alignment, so a
 * swapped pair of letters — `http-resue`, `opne` — counts as one edit). Pure.
 */

/** Words longer than this are not compared: nobody misspells a keyword by 60 letters. */
const MAX_LEN = 48;

export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  // Three rolling rows: the transposition case looks two rows back.
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}

/** How many edits we still call a typo, by word length. */
function tolerance(len: number): number {
  if (len <= 2) return 0;
  if (len <= 4) return 1;
  if (len <= 8) return 2;
  return 3;
}

/**
 * The candidate closest to `word`, or undefined when none is close enough. Case differences are
 * free (`HTTP-REUSE` → `http-reuse`); ties go to the earlier candidate.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length === 0 || word.length > MAX_LEN) return undefined;
  const w = word.toLowerCase();
  const limit = tolerance(word.length);
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    if (c === word || Math.abs(c.length - w.length) > limit) continue;
    const d = editDistance(w, c.toLowerCase());
    if (d <= limit && d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}
