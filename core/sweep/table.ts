/**
 * A sweep's results as a table: the CLI's `--csv` and `--json`, and the page's CSV export.
 * Columns: the swept names, then METRIC_NAMES. Ratios keep 4 decimals, milliseconds 3 (whole
 * microseconds), so that the two formats and every machine print the same figures.
 */
import { METRIC_NAMES, type MetricName, type Metrics, type SweepPoint } from './types';

export interface SweepRow {
  readonly point: SweepPoint;
  readonly metrics: Metrics;
}

/** A metric rounded as the tables print it. */
export function roundMetric(name: MetricName, v: number): number {
  if (name === 'reuse_ratio') return Math.round(v * 10_000) / 10_000;
  if (name === 'p50_ms' || name === 'p95_ms') return Math.round(v * 1000) / 1000;
  return v;
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Header line, then one line per row; ends with a newline. */
export function sweepCsv(names: readonly string[], rows: readonly SweepRow[]): string {
  const out = [[...names, ...METRIC_NAMES].map(csvField).join(',')];
  for (const r of rows) {
    out.push([...names.map((n) => csvField(r.point.values[n] ?? '')), ...METRIC_NAMES.map((m) => String(roundMetric(m, r.metrics[m])))].join(','));
  }
  return out.join('\n') + '\n';
}

/** One object per row: the swept names (strings), then the metrics (numbers). */
export function sweepJson(names: readonly string[], rows: readonly SweepRow[]): Record<string, string | number>[] {
  return rows.map((r) => {
    const o: Record<string, string | number> = {};
    for (const n of names) o[n] = r.point.values[n] ?? '';
    for (const m of METRIC_NAMES) o[m] = roundMetric(m, r.metrics[m]);
    return o;
  });
}
