import type { HttpMode } from '../../model/config';
import type { ConnState, World } from '../../model/world';
import type { DecisionId, Gap } from '../../trace/decisions';
import type { Condition, EventKind, ListName, TraceEvent } from '../../trace/events';
import type { Conn, Request, Session, Stream } from '../types';

/** An event as an engine writes it: the writer stamps seq, time and line. */
export type EventInput = TraceEvent extends infer E ? (E extends TraceEvent ? Omit<E, 'seq' | 't'> : never) : never;

type Conds = readonly Condition[];
/** Fields a `conn.destroy` may carry besides its connection, server and closer. */
export type DestroyExtra = Partial<Omit<Extract<EventInput, { kind: 'conn.destroy' }>, 'kind'>>;
export type DecisionKind = Extract<EventKind, 'reuse.own' | 'reuse.search' | 'reuse.pick' | 'reuse.none'>;

/** What a writer reads of the run: its virtual time and the source line being simulated. */
export interface Clock {
  readonly now: number;
  readonly curLine: number;
}

/** The run wrote its last allowed event (SimOptions.maxEvents). */
export class EventLimit extends Error {}

/**
 * What the engines write the trace with: one method per frequent kind of event, taking the
 * engine's own objects, and `event` for every other kind (rare: a built event). The three
 * writers (./counting.ts, ./recording.ts, ./packed.ts) differ only in what they keep, so a
 * totals-only run and a full trace run the same engine code and cannot disagree:
 * - counting (totals only): changes the lean world as the event would, builds nothing;
 * - recording (tests, CLI, the page's synchronous runs): builds each event, applies it, keeps it;
 * - packed (the page's worker): the counting writer's changes, and the event packed into words.
 * Every method counts one event; past the run's limit it throws EventLimit.
 */
export interface TraceWriter {
  readonly world: World;
  /** Events written so far. */
  readonly seq: number;
  /** The writer keeps conditions: an engine builds the lists that only explain a decision only for such a writer. */
  readonly explains: boolean;
  streamOpen(decision: DecisionId, st: Stream): void;
  streamClose(decision: DecisionId, st: Stream): void;
  requestSend(decision: DecisionId, req: Request, st: Stream, conds: Conds): void;
  /** C1 (on the stream) or C2 (on the connection). */
  mode(decision: DecisionId, req: Request, st: Stream | null, conn: Conn | null, mode: HttpMode, conds: Conds): void;
  assign(decision: DecisionId, req: Request, st: Stream, backend: string, server: string, conn: Conn | null, rule: number | undefined, conds: Conds): void;
  /** reuse.own / reuse.search / reuse.pick / reuse.none: decisions that only explain. */
  reuse(kind: DecisionKind, decision: DecisionId, req: Request, st: Stream, server: string, conn: Conn | null, list: ListName | null, gap: Gap | undefined, conds: Conds): void;
  attach(decision: DecisionId, c: Conn, st: Stream, req: Request, holder: string | undefined): void;
  /** list.add (L2, and the pool offers of the modern engine). */
  listAdd(decision: DecisionId, c: Conn, list: ListName, req: Request | null, gap: Gap | undefined, conds: Conds | undefined): void;
  /** list.remove of the list the connection is in; with the request's stream and session when `st` is given. */
  listRemove(decision: DecisionId, c: Conn, req: Request | null, st: Stream | null): void;
  txnEnd(decision: DecisionId, c: Conn, req: Request, st: Stream, flag: 'doomed' | undefined, conds: Conds): void;
  txnNext(decision: DecisionId, st: Stream, req: Request, conds: Conds): void;
  forward(c: Conn, req: Request, st: Stream): void;
  response(req: Request, c: Conn, status: number, message: string | undefined): void;
  connected(c: Conn, req: Request): void;
  requestDone(req: Request): void;
  /** W, or FE2: accepted from the listen backlog. */
  clientOpen(decision: 'W' | 'FE2', sess: Session): void;
  /** FE1: the connection waits in the listen backlog (its session named, not started). */
  clientWait(sess: Session, conds: Conds): void;
  clientClose(decision: 'W' | 'T3', sess: Session, closer: 'proxy' | 'client', message: string | undefined): void;
  sessionEnd(sess: Session): void;
  /**
   * conn.new of connection `id` (number `no`) for the stream's request; returns the world's
   * record of it (the engine's `Conn.view`).
   */
  connNew(decision: DecisionId, id: string, server: string, st: Stream, req: Request, conds: Conds | undefined, holder: string | undefined, capacity: number | undefined, pool: boolean | undefined): ConnState;
  /** adopt: `holder` owns the connection (and no longer `other`). */
  adopt(decision: DecisionId, c: Conn, req: Request | null, st: Stream | null, holder: string, other: Conn | null, flag: 'orphaned' | undefined, gap: Gap | undefined, conds: Conds | undefined): void;
  /** unlink (D5): the holder (a session) forgets the connection. */
  unlink(decision: DecisionId, c: Conn, holder: string): void;
  connDestroy(decision: DecisionId, c: Conn, closer: 'proxy' | 'server' | 'client', extra: DestroyExtra): void;
  /** Any kind, built (`view`: the world's state of the connection it names, when at hand). */
  event(input: EventInput, view?: ConnState): void;
  /** The run's last event (a limit note): written past the limit. */
  last(input: EventInput): void;
  /** The run is over (the packed writer hands over its last chunk). */
  end(): void;
}
