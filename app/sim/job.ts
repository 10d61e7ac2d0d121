import type { Diagnostic, EngineName, RunResult, Trace } from '../../core';
import type { RunEstimate } from '../model/estimate';
import type { TraceAnalysis } from '../model/analysis';
import { RunIngest } from './ingest';
import type { CheckedMessage, WorkerMessage } from './protocol';

/**
 * One run of a scenario in a simulation worker, and its take-in on the page: the trace
 * arrives in chunks, is decoded, analysed and checkpointed in slices of page time
 * (./ingest.ts). A job may start before anyone wants its result (a run started while the
 * user is still typing): what it learns is kept, and given to its handlers when they
 * are attached.
 */

/** Slice of page time given to taking a run in, ms. */
const SLICE_MS = 8;
/** A dropped run at most this large (estimated requests) is left to finish in the worker (a fresh worker starts cold); a larger one is stopped. */
export const FINISH_DROPPED_MAX = 20_000;

export interface JobProgress {
  /** Requests finished so far, and events received. */
  readonly done: number;
  readonly events: number;
  /** Requests sent so far. */
  readonly sent: number;
}

export interface JobHandlers {
  /** The text was parsed and checked (before the simulation). */
  checked?(diagnostics: readonly Diagnostic[], ok: boolean, estimate: RunEstimate): void;
  /** Progress, at most every REPORT_MS. */
  progress?(p: JobProgress): void;
  /** Every event has arrived and been analysed: the run can be shown. Checkpoints may still be in the making (they go on in slices). */
  ready(job: Job): void;
  /**
   * The event the first picture will show: a large run is shown once its checkpoints reach it
   * (the rest go on in slices). Default: the last event. Asked once every event has arrived
   * (`complete`), and before that, with `partial`, as events arrive: null while the events that
   * decide it may still come.
   */
  firstIndex?(trace: Trace, complete: boolean): number | null;
  /**
   * The events received so far can be shown at the first picture's event, before the run ends
   * (it is already among them, analysed and checkpointed): `shown` is that part, as a run that
   * does not grow. Called at most once, before `ready`; without it, nothing is shown before.
   * True when it was shown (the page then draws it before the take-in goes on).
   */
  partial?(job: Job, shown: PartialRun): boolean;
  /** The core threw, or the worker died. */
  failed(message: string): void;
}

/** The part of a run received so far (RunIngest.partial), and the event its picture shows. */
export interface PartialRun {
  readonly res: RunResult;
  readonly analysis: TraceAnalysis;
  readonly first: number;
}

export interface JobOptions {
  readonly maxEvents: number;
  /** Run under this engine instead of the scenario's `engine` line. */
  readonly engine?: EngineName;
  /** Whether the replayed worlds keep closed connections and finished requests (from the estimate). */
  readonly retain: (est: RunEstimate) => boolean;
}

let nextId = 0;

export class Job {
  readonly id = ++nextId;
  /** The estimate of the page, then the worker's. */
  estimate: RunEstimate | null;
  ingest: RunIngest | null = null;
  /** Wall-clock time of the simulation in the worker, ms. */
  runMs = 0;
  private checkedMsg: CheckedMessage | null = null;
  private failure: string | null = null;
  private done = 0;
  private sent = 0;
  private isReady = false;
  private workerDone = false;
  private dropped = false;
  private handlers: JobHandlers | null = null;
  private lastReport = 0;
  private scheduled = false;
  /** The run became publishable in the last slice: the next one publishes it, before any other work. */
  private publishNext = false;
  /** The event the first picture shows (JobHandlers.firstIndex), once every event has arrived. */
  private first: number | null = null;
  /** The part shown before the run ends (JobHandlers.partial), once taken: published in the next task. */
  private partialNext: PartialRun | null = null;
  private partialShown = false;
  /** Slices wait (holdFor): the page is drawing the part just shown. */
  private held = false;
  private readonly channel = new MessageChannel();

  constructor(
    readonly text: string,
    readonly opts: JobOptions,
    estimate: RunEstimate | null,
  ) {
    this.estimate = estimate;
    this.channel.port1.onmessage = () => this.slice();
  }

  /** Give what is known so far, then everything that follows, to `h`. */
  attach(h: JobHandlers): void {
    this.handlers = h;
    const c = this.checkedMsg;
    if (c) h.checked?.(c.diagnostics, c.ok, this.estimate ?? c.estimate);
    if (this.failure !== null) h.failed(this.failure);
    else if (this.isReady) h.ready(this);
    else this.report(true);
  }

  /** Nobody wants this run any more: stop taking it in. */
  drop(): void {
    this.dropped = true;
    this.handlers = null;
    this.channel.port1.close();
  }

  get isDropped(): boolean {
    return this.dropped;
  }

  /** The worker is done with it (finished, failed, or the text has errors), wanted or not. */
  get ended(): boolean {
    return this.workerDone;
  }

  /** The result can be shown (`ingest` holds it). */
  get ready(): boolean {
    return this.isReady;
  }

  /** A message of the worker for this job. */
  onMessage(m: WorkerMessage): void {
    if (m.type === 'done' || m.type === 'failed' || (m.type === 'checked' && !m.ok)) this.workerDone = true;
    if (this.dropped) return;
    switch (m.type) {
      case 'checked':
        this.checkedMsg = m;
        this.estimate ??= m.estimate;
        if (!m.ok) this.channel.port1.close();
        if (m.ok) this.ingest = new RunIngest(m, this.opts.retain(this.estimate));
        this.handlers?.checked?.(m.diagnostics, m.ok, this.estimate);
        break;
      case 'events':
        this.ingest?.push(m.from, m.chunk);
        this.done = m.done;
        this.sent = m.sent ?? this.sent;
        this.schedule();
        break;
      case 'done':
        this.runMs = m.runMs;
        this.done = m.totals.requests;
        this.sent = Math.max(this.sent, m.totals.requests);
        this.ingest?.finish(m);
        this.report(true);
        this.schedule();
        break;
      case 'failed':
        this.fail(m.message);
        break;
    }
  }

  /** The worker failed under this job. */
  fail(message: string): void {
    this.workerDone = true;
    if (this.dropped || this.failure !== null) return;
    this.failure = message;
    this.channel.port1.close();
    this.handlers?.failed(message);
  }

  /**
   * Before the run has all arrived: when the first picture's event is in, analysed and
   * checkpointed, take the part received so far, to show in a task of its own (the next slice).
   */
  private showPartial(ing: RunIngest, first: number): boolean {
    if (!this.partialWanted(ing) || first >= ing.analysedCount || ing.cursor.ready < first + 1) return false;
    this.partialShown = true;
    this.partialNext = { ...ing.partial(), first };
    this.schedule();
    return true;
  }

  /** The run may still be shown in part: its handlers want that, and it has not all arrived. */
  private partialWanted(ing: RunIngest): boolean {
    return !this.partialShown && !this.isReady && !ing.arrived && ing.trace.length > 0 && !!this.handlers?.partial;
  }

  private report(force = false): void {
    const h = this.handlers;
    if (!h?.progress) return;
    const now = performance.now();
    if (!force && now - this.lastReport < 50) return;
    this.lastReport = now;
    h.progress({ done: this.done, sent: this.sent, events: this.ingest?.trace.length ?? 0 });
  }

  /** No slice until `frames` animation frames have passed (then one is scheduled). */
  private holdFor(frames: number): void {
    if (typeof requestAnimationFrame !== 'function') return this.schedule();
    this.held = true;
    const tick = (left: number) => {
      if (left > 0) requestAnimationFrame(() => tick(left - 1));
      else {
        this.held = false;
        this.schedule();
      }
    };
    tick(frames);
  }

  private schedule(): void {
    if (this.scheduled || this.dropped || this.held) return;
    this.scheduled = true;
    this.channel.port2.postMessage(null);
  }

  /** Take events in for a few ms; say when the run can be shown (in the next task); go on with checkpoints after that. */
  private slice(): void {
    this.scheduled = false;
    const ing = this.ingest;
    if (this.dropped || !ing) return;
    if (this.partialNext) {
      const p = this.partialNext;
      this.partialNext = null;
      const drawn = !this.isReady && !this.publishNext && this.handlers?.partial?.(this, p) === true;
      // The page draws that picture (its layout, then a frame) before taking more events in.
      if (drawn) this.holdFor(2);
      else this.schedule();
      return;
    }
    if (this.publishNext && !this.isReady) {
      this.isReady = true;
      this.handlers?.ready(this);
      if (!ing.complete) this.schedule();
      else this.channel.port1.close();
      return;
    }
    if (!this.isReady && this.first === null && ing.arrived) this.first = this.handlers?.firstIndex?.(ing.trace, true) ?? Number.POSITIVE_INFINITY;
    const first = this.first ?? Number.POSITIVE_INFINITY;
    // A run that may be shown in part: the event its first picture shows, once its first events decide it.
    const early = this.partialWanted(ing) ? (this.handlers!.firstIndex?.(ing.trace, false) ?? null) : null;
    // Until every event has arrived, the event to show is not known: the analysis goes first
    // (with the checkpoints up to the first picture's event, for a run shown in part).
    const more = !ing.work(performance.now() + SLICE_MS, undefined, this.isReady ? undefined : this.first === null ? (early ?? undefined) : first);
    if (!this.isReady) this.report();
    if (early !== null && this.showPartial(ing, early)) return;
    if (!this.isReady && ing.publishableAt(first)) {
      // The picture is drawn in a task of its own (the next slice), not after a slice of work:
      // a slice (8 ms and more) and the first render of a large run in one task exceeded 50 ms.
      this.publishNext = true;
      this.schedule();
      return;
    }
    if (!more) this.channel.port1.close(); // all taken in: an open port would keep the job (and its trace) alive
    else if (!this.dropped && (ing.taken < 1 || ing.publishableAt(first))) this.schedule();
  }
}

/**
 * A simulation worker running one job at a time. A newer job waits for the one running
 * when that one is small (a worker started afresh runs its first scenario slowly, before
 * the compiler has warmed up); a large one is stopped (the worker is terminated).
 */
export class SimWorker {
  private worker: Worker | null = null;
  private running: Job | null = null;
  private readonly queue: Job[] = [];

  constructor(private readonly name: string) {}

  /** Run `job` after the jobs already submitted (those still wanted). */
  submit(job: Job): void {
    if (this.running && !this.running.ended) this.queue.push(job);
    else this.post(job);
  }

  /** The job is no longer wanted: drop it from the queue, or stop it if it runs and is large. */
  forget(job: Job): void {
    job.drop();
    const k = this.queue.indexOf(job);
    if (k >= 0) this.queue.splice(k, 1);
    if (this.running === job && !job.ended && !this.small(job)) {
      this.terminate();
      this.next();
    }
  }

  /** Stop everything (Cancel): the worker is terminated, queued jobs forgotten. */
  stop(): void {
    for (const j of this.queue) j.drop();
    this.queue.length = 0;
    this.running?.drop();
    this.terminate();
  }

  /** Start the worker now, idle (its thread, module load and compile then precede the first run, not delay it). */
  warm(): void {
    this.worker ??= this.spawn();
  }

  /** The job is being simulated or waits for the worker. */
  busyWith(job: Job): boolean {
    return (this.running === job && !job.ended) || this.queue.includes(job);
  }

  private small(job: Job): boolean {
    return (job.estimate?.requests ?? Number.POSITIVE_INFINITY) <= FINISH_DROPPED_MAX;
  }

  private terminate(): void {
    this.running = null;
    this.worker?.terminate();
    this.worker = null;
  }

  private spawn(): Worker {
    const w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: this.name });
    w.onmessage = (ev: MessageEvent<WorkerMessage>) => {
      const r = this.running;
      if (w !== this.worker || !r || ev.data.id !== r.id) return;
      r.onMessage(ev.data);
      if (r.ended) this.next();
    };
    w.onerror = (e) => {
      e.preventDefault();
      if (w !== this.worker) return;
      const r = this.running;
      this.terminate();
      r?.fail(e.message || 'the simulation worker failed');
      this.next();
    };
    return w;
  }

  private post(job: Job): void {
    this.worker ??= this.spawn();
    this.running = job;
    this.worker.postMessage({ type: 'run', id: job.id, text: job.text, maxEvents: job.opts.maxEvents, engine: job.opts.engine });
  }

  private next(): void {
    this.running = null;
    let q: Job | undefined;
    while ((q = this.queue.shift()) && q.isDropped);
    if (q) this.post(q);
  }
}
