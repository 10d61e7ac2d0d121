import type { ListName, TraceEvent } from '../../core';

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
}

export function analyzeTrace(trace: readonly TraceEvent[], servers: readonly string[]): TraceAnalysis {
  const lists = new Map<string, Record<ListName, string[]>>();
  const maxList = new Map<string, Record<ListName, number>>();
  for (const s of servers) {
    lists.set(s, { idle: [], safe: [], priv: [], avail: [] });
    maxList.set(s, { idle: 0, safe: 0, priv: 0, avail: 0 });
  }
  const where = new Map<string, { server: string; list: ListName | null; closed: boolean }>();
  const byConn = new Map<string, number[]>();
  const bySession = new Map<string, number[]>();
  const open: number[] = [];
  let nOpen = 0;
  let maxOpen = 0;

  const touch = (m: Map<string, number[]>, id: string | undefined, i: number) => {
    if (id === undefined) return;
    const a = m.get(id);
    if (!a) m.set(id, [i]);
    else if (a[a.length - 1] !== i) a.push(i);
  };
  const unlist = (id: string) => {
    const c = where.get(id);
    if (!c || !c.list) return;
    const arr = lists.get(c.server)?.[c.list];
    const k = arr ? arr.indexOf(id) : -1;
    if (arr && k >= 0) arr.splice(k, 1);
    c.list = null;
  };

  trace.forEach((e, i) => {
    touch(byConn, e.conn, i);
    touch(byConn, e.otherConn, i);
    touch(bySession, e.session, i);
    touch(bySession, e.holder, i);
    const c = e.conn !== undefined ? where.get(e.conn) : undefined;
    switch (e.kind) {
      case 'conn.new':
        if (e.conn !== undefined && e.server !== undefined && !where.has(e.conn)) {
          where.set(e.conn, { server: e.server, list: null, closed: false });
          nOpen++;
        }
        break;
      case 'list.add':
        if (c && !c.list && !c.closed && e.list) {
          c.list = e.list;
          let l = lists.get(c.server);
          if (!l) {
            l = { idle: [], safe: [], priv: [], avail: [] };
            lists.set(c.server, l);
            maxList.set(c.server, { idle: 0, safe: 0, priv: 0, avail: 0 });
          }
          l[e.list].unshift(e.conn!);
          const m = maxList.get(c.server)!;
          m[e.list] = Math.max(m[e.list], l[e.list].length);
        }
        break;
      case 'list.remove':
        if (c) unlist(e.conn!);
        break;
      case 'conn.destroy':
        if (c && !c.closed) {
          unlist(e.conn!);
          c.closed = true;
          nOpen--;
        }
        break;
      default:
        break;
    }
    open.push(nOpen);
    maxOpen = Math.max(maxOpen, nOpen);
  });
  return { maxList, open, maxOpen, byConn, bySession };
}

/**
 * Where the playhead goes when the user clicks a connection: if the current event
 * already concerns it, to its next event (clicking again walks its history, and wraps);
 * otherwise to its latest event at or before the playhead, or its first one.
 */
export function eventForConnClick(events: readonly number[] | undefined, index: number): number | null {
  if (!events || events.length === 0) return null;
  if (events.includes(index)) {
    const k = events.indexOf(index);
    return events[(k + 1) % events.length];
  }
  let best: number | null = null;
  for (const i of events) if (i <= index) best = i;
  return best ?? events[0];
}

/**
 * The playhead after a re-run: the same virtual time, and the same rank among the
 * events at that time when possible. At the end before → at the end after.
 */
export function remapIndex(
  oldTrace: readonly { t: number }[],
  oldIndex: number,
  newTrace: readonly { t: number }[],
): number {
  if (newTrace.length === 0) return -1;
  if (oldIndex < 0 || oldTrace.length === 0) return -1;
  if (oldIndex >= oldTrace.length - 1) return newTrace.length - 1;
  const t = oldTrace[oldIndex].t;
  let rank = 0;
  for (let i = oldIndex - 1; i >= 0 && oldTrace[i].t === t; i--) rank++;
  let lastAtOrBefore = -1;
  let firstAt = -1;
  for (let i = 0; i < newTrace.length && newTrace[i].t <= t; i++) {
    lastAtOrBefore = i;
    if (newTrace[i].t === t && firstAt < 0) firstAt = i;
  }
  if (firstAt >= 0) return Math.min(firstAt + rank, lastAtOrBefore);
  return lastAtOrBefore;
}

/** Index of the last event at or before virtual time `t` (µs); -1 if none. */
export function indexAtTime(trace: readonly { t: number }[], t: number): number {
  let lo = 0;
  let hi = trace.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (trace[mid].t <= t) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}
