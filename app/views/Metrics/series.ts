/**
 * The open-connections chart as an SVG step path: x = virtual time, y = connections open
 * after each event. Pure, so it is unit-tested and computed once per run and size.
 */
export function stepPath(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  width: number,
  height: number,
  maxValue: number,
): string {
  const n = Math.min(times.length, values.length);
  if (n === 0 || width <= 0 || height <= 0) return '';
  const t0 = times[0];
  const t1 = times[n - 1];
  const span = t1 - t0 || 1;
  const ymax = Math.max(1, maxValue);
  const X = (t: number) => round(((t - t0) / span) * width);
  const Y = (v: number) => round(height - (v / ymax) * height);
  let d = `M0 ${Y(0)}`;
  let prevY = Y(0);
  for (let i = 0; i < n; i++) {
    const x = X(times[i]);
    const y = Y(values[i]);
    if (y !== prevY) {
      d += `H${x}V${y}`;
      prevY = y;
    }
  }
  return `${d}H${round(width)}`;
}

/** x of virtual time `t` on the same scale. */
export function timeToX(t: number, times: ArrayLike<number>, width: number): number {
  if (times.length === 0) return 0;
  const t0 = times[0];
  const span = times[times.length - 1] - t0 || 1;
  return round(((t - t0) / span) * width);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
