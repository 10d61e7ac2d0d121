import type { BackendConfig, ServerConfig } from '../../model/config';
import { connName } from '../../trace/packed';
import type { TraceEvent } from '../../trace/events';
import type { Conn, Request, Session, Stream } from '../types';
import { SimDriver } from './driver';
import type { DestroyExtra } from '../writer/writer';

/** Removes a stream from a list, keeping the order of the others. */
export function dropStream(list: Stream[], st: Stream): void {
  const i = list.indexOf(st);
  if (i < 0) return;
  // Shift the rest down (splice would allocate the array of removed items on every h2 request).
  for (let k = i + 1; k < list.length; k++) list[k - 1] = list[k]!;
  list.pop();
}

/** The wait before connecting again after a refused attempt (µs): one second, or `timeout connect` if shorter. */
export const TURN_AROUND_US = 1_000_000;
/** CONN_RETRIES: retries of a backend without `retries` (a hand-made config). */
export const DEFAULT_RETRIES = 3;

/**
 * stream_choose_redispatch (stream.h:315-351 of v2.6.0; stream.c:752-783 of 7c6f8b146): whether
 * retry `k` (of `retries`) goes to the server load balancing picks: with `option redispatch`, on
 * its interval, or on every retry when the stream named no server (`direct`), the balance is
 * roundrobin and several servers (`up`: usable, not backups) are up. And whether it goes at once:
 * a redispatch under roundrobin with several servers up does not wait for the turn-around.
 */
export function redispatchOf(be: BackendConfig, k: number, retries: number, direct: boolean, up: number): { redispatch: boolean; atOnce: boolean } {
  const r = be.redispatch ?? 0;
  const rr = be.balance === 'roundrobin';
  const cycle = retries + 1 + r;
  const redispatch = r !== 0 && ((r > 0 && k % r === 0) || (r < 0 && cycle > 0 && k % cycle === 0) || (!direct && up > 1 && rr));
  return { redispatch, atOnce: redispatch && rr && up > 1 };
}

/** `destroy` with no extra fields for its event. */
const NO_EXTRA: DestroyExtra = Object.freeze({});

/**
 * Backend connections and the helpers the algorithms call on them: lookup, the mux's free
 * stream slots, creating, attaching and destroying a connection, and the holders (sessions or
 * streams) that name one.
 */
export abstract class SimConnections extends SimDriver {
  /** Every session by id (session ids name holders at the seed; stream ids start with them). */
  protected readonly sessions = new Map<string, Session>();
  protected readonly conns = new Map<string, Conn>();
  private connCount = 0;

  /** A request fails (requests.ts). */
  protected abstract fail(req: Request, status: number, error: string, closer: 'proxy' | 'server' | 'client'): void;
  /** The client connection ends (clients.ts). */
  protected abstract closeClient(sess: Session, closer: 'proxy' | 'client', decision: 'W' | 'T3', why?: string): void;
  /** The client connection is closed without a response to `req`; requests waiting behind it go on a new connection (./requests.ts). */
  protected abstract closeSilently(st: Stream, req: Request, closer: 'proxy' | 'server'): void;

  /** The number of the next connection (its id is `c<no>`). */
  protected nextConnNo(): number {
    return ++this.connCount;
  }

  conn(id: string | null | undefined): Conn | null {
    return id ? (this.conns.get(id) ?? null) : null;
  }

  /**
   * The mux's avail_streams: mux_pt gives 1 when no stream is attached, else 0
   * (mux_pt.c:192-197); an h2 backend connection its free stream slots.
   */
  avail(c: Conn): number {
    // An h2 mux honours `max-reuse` (which mux is h2 differs per commit: Algorithm.h2Mux).
    // (The mux is asked last: most servers set no max-reuse.)
    if (c.server.maxReuse >= 0 && c.uses > c.server.maxReuse && this.algo.h2Mux(c)) return 0;
    return c.capacity - c.active.length;
  }

  /** A stream leaves its connection (the mux's detach). */
  release(c: Conn, stream: Stream): void {
    dropStream(c.active, stream);
  }

  /** Creates a connection and starts connecting it (R4); the world gets `conn.new`. */
  newConn(
    stream: Stream, req: Request, server: ServerConfig, backend: BackendConfig, decision: TraceEvent['decision'],
    opts: { conds?: TraceEvent['conds']; holder?: string; capacity?: number; pool?: boolean } = {},
  ): Conn {
    const no = this.nextConnNo();
    const id = connName(no);
    const capacity = opts.capacity ?? 1;
    const view = this.out.connNew(decision, id, server.name, stream, req, opts.conds, opts.holder, capacity > 1 ? capacity : undefined, opts.pool || undefined);
    const c: Conn = {
      id, no, server, backend, view, ready: true, connected: false, shut: false,
      active: [stream], capacity, uses: 1, served: 0, idleToken: 0, tcp: null,
    };
    this.conns.set(id, c);
    stream.si1 = c;
    this.meter?.connOpened(this.world);
    return c;
  }

  /** Attaches a stream to an existing connection (F1: SF_SRV_REUSED); `holder` at the parent. */
  attach(stream: Stream, req: Request, c: Conn, decision: TraceEvent['decision'], holder?: string): void {
    c.active.push(stream);
    c.uses++;
    c.idleToken++;
    stream.si1 = c;
    this.out.attach(decision, c, stream, req, holder);
  }

  /** Streams with this id or of this session (swap victims are streams at the parent, sessions at the seed). */
  streamsByHolder(holder: string): Stream[] {
    const sess = this.sessionOfHolder(holder);
    return sess ? sess.streams.filter((st) => st.id === holder && st.open) : [];
  }

  /** Destroys a connection (D5 always follows: unlisted, holders forget it). */
  destroy(c: Conn, decision: TraceEvent['decision'], closer: 'proxy' | 'server' | 'client', extra: DestroyExtra = NO_EXTRA): void {
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
    this.algo.connFreed?.(this, c);
    c.idleToken++;
    this.out.connDestroy(decision, c, closer, extra);
    this.conns.delete(c.id); // nothing refers to it any more (D5 unlinked it everywhere)
    if (orphans) for (const st of orphans) this.diedUnder(st, closer === 'client' ? 'proxy' : closer);
  }

  /** A stream's server connection died before its response: a 502, or nothing and the client retries. */
  protected diedUnder(st: Stream, closer: 'proxy' | 'server'): void {
    const req = st.txn!;
    if (!this.algo.keepAliveAbort?.(this, st, req)) return this.fail(req, 502, 'the server connection closed under this stream (502)', closer);
    if (st.session.proto === 'h2') return this.fail(req, 0, 'the server connection closed under this stream: HAProxy resets it (REFUSED_STREAM), the client retries', closer);
    this.closeSilently(st, req, closer);
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
}
