import { writtenName, type BackendConfig, type ServerConfig, type SimConfig } from '../../model/config';
import { emptyWorld, type ConnState, type World } from '../../model/world';
import type { Meter } from '../../sim/meter';
import { EventQueue } from '../../sim/queue';
import { DEFAULT_SEED, Random } from '../../sim/random';
import type { TraceEvent } from '../../trace/events';
import type { Request, Session } from '../types';
import { CountingWriter } from '../writer/counting';
import { PackedWriter, type PackedOutput } from '../writer/packed';
import { RecordingWriter } from '../writer/recording';
import { TraceOut } from '../writer/out';
import { EventLimit, type EventInput } from '../writer/writer';
import type { AlgorithmOf } from './algorithm';
import { IdleTimer } from './idle-timer';

export type { EventInput } from '../writer/writer';

export interface SimOptions {
  /** Stop after this many trace events (a runaway guard); the trace then ends with a note. */
  readonly maxEvents?: number;
  /** Stop when virtual time passes this many microseconds. */
  readonly maxTimeUs?: number;
  /** Stop when the script opens a client beyond this many distinct clients. */
  readonly maxClients?: number;
  /** Receives each event; when absent events are collected in `trace`. */
  readonly sink?: (e: TraceEvent) => void;
  /** Maps a source offset to its 1-based line, for the editor highlight. */
  readonly lineOf?: (offset: number) => number;
  /** Keep finished requests and closed connections in the world (default true; false for totals-only runs). */
  readonly retain?: boolean;
  /**
   * Only totals are wanted (the CLI's `--summary`): like `retain: false`, no request or stream is
   * recorded, no trace is kept, and events are counted, not built (the counting writer).
   */
  readonly totalsOnly?: boolean;
  /** The trace packed for the page (the packed writer; the run's world is lean, as with `leanWorld`). */
  readonly packed?: PackedOutput;
  /**
   * The run's own world records no request or stream (`World.lean`, like `totalsOnly`), but
   * every event is built: for a sink whose reader rebuilds the world from the events (the
   * page's worker). The engines read neither record; a property test checks the trace is the same.
   */
  readonly leanWorld?: boolean;
  /**
   * Responses due at one instant and set one after the other share a queue entry (default true).
   * False gives each its own: a property test checks that both give the same trace.
   */
  readonly groupResponses?: boolean;
  /**
   * A client connection's idle timer keeps one queue entry, moved on as the timer is set again
   * (default true; see IdleTimer). False queues an entry for every setting: a property test checks
   * that both give the same trace, end time and series.
   */
  readonly lazyIdleTimers?: boolean;
  /** Gathers a sweep's metrics as the run goes (sim/meter.ts); works in totals-only runs too. */
  readonly meter?: Meter;
}

export type Task = () => void;

/**
 * Responses due at one instant whose timers were set one right after the other (the requests
 * of `web[*] GET /` leave together): one queue entry for them all, run in the order they were
 * set. Nothing else was scheduled between them, so no other event can fall between them.
 */
class Responses {
  constructor(
    readonly time: number,
    readonly reqs: Request[],
  ) {}
}

/**
 * What the queue holds: a task, the requests whose responses are due, or a client connection's
 * idle timer. The response is the one timer every request sets: kept as the requests themselves,
 * it allocates no closure, and a load scenario's thousands of simultaneous responses cost the
 * queue one entry. The idle timer, set at every request end, has one entry at a time (IdleTimer).
 */
type Due = Task | Responses | IdleTimer<Session>;

const NO_TRACE = Object.freeze([]) as readonly TraceEvent[] as TraceEvent[];

export class LimitReached extends Error {}

/** `1000000` → `"1,000,000"` (the limit notes are read by people, in the log and the CLI). */
const count = (n: number) => n.toLocaleString('en-US');

/** What stopped a runaway run: its events, its virtual time, or its number of clients. */
export type LimitKind = 'events' | 'time' | 'clients';

/**
 * A slot of per-run state an engine keeps beyond the world, made on first use in each run
 * (`SimDriver.local`): per-run state lives in the run, never in module globals.
 */
export class RunLocal<T> {
  constructor(readonly make: () => T) {}
}

/**
 * The run's driver: the event queue and virtual clock, the run loop and its limits, and the
 * trace plumbing (stamping, applying and handing on each event). The layers above it add
 * connections, servers, clients, the request lifecycle and the script; `Sim` binds the algorithm.
 */
export abstract class SimDriver {
  readonly world: World;
  /** What the engines write the trace with (../writer/out.ts): the counting writer, or the recording or packed one. */
  readonly out: TraceOut;
  now = 0;
  limitReached: LimitKind | null = null;
  /** When the meter wants its next sample (Infinity: no series). */
  private sampleAt = Number.POSITIVE_INFINITY;
  private readonly queue = new EventQueue<Due>();
  /** The entry the last response timer joined, while nothing else has been queued since (see Responses). */
  private lastResponses: Responses | null = null;
  private readonly groupResponses: boolean;
  private readonly lazyIdle: boolean;
  /**
   * Idle timer settings that were never queued (a later setting came first): as entries they
   * would have come up as no-ops, which still move the clock on, or stop the run at the time
   * limit. The latest of them within the limit, and whether one lies beyond it (see skipped).
   */
  private skippedUpTo = Number.NEGATIVE_INFINITY;
  private skippedBeyond = false;
  protected readonly servers = new Map<string, { server: ServerConfig; backend: BackendConfig }>();
  /** When each script statement started: the seq of the next event, its time and source line. */
  readonly steps: { stmt: number; t: number; seq: number; line: number }[] = [];
  /** Source line of the statement whose effects are being simulated (0: none); the writer stamps it. */
  curLine = 0;
  protected inflight = 0;
  private readonly maxEvents: number;
  private readonly maxTimeUs: number;
  protected readonly maxClients: number;
  /** A totals-only run: no trace, events are counted (the counting writer). */
  readonly counting: boolean;
  protected readonly lineOf: (offset: number) => number;
  protected readonly meter: Meter | null;
  /** Every random draw of the run (arrivals, response-time distributions), seeded by `seed N`. */
  protected readonly random: Random;
  /** The engines' per-run state, by slot (see RunLocal). */
  private readonly locals = new Map<RunLocal<unknown>, unknown>();
  /** The algorithm the run follows (set by `Sim`, which hands it the whole simulation). */
  abstract readonly algo: AlgorithmOf<this>;

  constructor(
    readonly config: SimConfig,
    opts: SimOptions = {},
  ) {
    const names: string[] = [];
    for (const be of config.backends)
      for (const s of be.dispatch ? [...be.servers, be.dispatch] : be.servers) {
        this.servers.set(s.name, { server: s, backend: be });
        names.push(s.name);
        // Found by BACKEND/NAME too, and a qualified one by its written name (the first backend's of that name).
        if (!s.dispatch) this.servers.set(`${be.name}/${writtenName(s)}`, { server: s, backend: be });
        if (s.written !== undefined && !this.servers.has(s.written)) this.servers.set(s.written, { server: s, backend: be });
      }
    this.counting = opts.totalsOnly === true;
    const lean = this.counting || opts.leanWorld === true || opts.packed !== undefined;
    this.world = emptyWorld(names, lean ? false : (opts.retain ?? true), lean);
    this.maxEvents = opts.maxEvents ?? Number.POSITIVE_INFINITY;
    this.maxTimeUs = opts.maxTimeUs ?? Number.POSITIVE_INFINITY;
    this.maxClients = opts.maxClients ?? Number.POSITIVE_INFINITY;
    this.out = this.counting
      ? new TraceOut(this.world, new CountingWriter(this.world, this, this.maxEvents), null)
      : new TraceOut(
        this.world, null,
        opts.packed ? new PackedWriter(this.world, this, this.maxEvents, opts.packed) : new RecordingWriter(this.world, this, this.maxEvents, opts.sink),
      );
    this.groupResponses = opts.groupResponses ?? true;
    this.lazyIdle = opts.lazyIdleTimers ?? true;
    this.lineOf = opts.lineOf ?? (() => 0);
    this.meter = opts.meter ?? null;
    this.random = new Random(config.seed ?? DEFAULT_SEED);
    if (this.meter?.series) this.sampleAt = this.meter.nextSampleUs;
  }

  /** Before the script's first statement: what HAProxy starts with the process (health checks: ./health.ts). */
  protected starting(): void {}

  /** Are more than `n` entries queued (the run goes on while anything else is)? */
  protected othersPending(n: number): boolean {
    return this.queue.size > n;
  }

  /** Entries queued by `atBackground`. */
  protected backgroundQueued = 0;

  /**
   * `at` for a task HAProxy runs for as long as the process lives (health checks, the idle-connection
   * purge): the health checks stop once nothing but such tasks is left (./health.ts), so that a
   * run ends; a purge goes on until it has nothing more to purge.
   */
  atBackground(delayUs: number, task: Task): void {
    this.backgroundQueued++;
    this.at(delayUs, () => {
      this.backgroundQueued--;
      task();
    });
  }

  /** The script interpreter's step (script.ts): runs statements until one blocks. */
  protected abstract runScript(): void;
  /** The server's response to a forwarded request arrives (requests.ts). */
  protected abstract responseDue(req: Request): void;
  /** A client connection's idle timer is due, set with `token` (clients.ts). */
  protected abstract clientIdleDue(sess: Session, token: number): void;

  /** Runs to completion (or to a limit). */
  run(): this {
    try {
      const q = this.queue;
      this.starting();
      this.at(0, () => this.runScript());
      for (let due = q.pop(); due !== undefined; due = q.pop()) {
        if (q.time > this.maxTimeUs) this.timeLimit();
        if (q.time >= this.sampleAt) {
          this.meter!.sampleUpTo(q.time, this.world, this.inflight);
          this.sampleAt = this.meter!.nextSampleUs;
        }
        this.now = q.time;
        // An entry taken off the queue takes no more responses: one set while it runs gets its own.
        if (due === this.lastResponses) this.lastResponses = null;
        if (typeof due === 'function') due();
        else if (due instanceof Responses) for (const req of due.reqs) this.responseDue(req);
        else this.idleDue(due);
      }
      // The settings never queued come up last, as no-ops.
      if (this.skippedBeyond) this.timeLimit();
      if (this.skippedUpTo > this.now) this.now = this.skippedUpTo;
    } catch (err) {
      if (err instanceof EventLimit) this.limitReached = 'events';
      else if (!(err instanceof LimitReached)) throw err;
      this.noteLimit();
    }
    this.out.end();
    if (this.meter) {
      this.meter.endUs = this.now;
      // The series ends with the state the run ended in.
      if (this.meter.series) this.meter.sampleUpTo(this.now, this.world, this.inflight);
    }
    return this;
  }

  /**
   * The next entry is past the time limit: the run stops at the last instant before it, which an
   * idle timer setting that was never queued may have been (see skipped).
   */
  private timeLimit(): never {
    if (this.skippedUpTo > this.now) this.now = this.skippedUpTo;
    this.limitReached = 'time';
    throw new LimitReached();
  }

  private noteLimit(): void {
    this.out.last({
      kind: 'note',
      decision: 'W',
      flag: 'crash',
      message:
        this.limitReached === 'time'
          ? `limit reached: virtual time passed ${count(this.maxTimeUs / 1000)} ms; the run stops here`
          : this.limitReached === 'clients'
            ? `limit reached: more than ${count(this.maxClients)} clients; the run stops here`
            : `limit reached: ${count(this.maxEvents)} events; the run stops here`,
    });
  }

  // ---------------------------------------------------------------- trace

  /** The trace kept by a recording writer without a sink (empty otherwise). */
  get trace(): TraceEvent[] {
    const k = this.out.keeper;
    return k instanceof RecordingWriter ? k.trace : NO_TRACE;
  }

  /** A kind of event with no method of its own in the writer, built (`view`: the world's state of its connection, if at hand). */
  emit(input: EventInput, view?: ConnState): void {
    this.out.event(input, view);
  }

  /** Events written so far (see `events`). */
  protected get seq(): number {
    return this.out.seq;
  }

  /** This run's value of an engine's state slot (made on first use). */
  local<T>(slot: RunLocal<T>): T {
    let v = this.locals.get(slot) as T | undefined;
    if (v === undefined) this.locals.set(slot, (v = slot.make()));
    return v;
  }

  /** Events so far, built or only counted. */
  get events(): number {
    return this.seq;
  }

  at(delayUs: number, task: Task): void {
    this.lastResponses = null;
    this.queue.push(this.now + delayUs, task);
  }

  /**
   * Sets a client connection's idle timer to come up after `delayUs` with `token`, replacing its
   * last setting (see IdleTimer). The setting takes its seq now; it is queued now only when the
   * timer has no entry that comes up first, else that entry queues it when it comes up.
   */
  protected setIdle(sess: Session, delayUs: number, token: number): void {
    if (!this.lazyIdle) {
      this.at(delayUs, () => this.clientIdleDue(sess, token));
      return;
    }
    const t = (sess.idle ??= new IdleTimer(sess));
    const at = this.now + delayUs;
    // Like a push: nothing scheduled after this joins a response entry made before it.
    this.lastResponses = null;
    const seq = this.queue.takeSeq();
    if (t.waiting) this.skipped(t.at);
    t.at = at;
    t.seq = seq;
    t.token = token;
    // A queued entry at the same instant has the earlier seq: it comes up first.
    if (t.queuedAt >= 0 && t.queuedAt <= at) t.waiting = true;
    else this.queueIdle(t);
  }

  private queueIdle(t: IdleTimer<Session>): void {
    this.queue.pushAt(t.at, t.seq, t);
    t.queuedAt = t.at;
    t.queuedSeq = t.seq;
    t.waiting = false;
  }

  /** An entry of an idle timer comes up: a stale one does nothing, one its last setting waits for queues it. */
  private idleDue(t: IdleTimer<Session>): void {
    if (this.queue.time !== t.queuedAt || this.queue.seq !== t.queuedSeq) return;
    t.queuedAt = -1;
    if (t.waiting) this.queueIdle(t);
    else this.clientIdleDue(t.session, t.token);
  }

  /** An idle timer setting that was never queued (see skippedUpTo). */
  private skipped(at: number): void {
    if (at > this.maxTimeUs) this.skippedBeyond = true;
    else if (at > this.skippedUpTo) this.skippedUpTo = at;
  }

  /** Sets the response timer of a forwarded request (see Responses). */
  protected respondAt(time: number, req: Request): void {
    const last = this.lastResponses;
    if (last !== null && last.time === time) {
      last.reqs.push(req);
      return;
    }
    const entry = new Responses(time, [req]);
    this.lastResponses = this.groupResponses ? entry : null;
    this.queue.push(time, entry);
  }

  /**
   * Attributes the events that follow to the statement on `line`; returns the line to restore.
   * (No try/finally: the only exception, a limit, ends the run.)
   */
  protected enter(line: number): number {
    const prev = this.curLine;
    this.curLine = line;
    return prev;
  }
}
