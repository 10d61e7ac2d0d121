import { firstIndexFrom, forEachEvent, indexAtTime, timeAt, type ListName, type Timed, type Trace, type TraceEvent } from '../../core';
import { tickRank } from './ticks';

/**
 * One pass over a trace for what the views need up front: the largest size of every
 * server list (so server boxes never change height while scrubbing), the number of
 * open server connections after each event (metrics chart), and which events touch
 * each connection (diagram clicks). Book-keeping only: every decision is read from
 * the events, nothing is re-derived.
 */
export interface TraceAnalysis {
  /** Largest length ever reached by each server's lists. */
  readonly maxList: ReadonlyMap<string, Readonly<Record<ListName, number>>>;
  /** Open server connections after event i (index i), starting from 0 before the trace. */
  readonly open: readonly number[];
  readonly maxOpen: number;
  /** Event indexes touching each connection (as `conn` or `otherConn`), ascending. */
  readonly byConn: ReadonlyMap<string, readonly number[]>;
  /** Event indexes touching each session (as `session` or `holder`), ascending. */
  readonly bySession: ReadonlyMap<string, readonly number[]>;
  /** Sessions in order of creation, with their client. */
  readonly sessions: ReadonlyMap<string, string>;
  /** Server connections in order of creation: server, the client that opened it, the index of its `conn.new`. */
  readonly conns: ReadonlyMap<string, ConnOrigin>;
  /** Virtual time of each event (µs), and its timeline tick rank: typed arrays, no per-render pass over the trace. */
  readonly times: Float64Array;
  readonly ticks: Uint8Array;
}

export interface ConnOrigin {
  readonly server: string;
  readonly client: string | null;
  readonly created: number;
}

export function analyzeTrace(trace: Trace, servers: readonly string[]): TraceAnalysis {
  const a = new TraceAnalyzer(servers);
  a.addFrom(trace, trace.length);
  return a.result();
}

/** `analyzeTrace` in steps, for a trace that arrives in chunks (a run in the worker). */
export class TraceAnalyzer {
  /** Current length of every server list (only lengths matter here). */
  private readonly lists = new Map<string, Record<ListName, number>>();
  private readonly maxList = new Map<string, Record<ListName, number>>();
  private readonly where = new Map<string, { server: string; list: ListName | null; closed: boolean }>();
  private readonly byConn = new Map<string, number[]>();
  private readonly bySession = new Map<string, number[]>();
  private readonly sessions = new Map<string, string>();
  private readonly conns = new Map<string, ConnOrigin>();
  private readonly open: number[] = [];
  private times = new Float64Array(1024);
  private ticks = new Uint8Array(1024);
  private nOpen = 0;
  private maxOpen = 0;

  constructor(servers: readonly string[]) {
    for (const s of servers) this.server(s);
  }

  /** Analyse the next events (they follow the ones added before). */
  add(events: readonly TraceEvent[]): void {
    let i = this.open.length;
    for (const e of events) this.event(e, i++);
  }

  /** Analyse the trace's next events, up to event `to` (excluded). */
  addFrom(trace: Trace, to: number): void {
    forEachEvent(trace, this.open.length, to, (e, i) => this.event(e, i));
  }

  get count(): number {
    return this.open.length;
  }

  /** The analysis of every event added so far (shares its arrays: add nothing after). */
  result(): TraceAnalysis {
    const { maxList, open, maxOpen, byConn, bySession, sessions, conns } = this;
    const n = open.length;
    return { maxList, open, maxOpen, byConn, bySession, sessions, conns, times: this.times.subarray(0, n), ticks: this.ticks.subarray(0, n) };
  }

  /**
   * The analysis of every event added so far, as a copy that later events leave alone (a run
   * shown while the rest of it arrives: its picture reads the events it has, no more).
   */
  snapshot(): TraceAnalysis {
    const n = this.open.length;
    const lists = (m: ReadonlyMap<string, number[]>) => new Map([...m].map(([k, v]) => [k, v.slice()]));
    return {
      maxList: new Map([...this.maxList].map(([k, v]) => [k, { ...v }])),
      open: this.open.slice(),
      maxOpen: this.maxOpen,
      byConn: lists(this.byConn),
      bySession: lists(this.bySession),
      sessions: new Map(this.sessions),
      conns: new Map(this.conns),
      // Views of the live buffers: later events write past `n`, or into new buffers.
      times: this.times.subarray(0, n),
      ticks: this.ticks.subarray(0, n),
    };
  }

  private server(name: string): Record<ListName, number> {
    let l = this.lists.get(name);
    if (!l) {
      l = { idle: 0, safe: 0, priv: 0, avail: 0 };
      this.lists.set(name, l);
      this.maxList.set(name, { idle: 0, safe: 0, priv: 0, avail: 0 });
    }
    return l;
  }

  private unlist(id: string): void {
    const c = this.where.get(id);
    if (!c || !c.list) return;
    this.server(c.server)[c.list]--;
    c.list = null;
  }

  private event(e: TraceEvent, i: number): void {
    if (i >= this.times.length) {
      // Grow by doubling (typed arrays: a few large buffers, nothing for the collector to trace).
      const t = new Float64Array(this.times.length * 2);
      t.set(this.times);
      this.times = t;
      const k = new Uint8Array(this.ticks.length * 2);
      k.set(this.ticks);
      this.ticks = k;
    }
    this.times[i] = e.t;
    this.ticks[i] = tickRank(e);
    touch(this.byConn, e.conn, i);
    touch(this.byConn, e.otherConn, i);
    touch(this.bySession, e.session, i);
    touch(this.bySession, e.holder, i);
    const c = e.conn !== undefined ? this.where.get(e.conn) : undefined;
    switch (e.kind) {
      case 'client.open':
      case 'client.wait':
        if (e.session !== undefined && !this.sessions.has(e.session)) this.sessions.set(e.session, e.client);
        break;
      case 'conn.new':
        if (e.conn !== undefined && e.server !== undefined && !this.where.has(e.conn)) {
          this.where.set(e.conn, { server: e.server, list: null, closed: false });
          this.conns.set(e.conn, { server: e.server, client: e.client ?? null, created: i });
          this.nOpen++;
        }
        break;
      case 'list.add':
        if (c && !c.list && !c.closed && e.list) {
          c.list = e.list;
          const l = this.server(c.server);
          l[e.list]++;
          const m = this.maxList.get(c.server)!;
          m[e.list] = Math.max(m[e.list], l[e.list]);
        }
        break;
      case 'list.remove':
        if (c) this.unlist(e.conn!);
        break;
      case 'conn.destroy':
        if (c && !c.closed) {
          this.unlist(e.conn!);
          c.closed = true;
          this.nOpen--;
        }
        break;
      default:
        break;
    }
    this.open.push(this.nOpen);
    if (this.nOpen > this.maxOpen) this.maxOpen = this.nOpen;
  }
}

function touch(m: Map<string, number[]>, id: string | undefined, i: number): void {
  if (id === undefined) return;
  const a = m.get(id);
  if (!a) m.set(id, [i]);
  else if (a[a.length - 1] !== i) a.push(i);
}

/**
 * Where the playhead goes when the user clicks a connection (or a session): if the current
 * event already concerns it, to its next event (clicking again walks its history, and wraps);
 * otherwise to its own first event — its creation and the rule that made it — rather than
 * back to whatever last touched it (often a step of the emulated world, which explains nothing).
 */
export function eventForConnClick(events: readonly number[] | undefined, index: number): number | null {
  if (!events || events.length === 0) return null;
  const k = events.indexOf(index);
  return k >= 0 ? events[(k + 1) % events.length] : events[0];
}

/**
 * The playhead after a re-run: the same virtual time, and the same rank among the
 * events at that time when possible. At the end before → at the end after.
 */
export function remapIndex(oldTrace: Timed, oldIndex: number, newTrace: Timed): number {
  if (newTrace.length === 0) return -1;
  if (oldIndex < 0 || oldTrace.length === 0) return -1;
  if (oldIndex >= oldTrace.length - 1) return newTrace.length - 1;
  const t = timeAt(oldTrace, oldIndex);
  const rank = oldIndex - firstIndexFrom(oldTrace, t);
  // Binary searches (times never go back): a large run has tens of thousands of events at one instant.
  const lastAtOrBefore = indexAtTime(newTrace, t);
  const firstAt = firstIndexFrom(newTrace, t);
  if (firstAt <= lastAtOrBefore) return Math.min(firstAt + rank, lastAtOrBefore);
  return lastAtOrBefore;
}

/**
 * `remapIndex` onto a trace of which only the first events have arrived (`prefix`): the index
 * when the events that decide it are in, null while they may still come.
 */
export function remapIndexInPrefix(oldTrace: Timed, oldIndex: number, prefix: Timed): number | null {
  if (oldIndex < 0 || oldTrace.length === 0) return -1;
  // At the end before → at the end after: not known until the run is.
  if (oldIndex >= oldTrace.length - 1 || prefix.length === 0) return null;
  const t = timeAt(oldTrace, oldIndex);
  // An event later than `t` has arrived: every event at or before it is in.
  if (timeAt(prefix, prefix.length - 1) > t) return remapIndex(oldTrace, oldIndex, prefix);
  // Or the same rank at the same instant is in already (more events at `t` would not move it).
  const rank = oldIndex - firstIndexFrom(oldTrace, t);
  const firstAt = firstIndexFrom(prefix, t);
  return firstAt < prefix.length && timeAt(prefix, firstAt) === t && firstAt + rank < prefix.length ? firstAt + rank : null;
}

/** Index of the last event at or before virtual time `t` (µs); -1 if none. */
export { indexAtTime };
