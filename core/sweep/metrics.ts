/**
 * The named metrics of a run: from the meter that watched a (totals-only) run, and — the
 * reference the property tests compare it with — from the full trace of the same run.
 */
import { applyEvent, emptyWorld, type World } from '../model/world';
import { idleConns, type Meter } from '../sim/meter';
import type { Trace } from '../trace/trace';
import type { Metrics } from './types';

/** Nearest-rank percentile (p in 0..100) of sorted values; 0 when there are none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * n));
  return sorted[rank - 1]!;
}

function metricsOf(w: World, peak: number, idleEnd: number, latenciesUs: ArrayLike<number>, errors: number, queued: number, backlogged: number): Metrics {
  const sorted = Float64Array.from(latenciesUs).sort();
  const { requests, opened, reused } = w.counts;
  return {
    requests, opened, reused,
    reuse_ratio: requests > 0 ? reused / requests : 0,
    peak_conns: peak,
    idle_end: idleEnd,
    p50_ms: percentile(sorted, 50) / 1000,
    p95_ms: percentile(sorted, 95) / 1000,
    errors,
    queued,
    backlogged,
  };
}

/** The metrics a meter gathered; `world` is the run's final world. */
export function metricsFromMeter(meter: Meter, world: World): Metrics {
  // A run stopped by a limit before its script ended: the state it stopped in.
  const idle = meter.idleEnd >= 0 ? meter.idleEnd : idleConns(world);
  return metricsOf(world, meter.peakConns, idle, meter.latencies, meter.errors, meter.queued, meter.backlogged);
}

/**
 * The same metrics read off a full trace: replayed into a world of these servers, idle
 * connections counted when the event numbered `scriptEndSeq` is next (-1: at the end).
 */
export function metricsFromTrace(trace: Trace, servers: readonly string[], scriptEndSeq: number): Metrics {
  const w = emptyWorld(servers);
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let peak = 0;
  let errors = 0;
  let idleEnd = -1;
  // Requests that waited for a server slot (mQ1), counted when they end, as the meter does.
  const waited = new Set<string>();
  let queued = 0;
  let backlogged = 0;
  for (const e of trace) {
    if (e.seq === scriptEndSeq) idleEnd = idleConns(w);
    applyEvent(w, e);
    switch (e.kind) {
      case 'conn.new':
        peak = Math.max(peak, w.counts.opened - w.counts.destroyed);
        break;
      case 'request.send':
        sentAt.set(e.request!, e.t);
        break;
      case 'note':
        if (e.decision === 'mQ1') waited.add(e.request!);
        break;
      case 'client.wait':
        backlogged++;
        break;
      case 'request.error':
        errors++;
      // falls through
      case 'request.done': {
        if (waited.delete(e.request!)) queued++;
        const t0 = sentAt.get(e.request!);
        if (t0 !== undefined) latencies.push(e.t - t0);
        break;
      }
    }
  }
  if (idleEnd < 0) idleEnd = idleConns(w);
  return metricsOf(w, peak, idleEnd, latencies, errors, queued, backlogged);
}
