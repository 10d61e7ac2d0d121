/**
 * The sweep API's types (issue 18): what the CLI, the page's worker pool and the charts share.
 * See core/sweep/index.ts for the functions.
 */
import type { LimitKind } from '../engines/runtime';
import type { EngineName } from '../model/names';
import type { Diagnostic } from '../scenario/diagnostics';

import { METRIC_NAMES, type MetricName } from '../model/metric-names';
/** The metrics of one run, in this order (the CSV's columns after the swept names). */
export { METRIC_NAMES, type MetricName };

/**
 * - requests: requests sent to HAProxy; opened: server connections opened; reused: requests sent
 *   on a connection that existed (attach); reuse_ratio = reused / requests (0 with no request);
 * - peak_conns: most server connections open at once (connecting, busy or idle);
 * - idle_end: idle server connections right after the script's last statement ran;
 * - p50_ms, p95_ms: request latency, from the request reaching HAProxy to its response (or error),
 *   connect time included; nearest-rank percentiles; 0 with no request;
 * - errors: requests that ended in an error (timeouts, refused connections, closed under them);
 * - queued: requests that waited in a queue for a server slot (modern engine, server maxconn);
 * - backlogged: client connections that waited in a listen backlog before HAProxy accepted them
 *   (a frontend's or the global maxconn reached).
 */
export type Metrics = { readonly [K in MetricName]: number };

/** A swept parameter and its values, in the order of the `sweep` lines (at most two). */
export interface SweepParam {
  readonly name: string;
  readonly values: readonly string[];
}

/** One combination: a value for each swept parameter. */
export interface SweepPoint {
  readonly values: Readonly<Record<string, string>>;
}

export interface SweepPlan {
  /** No error: every point can run. */
  readonly ok: boolean;
  readonly params: readonly SweepParam[];
  /** The `param` lines: name → value. */
  readonly fixed: Readonly<Record<string, string>>;
  /** Every combination, the first parameter's values outermost; one point (no values) without a sweep. */
  readonly points: readonly SweepPoint[];
  /** `seed N`, or null (the default seed applies). */
  readonly seed: number | null;
  /** `plot METRIC`: the metric the chart shows first (null: connections opened). */
  readonly plot: MetricName | null;
  /** Of the scenario at its first point, and the errors that only some swept values cause. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface PointOptions {
  /** Overrides the scenario's engine (and a parameter named engine). */
  readonly engine?: EngineName;
  /** Runaway guard (default 10,000,000 events: a sweep point is totals-only). */
  readonly maxEvents?: number;
}

export interface PointResult {
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly engine: EngineName;
  readonly metrics: Metrics;
  /** Events simulated (counted, most not built). */
  readonly events: number;
  /** Virtual time when the run ended, ms. */
  readonly endMs: number;
  readonly limitReached: LimitKind | null;
}

export interface SeriesOptions extends PointOptions {
  /** Grid step in ms (default: the longest `arrive` window / 500, at least 1 ms; 1 ms without arrive). */
  readonly stepMs?: number;
}

/** Sampled on a time grid, each value the state just before that instant's events (the last: the end). */
export interface Series {
  /** Instants, ms. */
  readonly t: number[];
  /** Server connections open. */
  readonly open: number[];
  /** Of those, idle (in a pool, or held by a session between requests). */
  readonly idle: number[];
  /** Requests sent or waiting to be sent, without their response yet. */
  readonly inflight: number[];
  /** Of the requests sent since the previous instant, the share on an existing connection; null when none was sent. */
  readonly reuse_ratio: (number | null)[];
}

export interface SeriesResult extends PointResult {
  readonly series: Series;
}
