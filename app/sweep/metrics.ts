/**
 * The sweep's metrics as the page shows them: a label and a number format per metric.
 * The names and their meaning are the core's (issue 18: `requests`, `opened`, …).
 */
import { formatCount, formatPercent } from '../format';

export const METRIC_NAMES = ['requests', 'opened', 'reused', 'reuse_ratio', 'peak_conns', 'idle_end', 'p50_ms', 'p95_ms', 'errors'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];
export type Metrics = Readonly<Record<MetricName, number>>;

export const METRIC_LABELS: Readonly<Record<MetricName, string>> = {
  requests: 'requests',
  opened: 'server connections opened',
  reused: 'requests on an existing connection',
  reuse_ratio: 'reuse ratio',
  peak_conns: 'most connections open at once',
  idle_end: 'idle connections left at the end',
  p50_ms: 'median latency (ms)',
  p95_ms: '95th percentile latency (ms)',
  errors: 'errors',
};

export function formatMetric(name: MetricName, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  if (name === 'reuse_ratio') return formatPercent(v);
  if (name === 'p50_ms' || name === 'p95_ms') return `${trim(v)} ms`;
  return formatCount(v);
}

function trim(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1).replace(/\.?0+$/, '');
}
