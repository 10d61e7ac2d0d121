import type { HttpMode } from '../../model/config';
import type { ConnState, World } from '../../model/world';
import type { DecisionId, Gap } from '../../trace/decisions';
import type { Condition, ListName } from '../../trace/events';
import type { Conn, Request, Session, Stream } from '../types';
import { CountingWriter } from './counting';
import type { DecisionKind, DestroyExtra, EventInput, TraceWriter } from './writer';

type Conds = readonly Condition[];

/**
 * What the engines hold as `sim.out`: the run's writer behind one class, so that each call of
 * an engine sees one receiver class in every run of a process. Engines called three writer
 * classes directly before: in a process that also wrote full traces (the bench, a test run), V8
 * then compiled every call for three receivers, and a totals-only run there was 25-30 % slower
 * than in a process of its own. Here a totals-only run calls the counting writer (a call site
 * that only ever sees that class), and a full trace the writer that keeps the events (`keeper`:
 * recording or packed). Which one writes is fixed for the run; the engine code is the same.
 */
export class TraceOut implements TraceWriter {
  /** The counting writer of a totals-only run (unused when `keeper` is set). */
  private readonly counting: CountingWriter;

  constructor(
    world: World,
    counting: CountingWriter | null,
    /** The writer that keeps the events (recording, packed); null in a totals-only run. */
    readonly keeper: TraceWriter | null,
  ) {
    // A counting writer that is never called when a keeper writes: the field keeps one class.
    this.counting = counting ?? new CountingWriter(world, { now: 0, curLine: 0 }, 0);
    if ((counting === null) === (keeper === null)) throw new Error('TraceOut: exactly one of counting and keeper');
  }

  get world(): World {
    return this.counting.world;
  }
  get seq(): number {
    return this.keeper === null ? this.counting.seq : this.keeper.seq;
  }
  get explains(): boolean {
    return this.keeper === null ? false : this.keeper.explains;
  }

  streamOpen(decision: DecisionId, st: Stream): void {
    if (this.keeper === null) this.counting.streamOpen(decision, st);
    else this.keeper.streamOpen(decision, st);
  }
  streamClose(decision: DecisionId, st: Stream): void {
    if (this.keeper === null) this.counting.streamClose(decision, st);
    else this.keeper.streamClose(decision, st);
  }
  requestSend(decision: DecisionId, req: Request, st: Stream, conds: Conds): void {
    if (this.keeper === null) this.counting.requestSend(decision, req, st, conds);
    else this.keeper.requestSend(decision, req, st, conds);
  }
  mode(decision: DecisionId, req: Request, st: Stream | null, conn: Conn | null, mode: HttpMode, conds: Conds): void {
    if (this.keeper === null) this.counting.mode(decision, req, st, conn, mode, conds);
    else this.keeper.mode(decision, req, st, conn, mode, conds);
  }
  assign(decision: DecisionId, req: Request, st: Stream, backend: string, server: string, conn: Conn | null, rule: number | undefined, conds: Conds): void {
    if (this.keeper === null) this.counting.assign(decision, req, st, backend, server, conn, rule, conds);
    else this.keeper.assign(decision, req, st, backend, server, conn, rule, conds);
  }
  reuse(kind: DecisionKind, decision: DecisionId, req: Request, st: Stream, server: string, conn: Conn | null, list: ListName | null, gap: Gap | undefined, conds: Conds): void {
    if (this.keeper === null) this.counting.reuse(kind, decision, req, st, server, conn, list, gap, conds);
    else this.keeper.reuse(kind, decision, req, st, server, conn, list, gap, conds);
  }
  attach(decision: DecisionId, c: Conn, st: Stream, req: Request, holder: string | undefined): void {
    if (this.keeper === null) this.counting.attach(decision, c, st, req, holder);
    else this.keeper.attach(decision, c, st, req, holder);
  }
  listAdd(decision: DecisionId, c: Conn, list: ListName, req: Request | null, gap: Gap | undefined, conds: Conds | undefined): void {
    if (this.keeper === null) this.counting.listAdd(decision, c, list, req, gap, conds);
    else this.keeper.listAdd(decision, c, list, req, gap, conds);
  }
  listRemove(decision: DecisionId, c: Conn, req: Request | null, st: Stream | null): void {
    if (this.keeper === null) this.counting.listRemove(decision, c, req, st);
    else this.keeper.listRemove(decision, c, req, st);
  }
  txnEnd(decision: DecisionId, c: Conn, req: Request, st: Stream, flag: 'doomed' | undefined, conds: Conds): void {
    if (this.keeper === null) this.counting.txnEnd(decision, c, req, st, flag, conds);
    else this.keeper.txnEnd(decision, c, req, st, flag, conds);
  }
  txnNext(decision: DecisionId, st: Stream, req: Request, conds: Conds): void {
    if (this.keeper === null) this.counting.txnNext(decision, st, req, conds);
    else this.keeper.txnNext(decision, st, req, conds);
  }
  forward(c: Conn, req: Request, st: Stream): void {
    if (this.keeper === null) this.counting.forward(c, req, st);
    else this.keeper.forward(c, req, st);
  }
  response(req: Request, c: Conn, status: number, message: string | undefined): void {
    if (this.keeper === null) this.counting.response(req, c, status, message);
    else this.keeper.response(req, c, status, message);
  }
  connected(c: Conn, req: Request): void {
    if (this.keeper === null) this.counting.connected(c, req);
    else this.keeper.connected(c, req);
  }
  requestDone(req: Request): void {
    if (this.keeper === null) this.counting.requestDone(req);
    else this.keeper.requestDone(req);
  }
  clientOpen(decision: 'W' | 'FE2', sess: Session): void {
    if (this.keeper === null) this.counting.clientOpen(decision, sess);
    else this.keeper.clientOpen(decision, sess);
  }
  clientWait(sess: Session, conds: Conds): void {
    if (this.keeper === null) this.counting.clientWait(sess, conds);
    else this.keeper.clientWait(sess, conds);
  }
  clientClose(decision: 'W' | 'T3', sess: Session, closer: 'proxy' | 'client', message: string | undefined): void {
    if (this.keeper === null) this.counting.clientClose(decision, sess, closer, message);
    else this.keeper.clientClose(decision, sess, closer, message);
  }
  sessionEnd(sess: Session): void {
    if (this.keeper === null) this.counting.sessionEnd(sess);
    else this.keeper.sessionEnd(sess);
  }
  connNew(
    decision: DecisionId, id: string, server: string, st: Stream, req: Request, conds: Conds | undefined, holder: string | undefined,
    capacity: number | undefined, pool: boolean | undefined,
  ): ConnState {
    return this.keeper === null
      ? this.counting.connNew(decision, id, server, st, req, conds, holder, capacity, pool)
      : this.keeper.connNew(decision, id, server, st, req, conds, holder, capacity, pool);
  }
  adopt(
    decision: DecisionId, c: Conn, req: Request | null, st: Stream | null, holder: string, other: Conn | null,
    flag: 'orphaned' | undefined, gap: Gap | undefined, conds: Conds | undefined,
  ): void {
    if (this.keeper === null) this.counting.adopt(decision, c, req, st, holder, other, flag, gap, conds);
    else this.keeper.adopt(decision, c, req, st, holder, other, flag, gap, conds);
  }
  unlink(decision: DecisionId, c: Conn, holder: string): void {
    if (this.keeper === null) this.counting.unlink(decision, c, holder);
    else this.keeper.unlink(decision, c, holder);
  }
  connDestroy(decision: DecisionId, c: Conn, closer: 'proxy' | 'server' | 'client', extra: DestroyExtra): void {
    if (this.keeper === null) this.counting.connDestroy(decision, c, closer, extra);
    else this.keeper.connDestroy(decision, c, closer, extra);
  }
  event(input: EventInput, view?: ConnState): void {
    if (this.keeper === null) this.counting.event(input, view);
    else this.keeper.event(input, view);
  }
  last(input: EventInput): void {
    if (this.keeper === null) this.counting.last(input);
    else this.keeper.last(input);
  }
  end(): void {
    if (this.keeper === null) this.counting.end();
    else this.keeper.end();
  }
}
