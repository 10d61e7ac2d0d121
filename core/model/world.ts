import type { ListName, TraceEvent, Closer } from '../trace/events';
import type { DecisionId } from '../trace/decisions';
import { ConnList, type Listed } from './connlist';

/**
 * What can be seen of the simulated world at one instant: server connections,
 * sessions, streams, requests and server lists. The engine changes it only through
 * `applyEvent` (or, in a totals-only run that builds no event it can do without, through the
 * functions applyEvent itself applies), so the UI rebuilds any instant by replaying the trace —
 * it never re-runs the algorithm.
 */
export interface ConnState extends Listed {
  readonly id: string;
  readonly server: string;
  /** connecting → busy ⇄ idle → closed */
  phase: 'connecting' | 'busy' | 'idle' | 'closed';
  /** Seed: `conn->owner` (may be stale, AS7). Parent: the stream whose si[1] holds it. */
  owner: string | null;
  /** It has had an owner: without one now it was given up (doomed). A new connection is not owned until its adopt event. */
  owned: boolean;
  /** Seed: the sessions whose srv_conn is this connection. Parent: the stream holding it. */
  holders: string[];
  list: ListName | null;
  private: boolean;
  /** Modern engine: a pool connection (unowned between requests is normal, not an orphan). */
  pooled: boolean;
  /** Streams attached now, against `capacity` (mux_pt: 1). */
  streams: number;
  readonly capacity: number;
  /** Requests carried, in order (a lean world lists none). */
  requests: string[];
  readonly openedAt: number;
  closedAt: number | null;
  closedBy: DecisionId | null;
  closer: Closer | null;
}

export interface SessionState {
  readonly id: string;
  readonly client: string;
  readonly proto: 'h1' | 'h2';
  open: boolean;
  /** Not accepted yet: the connection waits in the listen backlog (client.wait); no session exists in HAProxy. */
  waiting: boolean;
  /** Seed: `sess->srv_conn`. Unused at the parent (always null). Modern: the last private connection. */
  srvConn: string | null;
  /** Every connection that lists this session as a holder (modern: its private connections). */
  held: string[];
  streams: string[];
}

export interface StreamState {
  readonly id: string;
  readonly session: string;
  open: boolean;
  /** The request in progress, if any. */
  request: string | null;
  /** The connection on `si[1]`. */
  conn: string | null;
}

export interface RequestState {
  readonly id: string;
  readonly client: string;
  readonly session: string;
  readonly stream: string;
  readonly method: string;
  readonly path: string;
  readonly sentAt: number;
  server: string | null;
  conn: string | null;
  reused: boolean;
  status: number | null;
  doneAt: number | null;
  error: string | null;
  decisions: DecisionId[];
  /** The backend routing chose (set by a `route` or `answer` event; absent when routing was trivial). */
  backend?: string;
  /** What answered the request when HAProxy did so itself (`stats`, `http-request deny`, …). */
  answeredBy?: string;
  /** It waits for a server slot (modern: server maxconn): in that server's queue, or '' the backend's; null or absent: it does not. */
  queued?: string | null;
}

export interface ServerLists {
  /** Head first (LIFO, AS6). */
  idle: ConnList<ConnState>;
  safe: ConnList<ConnState>;
  priv: ConnList<ConnState>;
  /** Modern engine: multiplexed connections with free streams. */
  avail: ConnList<ConnState>;
}

export interface World {
  conns: Map<string, ConnState>;
  sessions: Map<string, SessionState>;
  streams: Map<string, StreamState>;
  /** Requests in progress (and finished ones when `retain`). */
  requests: Map<string, RequestState>;
  lists: Map<string, ServerLists>;
  /**
   * False for large runs that only need totals (`--summary`): finished requests,
   * closed connections and closed streams are dropped as soon as they end.
   */
  retain: boolean;
  /**
   * No request or stream is recorded, as the engines read neither; counts, sessions, connections
   * and server lists are kept. The world of a totals-only run (the CLI's `--summary`), and of a
   * run whose events go to a reader that rebuilds the world from them (the page's worker).
   */
  lean: boolean;
  /** Counters for the metrics panel and `--summary`. */
  counts: { opened: number; reused: number; swapped: number; destroyed: number; requests: number };
  /** Servers marked DOWN by their health checks (server.check HC2; HC3 brings one back). */
  down: Set<string>;
  /** Servers a health check put in NOLB (server.check HC4, `http-check disable-on-404`): out of load balancing, still reached by persistence. */
  stopping: Set<string>;
}

export function emptyWorld(servers: readonly string[], retain = true, lean = false): World {
  const lists = new Map<string, ServerLists>();
  for (const s of servers) lists.set(s, { idle: new ConnList(), safe: new ConnList(), priv: new ConnList(), avail: new ConnList() });
  return {
    retain,
    lean,
    conns: new Map(),
    sessions: new Map(),
    streams: new Map(),
    requests: new Map(),
    lists,
    counts: { opened: 0, reused: 0, swapped: 0, destroyed: 0, requests: 0 },
    down: new Set(),
    stopping: new Set(),
  };
}

/** A deep copy, for checkpoints. */
export function cloneWorld(w: World): World {
  const c = new WorldCopy(w);
  c.step(Number.POSITIVE_INFINITY);
  return c.result!;
}

type Stage = readonly [Iterator<[string, unknown]>, Map<string, unknown>, (v: never) => unknown, (v: never) => number];

/**
 * A deep copy made in steps (`step(budget)` copies about `budget` entities), so that a
 * checkpoint of a world of 10,000 clients can be taken between other work. The world
 * must not change until `result` is set.
 */
export class WorldCopy {
  result: World | null = null;
  private readonly out: World;
  private readonly stages: Stage[];
  private k = 0;

  constructor(w: World) {
    this.out = {
      retain: w.retain, lean: w.lean, conns: new Map(), sessions: new Map(), streams: new Map(), requests: new Map(), lists: new Map(),
      counts: { ...w.counts }, down: new Set(w.down), stopping: new Set(w.stopping),
    };
    const one = () => 1;
    // Lists are copied last: they hold the copies of their connections.
    const copyOf = (c: ConnState) => this.out.conns.get(c.id);
    // One copy function per kind of entity (see copyConn); no intermediate arrays.
    this.stages = [
      [w.conns.entries(), this.out.conns, copyConn, one],
      [w.sessions.entries(), this.out.sessions, copySession, one],
      [w.streams.entries(), this.out.streams, copyStream, one],
      [w.requests.entries(), this.out.requests, copyRequest, one],
      [
        w.lists.entries(), this.out.lists,
        (l: ServerLists) => ({ idle: l.idle.clone(copyOf), safe: l.safe.clone(copyOf), priv: l.priv.clone(copyOf), avail: l.avail.clone(copyOf) }),
        (l: ServerLists) => 1 + l.idle.length + l.safe.length + l.priv.length + l.avail.length,
      ],
    ] as unknown as Stage[];
  }

  /** Copies about `budget` entities; returns the work done. `result` is set when the copy is complete. */
  step(budget: number): number {
    let used = 0;
    while (this.k < this.stages.length) {
      const [it, to, copy, cost] = this.stages[this.k]!;
      for (;;) {
        if (used >= budget) return used;
        const r = it.next();
        if (r.done) break;
        const v = r.value[1] as never;
        to.set(r.value[0], copy(v));
        used += cost(v);
      }
      this.k++;
    }
    this.result = this.out;
    return used;
  }
}

/*
 * The copies of a checkpoint are written as object and array literals, not spreads and
 * slices: a literal is an allocation site, and V8 allocates what a site makes straight into
 * long-lived memory once it sees that it lives on, so that checkpoints of a 10,000-client world
 * are not copied again at every young-generation collection of the page (long tasks).
 */
function copyList(a: readonly string[]): string[] {
  if (a.length === 0) return [];
  if (a.length === 1) return [a[0]!];
  return a.slice();
}

function copyConn(c: ConnState): ConnState {
  return {
    id: c.id, slot: c.slot, server: c.server, phase: c.phase, owner: c.owner, owned: c.owned, holders: copyList(c.holders), list: c.list, private: c.private,
    pooled: c.pooled, streams: c.streams, capacity: c.capacity, requests: copyList(c.requests), openedAt: c.openedAt,
    closedAt: c.closedAt, closedBy: c.closedBy, closer: c.closer,
  };
}

function copySession(s: SessionState): SessionState {
  return { id: s.id, client: s.client, proto: s.proto, open: s.open, waiting: s.waiting, srvConn: s.srvConn, held: copyList(s.held), streams: copyList(s.streams) };
}

function copyStream(s: StreamState): StreamState {
  return { id: s.id, session: s.session, open: s.open, request: s.request, conn: s.conn };
}

function copyRequest(r: RequestState): RequestState {
  return {
    id: r.id, client: r.client, session: r.session, stream: r.stream, method: r.method, path: r.path, sentAt: r.sentAt,
    server: r.server, conn: r.conn, reused: r.reused, status: r.status, doneAt: r.doneAt, error: r.error,
    // The shared empty list of non-retaining worlds stays shared.
    decisions: r.decisions === NO_DECISIONS ? NO_DECISIONS : r.decisions.slice(),
    ...(r.backend !== undefined ? { backend: r.backend } : {}), ...(r.answeredBy !== undefined ? { answeredBy: r.answeredBy } : {}),
    ...(r.queued != null ? { queued: r.queued } : {}),
  };
}

/** Display status of a connection, including the seed's artefacts (§1.6). */
export type ConnStatus = 'connecting' | 'busy' | 'idle' | 'orphan' | 'doomed' | 'closed';

export function connStatus(c: ConnState): ConnStatus {
  if (c.phase === 'closed') return 'closed';
  if (c.phase === 'idle') return c.holders.length === 0 && !c.pooled ? 'orphan' : 'idle';
  // Between its creation and its adopt event a connection has no owner yet: it is connecting, not doomed.
  if (c.owner === null && !c.pooled) return c.owned ? 'doomed' : c.phase;
  return c.phase;
}

/*
 * What the most frequent events of a request do to its connection: applyEvent applies them
 * through these functions, and so do the counting and packed trace writers, which build no event
 * (core/engines/writer/counting.ts): one place for each change. A property test checks that a
 * totals-only run reaches the world its full trace gives.
 */

/** `list.remove`: the connection leaves its server list. */
export function unlist(w: World, c: ConnState): void {
  if (!c.list) return;
  w.lists.get(c.server)?.[c.list].remove(c);
  c.list = null;
}

/** `list.add`: the connection enters a server list at its head (unless listed already, or closed). */
export function listed(w: World, c: ConnState, list: ListName): void {
  if (c.list || c.phase === 'closed') return;
  c.list = list;
  w.lists.get(c.server)?.[list].unshift(c);
}

/** `attach`: a stream is attached to the connection (`holder`: the one that now holds it, at the parent). */
export function attached(w: World, c: ConnState, holder: string | undefined): void {
  c.phase = 'busy';
  c.streams++;
  if (holder) hold(w, c, holder);
  w.counts.reused++;
}

/** `txn.end`: a stream's transaction ends on the connection, which is idle when none is left. */
export function txnEnded(c: ConnState): void {
  if (c.phase === 'closed') return;
  c.streams = Math.max(0, c.streams - 1);
  if (c.streams === 0) c.phase = 'idle';
}

/*
 * The holder helpers take the holder's session, looked up once by their caller (`undefined` when
 * the holder is a stream, as at the parent): a load scenario adopts and unlinks a connection per
 * client, and each lookup is a probe of a map of 10,000 sessions.
 */

function removeHolder(c: ConnState | undefined, holder: string, s: SessionState | undefined): void {
  if (!c) return;
  dropId(c.holders, holder);
  if (s) dropId(s.held, c.id);
}

/**
 * Removes `x` from `list`, keeping the order of the others. Not splice: that allocates the array
 * of removed items, and a load scenario unlinks a connection from its session once per client.
 */
function dropId(list: string[], x: string): void {
  const i = list.indexOf(x);
  if (i < 0) return;
  for (let k = i + 1; k < list.length; k++) list[k - 1] = list[k]!;
  list.pop();
}

function addHolder(c: ConnState, holder: string, s: SessionState | undefined): void {
  if (c.holders.includes(holder)) return;
  c.holders = appended(c.holders, holder);
  if (s) s.held = appended(s.held, c.id);
}

/**
 * The list a new record starts with, shared: the first id added to it makes a list of its own
 * (see appended), so a world of 10,000 clients does not hold tens of thousands of empty arrays.
 * Frozen, so that a push to it would fail at once instead of filling every record's list.
 */
const NO_IDS = Object.freeze([]) as readonly string[] as string[];

/**
 * `list` with `x` at its end. The first element makes an array of one: an empty array that
 * grows by push gets 17 slots in V8, and most lists here hold one id (a 10,000-client world
 * kept 1.8 MB of empty slots).
 */
function appended(list: string[], x: string): string[] {
  if (list.length === 0) return [x];
  list.push(x);
  return list;
}

/** Point a holder (a session at the seed, a stream at the parent) at a connection. */
function setHolderConn(w: World, holder: string, s: SessionState | undefined, conn: string | null): void {
  if (s) {
    s.srvConn = conn;
    return;
  }
  const st = w.streams.get(holder);
  if (st) st.conn = conn;
}

/** At the parent the stream whose si[1] holds a connection is its only holder. */
function hold(w: World, c: ConnState, holder: string): void {
  const s = w.sessions.get(holder);
  c.owner = holder;
  c.owned = true;
  addHolder(c, holder, s);
  setHolderConn(w, holder, s, c.id);
}

/**
 * The connection an event names, if it names one. `known` is the engine's own view of it, when
 * it has one at hand: that saves a map lookup (one of the costs of a world of 10,000 clients).
 * A closed one is looked up, as a world that does not retain them has let it go.
 */
function connOf(w: World, id: string | undefined, known?: ConnState): ConnState | undefined {
  if (known !== undefined && known.id === id && known.phase !== 'closed') return known;
  return id === undefined ? undefined : w.conns.get(id);
}

/** The request an event names, if this world records requests. */
function requestOf(w: World, id: string | undefined): RequestState | undefined {
  return id === undefined || w.lean ? undefined : w.requests.get(id);
}

/** The stream an event names, if this world records streams (a lean one does not even look). */
function streamOf(w: World, id: string | undefined): StreamState | undefined {
  return id === undefined || w.lean ? undefined : w.streams.get(id);
}

/**
 * The one change a `request.send` makes to a lean world (the counting writer makes it without
 * building the event).
 */
export function countRequestSent(w: World): void {
  w.counts.requests++;
}

/*
 * What the events of a client and of a connection's life do to the world (client.open,
 * session.end, conn.new, adopt, unlink, conn.destroy): applyEvent applies them through these
 * functions, and so does the counting writer, which builds none of these events.
 */

/** `client.open`: the session's record. */
export function sessionOpened(w: World, id: string, client: string, proto: 'h1' | 'h2'): SessionState {
  const s: SessionState = { id, client, proto, open: true, waiting: false, srvConn: null, held: NO_IDS, streams: NO_IDS };
  w.sessions.set(id, s);
  return s;
}

/** `client.wait`: the connection waits in the listen backlog, its session not started. */
export function sessionWaiting(w: World, id: string, client: string, proto: 'h1' | 'h2'): void {
  w.sessions.set(id, { id, client, proto, open: true, waiting: true, srvConn: null, held: NO_IDS, streams: NO_IDS });
}

/** `client.close`: a connection that never left the backlog ends with it (an accepted one ends at session.end). */
export function clientClosed(w: World, id: string): void {
  const s = w.sessions.get(id);
  if (s && s.waiting) s.open = false;
}

/** `session.end`. */
export function sessionEnded(w: World, id: string): void {
  const s = w.sessions.get(id);
  if (s) s.open = false;
}

/** `conn.new`: the connection's record (`request`: the first it carries, recorded unless the world is lean). */
export function connOpened(
  w: World, id: string, server: string, t: number, capacity: number, pool: boolean, request: string | undefined, holder: string | undefined,
): ConnState {
  const c: ConnState = {
    id, slot: -1, server, phase: 'connecting', owner: null, owned: false, holders: NO_IDS, list: null, private: false, pooled: pool,
    streams: 1, capacity, requests: request && !w.lean ? [request] : NO_IDS, openedAt: t, closedAt: null, closedBy: null,
    closer: null,
  };
  w.conns.set(id, c);
  if (holder) hold(w, c, holder);
  w.counts.opened++;
  return c;
}

/** `adopt`: the holder (session at the seed, stream at the parent) owns the connection, and no longer `otherConn`. */
export function adopted(w: World, c: ConnState, holder: string, otherConn: string | undefined): void {
  const s = w.sessions.get(holder);
  c.owner = holder;
  c.owned = true;
  addHolder(c, holder, s);
  if (otherConn) removeHolder(w.conns.get(otherConn), holder, s);
  setHolderConn(w, holder, s, c.id);
}

/** `unlink` (D5): the holder forgets the connection. */
export function unlinked(w: World, c: ConnState, holder: string): void {
  const s = w.sessions.get(holder);
  removeHolder(c, holder, s);
  if (s && s.srvConn === c.id) s.srvConn = null;
}

/** `conn.destroy`: the connection is closed, unlisted, and forgotten by its holders (D5). */
export function destroyed(w: World, c: ConnState, t: number, decision: DecisionId, closer: Closer): void {
  if (c.phase === 'closed') return;
  unlist(w, c);
  // Streams still attached to it (an aborted transaction) lose it. (A lean world has none.)
  if (!w.lean) {
    for (const rid of c.requests.slice(-Math.max(1, c.streams))) {
      const st = w.streams.get(w.requests.get(rid)?.stream ?? '');
      if (st && st.conn === c.id) st.conn = null;
    }
  }
  c.phase = 'closed';
  c.streams = 0;
  c.closedAt = t;
  c.closedBy = decision;
  c.closer = closer;
  // D5: every session (or stream) linked to it forgets it.
  // (A copy: removeHolder takes each one out of the list.)
  if (c.holders.length > 0) {
    for (const h of c.holders.slice()) {
      const s = w.sessions.get(h);
      if (s && s.srvConn === c.id) s.srvConn = null;
      const st = streamOf(w, h);
      if (st && st.conn === c.id) st.conn = null;
      removeHolder(c, h, s);
    }
  }
  w.counts.destroyed++;
  if (!w.retain) w.conns.delete(c.id);
}

/** The decisions of a request in a world that does not list them (never written: see noteDecision). */
const NO_DECISIONS: DecisionId[] = [];

function noteDecision(w: World, request: string, decision: DecisionId): void {
  const r = w.requests.get(request);
  if (r && r.decisions[r.decisions.length - 1] !== decision) r.decisions.push(decision);
}

/**
 * Apply one trace event to the world. Facts only: every decision was taken by the
 * engine and is recorded in the event. `view`: the world's state of the connection the event
 * names, when the caller holds it (the engine does); replaying a trace needs none.
 */
export function applyEvent(w: World, e: TraceEvent, view?: ConnState): void {
  // The decisions taken for each request (the report's per-request list).
  if (w.retain && e.decision !== 'W' && e.request !== undefined) noteDecision(w, e.request, e.decision);
  // Each case reads the fields it needs itself: a field read shared by every kind of event would
  // see dozens of object shapes and be slow on this hot path.
  // The most frequent kinds first: a switch on strings compares its cases in order.
  switch (e.kind) {
    case 'request.send': {
      countRequestSent(w);
      if (w.lean) return;
      w.requests.set(e.request, {
        id: e.request, client: e.client, session: e.session, stream: e.stream, method: e.method ?? 'GET',
        path: e.path ?? '/', sentAt: e.t, server: null, conn: null, reused: false, status: null, doneAt: null,
        // Decisions are listed only in retaining worlds: the others share one empty list.
        error: null, decisions: w.retain ? [] : NO_DECISIONS,
      });
      const st = w.streams.get(e.stream);
      if (st) st.request = e.request;
      return;
    }
    case 'stream.open': {
      if (w.lean) return;
      w.streams.set(e.stream, { id: e.stream, session: e.session, open: true, request: null, conn: null });
      const sess = w.sessions.get(e.session);
      if (sess) sess.streams = appended(sess.streams, e.stream);
      return;
    }
    case 'stream.close': {
      if (w.lean) return;
      const st = w.streams.get(e.stream);
      if (st) {
        st.open = false;
        st.request = null;
        if (!w.retain) {
          w.streams.delete(st.id);
          const sess = w.sessions.get(st.session);
          if (sess) sess.streams.splice(sess.streams.indexOf(st.id), 1);
        }
      }
      return;
    }
    case 'attach': {
      const c = connOf(w, e.conn, view);
      const r = requestOf(w, e.request);
      if (!c) return;
      if (e.request && w.retain) c.requests = appended(c.requests, e.request);
      if (r) {
        r.conn = c.id;
        r.reused = true;
      }
      const st = streamOf(w, e.stream);
      if (st) st.conn = c.id;
      attached(w, c, e.holder);
      return;
    }
    case 'list.remove': {
      const c = connOf(w, e.conn, view);
      if (c) unlist(w, c);
      return;
    }
    case 'list.add': {
      const c = connOf(w, e.conn, view);
      if (c) listed(w, c, e.list);
      return;
    }
    case 'txn.end': {
      const c = connOf(w, e.conn, view);
      const r = requestOf(w, e.request);
      const st = r ? w.streams.get(r.stream) : undefined;
      // The stream detaches from the connection, except at the parent's pK1 (kept on si[1]).
      if (st && c && e.decision !== 'pK1' && st.conn === c.id && !c.holders.includes(st.id)) st.conn = null;
      if (c) txnEnded(c);
      if (st && r && st.request === r.id) st.request = null;
      return;
    }
    case 'response': {
      const r = requestOf(w, e.request);
      if (r) r.status = e.status ?? null;
      return;
    }
    case 'request.done': {
      const r = requestOf(w, e.request);
      if (r) r.doneAt = e.t;
      if (r && !w.retain) w.requests.delete(r.id);
      return;
    }
    case 'assign': {
      const r = requestOf(w, e.request);
      if (r) r.server = e.server;
      // mQ2: out of the backend's queue, onto a server.
      if (r && r.queued != null) r.queued = null;
      if (r && e.backend) r.backend = e.backend;
      return;
    }
    case 'route': {
      const r = requestOf(w, e.request);
      if (r && e.backend) r.backend = e.backend;
      return;
    }
    case 'answer': {
      const r = requestOf(w, e.request);
      if (r) {
        if (e.backend) r.backend = e.backend;
        r.answeredBy = e.answeredBy ?? 'haproxy';
        r.status = e.status ?? null;
      }
      return;
    }
    case 'conn.connected': {
      const c = connOf(w, e.conn, view);
      if (c && c.phase === 'connecting') c.phase = 'busy';
      return;
    }
    // Decisions with nothing to change in the world (checked before the rarer kinds below).
    case 'mode':
    case 'reuse.own':
    case 'reuse.search':
    case 'reuse.pick':
    case 'reuse.none':
    case 'txn.next':
      return;
    case 'request.forward': {
      // TC2: a request of a mode tcp stream rides the stream's connection (no attach names it).
      if (e.decision !== 'TC2') return;
      const r = requestOf(w, e.request);
      if (r) {
        r.conn = e.conn;
        r.server = e.server;
      }
      return;
    }
    case 'conn.new': {
      const c = connOpened(w, e.conn, e.server, e.t, e.capacity ?? 1, e.pool === true, e.request, e.holder);
      const r = requestOf(w, e.request);
      if (r) r.conn = e.conn;
      const st = streamOf(w, e.stream);
      if (st) st.conn = e.conn;
      return;
    }
    case 'conn.destroy': {
      const c = connOf(w, e.conn, view);
      if (c) destroyed(w, c, e.t, e.decision, e.closer ?? 'proxy');
      return;
    }
    case 'request.error': {
      const r = requestOf(w, e.request);
      if (r) {
        r.error = e.error ?? 'error';
        r.doneAt = e.t;
        if (e.status !== undefined) r.status = e.status;
        if (!w.retain) w.requests.delete(r.id);
      }
      return;
    }
    case 'client.open':
      sessionOpened(w, e.session, e.client, e.proto);
      return;
    case 'client.wait':
      sessionWaiting(w, e.session, e.client, e.proto);
      return;
    case 'client.close':
      clientClosed(w, e.session);
      return;
    case 'session.end':
      sessionEnded(w, e.session);
      return;
    case 'adopt': {
      // e.holder is the new owner (session at the seed, stream at the parent).
      const c = connOf(w, e.conn, view);
      if (c) adopted(w, c, e.holder, e.otherConn);
      return;
    }
    case 'give-up': {
      const c = connOf(w, e.conn, view);
      if (c) c.owner = null;
      return;
    }
    case 'swap': {
      const c = connOf(w, e.conn, view);
      // The victim holder leaves the picked connection and receives our old one.
      const s = w.sessions.get(e.holder);
      removeHolder(c, e.holder, s);
      const old = connOf(w, e.otherConn);
      // old.owner is not updated at the seed (G11): it still names the swapper.
      if (old) addHolder(old, e.holder, s);
      setHolderConn(w, e.holder, s, e.otherConn ?? null);
      w.counts.swapped++;
      return;
    }
    case 'dispossess': {
      const c = connOf(w, e.conn, view);
      const s = w.sessions.get(e.holder);
      removeHolder(c, e.holder, s);
      setHolderConn(w, e.holder, s, null);
      return;
    }
    case 'unlink': {
      const c = connOf(w, e.conn, view);
      if (c && e.holder) unlinked(w, c, e.holder);
      return;
    }
    case 'detach': {
      const c = connOf(w, e.conn, view);
      if (c && e.holder) {
        const s = w.sessions.get(e.holder);
        removeHolder(c, e.holder, s);
        setHolderConn(w, e.holder, s, null);
      }
      return;
    }
    case 'conn.private': {
      const c = connOf(w, e.conn, view);
      if (c) c.private = true;
      return;
    }
    case 'server.check':
      if (e.state === 'down') w.down.add(e.server);
      else w.down.delete(e.server);
      if (e.state === 'stopping') w.stopping.add(e.server);
      else w.stopping.delete(e.server);
      return;
    case 'note': {
      // The queues of the modern engine (server maxconn): mQ1 puts a request in one; mQ2 (a slot),
      // mQ3 (timeout queue) and mQ4 (a full queue) take it out.
      const d = e.decision;
      if (d !== 'mQ1' && d !== 'mQ2' && d !== 'mQ3' && d !== 'mQ4') return;
      const r = requestOf(w, e.request);
      if (r) r.queued = d === 'mQ1' ? (e.server ?? '') : null;
      return;
    }
    default:
      return;
  }
}
