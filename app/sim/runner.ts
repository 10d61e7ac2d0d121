import { checkScenario, runScenario, TraceCursor } from '../../core';
import type { Diagnostic, RunResult, Trace } from '../../core';

type CheckResult = ReturnType<typeof checkScenario>;
import { analyzeTrace, type TraceAnalysis } from '../model/analysis';
import { estimateRun, type ClientGroup, type RunEstimate } from '../model/estimate';
import { Job, SimWorker, type PartialRun } from './job';

/**
 * Where a scenario runs. Small scripts (by their estimate) run at once on the page —
 * a few milliseconds, and the picture updates in the same task. Everything else runs in
 * the worker (./job.ts): the page gets the diagnostics first, then the trace in chunks,
 * takes it in by slices of a few ms (./ingest.ts), and publishes the run once every
 * event is analysed (checkpoints go on in slices after). A run in progress can be
 * cancelled (the worker is terminated; the last good run stays).
 *
 * While the user types, a text of a medium-sized run starts in the worker at once
 * (`speculate`), without waiting for the typing pause: when the pause ends and the run
 * is asked for (`startRun`), it is usually simulated and taken in already, and only
 * the picture is left to draw. Nothing of it is shown before the pause ends.
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
/**
 * A run that opens more connections than this is drawn folded whatever its clients: the detailed
 * diagram draws a box and links per connection, and 2,000 of them (60 h2 clients, `never`) took
 * seconds a frame.
 */
export const DETAIL_MAX_CONNS = 400;
/** Runs at most this large (estimated requests) start in the worker while the user types. */
export const SPECULATE_MAX_REQUESTS = 5_000;
/** Longer texts are not parsed on every keystroke (no early run). */
export const SPECULATE_MAX_TEXT = 20_000;

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
  /**
   * The event the run's first picture will show (default: the last), once every event has arrived
   * (`complete`); before, as events arrive (a large run may be shown in part), or null while the
   * events that decide it may still come.
   */
  firstIndex?(trace: Trace, complete: boolean): number | null;
  /**
   * A large run, shown before it ends: the events received so far, at the first picture's event
   * (`result` follows with the whole run; the run is still in progress meanwhile).
   */
  partial?(out: RunOutcome): void;
  /** The core threw: a bug, not a user error. */
  failed(message: string): void;
}

/** Where a run stands, for the progress bar. */
export type RunPhase = 'idle' | 'running' | 'cancelled';

/** What the runner reports of the run in progress (the store's `run` slice takes it: app/store/run.ts). */
export interface RunStatus {
  readonly phase: RunPhase;
  /** Requests finished so far, and the estimate of the total (from the script). */
  readonly done: number;
  readonly total: number;
  /** Requests sent so far (they finish later: a large run sends thousands before the first answer). */
  readonly sent: number;
  /** Events received so far. */
  readonly events: number;
  /** `performance.now()` when the run started. */
  readonly startedAt: number;
}

/** The runner's phase, as last reported (only the runner changes it). */
let phase: RunPhase = 'idle';
let statusSink: (p: Partial<RunStatus>) => void = () => {};

/**
 * Where progress goes: the store's actions pass their writer once, so this module
 * needs no store (it sits below it: docs/layers.md).
 */
export function reportStatusTo(sink: (p: Partial<RunStatus>) => void): void {
  statusSink = sink;
}

function setStatus(p: Partial<RunStatus>): void {
  if (p.phase) phase = p.phase;
  statusSink(p);
}

/** Runs with many clients fold their client groups in the diagram. */
export function shouldFold(est: RunEstimate): boolean {
  return est.clients > 60 || est.groups.some((g) => g.to - g.from + 1 >= FOLD_AT);
}

/** Requests beyond which replayed worlds keep only what is alive (copies stay small; closed connections are not drawn). */
export const KEEP_ALL_MAX_REQUESTS = 2_000;

/**
 * Runs larger than this (estimated requests), drawn folded, are shown at their first picture's event
 * as soon as it has arrived, before they end (a 10,000-client run takes most of a second): the
 * folded picture is drawn from counts, so the part received so far draws as the whole will there.
 */
export const PARTIAL_MIN_REQUESTS = 5_000;

/** A run shown in part before it ends (JobHandlers.partial). */
export function showsPartial(est: RunEstimate): boolean {
  return shouldFold(est) && est.requests > PARTIAL_MIN_REQUESTS;
}

/** Whether the worlds shown keep closed connections and finished requests. */
export function keepsAll(est: RunEstimate): boolean {
  return !shouldFold(est) && est.requests <= KEEP_ALL_MAX_REQUESTS;
}

const sim = new SimWorker('simulation');
/** A run started while typing, for its text. */
let early: Job | null = null;
/** The run asked for, until it is published. */
let current: { job: Job; h: RunHandlers } | null = null;
/** The worker run on screen (its checkpoints may still be in the making). */
let shown: Job | null = null;
/** The last text parsed on the page, and what came of it. */
let parsed: { text: string; checked: CheckResult; ok: boolean; est: RunEstimate } | null = null;

function parse(text: string): NonNullable<typeof parsed> {
  if (parsed?.text !== text) {
    const checked = checkScenario(text);
    const ok = !checked.diagnostics.some((d) => d.severity === 'error');
    parsed = { text, checked, ok, est: estimateRun(checked.ast.script) };
  }
  return parsed;
}

function runsOnPage(est: RunEstimate): boolean {
  return est.requests <= SYNC_MAX_REQUESTS && est.clients <= SYNC_MAX_CLIENTS;
}

function newJob(text: string, est: RunEstimate | null): Job {
  return new Job(text, { maxEvents: MAX_EVENTS, retain: keepsAll }, est);
}

function dropEarly(): void {
  if (early) sim.forget(early);
  early = null;
}

/**
 * The text changed and the run will be asked for after the typing pause: start it in
 * the worker now when it is of a medium size (larger ones wait for the pause; small
 * ones run on the page in a few ms). Nothing is shown until `startRun`.
 */
export function speculate(text: string): void {
  if (early?.text === text) return;
  dropEarly();
  if (text.length > SPECULATE_MAX_TEXT || typeof Worker === 'undefined') return;
  const p = parse(text);
  if (!p.ok || runsOnPage(p.est) || p.est.requests > SPECULATE_MAX_REQUESTS) return;
  early = newJob(text, p.est);
  sim.submit(early);
}

/**
 * Start the simulation worker once the page is loaded and idle: a first large run otherwise
 * waits for the worker's thread, module and compile (about a tenth of a second of a
 * 10,000-client run's first picture).
 */
export function warmWorkerWhenIdle(): void {
  if (typeof Worker === 'undefined' || typeof window === 'undefined') return;
  const warm = () => sim.warm();
  const later = () => ('requestIdleCallback' in window ? requestIdleCallback(warm, { timeout: 2_000 }) : setTimeout(warm, 500));
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}

/** Run `text`; a run in progress is abandoned. */
export function startRun(text: string, h: RunHandlers): void {
  abandon();
  const t0 = performance.now();
  if (early?.text === text) {
    const job = early;
    early = null;
    follow(job, h, t0, true);
    return;
  }
  dropEarly();
  let est: RunEstimate | null = null;
  if (text.length <= SYNC_MAX_TEXT) {
    const { checked, ok, est: e } = parse(text);
    est = e;
    if (!ok) {
      h.checked(checked.diagnostics, false);
      return;
    }
    if (runsOnPage(est)) {
      let res: RunResult;
      try {
        res = runScenario(text, { maxEvents: SYNC_MAX_EVENTS });
      } catch (e) {
        h.failed(e instanceof Error ? e.message : String(e));
        return;
      }
      if (res.limitReached !== 'events') {
        const folded = shouldFold(est);
        dropShown();
        h.result({
          res,
          cursor: new TraceCursor(res.trace, res.servers, { retain: keepsAll(est) }),
          analysis: analyzeTrace(res.trace, res.servers),
          runMs: performance.now() - t0,
          groups: est.groups,
          folded,
        });
        setStatus({ phase: 'idle' });
        return;
      }
      // The estimate was wrong (timers, reconnections…): the worker takes it.
    }
    h.checked(checked.diagnostics, true);
  }
  const job = newJob(text, est);
  sim.submit(job);
  follow(job, h, t0, est === null);
}

/** Show `job`'s run when it can be shown; meanwhile, its progress. */
function follow(job: Job, h: RunHandlers, t0: number, withChecked: boolean): void {
  const run = { job, h };
  current = run;
  if (!job.ready) setStatus({ phase: 'running', done: 0, sent: 0, total: job.estimate?.requests ?? 0, events: 0, startedAt: t0 });
  const finish = () => {
    if (current !== run) return false;
    current = null;
    setStatus({ phase: 'idle' });
    return true;
  };
  job.attach({
    checked(diagnostics, ok, est) {
      if (current !== run) return;
      if (!ok) finish();
      if (withChecked || !ok) h.checked(diagnostics, ok);
      if (ok) setStatus({ total: est.requests });
    },
    progress(p) {
      if (current === run) setStatus({ done: p.done, sent: p.sent, events: p.events });
    },
    ...(h.firstIndex ? { firstIndex: h.firstIndex } : {}),
    // Only a run large enough asks for it (an estimate is known unless the text is very long).
    ...(h.partial && (!job.estimate || showsPartial(job.estimate))
      ? {
          partial(j: Job, p: PartialRun) {
            const est = j.estimate;
            if (current !== run || !est || !showsPartial(est)) return false;
            // The run on screen keeps its checkpoints going: it comes back if this one is cancelled.
            h.partial!({ res: p.res, cursor: j.ingest!.cursor, analysis: p.analysis, runMs: performance.now() - t0, groups: est.groups, folded: true });
            return true;
          },
        }
      : {}),
    ready(j) {
      if (!finish()) return;
      const ing = j.ingest!;
      const est = j.estimate;
      if (shown !== j) dropShown();
      shown = j;
      h.result({
        res: ing.result(),
        cursor: ing.cursor,
        analysis: ing.analysis,
        runMs: j.runMs,
        groups: est?.groups ?? [],
        folded: est ? shouldFold(est) : false,
      });
    },
    failed(message) {
      if (finish()) h.failed(message);
    },
  });
}

/** The run on screen is replaced: stop finishing its checkpoints. */
function dropShown(): void {
  shown?.drop();
  shown = null;
}

/** Drop the run in progress, if any (a large one is stopped in the worker). */
function abandon(): void {
  if (!current) return;
  sim.forget(current.job);
  current = null;
}

/** The Cancel button: stop the run in progress; the run on screen stays. */
export function cancelRun(): boolean {
  if (phase !== 'running') return false;
  current = null;
  early = null;
  sim.stop();
  setStatus({ phase: 'cancelled' });
  return true;
}

/** A run is in progress (in the worker, or being taken in). */
export function running(): boolean {
  return current !== null;
}
