/** Smoothing for the over-time plots (pure; smooth.test.ts). */

/** Mean of the defined values among the last `k` (null when none is). */
export function trailingMean(values: readonly (number | null)[], k: number): (number | null)[] {
  const out: (number | null)[] = [];
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && v !== undefined) {
      sum += v;
      n++;
    }
    const old = i >= k ? values[i - k] : null;
    if (old !== null && old !== undefined) {
      sum -= old;
      n--;
    }
    out.push(n > 0 ? sum / n : null);
  }
  return out;
}
