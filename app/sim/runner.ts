import { checkScenario, runScenario, TraceCursor } from '../../core';
import type { Diagnostic, RunResult } from '../../core';
import { analyzeTrace, type TraceAnalysis } from '../views/analysis';
import { getState, setRun } from '../store';
import { estimateRun, type ClientGroup, type RunEstimate } from './estimate';
import { RunIngest } from './ingest';
import { REPORT_MS, type CheckedMessage, type WorkerMessage } from './protocol';

/**
 * Where a scenario runs. Small scripts (by their estimate) run at once on the page —
 * a few milliseconds, and the picture updates in the same task. Everything else runs in
 * the worker: the page gets the diagnostics first, then the trace in chunks, takes it
 * in by slices of a few ms (./ingest.ts), and publishes the run when complete. A run in
 * progress can be cancelled (the worker is terminated; the last good run stays).
 */

/** Runaway guard of the page: the run stops with a "limit reached" note. */
export const MAX_EVENTS = 1_000_000;
/** Scripts at most this large (by estimate) run on the page. */
export const SYNC_MAX_REQUESTS = 300;
export const SYNC_MAX_CLIENTS = 100;
/** A page run that goes past this many events (a wrong estimate) is redone in the worker. */
export const SYNC_MAX_EVENTS = 15_000;
/** Longer texts are not even parsed on the page. */
export const SYNC_MAX_TEXT = 50_000;
/** Client groups this large are folded into one row of the diagram. */
export const FOLD_AT = 24;
/** Slice of page time given to taking a run in, ms. */
const SLICE_MS = 10;

export interface RunOutcome {
  readonly res: RunResult;
  readonly cursor: TraceCursor;
  readonly analysis: TraceAnalysis;
  /** Wall-clock cost of the simulation, ms. */
  readonly runMs: number;
  readonly groups: readonly ClientGroup[];
  readonly folded: boolean;
}

export interface RunHandlers {
  /** Diagnostics of the text (before the simulation, for a worker run). */
  checked(diagnostics: readonly Diagnostic[], ok: boolean): void;
  /** The run is complete (or stopped at a limit): publish it. */
  result(out: RunOutcome): void;
  /** The core threw: a bug, not a user error. */
  failed(message: string): void;
}

/** Runs with many clients fold their client groups in the diagram. */
export function shouldFold(est: RunEstimate): boolean {
  return est.clients > 60 || est.groups.some((g) => g.to - g.from + 1 >= FOLD_AT);
}

/** Requests beyond which replayed worlds keep only what is alive (copies stay small; closed connections are not drawn). */
export const KEEP_ALL_MAX_REQUESTS = 2_000;

/** Whether the worlds shown keep closed connections and finished requests. */
export function keepsAll(est: RunEstimate): boolean {
  return !shouldFold(est) && est.requests <= KEEP_ALL_MAX_REQUESTS;
}

let worker: Worker | null = null;
let busy = false;
let current: { id: number; ingest: RunIngest | null; stop(): void } | null = null;
let nextId = 0;

function spawn(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'simulation' });
}

/** Run `text`; a run in progress is abandoned. */
export function startRun(text: string, h: RunHandlers): void {
  abandon();
  const t0 = performance.now();
  let est: RunEstimate | null = null;
  if (text.length <= SYNC_MAX_TEXT) {
    const checked = checkScenario(text);
    const ok = !checked.diagnostics.some((d) => d.severity === 'error');
    if (!ok) {
      h.checked(checked.diagnostics, false);
      return;
    }
    est = estimateRun(checked.ast.script);
    if (est.requests <= SYNC_MAX_REQUESTS && est.clients <= SYNC_MAX_CLIENTS) {
      let res: RunResult;
      try {
        res = runScenario(text, { maxEvents: SYNC_MAX_EVENTS });
      } catch (e) {
        h.failed(e instanceof Error ? e.message : String(e));
        return;
      }
      if (res.limitReached !== 'events') {
        const folded = shouldFold(est);
        h.result({
          res,
          cursor: new TraceCursor(res.trace, res.servers, { retain: keepsAll(est) }),
          analysis: analyzeTrace(res.trace, res.servers),
          runMs: performance.now() - t0,
          groups: est.groups,
          folded,
        });
        setRun({ phase: 'idle' });
        return;
      }
      // The estimate was wrong (timers, reconnections…): the worker takes it.
    }
    h.checked(checked.diagnostics, true);
  }
  runInWorker(text, est, h, t0);
}

function runInWorker(text: string, estimate: RunEstimate | null, h: RunHandlers, t0: number): void {
  const id = ++nextId;
  const channel = new MessageChannel();
  const run = { id, ingest: null as RunIngest | null, stop: () => channel.port1.close() };
  current = run;
  setRun({ phase: 'running', done: 0, total: estimate?.requests ?? 0, events: 0, startedAt: t0 });
  worker ??= spawn();
  busy = true;
  let est = estimate;
  let folded = false;
  let done = 0;
  let runMs = 0;
  let lastReport = 0;
  let scheduled = false;

  const report = (force = false) => {
    const now = performance.now();
    if (!force && now - lastReport < REPORT_MS) return;
    lastReport = now;
    setRun({ done, events: run.ingest?.trace.length ?? 0, total: est?.requests ?? 0 });
  };

  // Take the events in by slices; publish once everything is in.
  const slice = () => {
    scheduled = false;
    if (current !== run || !run.ingest) return;
    const ing = run.ingest;
    const complete = ing.work(performance.now() + SLICE_MS);
    report();
    if (complete) {
      run.stop();
      current = null;
      setRun({ phase: 'idle' });
      h.result({ res: ing.result(), cursor: ing.cursor, analysis: ing.analysis, runMs, groups: est?.groups ?? [], folded });
    } else if (ing.taken < 1) schedule();
  };
  channel.port1.onmessage = slice;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    channel.port2.postMessage(null);
  };

  worker.onmessage = (ev: MessageEvent<WorkerMessage>) => {
    const m = ev.data;
    if (m.id !== id || current !== run) return;
    switch (m.type) {
      case 'checked':
        onChecked(m);
        break;
      case 'events':
        run.ingest?.push(m.from, m.chunk);
        done = m.done;
        schedule();
        break;
      case 'done':
        busy = false;
        runMs = m.runMs;
        done = m.totals.requests;
        run.ingest?.finish(m);
        report(true);
        schedule();
        break;
      case 'failed':
        busy = false;
        run.stop();
        current = null;
        setRun({ phase: 'idle' });
        h.failed(m.message);
        break;
    }
  };
  worker.onerror = (e) => {
    if (current !== run) return;
    abandon();
    setRun({ phase: 'idle' });
    h.failed(e.message || 'the simulation worker failed');
  };

  function onChecked(m: CheckedMessage): void {
    if (!m.ok) {
      busy = false;
      run.stop();
      current = null;
      setRun({ phase: 'idle' });
      h.checked(m.diagnostics, false);
      return;
    }
    est ??= m.estimate;
    folded = shouldFold(est);
    if (!estimate) h.checked(m.diagnostics, true);
    run.ingest = new RunIngest(m, keepsAll(est));
    report(true);
  }

  worker.postMessage({ type: 'run', id, text, maxEvents: MAX_EVENTS });
}

/** Drop the run in progress, if any (its worker is terminated when busy). */
function abandon(): void {
  current?.stop();
  current = null;
  if (worker && busy) {
    worker.terminate();
    worker = null;
    busy = false;
  }
}

/** The Cancel button: stop the run in progress; the run on screen stays. */
export function cancelRun(): boolean {
  if (getState().run.phase !== 'running') return false;
  abandon();
  setRun({ phase: 'cancelled' });
  return true;
}

/** A run is in progress (in the worker, or being taken in). */
export function running(): boolean {
  return current !== null;
}
