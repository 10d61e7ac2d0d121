import type { HttpMode } from '../../model/config';
import {
  adopted, applyEvent, attached, clientClosed, connOpened, sessionWaiting, countRequestSent, destroyed, listed, sessionEnded, sessionOpened, txnEnded, unlinked, unlist,
  type ConnState, type World,
} from '../../model/world';
import type { DecisionId, Gap } from '../../trace/decisions';
import type { Condition, ListName, TraceEvent } from '../../trace/events';
import type { Conn, Request, Session, Stream } from '../types';
import { EventLimit, type Clock, type DecisionKind, type DestroyExtra, type EventInput, type TraceWriter } from './writer';

type Conds = readonly Condition[];

/**
 * The totals-only writer: each method counts its event and makes the change the event makes to
 * a lean world (World.lean: no request or stream records) through the world's own functions,
 * the ones applyEvent uses; nothing is built. The kinds without a method are built and applied.
 * A property test checks that its world and totals are those of the full trace.
 */
export class CountingWriter implements TraceWriter {
  seq = 0;
  readonly explains: boolean = false;

  constructor(
    readonly world: World,
    protected readonly clock: Clock,
    private readonly maxEvents: number,
  ) {}

  /** Counts one event; past the limit, throws. */
  protected tick(): number {
    if (this.seq >= this.maxEvents) throw new EventLimit();
    return this.seq++;
  }

  /** The event, stamped with its seq, time and line. */
  protected stamp(input: EventInput, seq: number): TraceEvent {
    // The caller's fresh object becomes the event: no copy on this path.
    const e = input as TraceEvent & { seq: number; t: number; line?: number };
    e.seq = seq;
    e.t = this.clock.now;
    const line = this.clock.curLine;
    if (line > 0) e.line = line;
    return e;
  }

  streamOpen(_decision: DecisionId, _st: Stream): void {
    this.tick();
  }
  streamClose(_decision: DecisionId, _st: Stream): void {
    this.tick();
  }
  requestSend(_decision: DecisionId, _req: Request, _st: Stream, _conds: Conds): void {
    this.tick();
    countRequestSent(this.world);
  }
  mode(_decision: DecisionId, _req: Request, _st: Stream | null, _conn: Conn | null, _mode: HttpMode, _conds: Conds): void {
    this.tick();
  }
  assign(_decision: DecisionId, _req: Request, _st: Stream, _backend: string, _server: string, _conn: Conn | null, _rule: number | undefined, _conds: Conds): void {
    this.tick();
  }
  reuse(_kind: DecisionKind, _decision: DecisionId, _req: Request, _st: Stream, _server: string, _conn: Conn | null, _list: ListName | null, _gap: Gap | undefined, _conds: Conds): void {
    this.tick();
  }
  attach(_decision: DecisionId, c: Conn, _st: Stream, _req: Request, holder: string | undefined): void {
    this.tick();
    attached(this.world, c.view, holder);
  }
  listAdd(_decision: DecisionId, c: Conn, list: ListName, _req: Request | null, _gap: Gap | undefined, _conds: Conds | undefined): void {
    this.tick();
    listed(this.world, c.view, list);
  }
  listRemove(_decision: DecisionId, c: Conn, _req: Request | null, _st: Stream | null): void {
    this.tick();
    unlist(this.world, c.view);
  }
  txnEnd(_decision: DecisionId, c: Conn, _req: Request, _st: Stream, _flag: 'doomed' | undefined, _conds: Conds): void {
    this.tick();
    txnEnded(c.view);
  }
  txnNext(_decision: DecisionId, _st: Stream, _req: Request, _conds: Conds): void {
    this.tick();
  }
  forward(_c: Conn, _req: Request, _st: Stream): void {
    this.tick();
  }
  response(_req: Request, _c: Conn, _status: number, _message: string | undefined): void {
    this.tick();
  }
  connected(c: Conn, _req: Request): void {
    this.tick();
    if (c.view.phase === 'connecting') c.view.phase = 'busy';
  }
  requestDone(_req: Request): void {
    this.tick();
  }
  clientOpen(_decision: 'W' | 'FE2', sess: Session): void {
    this.tick();
    sessionOpened(this.world, sess.id, sess.client.name, sess.proto);
  }
  clientWait(sess: Session, _conds: Conds): void {
    this.tick();
    sessionWaiting(this.world, sess.id, sess.client.name, sess.proto);
  }
  clientClose(_decision: 'W' | 'T3', sess: Session, _closer: 'proxy' | 'client', _message: string | undefined): void {
    this.tick();
    if (!sess.accepted) clientClosed(this.world, sess.id);
  }
  sessionEnd(sess: Session): void {
    this.tick();
    sessionEnded(this.world, sess.id);
  }
  connNew(
    _decision: DecisionId, id: string, server: string, _st: Stream, req: Request, _conds: Conds | undefined, holder: string | undefined,
    capacity: number | undefined, pool: boolean | undefined,
  ): ConnState {
    this.tick();
    return connOpened(this.world, id, server, this.clock.now, capacity ?? 1, pool === true, req.id, holder);
  }
  adopt(
    _decision: DecisionId, c: Conn, _req: Request | null, _st: Stream | null, holder: string, other: Conn | null,
    _flag: 'orphaned' | undefined, _gap: Gap | undefined, _conds: Conds | undefined,
  ): void {
    this.tick();
    adopted(this.world, c.view, holder, other?.id);
  }
  unlink(_decision: DecisionId, c: Conn, holder: string): void {
    this.tick();
    unlinked(this.world, c.view, holder);
  }
  connDestroy(decision: DecisionId, c: Conn, closer: 'proxy' | 'server' | 'client', _extra: DestroyExtra): void {
    this.tick();
    destroyed(this.world, c.view, this.clock.now, decision, closer);
  }
  event(input: EventInput, view?: ConnState): void {
    applyEvent(this.world, this.stamp(input, this.tick()), view);
  }
  last(input: EventInput): void {
    applyEvent(this.world, this.stamp(input, this.seq++));
  }
  end(): void {}
}
