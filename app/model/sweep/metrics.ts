/**
 * The sweep's metrics as the page shows them: a label and a number format per metric.
 * The names and their meaning are the core's (issue 18: `requests`, `opened`, …).
 */
import { METRIC_NAMES, type MetricName, type Metrics } from '../../../core';
import { formatCount, formatPercent } from '../format';

export { METRIC_NAMES, type MetricName, type Metrics };

export const METRIC_LABELS: Readonly<Record<MetricName, string>> = {
  requests: 'requests',
  opened: 'connections opened',
  reused: 'requests reusing a connection',
  reuse_ratio: 'reuse ratio',
  peak_conns: 'peak open connections',
  idle_end: 'idle connections at the end',
  p50_ms: 'median latency',
  p95_ms: '95th percentile latency',
  errors: 'errors',
  queued: 'requests that waited for a server slot',
  backlogged: 'client connections that waited to be accepted',
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
