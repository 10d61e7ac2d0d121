/** runPoint / runSeries: one combination of a sweep, totals-only, with its metrics (and its series). */
import { runScenario, type RunResult } from '../run';
import type { Statement } from '../scenario/ast';
import { parseScenario } from '../scenario/parser';
import { Meter } from '../sim/meter';
import { metricsFromMeter } from './metrics';
import type { PointOptions, PointResult, Series, SeriesOptions, SeriesResult } from './types';

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

/** Runs one combination (`values`: swept name → value; missing ones take their first value). */
export function runPoint(text: string, values: Readonly<Record<string, string>> = {}, opts: PointOptions = {}): PointResult {
  const meter = new Meter();
  return pointResult(run(text, values, opts, meter), meter);
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

/** runPoint, with the state sampled on a time grid (open-loop plots). */
export function runSeries(text: string, values: Readonly<Record<string, string>> = {}, opts: SeriesOptions = {}): SeriesResult {
  const stepUs = opts.stepMs !== undefined && opts.stepMs > 0 ? Math.max(1, Math.round(opts.stepMs * 1000)) : autoStepUs(text, values);
  const meter = new Meter(stepUs);
  const r = run(text, values, opts, meter);
  const s = meter.series!;
  const series: Series = {
    t: s.t.map((us) => us / 1000), open: s.open, idle: s.idle, inflight: s.inflight,
    reuse_ratio: s.sent.map((n, i) => (n > 0 ? s.reused[i]! / n : null)),
  };
  return { ...pointResult(r, meter), series };
}
