/** The metrics of a run that a sweep measures, in this order (the CSV's columns after the swept names; core/sweep/types.ts). */
export const METRIC_NAMES = ['requests', 'opened', 'reused', 'reuse_ratio', 'peak_conns', 'idle_end', 'p50_ms', 'p95_ms', 'errors', 'queued', 'backlogged'] as const;
export type MetricName = (typeof METRIC_NAMES)[number];
