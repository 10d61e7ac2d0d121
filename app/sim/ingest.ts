import { buildReport, PackedTrace, TraceCursor, type PackedChunk } from '../../core';
import type { BackendServers, Diagnostic, EngineName, RunResult, World } from '../../core';
import { TraceAnalyzer, type TraceAnalysis } from '../model/analysis';
import type { DoneMessage } from './protocol';

/**
 * A run of at most this many events is shown before its checkpoints are complete:
 * building what a seek lacks takes a few ms at once. Larger worlds cost more per event
 * (a checkpoint copies every live entity), so a larger run waits for all its checkpoints.
 */
export const PUBLISH_EARLY_MAX_EVENTS = 30_000;

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
   * `toPublish`: stop as soon as the run can be shown (the checkpoints can wait).
   */
  work(deadline: number, now: () => number = () => performance.now(), toPublish = false): boolean {
    const STEP = 1000;
    while (now() < deadline) {
      if (toPublish && this.publishable) break;
      // A run that waits for its checkpoints has them taken side by side with the analysis (a
      // little behind), so that both read the same few decoded chunks; a small run is analysed first.
      const n = this.trace.length;
      if (this.analysed < n && (this.analysed <= this.cursor.ready || this.early)) {
        const end = Math.min(n, this.analysed + STEP);
        this.analyzer.addFrom(this.trace, end);
        this.analysed = end;
      } else if (this.cursor.ready < n) {
        this.cursor.extend(STEP);
      } else if (this.analysed >= n) break;
    }
    return this.complete;
  }

  /** A run small enough to be shown before its checkpoints (as far as is known yet): its analysis goes first. */
  private get early(): boolean {
    return (this.finished_?.events ?? this.trace.length) <= PUBLISH_EARLY_MAX_EVENTS;
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
    const n = this.trace.length;
    return (
      this.finished_ !== null &&
      n >= this.finished_.events &&
      this.analysed >= n &&
      (n <= PUBLISH_EARLY_MAX_EVENTS || this.cursor.ready >= n)
    );
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

  /** The run as `runScenario` would return it (its world is the cursor's final one: read it, do not change it). */
  result(): RunResult {
    const done = this.finished_;
    if (!done) throw new Error('the run is not finished');
    const { diagnostics, engine, commit, servers, backends } = this.info;
    const trace = this.trace;
    const cursor = this.cursor;
    let world: World | null = null;
    const finalWorld = () => (world ??= cursor.final());
    return {
      diagnostics,
      ok: true,
      engine,
      commit,
      servers,
      ...(backends ? { backends } : {}),
      trace,
      get world() {
        return finalWorld();
      },
      totals: done.totals,
      events: trace.length,
      steps: done.steps,
      limitReached: done.limitReached,
      report: () => buildReport(engine, commit, finalWorld(), trace),
    };
  }
}
