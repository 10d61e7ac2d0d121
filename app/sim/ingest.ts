import { buildReport, PackedTrace, TraceCursor, type PackedChunk } from '../../core';
import type { BackendServers, Diagnostic, EngineName, RunResult, World } from '../../core';
import { TraceAnalyzer, type TraceAnalysis } from '../model/analysis';
import type { DoneMessage } from './protocol';

/**
 * A run of at most this many events is shown before its checkpoints are complete:
 * building what a seek lacks takes a few ms at once. Larger worlds cost more per event
 * (a checkpoint copies every live entity), so a larger run waits for its checkpoints up to
 * the event it is first shown at (`publishableAt`; all of them when that is not known).
 */
export const PUBLISH_EARLY_MAX_EVENTS = 30_000;

/**
 * Events a large run may still lack checkpoints for when it is shown: a seek past them builds
 * them at once (a long task, a few tenths of a second at this many), so a larger rest is waited
 * for. A 10,000-client run (330,000 events) is shown at once; a run of a million events once
 * two thirds of it are checkpointed.
 */
export const CATCH_UP_MAX_EVENTS = 350_000;

/**
 * The page's side of a worker run: the trace as it arrives, kept packed (an event is built
 * when something reads it: core/trace/trace.ts), analysed and checkpointed in slices (`work`,
 * a few ms each), so that no task blocks the page; once the worker is done and every event is
 * taken in, `result()` gives what a synchronous run gives.
 */
export class RunIngest {
  readonly trace = new PackedTrace();
  readonly cursor: TraceCursor;
  private readonly analyzer: TraceAnalyzer;
  private analysed = 0;
  private finished_: DoneMessage | null = null;

  constructor(
    readonly info: {
      readonly diagnostics: Diagnostic[];
      readonly engine: EngineName;
      readonly commit: string;
      readonly servers: string[];
      readonly backends?: readonly BackendServers[];
    },
    /** False for large runs: worlds keep only what is alive (World.retain). */
    retain: boolean,
  ) {
    this.cursor = new TraceCursor(this.trace, info.servers, { deferred: true, retain });
    this.analyzer = new TraceAnalyzer(info.servers);
  }

  /** The next chunk from the worker. */
  push(from: number, chunk: PackedChunk): void {
    this.trace.push(chunk, from);
  }

  finish(done: DoneMessage): void {
    this.finished_ = done;
  }

  /**
   * Analyse and checkpoint until `deadline` (performance.now() ms). True when all is done.
   * `toPublish`: stop as soon as the run can be shown at that event (the checkpoints can wait);
   * undefined: the analysis first (every run needs all of it to be shown), checkpoints after.
   */
  work(deadline: number, now: () => number = () => performance.now(), toPublish?: number): boolean {
    const STEP = 1000;
    while (now() < deadline) {
      if (toPublish !== undefined && this.publishableAt(toPublish)) break;
      // When the picture needs checkpoints, analysis and checkpoints go on side by side (the
      // checkpoints a little behind), so that the events both read are among the few chunks the
      // trace keeps decoded; otherwise the analysis goes first.
      const n = this.trace.length;
      const enough = this.early || toPublish === undefined || this.cursor.ready >= Math.min(n, toPublish + 1);
      if (this.analysed < n && (this.analysed <= this.cursor.ready || enough)) {
        const end = Math.min(n, this.analysed + STEP);
        this.analyzer.addFrom(this.trace, end);
        this.analysed = end;
      } else if (this.cursor.ready < n) {
        this.cursor.extend(STEP);
      } else if (this.analysed >= n) break;
    }
    return this.complete;
  }

  /** A run small enough to be shown before its checkpoints: its analysis goes first. */
  private get early(): boolean {
    return this.finished_ !== null && this.finished_.events <= PUBLISH_EARLY_MAX_EVENTS;
  }

  /** The worker has sent everything. */
  get finished(): boolean {
    return this.finished_ !== null;
  }

  /**
   * Every event has arrived and been analysed: the run can be shown. The checkpoints
   * need not be complete — `TraceCursor.at` builds what it lacks — so they go on in
   * slices after the run is on screen — for a run small enough (PUBLISH_EARLY_MAX_EVENTS).
   */
  get publishable(): boolean {
    return this.publishableAt(Number.POSITIVE_INFINITY);
  }

  /**
   * The run can be shown at event `first`: every event has arrived and been analysed, and a
   * large run has its checkpoints up to that event (a seek there replays at most a checkpoint's
   * gap; the rest are taken in slices after the picture, before anyone can move far).
   */
  publishableAt(first: number): boolean {
    const n = this.trace.length;
    const ready = this.cursor.ready;
    return (
      this.arrived &&
      this.analysed >= n &&
      (n <= PUBLISH_EARLY_MAX_EVENTS || ready >= n || (ready >= first + 1 && n - ready <= CATCH_UP_MAX_EVENTS))
    );
  }

  /** The worker is done and every event has arrived. */
  get arrived(): boolean {
    return this.finished_ !== null && this.trace.length >= this.finished_.events;
  }

  /** Every event has arrived and been taken in. */
  get complete(): boolean {
    return (
      this.finished_ !== null &&
      this.trace.length >= this.finished_.events &&
      this.analysed >= this.trace.length &&
      this.cursor.ready >= this.trace.length
    );
  }

  /** Share of the received events taken in so far, 0..1. */
  get taken(): number {
    const n = this.trace.length;
    return n === 0 ? 1 : (this.analysed + this.cursor.ready) / (2 * n);
  }

  get analysis(): TraceAnalysis {
    return this.analyzer.result();
  }

  /** Events analysed so far (the first ones received). */
  get analysedCount(): number {
    return this.analysed;
  }

  /**
   * The events analysed so far as a run of their own, to show while the rest arrives: its trace
   * and analysis do not grow (every view reads the same events), its world and totals are those
   * after its last event.
   */
  partial(): { res: RunResult; analysis: TraceAnalysis } {
    const trace = this.trace.prefix(this.analysed);
    const cursor = this.cursor;
    // A world of its own (a copy): the cursor's goes on with the events that follow.
    const res = this.runOf(trace, () => cursor.at(trace.length - 1), null, [], null);
    return { res, analysis: this.analyzer.snapshot() };
  }

  /** The run as `runScenario` would return it (its world is the cursor's final one: read it, do not change it). */
  result(): RunResult {
    const done = this.finished_;
    if (!done) throw new Error('the run is not finished');
    const cursor = this.cursor;
    return this.runOf(this.trace, () => cursor.final(), done.totals, done.steps, done.limitReached);
  }

  /** A run of these events: its world made once, when first read; totals, when not given, are that world's. */
  private runOf(trace: PackedTrace, worldOf: () => World, totals: RunResult['totals'] | null, steps: RunResult['steps'], limitReached: RunResult['limitReached']): RunResult {
    const { diagnostics, engine, commit, servers, backends } = this.info;
    let world: World | null = null;
    const lastWorld = () => (world ??= worldOf());
    return {
      diagnostics,
      ok: true,
      engine,
      commit,
      servers,
      ...(backends ? { backends } : {}),
      trace,
      get world() {
        return lastWorld();
      },
      get totals() {
        if (totals) return totals;
        const c = lastWorld().counts;
        return { requests: c.requests, opened: c.opened, reused: c.reused, swapped: c.swapped, destroyed: c.destroyed };
      },
      events: trace.length,
      steps,
      limitReached,
      report: () => buildReport(engine, commit, lastWorld(), trace),
    };
  }
}
