/**
 * Parameters, sweeps and open-loop load (issue 18): the API the CLI and the page's worker pool use.
 * Every function is pure (no DOM), deterministic (same text, values and seed → same result) and
 * runs in a Web Worker; none throws on user input.
 *
 *   sweepPlan(text) → { ok, params: {name, values}[], fixed, points: {values}[], seed, diagnostics }
 *       the swept parameters (at most two: a grid) and every combination, first parameter outermost;
 *       one point with no values when the scenario has no sweep.
 *   runPoint(text, values, { engine?, maxEvents? }) → { ok, diagnostics, engine, metrics, events, endMs, limitReached }
 *       one combination, totals-only (no trace kept); metrics named as METRIC_NAMES.
 *   runSeries(text, values, { stepMs? }) → runPoint's result + series { t, open, idle, inflight, reuse_ratio }
 *       the same run sampled on a time grid (ms), for open-loop (`arrive`) plots.
 *   sweepCsv(names, rows) / sweepJson(names, rows): the CLI's `--csv` / `--json` tables.
 *
 * To open one point in the diagram and timeline, run the full trace with
 * `runScenario(text, { values: point.values })`: the same run (a property test checks the metrics agree).
 */
export { sweepPlan, sweepPoints } from './plan';
export { runPoint, runSeries, POINT_MAX_EVENTS } from './run';
export { metricsFromTrace, metricsFromMeter, percentile } from './metrics';
export { sweepCsv, sweepJson, roundMetric, type SweepRow } from './table';
export {
  METRIC_NAMES, type MetricName, type Metrics, type SweepParam, type SweepPoint, type SweepPlan, type PointOptions,
  type PointResult, type SeriesOptions, type Series, type SeriesResult,
} from './types';
