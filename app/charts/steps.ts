/**
 * Data for a step chart of a counter that changes at events (open connections after
 * each event): only the points where the value changes are kept, and when there are
 * more of those than the chart has pixels for, each bucket of x keeps its lowest,
 * highest and last value, so no peak is lost. Pure: unit-tested, run once per run.
 */
export interface StepPoints {
  /** x of each point (the event's time, converted by `scale`), ascending. */
  readonly x: number[];
  readonly y: number[];
}

export function stepPoints(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  maxPoints: number,
  scale = 1,
): StepPoints {
  const n = Math.min(times.length, values.length);
  const x: number[] = [];
  const y: number[] = [];
  if (n === 0) return { x, y };
  // Before the first event nothing is open: the chart starts from 0 at the first time.
  x.push(times[0] * scale);
  y.push(0);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const t = times[i] * scale;
    if (v === y[y.length - 1]) continue;
    x.push(t);
    y.push(v);
  }
  const tEnd = times[n - 1] * scale;
  if (x[x.length - 1] !== tEnd) {
    x.push(tEnd);
    y.push(y[y.length - 1]);
  }
  return x.length > maxPoints ? bucket(x, y, Math.max(4, maxPoints)) : { x, y };
}

/** Keep, per bucket of equal x width, the lowest, highest and last point, in x order. */
function bucket(x: number[], y: number[], maxPoints: number): StepPoints {
  const buckets = Math.max(1, Math.floor(maxPoints / 3));
  const x0 = x[0];
  const span = x[x.length - 1] - x0 || 1;
  const ox: number[] = [x[0]];
  const oy: number[] = [y[0]];
  let i = 1;
  while (i < x.length) {
    const b = Math.min(buckets - 1, Math.floor(((x[i] - x0) / span) * buckets));
    let lo = i;
    let hi = i;
    let j = i;
    while (j < x.length && Math.min(buckets - 1, Math.floor(((x[j] - x0) / span) * buckets)) === b) {
      if (y[j] < y[lo]) lo = j;
      if (y[j] > y[hi]) hi = j;
      j++;
    }
    const last = j - 1;
    for (const k of [...new Set([lo, hi, last])].sort((a, c) => a - c)) {
      ox.push(x[k]);
      oy.push(y[k]);
    }
    i = j;
  }
  return { x: ox, y: oy };
}

/** Index of the last x at or before `v` (binary search); -1 when `v` is before the first. */
export function indexAtOrBefore(x: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = x.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= v) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}
