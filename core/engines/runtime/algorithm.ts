import type { ClientIdleRule } from '../client-idle';
import type { EngineName } from '../../model/names';
import type { BackendConfig, ServerConfig } from '../../model/config';
import type { RequestView } from '../../routing/request';
import type { TraceEvent } from '../../trace/events';
import type { DestroyExtra } from '../writer/writer';
import type { Conn, ConnectionPick, Request, Session, Stream } from '../types';

/** How a transaction's connection ends when the transaction fails on it (Algorithm.abortTxn). */
export interface TxnAbort {
  /** The rule that destroys the connection. */
  readonly decision: TraceEvent['decision'];
  /** More fields of its `conn.destroy` event. */
  readonly extra: DestroyExtra;
}

/**
 * The algorithm of one HAProxy commit. The runtime emulates clients, sockets and
 * servers and calls these at the points where HAProxy's code decides. `S` is the simulation
 * handed to it: the whole `Sim` (sim.ts names it `Algorithm`); the runtime's layers below
 * `Sim` hand it `this`.
 */
export interface AlgorithmOf<S> {
  readonly name: EngineName;
  readonly commit: string;
  /**
   * E3: pick the target server of a transaction; emits A0/A1/A2. Null: the request waits in a
   * queue (modern: server maxconn), or was answered; the engine calls `sim.proceed` once it has a slot.
   */
  assign(sim: S, stream: Stream, req: Request): ServerConfig | null;
  /** E4: find or create the connection; returns it attached to the stream (null: none could be had, the request was answered). */
  connect(sim: S, stream: Stream, req: Request): Conn | null;
  /** E6: end of a transaction that reached http_end_txn_clean_session (or close mode). */
  endTxn(sim: S, stream: Stream, req: Request, serverCloses: boolean): void;
  /**
   * E7: a stream is freed: what happens to the connection on its si[1]. The runtime then
   * closes the stream (T2/T3) and takes it off its session's list.
   */
  streamEnd(sim: S, stream: Stream): void;
  /** E8: the session is freed. */
  sessionEnd(sim: S, session: Session): void;
  /** E9 on an idle connection: the server closed it. */
  idleClosed(sim: S, conn: Conn): void;
  /** Who holds a stream's server connection at this commit: its session (absent), or the stream itself (the parent's si[1]). */
  readonly holdsBy?: 'stream';
  /** TC1: the server of a `mode tcp` stream, picked when its client connects (engines/tcp-balance.ts; the same in every engine). */
  balanceConnection(sim: S, be: BackendConfig, view: RequestView): ConnectionPick | null;
  /**
   * A `mode tcp` stream takes a slot on its server (`server`), or gives it back (null) when its
   * connection ends: what leastconn reads (modern: srv->served). Absent: nothing is counted.
   */
  tcpServed?(sim: S, be: BackendConfig, stream: Stream, server: ServerConfig | null): void;
  /**
   * The client left while its request had no server connection yet (a queue): the engine may keep
   * the request going without its client (modern: it stays queued, mD6). Called before `requestFinished`.
   */
  clientLeftWaiting?(sim: S, stream: Stream, req: Request): void;
  /**
   * A health check marked the server DOWN (`up` false) or UP again: load balancing's structures
   * follow (the weighted wheel, a hash map or ring, modern's leastconn tree).
   */
  serverState?(sim: S, be: BackendConfig, server: ServerConfig, up: boolean): void;
  /** A health check's connection to the server opens (`open`) or is freed (modern: it counts as used in the pool's estimate). */
  checkConn?(sim: S, server: ServerConfig, open: boolean): void;
  /** The client has its answer or error (modern: the stream gives back its server slot unless it waits on). */
  requestFinished?(sim: S, req: Request): void;
  /** A 401/407 with an NTLM/Negotiate challenge arrived on this connection, private already or not (modern: the session is marked). */
  challenged?(sim: S, stream: Stream, conn: Conn): void;
  /** P3 is about to make a connection private (modern: it leaves the pool for the session first). */
  makingPrivate?(sim: S, stream: Stream, conn: Conn): void;
  /**
   * The connection's mux is an h2 one, which honours `max-reuse` (mux_h2.c:965-990@2.6.0); the
   * modern h1 mux does not (§7.7). Asked by avail_streams (Sim.avail).
   */
  h2Mux(c: Conn): boolean;
  /** conn_free is about to free the connection: what the commit does first (seed: D5). */
  connFreed?(sim: S, c: Conn): void;
  /**
   * A transaction failed on its live connection (server close, timeout, client abort). The
   * runtime has taken the connection off the stream's si[1]; the answer says how the connection
   * is destroyed once the stream leaves it (a client's abort is the proxy closing it), or null
   * when it is kept (modern mD6: the server still owes the response).
   */
  abortTxn(sim: S, stream: Stream, req: Request, closer: 'proxy' | 'server' | 'client'): TxnAbort | null;
  /**
   * The request's server connection died before any response: true when HAProxy answers nothing
   * so that the client retries (modern: abort_keep_alive), false for a 502. Absent: a 502.
   */
  keepAliveAbort?(sim: S, stream: Stream, req: Request): boolean;
  /**
   * `on-marked-down shutdown-sessions` shut a stream whose server went DOWN: true when the release
   * closes its client without an answer (since 3.1 the stream shuts itself down: b8e3b0a18), false
   * when the stream fails as if its server connection had died (a 502, or abort_keep_alive).
   */
  shutSilently?(sim: S): boolean;
  /**
   * C1: the frontend's `option httpclose` closes the client connection only, and the server side
   * takes the backend's mode (HAProxy 2.8+, engine modern-28.ts). Absent: it closes both sides.
   */
  readonly frontendCloseClientOnly?: boolean;
  /** An NTLM/Negotiate 401/407 arrived on this connection: whether P3 looks at it at all (absent: always). */
  challengeApplies?(sim: S, stream: Stream, conn: Conn, req: Request): boolean;
  /**
   * The client left, but the session lives on until a stream still waiting for its server ends
   * (modern mD6): the engine then calls sim.sessionGone. Absent or false: freed at once.
   */
  sessionLingers?(sim: S, session: Session): boolean;
  /** Which release's client-side idle timers it follows (../client-idle.ts; absent: 1.9's). */
  readonly clientIdle?: ClientIdleRule;
}
