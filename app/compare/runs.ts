import { create } from 'zustand';
import type { EngineName, RunResult, TraceCursor } from '../../core';
import { Job, SimWorker } from '../sim/job';
import { shouldFold } from '../sim/runner';
import type { RunEstimate } from '../sim/estimate';
import { listsFor, planDiagram, type DiagramPlan } from '../views/Diagram/layout';
import type { TraceAnalysis } from '../views/analysis';

/** Runaway guard of each compare run: both traces are kept whole (retained worlds), so lower than the main run's. */
export const COMPARE_MAX_EVENTS = 200_000;

/**
 * Compare mode's two runs. Both engines run in a simulation worker of their own (never
 * on the page: a large scenario would freeze it), one after the other; the page takes
 * each trace in by slices, as for the main run (../sim/job.ts). The state is a small
 * store of its own: the view shows progress with Cancel, then the two sides.
 */

/** One side of a comparison: a run and what the diagram needs from it, derived once. */
export interface Side {
  readonly result: RunResult;
  readonly cursor: TraceCursor;
  readonly analysis: TraceAnalysis;
  readonly plan: DiagramPlan;
  /** Too many clients to draw side by side (the main view folds such runs). */
  readonly folded: boolean;
}

export type ComparePhase = 'idle' | 'running' | 'ready' | 'invalid' | 'failed' | 'cancelled';

export interface CompareRuns {
  /** What the sides are for: engines and text. */
  readonly key: string | null;
  readonly phase: ComparePhase;
  readonly a: Side | null;
  readonly b: Side | null;
  /** Progress of both runs together: requests done, the estimate, events received. */
  readonly done: number;
  readonly total: number;
  readonly events: number;
  readonly startedAt: number;
  /** Why it failed (a core bug). */
  readonly message: string | null;
}

const initial: CompareRuns = { key: null, phase: 'idle', a: null, b: null, done: 0, total: 0, events: 0, startedAt: 0, message: null };

export const useCompareRuns = create<CompareRuns>()(() => initial);

let worker: SimWorker | null = null;
/** Sides already run, by engine and text (the last few: switching engine b back and forth runs nothing). */
const cache = new Map<string, Side>();
const CACHE_MAX = 4;
/** Runs in progress for the current key. */
let jobs: Job[] = [];

const sideKey = (engine: EngineName, text: string) => `${engine}\n${text}`;

export function sideOf(result: RunResult, cursor: TraceCursor, analysis: TraceAnalysis, est: RunEstimate | null): Side {
  const plan = planDiagram(
    [...analysis.sessions.keys()],
    [...analysis.conns.keys()],
    result.servers,
    analysis.maxList,
    listsFor(result.engine, analysis.maxList),
  );
  return { result, cursor, analysis, plan, folded: est ? shouldFold(est) : false };
}

function remember(key: string, side: Side): void {
  cache.delete(key);
  cache.set(key, side);
  while (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
}

/**
 * The scenario under engines `a` and `b`: from the cache, or run in the compare worker.
 * Asking again for what is shown or running does nothing (`force`: run again after a cancel).
 */
export function requestCompare(text: string, a: EngineName, b: EngineName, force = false): void {
  const key = `${a}|${b}\n${text}`;
  const st = useCompareRuns.getState();
  if (st.key === key && st.phase !== 'idle' && !(force && st.phase === 'cancelled')) return;
  abandon();
  const sides: [Side | null, Side | null] = [cache.get(sideKey(a, text)) ?? null, cache.get(sideKey(b, text)) ?? null];
  if (sides[0] && sides[1]) {
    useCompareRuns.setState({ ...initial, key, phase: 'ready', a: sides[0], b: sides[1] });
    return;
  }
  useCompareRuns.setState({ ...initial, key, phase: 'running', a: sides[0], b: sides[1], startedAt: performance.now() });
  worker ??= new SimWorker('compare');
  const progress = new Map<Job, { done: number; events: number }>();
  /** Both runs send the same requests: the estimate of one, times the runs to make. */
  let perRun = 0;
  const report = () => {
    let done = 0;
    let events = 0;
    for (const p of progress.values()) {
      done += p.done;
      events += p.events;
    }
    useCompareRuns.setState({ done, events, total: perRun * progress.size });
  };
  ([a, b] as const).forEach((engine, k) => {
    if (sides[k]) return;
    const job = new Job(text, { maxEvents: COMPARE_MAX_EVENTS, engine, retain: () => true }, null);
    const mine = () => useCompareRuns.getState().key === key && jobs.includes(job);
    progress.set(job, { done: 0, events: 0 });
    jobs.push(job);
    worker!.submit(job);
    job.attach({
      checked(_diagnostics, ok, est) {
        if (!mine()) return;
        if (!ok) {
          abandon();
          useCompareRuns.setState({ phase: 'invalid' });
          return;
        }
        perRun = est.requests;
        report();
      },
      progress(p) {
        if (!mine()) return;
        Object.assign(progress.get(job)!, p);
        report();
      },
      ready(j) {
        if (!mine()) return;
        const ing = j.ingest!;
        const side = sideOf(ing.result(), ing.cursor, ing.analysis, j.estimate);
        remember(sideKey(engine, text), side);
        jobs = jobs.filter((x) => x !== job);
        const s = useCompareRuns.getState();
        const next = k === 0 ? { a: side, b: s.b } : { a: s.a, b: side };
        useCompareRuns.setState({ ...next, phase: next.a && next.b ? 'ready' : 'running' });
      },
      failed(message) {
        if (!mine()) return;
        abandon();
        useCompareRuns.setState({ phase: 'failed', message });
      },
    });
  });
}

/** Forget the runs in progress (a large one is stopped in the worker). */
function abandon(): void {
  for (const j of jobs) worker?.forget(j);
  jobs = [];
}

/** The Cancel button of compare mode: stop both runs. */
export function cancelCompare(): void {
  if (useCompareRuns.getState().phase !== 'running') return;
  jobs = [];
  worker?.stop();
  useCompareRuns.setState({ phase: 'cancelled' });
}

/** Compare mode closed: stop what runs and forget the sides on screen (the cache stays). */
export function closeCompareRuns(): void {
  abandon();
  if (useCompareRuns.getState().phase === 'running') worker?.stop();
  useCompareRuns.setState(initial);
}
