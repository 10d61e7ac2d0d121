import { create } from 'zustand';
import type { EngineName, RunResult, TraceCursor } from '../../core';
import { Job, SimWorker } from '../sim/job';
import { DETAIL_MAX_CONNS, shouldFold } from '../sim/runner';
import type { RunEstimate } from '../model/estimate';
import { listsFor, planDiagram, type DiagramPlan } from '../model/diagram/layout';
import type { TraceAnalysis } from '../model/analysis';
import { diffRuns, mergeTimelines, type Merged, type RunDiff } from './diff';

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
  /** Once both sides are in ('ready'): their timelines merged, and the requests each served. */
  readonly merged: Merged | null;
  readonly diff: RunDiff | null;
  /** Progress of both runs together: requests done, the estimate, events received. */
  readonly done: number;
  readonly total: number;
  readonly events: number;
  readonly startedAt: number;
  /** Why it failed (a core bug). */
  readonly message: string | null;
}

const initial: CompareRuns = { key: null, phase: 'idle', a: null, b: null, merged: null, diff: null, done: 0, total: 0, events: 0, startedAt: 0, message: null };

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
  // As on the main view: many connections are not drawn one by one (sim/runner.ts DETAIL_MAX_CONNS).
  return { result, cursor, analysis, plan, folded: (est ? shouldFold(est) : false) || analysis.conns.size > DETAIL_MAX_CONNS };
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
  useCompareRuns.setState({ ...initial, key, phase: 'running', a: sides[0], b: sides[1], startedAt: performance.now() });
  if (sides[0] && sides[1]) {
    // Both runs are done (kept from before): the progress says so while the pair is derived.
    const requests = sides[0].result.totals.requests + sides[1].result.totals.requests;
    const events = sides[0].result.trace.length + sides[1].result.trace.length;
    useCompareRuns.setState({ done: requests, total: requests, events });
    void showPair(key, sides[0], sides[1]);
    return;
  }
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
        useCompareRuns.setState(next);
        if (next.a && next.b) void showPair(key, next.a, next.b);
      },
      failed(message) {
        if (!mine()) return;
        abandon();
        useCompareRuns.setState({ phase: 'failed', message });
      },
    });
  });
}

/** Pairs of runs up to this many events in all are derived and shown in one task (a few ms). */
const SYNC_PAIR_MAX_EVENTS = 50_000;

/** A task of its own: a message to ourselves (timers nested this deep wait 4 ms each). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

/**
 * Both sides are in: the requests each served and the merged timeline are derived in tasks of
 * their own, then the pair is shown in the next one. On a 10,000-client run each takes tens of
 * ms; done in the render that shows the pair, they made a task of 150 ms.
 */
async function showPair(key: string, a: Side, b: Side): Promise<void> {
  // Small pairs at once (no frame of the progress view in between); large ones a task per step.
  const big = a.result.trace.length + b.result.trace.length > SYNC_PAIR_MAX_EVENTS;
  /** After a task of its own: is this pair still the one wanted? */
  const wanted = async () => {
    await nextTask();
    const s = useCompareRuns.getState();
    return s.key === key && s.phase === 'running';
  };
  try {
    if (big && !(await wanted())) return;
    const diff = diffRuns(a.result, b.result);
    if (big && !(await wanted())) return;
    const merged = mergeTimelines(a.result.trace, b.result.trace);
    if (big && !(await wanted())) return;
    useCompareRuns.setState({ a, b, diff, merged, phase: 'ready' });
  } catch (err) {
    if (useCompareRuns.getState().key === key) useCompareRuns.setState({ phase: 'failed', message: String(err) });
  }
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
