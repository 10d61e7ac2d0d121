import type { EngineName } from '../../model/names';
import type { ServerConfig } from '../../model/config';
import type { Conn, Request, Session, Stream } from '../types';

/**
 * The algorithm of one HAProxy commit. The runtime emulates clients, sockets and
 * servers and calls these at the points where HAProxy's code decides. `S` is the simulation
 * handed to it: the whole `Sim` (sim.ts names it `Algorithm`); the runtime's layers below
 * `Sim` hand it `this`.
 */
export interface AlgorithmOf<S> {
  readonly name: EngineName;
  readonly commit: string;
  /** E3: pick the target server of a transaction; emits A0/A1/A2. */
  assign(sim: S, stream: Stream, req: Request): ServerConfig;
  /** E4: find or create the connection; returns it attached to the stream. */
  connect(sim: S, stream: Stream, req: Request): Conn;
  /** E6: end of a transaction that reached http_end_txn_clean_session (or close mode). */
  endTxn(sim: S, stream: Stream, req: Request, serverCloses: boolean): void;
  /** E7: a stream is freed. */
  streamEnd(sim: S, stream: Stream): void;
  /** E8: the session is freed. */
  sessionEnd(sim: S, session: Session): void;
  /** E9 on an idle connection: the server closed it. */
  idleClosed(sim: S, conn: Conn): void;
  /** The client has its answer or error (modern: the stream gives back its server slot unless it waits on). */
  requestFinished?(sim: S, req: Request): void;
  /** A 401/407 with an NTLM/Negotiate challenge arrived on this connection, private already or not (modern: the session is marked). */
  challenged?(sim: S, stream: Stream, conn: Conn): void;
  /** P3 is about to make a connection private (modern: it leaves the pool for the session first). */
  makingPrivate?(sim: S, stream: Stream, conn: Conn): void;
  /** A transaction failed on its connection (server close, timeout, client abort): detach it. */
  abortTxn(sim: S, stream: Stream, req: Request, closer: 'proxy' | 'server' | 'client'): void;
}
