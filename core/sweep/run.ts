/** runPoint / runSeries: one combination of a sweep, totals-only, with its metrics (and its series). */
import { runScenario, type RunResult } from '../run';
import type { Statement } from '../scenario/ast';
import { parseScenario } from '../scenario/parser';
import { Meter } from '../sim/meter';
import { metricsFromMeter } from './metrics';
import { METRIC_NAMES, type Metrics, type PointOptions, type PointResult, type Series, type SeriesOptions, type SeriesResult } from './types';

/** A sweep point builds no trace: its guard can be higher than a page run's. */
export const POINT_MAX_EVENTS = 10_000_000;

function pointResult(r: RunResult, meter: Meter): PointResult {
  return {
    ok: r.ok, diagnostics: r.diagnostics, engine: r.engine, metrics: metricsFromMeter(meter, r.world), events: r.events,
    endMs: meter.endUs / 1000, limitReached: r.limitReached,
  };
}

function run(text: string, values: Readonly<Record<string, string>>, opts: PointOptions, meter: Meter): RunResult {
  return runScenario(text, {
    values, totalsOnly: true, meter, maxEvents: opts.maxEvents ?? POINT_MAX_EVENTS, ...(opts.engine ? { engine: opts.engine } : {}),
  });
}

/** A bug, not a user error: a sweep (a worker pool, the CLI) still gets an answer for every point. */
function internalError(e: unknown, opts: PointOptions): PointResult {
  const zero = Object.fromEntries(METRIC_NAMES.map((m) => [m, 0])) as unknown as Metrics;
  return {
    ok: false, engine: opts.engine ?? 'seed', metrics: zero, events: 0, endMs: 0, limitReached: null,
    diagnostics: [{ severity: 'error', code: 'internal-error', message: `internal simulation error: ${String(e)}`, span: { from: 0, to: 0 }, line: 1, column: 1, endLine: 1, endColumn: 1 }],
  };
}

/** Runs one combination (`values`: swept name → value; missing ones take their first value). Never throws. */
export function runPoint(text: string, values: Readonly<Record<string, string>> = {}, opts: PointOptions = {}): PointResult {
  try {
    const meter = new Meter();
    return pointResult(run(text, values, opts, meter), meter);
  } catch (e) {
    return internalError(e, opts);
  }
}

/** Default grid step: the longest `arrive` window in 500 steps (whole ms), else 1 ms. */
function autoStepUs(text: string, values: Readonly<Record<string, string>>): number {
  let longest = 0;
  const walk = (stmts: readonly Statement[]): void => {
    for (const st of stmts) {
      if (st.kind === 'arrive') longest = Math.max(longest, st.forUs);
      else if (st.kind === 'repeat') walk(st.body);
    }
  };
  walk(parseScenario(text, { values }).ast.script);
  return Math.max(1000, Math.round(longest / 500 / 1000) * 1000);
}

/** runPoint, with the state sampled on a time grid (open-loop plots). Never throws. */
export function runSeries(text: string, values: Readonly<Record<string, string>> = {}, opts: SeriesOptions = {}): SeriesResult {
  let meter: Meter;
  let r: RunResult;
  try {
    const stepUs = opts.stepMs !== undefined && opts.stepMs > 0 ? Math.max(1, Math.round(opts.stepMs * 1000)) : autoStepUs(text, values);
    meter = new Meter(stepUs);
    r = run(text, values, opts, meter);
  } catch (e) {
    return { ...internalError(e, opts), series: { t: [], open: [], idle: [], inflight: [], reuse_ratio: [] } };
  }
  const s = meter.series!;
  const series: Series = {
    t: s.t.map((us) => us / 1000), open: s.open, idle: s.idle, inflight: s.inflight,
    reuse_ratio: s.sent.map((n, i) => (n > 0 ? s.reused[i]! / n : null)),
  };
  return { ...pointResult(r, meter), series };
}
