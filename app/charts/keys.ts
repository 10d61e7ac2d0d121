/** Pure helpers of the chart's pointer and keyboard cursor (unit-tested without a DOM). */

/** The series whose value at `idx` is drawn nearest to `top` (px); 0 when none has one. */
export function nearestSeries(
  series: readonly ArrayLike<number | null | undefined>[],
  idx: number,
  top: number,
  toPos: (v: number) => number,
): number {
  let best = 0;
  let bestD = Infinity;
  series.forEach((values, i) => {
    const v = values[idx];
    if (v === null || v === undefined) return;
    const d = Math.abs(toPos(v) - top);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

/** The keyboard cursor's next point: `by` points in direction `dir`, clamped; from nowhere (-1) to the first. */
export function stepIndex(n: number, idx: number, dir: 1 | -1, by = 1): number {
  if (n === 0) return -1;
  if (idx < 0) return dir > 0 ? 0 : n - 1;
  return Math.max(0, Math.min(n - 1, idx + dir * by));
}
