/**
 * A pool of Web Workers for a sweep (issue 18): one worker per core, each given one point
 * at a time, the next as soon as it answers, so a slow point never holds up the others.
 * Workers return totals only (a few numbers per point): memory stays flat across a sweep.
 * Cancel terminates the busy workers (a point of a large scenario may run for seconds);
 * idle ones are kept for the next sweep. Generic over what a job and an answer are, so it
 * is tested with fake workers (pool.test.ts).
 */

/** What the pool needs of a worker (a `Worker`, or a fake in tests). */
export interface PoolWorker<Req, Res> {
  postMessage(msg: { id: number; job: Req }): void;
  onmessage: ((ev: { data: { id: number; result?: Res; error?: string } }) => void) | null;
  onerror: ((ev: { message?: string }) => void) | null;
  terminate(): void;
}

export interface PoolHandlers<Res> {
  /** Job `index` finished (in any order), with its result or an error message. */
  result(index: number, out: { result: Res } | { error: string }): void;
  /** Every job answered, or the run was cancelled. */
  done(cancelled: boolean): void;
}

export interface PoolRun {
  cancel(): void;
  readonly finished: boolean;
}

/** Message ids: run number × ID_SPAN + job index (a late answer of a cancelled run is recognised and dropped). */
const ID_SPAN = 1_000_000;

interface Slot<Req, Res> {
  worker: PoolWorker<Req, Res>;
  /** The job it runs (its index in the run), or -1 when idle. */
  busy: number;
}

export class WorkerPool<Req, Res> {
  private readonly slots: Slot<Req, Res>[] = [];
  private seq = 0;
  private active: { cancel(): void } | null = null;

  constructor(
    private readonly create: () => PoolWorker<Req, Res>,
    /** How many workers at most (one per core). */
    readonly size: number,
  ) {}

  /** Run `jobs`; a run in progress is cancelled first. */
  run(jobs: readonly Req[], h: PoolHandlers<Res>): PoolRun {
    this.active?.cancel();
    let next = 0;
    let answered = 0;
    let finished = false;
    const runId = ++this.seq;
    const end = (cancelled: boolean) => {
      if (finished) return;
      finished = true;
      if (this.active === handle) this.active = null;
      h.done(cancelled);
    };
    const feed = (slot: Slot<Req, Res>) => {
      if (finished || next >= jobs.length) {
        slot.busy = -1;
        return;
      }
      slot.busy = next++;
      slot.worker.postMessage({ id: runId * ID_SPAN + slot.busy, job: jobs[slot.busy]! });
    };
    const answer = (slot: Slot<Req, Res>, index: number, out: { result: Res } | { error: string }) => {
      if (finished || slot.busy !== index) return;
      answered++;
      h.result(index, out);
      if (answered === jobs.length) {
        slot.busy = -1;
        end(false);
      } else feed(slot);
    };
    const bind = (slot: Slot<Req, Res>) => {
      slot.worker.onmessage = (ev) => {
        const { id, result, error } = ev.data;
        if (Math.floor(id / ID_SPAN) !== runId) return;
        answer(slot, id % ID_SPAN, error !== undefined ? { error } : { result: result as Res });
      };
      slot.worker.onerror = (ev) => {
        // A worker that crashed (out of memory…) answers its job with an error and is replaced.
        const index = slot.busy;
        slot.worker.terminate();
        slot.worker = this.create();
        bind(slot);
        if (index >= 0) answer(slot, index, { error: ev.message || 'the sweep worker failed' });
      };
    };
    const handle = {
      cancel: () => {
        if (finished) return;
        // A busy worker cannot be interrupted: terminate it and start a fresh one later.
        for (let i = this.slots.length - 1; i >= 0; i--) {
          if (this.slots[i]!.busy >= 0) {
            this.slots[i]!.worker.terminate();
            this.slots.splice(i, 1);
          }
        }
        end(true);
      },
      get finished() {
        return finished;
      },
    };
    this.active = handle;
    if (jobs.length === 0) {
      end(false);
      return handle;
    }
    const want = Math.min(this.size, jobs.length);
    while (this.slots.length < want) this.slots.push(this.spawn());
    for (const slot of this.slots.slice(0, want)) {
      bind(slot);
      feed(slot);
    }
    return handle;
  }

  /** Start the workers before the first run (they load their code meanwhile). */
  warm(): void {
    while (this.slots.length < this.size) this.slots.push(this.spawn());
  }

  /** Workers alive now (idle ones are kept between runs). */
  get workers(): number {
    return this.slots.length;
  }

  /** Terminate every worker (the page goes away, or a test ends). */
  dispose(): void {
    this.active?.cancel();
    for (const s of this.slots) s.worker.terminate();
    this.slots.length = 0;
  }

  private spawn(): Slot<Req, Res> {
    return { worker: this.create(), busy: -1 };
  }
}
