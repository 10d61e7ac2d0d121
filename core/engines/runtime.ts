import { ClientGroups } from '../scenario/groups';
import type { BackendConfig, ServerConfig, SimConfig } from '../model/config';
import { applyEvent, attached, countRequestSent, emptyWorld, type ConnState, type World } from '../model/world';
import type { ArriveStatement, ClientRef, Statement } from '../scenario/ast';
import type { Meter } from '../sim/meter';
import { EventQueue } from '../sim/queue';
import { DEFAULT_SEED, Random } from '../sim/random';
import type { TraceEvent } from '../trace/events';
import type { Client, Conn, Request, Session, Stream, Waiter } from './types';
import { boolConds, sharedConds } from './conds';
import { answerCloses, answerEvent, decide, routeEvent, routingMatters } from './routeRequest';

/** Fields of a trace event the emitter fills in itself. */
export type EventInput = Omit<TraceEvent, 'seq' | 't'>;

/**
 * The algorithm of one HAProxy commit. The runtime emulates clients, sockets and
 * servers and calls these at the points where HAProxy's code decides.
 */
export interface Algorithm {
  readonly name: 'seed' | 'parent' | 'modern';
  readonly commit: string;
  /** E3: pick the target server of a transaction; emits A0/A1/A2. */
  assign(sim: Sim, stream: Stream, req: Request): ServerConfig;
  /** E4: find or create the connection; returns it attached to the stream. */
  connect(sim: Sim, stream: Stream, req: Request): Conn;
  /** E6: end of a transaction that reached http_end_txn_clean_session (or close mode). */
  endTxn(sim: Sim, stream: Stream, req: Request, serverCloses: boolean): void;
  /** E7: a stream is freed. */
  streamEnd(sim: Sim, stream: Stream): void;
  /** E8: the session is freed. */
  sessionEnd(sim: Sim, session: Session): void;
  /** E9 on an idle connection: the server closed it. */
  idleClosed(sim: Sim, conn: Conn): void;
  /** The client has its answer or error (modern: the stream gives back its server slot unless it waits on). */
  requestFinished?(sim: Sim, req: Request): void;
  /** A 401/407 with an NTLM/Negotiate challenge arrived on this connection, private already or not (modern: the session is marked). */
  challenged?(sim: Sim, stream: Stream, conn: Conn): void;
  /** P3 is about to make a connection private (modern: it leaves the pool for the session first). */
  makingPrivate?(sim: Sim, stream: Stream, conn: Conn): void;
  /** A transaction failed on its connection (server close, timeout, client abort): detach it. */
  abortTxn(sim: Sim, stream: Stream, req: Request, closer: 'proxy' | 'server' | 'client'): void;
  /**
   * The request's server connection died before any response: true when HAProxy answers nothing
   * so that the client retries (modern: abort_keep_alive), false for a 502. Absent: a 502.
   */
  keepAliveAbort?(sim: Sim, stream: Stream, req: Request): boolean;
}

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
   * recorded, no trace is kept, and the events it can do without are counted, not built (see `building`).
   */
  readonly totalsOnly?: boolean;
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
  /** Gathers a sweep's metrics as the run goes (sim/meter.ts); works in totals-only runs too. */
  readonly meter?: Meter;
}

type Task = () => void;

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
 * What the queue holds: a task, or the requests whose responses are due. The response is the
 * one timer every request sets: kept as the requests themselves, it allocates no closure, and
 * a load scenario's thousands of simultaneous responses cost the queue one entry.
 */
type Due = Task | Responses;

class LimitReached extends Error {}

/** `1000000` → `"1,000,000"` (the limit notes are read by people, in the log and the CLI). */
const count = (n: number) => n.toLocaleString('en-US');

/** What stopped a runaway run: its events, its virtual time, or its number of clients. */
export type LimitKind = 'events' | 'time' | 'clients';

/** Removes a stream from a list, keeping the order of the others. */
export function dropStream(list: Stream[], st: Stream): void {
  const i = list.indexOf(st);
  if (i < 0) return;
  // Shift the rest down (splice would allocate the array of removed items on every h2 request).
  for (let k = i + 1; k < list.length; k++) list[k - 1] = list[k]!;
  list.pop();
}

const SEND_CONDS = boolConds('TX_NOT_FIRST (subsequent request)');
const MODE_CONDS = sharedConds('frontend option', 'backend option', 'request Connection: close');
/** `destroy` with no extra fields for its event. */
const NO_EXTRA: Partial<EventInput> = Object.freeze({});

/** The streams of a new session, shared: its first stream makes a list of its own (openStream). */
const NO_STREAMS = Object.freeze([]) as readonly Stream[] as Stream[];

/** A request of this client connection waits to be sent. */
const waiting = (sess: Session) => sess.pending !== null && sess.pending.length > 0;

/** Queues a request behind the others of its client connection. */
function wait(sess: Session, req: Request): void {
  if (sess.pending === null) sess.pending = [req];
  else sess.pending.push(req);
}

/** C1 takes the strongest of two HTTP modes. */
const MODE_RANK = { 'keep-alive': 0, 'server-close': 1, close: 2 } as const;

/** Deterministic discrete-event simulation of clients, HAProxy and servers. */
export class Sim {
  readonly world: World;
  readonly trace: TraceEvent[] = [];
  now = 0;
  limitReached: LimitKind | null = null;
  private seq = 0;
  /** When the meter wants its next sample (Infinity: no series). */
  private sampleAt = Number.POSITIVE_INFINITY;
  private readonly queue = new EventQueue<Due>();
  /** The entry the last response timer joined, while nothing else has been queued since (see Responses). */
  private lastResponses: Responses | null = null;
  private readonly groupResponses: boolean;
  private readonly clients = new Map<string, Client>();
  /** Every session by id (session ids name holders at the seed; stream ids start with them). */
  private readonly sessions = new Map<string, Session>();
  private readonly groups = new ClientGroups();
  /** Clients of each group, as of when the group had `names` names. */
  private readonly groupClients = new Map<string, { names: number; clients: Client[] }>();
  private readonly servers = new Map<string, { server: ServerConfig; backend: BackendConfig }>();
  private readonly conns = new Map<string, Conn>();
  private connCount = 0;
  private reqCount = 0;
  private stmtCount = 0;
  /** When each script statement started: the seq of the next event, its time and source line. */
  readonly steps: { stmt: number; t: number; seq: number; line: number }[] = [];
  /** Source line of the statement whose effects are being simulated (0: none). */
  private curLine = 0;
  private inflight = 0;
  private awaitWaiter: (() => void) | null = null;
  /** Round-robin cursors, one per backend. */
  private readonly rr = new Map<BackendConfig, { next: number }>();
  private readonly usable = new Map<BackendConfig, readonly ServerConfig[]>();
  private readonly defaultBackend: BackendConfig;
  /** The configuration has rules that route or answer per request (else the old path-prefix routing). */
  private readonly routingMatters: boolean;
  private readonly frames: { stmts: readonly Statement[]; i: number; left: number }[] = [];
  private blocked = false;
  private readonly maxEvents: number;
  private readonly maxTimeUs: number;
  private readonly maxClients: number;
  private readonly sink: ((e: TraceEvent) => void) | undefined;
  /** A totals-only run: no trace, and the events it can do without are counted, not built (see `building`). */
  readonly counting: boolean;
  private readonly lineOf: (offset: number) => number;
  private readonly meter: Meter | null;
  /** Every random draw of the run (arrivals, response-time distributions), seeded by `seed N`. */
  private readonly random: Random;

  constructor(
    readonly config: SimConfig,
    readonly algo: Algorithm,
    script: readonly Statement[],
    opts: SimOptions = {},
  ) {
    const names: string[] = [];
    for (const be of config.backends)
      for (const s of be.dispatch ? [...be.servers, be.dispatch] : be.servers) {
        this.servers.set(s.name, { server: s, backend: be });
        names.push(s.name);
      }
    this.defaultBackend = config.backends.find((b) => b.name === config.defaultBackend) ?? config.backends[0]!;
    this.routingMatters = routingMatters(config.routing);
    this.counting = opts.totalsOnly === true;
    const lean = this.counting || opts.leanWorld === true;
    this.world = emptyWorld(names, lean ? false : (opts.retain ?? true), lean);
    this.maxEvents = opts.maxEvents ?? Number.POSITIVE_INFINITY;
    this.maxTimeUs = opts.maxTimeUs ?? Number.POSITIVE_INFINITY;
    this.maxClients = opts.maxClients ?? Number.POSITIVE_INFINITY;
    this.sink = opts.sink;
    this.groupResponses = opts.groupResponses ?? true;
    this.lineOf = opts.lineOf ?? (() => 0);
    this.meter = opts.meter ?? null;
    this.random = new Random(config.seed ?? DEFAULT_SEED);
    if (this.meter?.series) this.sampleAt = this.meter.nextSampleUs;
    this.frames.push({ stmts: script, i: 0, left: 1 });
  }

  /** Runs to completion (or to a limit). */
  run(): this {
    try {
      const q = this.queue;
      this.at(0, () => this.runScript());
      for (let due = q.pop(); due !== undefined; due = q.pop()) {
        if (q.time > this.maxTimeUs) {
          this.limitReached = 'time';
          throw new LimitReached();
        }
        if (q.time >= this.sampleAt) {
          this.meter!.sampleUpTo(q.time, this.world, this.inflight);
          this.sampleAt = this.meter!.nextSampleUs;
        }
        this.now = q.time;
        // An entry taken off the queue takes no more responses: one set while it runs gets its own.
        if (due === this.lastResponses) this.lastResponses = null;
        if (typeof due === 'function') due();
        else for (const req of due.reqs) this.responseDue(req);
      }
    } catch (err) {
      if (!(err instanceof LimitReached)) throw err;
      this.noteLimit();
    }
    if (this.meter) {
      this.meter.endUs = this.now;
      // The series ends with the state the run ended in.
      if (this.meter.series) this.meter.sampleUpTo(this.now, this.world, this.inflight);
    }
    return this;
  }

  private noteLimit(): void {
    const e: TraceEvent = {
      seq: this.seq++,
      t: this.now,
      kind: 'note',
      decision: 'W',
      flag: 'crash',
      message:
        this.limitReached === 'time'
          ? `limit reached: virtual time passed ${count(this.maxTimeUs / 1000)} ms; the run stops here`
          : this.limitReached === 'clients'
            ? `limit reached: more than ${count(this.maxClients)} clients; the run stops here`
            : `limit reached: ${count(this.maxEvents)} events; the run stops here`,
    };
    if (this.sink) this.sink(e);
    else if (!this.counting) this.trace.push(e);
  }

  // ---------------------------------------------------------------- trace

  /** Stamps, applies and hands on one event; `view`: the world's state of its connection, if at hand. */
  emit(input: EventInput, view?: ConnState): TraceEvent {
    if (this.seq >= this.maxEvents) {
      this.limitReached = 'events';
      throw new LimitReached();
    }
    // The caller's fresh object becomes the event: no copy on this hot path. It gains at most
    // three fields here, which V8 stores without growing the object twice.
    const e = input as { -readonly [K in keyof TraceEvent]: TraceEvent[K] };
    e.seq = this.seq++;
    e.t = this.now;
    if (this.curLine > 0) e.line = this.curLine;
    applyEvent(this.world, e, view);
    if (this.sink) this.sink(e);
    else if (!this.counting) this.trace.push(e);
    return e;
  }

  /**
   * Asked before building an event a totals-only run can do without. In such a run nobody reads
   * events: this counts one and answers false, and the caller builds nothing; otherwise it
   * answers true and the caller emits it. Asked for
   * - the events that change nothing in a lean world: the decisions that only explain (mode,
   *   assign, reuse.*, txn.next) and the records a lean world does not keep (stream.open,
   *   stream.close, request.forward, response, request.done);
   * - and for the frequent events whose effect there is small: request.send (a count), attach,
   *   list.add, list.remove and txn.end, whose callers then make that change themselves through
   *   the world's own functions (countRequestSent, attached, listed, unlist, txnEnded).
   * A property test replays full traces into lean worlds to check that these runs reach the same world.
   */
  building(): boolean {
    if (!this.counting) return true;
    if (this.seq >= this.maxEvents) {
      this.limitReached = 'events';
      throw new LimitReached();
    }
    this.seq++;
    return false;
  }

  /** Events so far, built or only counted. */
  get events(): number {
    return this.seq;
  }

  at(delayUs: number, task: Task): void {
    this.lastResponses = null;
    this.queue.push(this.now + delayUs, task);
  }

  /** Sets the response timer of a forwarded request (see Responses). */
  private respondAt(time: number, req: Request): void {
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
  private enter(line: number): number {
    const prev = this.curLine;
    this.curLine = line;
    return prev;
  }

  // ---------------------------------------------------------------- helpers for the algorithms

  conn(id: string | null | undefined): Conn | null {
    return id ? (this.conns.get(id) ?? null) : null;
  }

  /** The seed's `sess->srv_conn` of a session, as a connection (remembered from the last lookup). */
  srvConn(sess: Session): Conn | null {
    const id = sess.view.srvConn;
    if (id === null) return null;
    const r = sess.srvRef;
    if (r !== null && r.id === id && r.view.phase !== 'closed') return r;
    return (sess.srvRef = this.conn(id));
  }

  /**
   * The mux's avail_streams: mux_pt gives 1 when no stream is attached, else 0
   * (mux_pt.c:192-197); an h2 backend connection its free stream slots.
   */
  avail(c: Conn): number {
    // h2 honours `max-reuse` (mux_h2.c:965-990@2.6.0); the modern h1 mux does not (§7.7). At 2.6 an
    // h2 connection stays h2 with max-streams 1; the 1.9 engines count only multiplexed ones.
    const h2 = this.algo.name === 'modern' ? c.server.proto === 'h2' : c.capacity > 1;
    if (h2 && c.server.maxReuse >= 0 && c.uses > c.server.maxReuse) return 0;
    return c.capacity - c.active.length;
  }

  /** A stream leaves its connection (the mux's detach). */
  release(c: Conn, stream: Stream): void {
    dropStream(c.active, stream);
  }

  serverByName(name: string): { server: ServerConfig; backend: BackendConfig } | undefined {
    return this.servers.get(name);
  }

  /** The servers of a backend not marked `disabled` (fixed for a run: computed once). */
  usableServers(be: BackendConfig): readonly ServerConfig[] {
    let list = this.usable.get(be);
    if (!list) {
      list = be.servers.filter((s) => !s.disabled);
      this.usable.set(be, list);
    }
    return list;
  }

  /** Round-robin cursor of a backend (AS4: a per-backend cyclic counter). */
  nextRoundRobin(be: BackendConfig): ServerConfig {
    const usable = this.usableServers(be);
    const list = usable.length > 0 ? usable : be.servers;
    let cursor = this.rr.get(be);
    if (!cursor) {
      cursor = { next: 0 };
      this.rr.set(be, cursor);
    }
    return list[cursor.next++ % list.length]!;
  }

  /** Servers of a backend with their number of busy connections (leastconn). */
  busyCount(server: string): number {
    let n = 0;
    for (const c of this.conns.values()) if (c.server.name === server && c.active.length > 0) n++;
    return n;
  }

  /** Creates a connection and starts connecting it (R4); the world gets `conn.new`. */
  newConn(
    stream: Stream, req: Request, server: ServerConfig, backend: BackendConfig, decision: TraceEvent['decision'],
    opts: { conds?: TraceEvent['conds']; holder?: string; capacity?: number; pool?: boolean } = {},
  ): Conn {
    const id = `c${++this.connCount}`;
    const capacity = opts.capacity ?? 1;
    this.emit({
      kind: 'conn.new', decision, conn: id, server: server.name, stream: stream.id, session: stream.session.id,
      request: req.id, client: req.client.name, conds: opts.conds, holder: opts.holder,
      capacity: capacity > 1 ? capacity : undefined, pool: opts.pool || undefined,
    });
    const c: Conn = {
      id, server, backend, view: this.world.conns.get(id)!, ready: true, connected: false, shut: false,
      active: [stream], capacity, uses: 1, served: 0, idleToken: 0,
    };
    this.conns.set(id, c);
    stream.si1 = c;
    this.meter?.connOpened(this.world);
    return c;
  }

  /** Parent: a new connection created on si[1] is held by the stream itself (pR4). */
  newConnHeld(stream: Stream, req: Request, server: ServerConfig, backend: BackendConfig): Conn {
    return this.newConn(stream, req, server, backend, 'pR4', { conds: [{ label: 'reuse', value: false }], holder: stream.id });
  }

  /** Attaches a stream to an existing connection (F1: SF_SRV_REUSED); `holder` at the parent. */
  attach(stream: Stream, req: Request, c: Conn, decision: TraceEvent['decision'], holder?: string): void {
    c.active.push(stream);
    c.uses++;
    c.idleToken++;
    stream.si1 = c;
    if (this.building()) this.emit({ kind: 'attach', decision, conn: c.id, server: c.server.name, stream: stream.id, request: req.id, session: stream.session.id, holder }, c.view);
    else attached(this.world, c.view, holder);
  }

  /** Streams with this id or of this session (swap victims are streams at the parent, sessions at the seed). */
  streamsByHolder(holder: string): Stream[] {
    const sess = this.sessionOfHolder(holder);
    return sess ? sess.streams.filter((st) => st.id === holder && st.open) : [];
  }

  /** Destroys a connection (D5 always follows: unlisted, holders forget it). */
  destroy(c: Conn, decision: TraceEvent['decision'], closer: 'proxy' | 'server' | 'client', extra: Partial<EventInput> = NO_EXTRA): void {
    if (c.view.phase === 'closed') return;
    // Streams still multiplexed on it lose their transaction with it. (Loops, not filter and
    // spread: a load scenario destroys a connection per client, and most have no such stream.)
    let orphans: Stream[] | null = null;
    for (const st of c.active) {
      if (st.txn && !st.txn.finished) (orphans ??= []).push(st);
      if (st.si1 === c) st.si1 = null;
    }
    c.active.length = 0;
    this.forgetHolders(c);
    c.shut = true;
    if (this.algo.name === 'seed') {
      // D5 (connection.h:666-679): conn_free unlinks every session from the connection.
      // A copy: each unlink removes its holder from the list.
      for (const h of c.view.holders.slice())
        this.emit({ kind: 'unlink', decision: 'D5', conn: c.id, server: c.server.name, holder: h, session: h }, c.view);
    }
    c.idleToken++;
    const e: EventInput = { kind: 'conn.destroy', decision, conn: c.id, server: c.server.name, closer };
    this.emit(extra === NO_EXTRA ? e : Object.assign(e, extra), c.view);
    this.conns.delete(c.id); // nothing refers to it any more (D5 unlinked it everywhere)
    if (orphans) for (const st of orphans) this.diedUnder(st, closer === 'client' ? 'proxy' : closer);
  }

  /** A stream's server connection died before its response: a 502, or nothing and the client retries. */
  private diedUnder(st: Stream, closer: 'proxy' | 'server'): void {
    const req = st.txn!;
    if (!this.algo.keepAliveAbort?.(this, st, req)) return this.fail(req, 502, 'the server connection closed under this stream (502)', closer);
    if (st.session.proto === 'h2') return this.fail(req, 0, 'the server connection closed under this stream: HAProxy resets it (REFUSED_STREAM), the client retries', closer);
    this.fail(req, 0, 'server closed the connection; client connection closed silently (the browser retries)', closer);
    this.closeClient(st.session, 'proxy', 'W', 'silent close after a failed subsequent request');
  }

  /** The streams of the connection's holders that have it on si[1] let it go. */
  private forgetHolders(c: Conn): void {
    for (const h of c.view.holders) {
      // The client's current session (a holder may name one of its earlier sessions).
      const sess = this.sessionOfHolder(h)?.client.session;
      if (!sess) continue;
      for (const st of sess.streams) if (st.si1 === c) st.si1 = null;
    }
  }

  /** The session a holder id names: a session (seed), or a stream `SESSION/N` (parent). */
  private sessionOfHolder(holder: string): Session | undefined {
    const s = this.sessions.get(holder);
    if (s) return s;
    const slash = holder.lastIndexOf('/');
    return slash < 0 ? undefined : this.sessions.get(holder.slice(0, slash));
  }

  /** After K1 / pK1: the server starts its keep-alive timer on this connection. */
  armServerIdle(c: Conn): void {
    if (c.server.idleTimeoutUs <= 0) return;
    const token = ++c.idleToken;
    this.at(c.server.idleTimeoutUs, () => {
      if (c.idleToken !== token || c.view.phase !== 'idle') return;
      this.serverFin(c, 'idle-timeout');
    });
  }

  /** The server closes an idle connection (E9). */
  private serverFin(c: Conn, why: string): void {
    this.emit({ kind: 'conn.server-close', decision: 'W', conn: c.id, server: c.server.name, message: why });
    this.algo.idleClosed(this, c);
  }

  // ---------------------------------------------------------------- script

  private runScript(): void {
    this.blocked = false;
    while (!this.blocked) {
      const f = this.frames[this.frames.length - 1];
      if (!f) {
        this.meter?.scriptEnded(this.world, this.now, this.seq);
        return;
      }
      if (f.i >= f.stmts.length) {
        f.left--;
        if (f.left > 0) f.i = 0;
        else this.frames.pop();
        continue;
      }
      const st = f.stmts[f.i++]!;
      if (st.kind === 'repeat') {
        if (st.count > 0) this.frames.push({ stmts: st.body, i: 0, left: st.count });
        continue;
      }
      const idx = this.stmtCount++;
      const line = this.lineOf(st.span.from);
      this.steps.push({ stmt: idx, t: this.now, seq: this.seq, line });
      const prev = this.enter(line);
      this.exec(st);
      this.curLine = prev;
    }
  }

  private block(): () => void {
    this.blocked = true;
    let resumed = false;
    return () => {
      if (resumed) return;
      resumed = true;
      this.at(0, () => this.runScript());
    };
  }

  private exec(st: Statement): void {
    switch (st.kind) {
      case 'open':
        for (const name of this.expand(st.clients, true)) this.openClient(name, st.proto, st);
        return;
      case 'request': {
        const clients = this.members(st.clients);
        const waiter: Waiter | null = st.background || clients.length === 0 ? null : { remaining: clients.length, resume: () => {} };
        if (waiter) (waiter as { resume: () => void }).resume = this.block();
        for (const client of clients) {
          const req = this.newRequest(client, st, this.curLine, waiter);
          this.inflight++;
          this.submit(req);
        }
        return;
      }
      case 'wait': {
        const resume = this.block();
        this.at(st.us, resume);
        return;
      }
      case 'await':
        if (this.inflight > 0) this.awaitWaiter = this.block();
        return;
      case 'close':
        for (const c of this.members(st.clients)) if (c.session?.open) this.closeClient(c.session, 'client', 'W');
        return;
      case 'server-close':
        this.serverClose(st.server.text, st.what);
        return;
      case 'arrive':
        this.arrive(st);
        return;
    }
  }

  /**
   * `arrive` (scenario/arrive.ts): clients NAME1, NAME2, … arrive with exponential gaps (a Poisson
   * process) until `forUs` has passed; each opens, sends its requests one after the other (the next
   * `thinkUs` after the previous one ended) and closes. The script resumes when the last has closed.
   */
  private arrive(st: ArriveStatement): void {
    const line = this.curLine;
    const end = this.now + st.forUs;
    const meanGap = 1_000_000 / st.rate;
    const names = this.groups.members(st.name);
    let live = 0;
    let window = true;
    const resume = st.background ? null : this.block();
    const done = () => {
      if (!window && live === 0 && resume) resume();
    };
    const client = (name: string) => {
      let left = st.requests;
      const one = () => {
        const prev = this.enter(line);
        const c = this.clients.get(name)!;
        const waiter: Waiter = { remaining: 1, resume: () => {} };
        const req = this.newRequest(c, st.request, line, waiter);
        // The next step waits for the end of this transaction's own work (a task, not a call).
        (waiter as { resume: () => void }).resume = () => this.at(--left > 0 ? st.thinkUs : 0, left > 0 ? one : leave);
        this.inflight++;
        this.submit(req);
        this.curLine = prev;
      };
      const leave = () => {
        const prev = this.enter(line);
        const sess = this.clients.get(name)!.session;
        if (sess?.open) this.closeClient(sess, 'client', 'W');
        this.curLine = prev;
        if (this.counting && sess && !sess.open) {
          // A totals-only run forgets the sessions of arrivals that have left (60,000 would stay
          // in two maps; 10-15 % of such a run). Its client stays, so a later session of the same
          // client is still numbered `.2`. (A property test checks the totals match a full run.)
          this.sessions.delete(sess.id);
          this.world.sessions.delete(sess.id);
        }
        live--;
        done();
      };
      return one;
    };
    const next = () => {
      const gap = Math.round(this.random.exp(meanGap));
      if (this.now + gap >= end) {
        this.at(end - this.now, () => {
          window = false;
          done();
        });
        return;
      }
      this.at(gap, () => {
        const prev = this.enter(line);
        // Numbered after every client of the group so far (an earlier `arrive` or `open NAME[1..N]`).
        const name = `${st.name}${names.length + 1}`;
        names.push(name);
        live++;
        this.openClient(name, st.proto);
        this.curLine = prev;
        client(name)();
        next();
      });
    };
    next();
  }

  /**
   * The clients a statement names, opened ones only. A group (`web[*]`) keeps its list of
   * clients between statements: a load script names the same thousands every round.
   */
  private members(ref: ClientRef): readonly Client[] {
    if (ref.kind === 'all') {
      const names = this.groups.members(ref.prefix);
      let cached = this.groupClients.get(ref.prefix);
      if (!cached || cached.names !== names.length) {
        const clients: Client[] = [];
        for (const n of names) {
          const c = this.clients.get(n);
          if (c) clients.push(c);
        }
        cached = { names: names.length, clients };
        this.groupClients.set(ref.prefix, cached);
      }
      return cached.clients;
    }
    const out: Client[] = [];
    for (const n of this.expand(ref, false)) {
      const c = this.clients.get(n);
      if (c) out.push(c);
    }
    return out;
  }

  private expand(ref: ClientRef, opening: boolean): string[] {
    return this.groups.expand(ref, opening);
  }

  // ---------------------------------------------------------------- clients

  private openClient(name: string, proto: 'h1' | 'h2', st?: Extract<Statement, { kind: 'open' }>): void {
    let c = this.clients.get(name);
    if (!c) {
      if (this.clients.size >= this.maxClients) {
        this.limitReached = 'clients';
        throw new LimitReached();
      }
      c = { name, proto, session: null, generation: 0, nextStreamNo: 1, from: null, tls: null };
      this.clients.set(name, c);
    }
    // A reopening keeps the address and TLS of the client's last `open` line.
    if (st) {
      c.from = st.from?.text ?? null;
      c.tls = st.tls ? { sni: st.tls.sni?.text ?? null } : null;
    }
    if (c.session?.open) return;
    c.proto = proto;
    c.generation++;
    c.nextStreamNo = 1;
    const id = c.generation === 1 ? name : `${name}.${c.generation}`;
    this.emit({ kind: 'client.open', decision: 'W', client: name, session: id, proto });
    const sess: Session = { id, client: c, proto, open: true, streams: NO_STREAMS, h1Stream: null, timerToken: 0, view: this.world.sessions.get(id)!, srvRef: null, pending: null };
    c.session = sess;
    this.sessions.set(id, sess);
    if (proto === 'h1') {
      // mux_pt creates the single stream of an h1 client connection at once (mux_pt.c:81-89).
      sess.h1Stream = this.openStream(sess, `${id}/1`, 'W');
      this.armClientIdle(sess, true);
    } else {
      this.armClientIdle(sess, true);
    }
  }

  private openStream(sess: Session, id: string, decision: 'W' | 'T1'): Stream {
    const st: Stream = { id, session: sess, open: true, notFirst: false, preferLast: false, txn: null, si1: null };
    // A first stream makes an array of one (an empty array grown by push takes 17 slots, and
    // a new session's list is the shared NO_STREAMS).
    if (sess.streams.length === 0) sess.streams = [st];
    else sess.streams.push(st);
    if (this.building()) this.emit({ kind: 'stream.open', decision, stream: id, session: sess.id, client: sess.client.name });
    return st;
  }

  /** Client-side idle timers: h1 keep-alive wait (T3), h2 `timeout client` with no stream. */
  private armClientIdle(sess: Session, first: boolean): void {
    const t = this.config.timeouts;
    const token = ++sess.timerToken;
    let us = 0;
    if (sess.proto === 'h1') us = first ? t.httpRequest : t.httpKeepAlive || t.httpRequest;
    else us = t.client;
    if (us <= 0) return;
    this.at(us, () => {
      if (sess.timerToken !== token || !sess.open) return;
      if (sess.proto === 'h1' && sess.h1Stream?.txn) return;
      if (sess.proto === 'h2' && sess.streams.length > 0) return;
      this.closeClient(sess, 'proxy', sess.proto === 'h1' ? 'T3' : 'W', 'client-side timeout');
    });
  }

  /** A request record as the script makes it, before it is sent: the one literal of its fields. */
  private newRequest(client: Client, spec: Request['spec'], line: number, waiter: Waiter | null): Request {
    return {
      id: `r${++this.reqCount}`, client, spec, line, waiter,
      stream: null, backend: null, useServer: null, server: null, conn: null, notFirst: false, preferLast: false,
      mode: 'keep-alive', status: 0, finished: false, token: 0, responseToken: -1, connectsAt: -1, respondsAt: -1, sentAt: -1,
    };
  }

  private submit(req: Request): void {
    const c = req.client;
    if (!c.session?.open) {
      // A browser reconnects when its connection was closed (e.g. after `option httpclose`).
      this.openClient(c.name, c.proto);
    }
    const sess = c.session!;
    if (sess.proto === 'h1') {
      if (sess.h1Stream!.txn || waiting(sess)) wait(sess, req);
      else this.send(sess, sess.h1Stream!, req);
    } else {
      // Closed streams leave the list (streamEnd), so its length is the number of open streams.
      const open = sess.streams.length;
      if (open >= this.config.h2MaxStreams || waiting(sess)) wait(sess, req);
      else this.sendH2(sess, req);
    }
  }

  private sendH2(sess: Session, req: Request): void {
    const no = sess.client.nextStreamNo;
    sess.client.nextStreamNo += 2;
    // T1: each h2 request gets a new stream and a new transaction with no flags.
    const st = this.openStream(sess, `${sess.id}/${no}`, 'T1');
    this.send(sess, st, req);
  }

  private send(sess: Session, stream: Stream, req: Request): void {
    sess.timerToken++;
    req.sentAt = this.now;
    req.stream = stream;
    stream.txn = req;
    req.notFirst = stream.notFirst;
    req.preferLast = stream.preferLast;
    const prev = this.enter(req.line);
    if (this.building()) this.emit({
      kind: 'request.send', decision: sess.proto === 'h2' ? 'T1' : 'W', request: req.id, client: sess.client.name,
      session: sess.id, stream: stream.id, method: req.spec.method, path: req.spec.path,
      conds: SEND_CONDS(req.notFirst),
    });
    else countRequestSent(this.world);
    const be = this.routeOrAnswer(req, stream);
    if (be === null) {
      this.curLine = prev;
      return;
    }
    req.backend = be;
    // C1: the strongest of the frontend and backend options; a request can force close.
    let mode = MODE_RANK[this.config.frontendMode] >= MODE_RANK[be.httpMode] ? this.config.frontendMode : be.httpMode;
    if (req.spec.close) mode = 'close';
    req.mode = mode;
    if (this.building()) this.emit({
      kind: 'mode', decision: 'C1', request: req.id, stream: stream.id, mode,
      conds: MODE_CONDS(this.config.frontendMode, be.httpMode, req.spec.close),
    });
    const server = this.algo.assign(this, stream, req);
    req.server = server;
    const c = this.algo.connect(this, stream, req);
    req.conn = c;
    if (!c.connected) this.startConnect(c, req);
    else this.forward(c, req);
    this.curLine = prev;
  }

  /** The request's backend (route event), or null when HAProxy answered it itself (answer event, request done). */
  private routeOrAnswer(req: Request, stream: Stream): BackendConfig | null {
    const d = this.routingMatters ? decide(this.config, req) : null;
    if (!d) return this.route(req.spec.path);
    if (d.kind === 'backend') {
      if (this.building()) this.emit(routeEvent(d, req));
      req.useServer = d.server ? { name: d.server.name, line: d.server.rule.line, conds: d.server.cond.terms } : null;
      return this.config.backends.find((b) => b.name === d.choice.backend) ?? this.defaultBackend;
    }
    this.emit(answerEvent(d, req));
    req.status = d.status;
    req.mode = answerCloses(d) ? 'close' : MODE_RANK[this.config.frontendMode] > 0 ? this.config.frontendMode : 'keep-alive';
    this.finish(req, null);
    this.afterTxn(stream, req);
    return null;
  }

  private route(path: string): BackendConfig {
    for (const r of this.config.routes) {
      if (path.startsWith(r.pathPrefix)) {
        const be = this.config.backends.find((b) => b.name === r.backend);
        if (be) return be;
      }
    }
    return this.defaultBackend;
  }

  private startConnect(c: Conn, req: Request): void {
    const token = ++req.token;
    const s = c.server;
    const limit = this.config.timeouts.connect;
    if (limit > 0 && s.connectUs > limit) {
      this.at(limit, () => req.token === token && this.fail(req, 503, 'timeout connect', 'proxy'));
      return;
    }
    if (!s.refuse) req.connectsAt = this.now + s.connectUs;
    this.at(s.connectUs, () => {
      if (req.token !== token || c.view.phase === 'closed') return;
      const prev = this.enter(req.line);
      if (s.refuse) {
        this.fail(req, 503, 'connection refused by the server', 'server');
      } else {
        c.connected = true;
        this.emit({ kind: 'conn.connected', decision: 'W', conn: c.id, server: s.name, request: req.id }, c.view);
        this.forward(c, req);
      }
      this.curLine = prev;
    });
  }

  private forward(c: Conn, req: Request): void {
    const token = ++req.token;
    if (this.building()) this.emit({
      kind: 'request.forward', decision: 'W', conn: c.id, server: c.server.name, request: req.id,
      stream: req.stream!.id, method: req.spec.method, path: req.spec.path,
    });
    const dist = c.server.responseDist;
    const us = req.spec.takesUs ?? (dist === undefined ? c.server.responseUs : dist.kind === 'uniform' ? this.random.int(dist.loUs, dist.hiUs) : Math.round(this.random.exp(dist.meanUs)));
    const limit = this.config.timeouts.server;
    if (limit > 0 && us > limit) {
      this.at(limit, () => {
        if (req.token !== token) return;
        const prev = this.enter(req.line);
        this.fail(req, 504, 'timeout server', 'proxy');
        this.curLine = prev;
      });
      return;
    }
    req.responseToken = token;
    req.respondsAt = this.now + us;
    this.respondAt(this.now + us, req);
  }

  /** The server's response to a forwarded request arrives (on `req.conn`), unless the request ended first. */
  private responseDue(req: Request): void {
    if (req.token !== req.responseToken) return;
    const prev = this.enter(req.line);
    this.respond(req.conn!, req);
    this.curLine = prev;
  }

  private respond(c: Conn, req: Request): void {
    const stream = req.stream!;
    c.served++;
    const spec = req.spec.response;
    const auth = spec ? spec.auth : c.server.auth;
    const status = spec ? spec.status : c.server.auth ? 401 : 200;
    const closeAfter = c.server.closeAfter > 0 && c.served >= c.server.closeAfter;
    const serverCloses = closeAfter || (spec?.close ?? false);
    req.status = status;
    if (this.building()) this.emit({
      kind: 'response', decision: 'W', request: req.id, conn: c.id, server: c.server.name, status,
      message: auth ? `WWW-Authenticate: ${auth === 'ntlm' ? 'NTLM' : 'Negotiate'}` : serverCloses ? 'Connection: close' : undefined,
    });
    if (serverCloses && req.mode === 'keep-alive') {
      // C2: the server's `Connection: close` turns keep-alive into server-close.
      req.mode = 'server-close';
      if (this.building()) this.emit({
        kind: 'mode', decision: 'C2', request: req.id, conn: c.id, mode: 'server-close',
        conds: [{ label: 'response has Connection: close', value: true }],
      });
    }
    // P3: a 401/407 whose challenge is exactly NTLM or Negotiate makes the connection private.
    if ((status === 401 || status === 407) && auth) this.algo.challenged?.(this, stream, c);
    if ((status === 401 || status === 407) && auth && !c.view.private) {
      this.algo.makingPrivate?.(this, stream, c);
      this.emit({
        kind: 'conn.private', decision: 'P3', conn: c.id, server: c.server.name, request: req.id,
        conds: [{ label: `status ${status}`, value: true }, { label: `challenge ${auth === 'ntlm' ? 'NTLM' : 'Negotiate'}`, value: true }],
      });
    }
    if (c.server.finAfter > 0 && c.served >= c.server.finAfter && !serverCloses) {
      // The server closes without announcing it: HAProxy sees the read0 with the end of the response.
      c.shut = true;
      this.emit({ kind: 'conn.server-close', decision: 'W', conn: c.id, server: c.server.name, request: req.id, message: 'FIN right after the response, without Connection: close' });
    }
    this.algo.endTxn(this, stream, req, serverCloses);
    this.finish(req, null);
    this.afterTxn(stream, req);
  }

  /** What follows the end of a transaction on the client side. */
  private afterTxn(stream: Stream, req: Request): void {
    const sess = stream.session;
    if (stream.txn === req) stream.txn = null;
    if (!sess.open) return;
    if (sess.proto === 'h2') {
      // T2: the h2 stream closes right after its single transaction.
      this.algo.streamEnd(this, stream);
      this.drainH2(sess);
      if (sess.streams.length === 0) this.armClientIdle(sess, false);
    } else if (req.mode === 'close') {
      this.closeClient(sess, 'proxy', 'T3', 'close mode: the client connection ends with the response');
    } else {
      const next = waiting(sess) ? sess.pending!.shift() : undefined;
      if (next) this.send(sess, stream, next);
      else this.armClientIdle(sess, false);
    }
  }

  private drainH2(sess: Session): void {
    while (waiting(sess) && sess.streams.length < this.config.h2MaxStreams) {
      this.sendH2(sess, sess.pending!.shift()!);
    }
  }

  private fail(req: Request, status: number, error: string, closer: 'proxy' | 'server' | 'client'): void {
    if (req.finished) return;
    const stream = req.stream;
    req.status = status;
    if (stream && req.conn && req.conn.view.phase !== 'closed') this.algo.abortTxn(this, stream, req, closer);
    this.finish(req, error, status);
    if (stream) this.afterTxn(stream, req);
  }

  private finish(req: Request, error: string | null, status?: number): void {
    if (req.finished) return;
    req.finished = true;
    req.token++;
    this.algo.requestFinished?.(this, req);
    if (error === null) {
      if (this.building()) this.emit({ kind: 'request.done', decision: 'W', request: req.id, status: req.status, conn: req.conn?.id });
    } else this.emit({ kind: 'request.error', decision: 'W', request: req.id, error, status, conn: req.conn?.id });
    this.meter?.requestEnded(req.sentAt, this.now, error !== null);
    this.inflight--;
    const w = req.waiter;
    if (w && --w.remaining === 0) w.resume();
    if (this.inflight === 0 && this.awaitWaiter) {
      const resume = this.awaitWaiter;
      this.awaitWaiter = null;
      resume();
    }
  }

  /** The client connection ends (FIN from the client, or closed by HAProxy). */
  closeClient(sess: Session, closer: 'proxy' | 'client', decision: 'W' | 'T3', why?: string): void {
    if (!sess.open) return;
    this.emit({ kind: 'client.close', decision, client: sess.client.name, session: sess.id, closer, message: why });
    sess.open = false;
    sess.timerToken++;
    // Streams are freed first (the client mux is destroyed), then the session (session.c:77-82).
    // A copy: streamEnd removes each stream from the session's list.
    for (const st of sess.streams.slice()) {
      if (!st.open) continue;
      const req = st.txn;
      if (req && !req.finished) {
        if (req.conn && req.conn.view.phase !== 'closed') this.algo.abortTxn(this, st, req, 'client');
        this.finish(req, closer === 'client' ? 'client closed its connection' : 'client connection closed by proxy');
        st.txn = null;
      }
      this.algo.streamEnd(this, st);
    }
    if (waiting(sess)) for (const req of sess.pending!.splice(0)) this.finish(req, 'not sent: client connection closed');
    this.algo.sessionEnd(this, sess);
    this.emit({ kind: 'session.end', decision: 'W', session: sess.id, client: sess.client.name });
  }

  closeStream(st: Stream, decision: TraceEvent['decision']): void {
    if (!st.open) return;
    st.open = false;
    if (this.building()) this.emit({ kind: 'stream.close', decision, stream: st.id, session: st.session.id });
  }

  private serverClose(name: string, what: 'idle' | 'all'): void {
    const conns = [...this.conns.values()].filter((c) => c.server.name === name && c.view.phase !== 'closed');
    for (const c of conns) {
      if (c.view.phase === 'closed') continue;
      if (c.active.length > 0) {
        if (what !== 'all') continue;
        this.emit({ kind: 'conn.server-close', decision: 'W', conn: c.id, server: name, message: 'server closed a busy connection' });
        for (const st of c.active.slice()) {
          const req = st.txn;
          if (!req || req.finished) continue;
          if (req.notFirst && st.session.proto === 'h1') {
            // abort_keep_alive: a subsequent request failing before any response byte makes
            // HAProxy close the client connection silently so the browser retries.
            this.fail(req, 0, 'server closed the connection; client connection closed silently (the browser retries)', 'server');
            this.closeClient(st.session, 'proxy', 'W', 'silent close after a failed subsequent request');
          } else {
            this.fail(req, 502, 'server closed the connection before responding (502)', 'server');
          }
        }
      } else {
        this.serverFin(c, 'server closed idle connections');
      }
    }
  }
}
