import type { HttpMode } from '../../model/config';
import { applyEvent, type ConnState, type World } from '../../model/world';
import type { DecisionId, Gap } from '../../trace/decisions';
import type { Condition, ListName, TraceEvent } from '../../trace/events';
import type { Conn, Request, Session, Stream } from '../types';
import { CountingWriter } from './counting';
import type { Clock, DecisionKind, DestroyExtra, EventInput } from './writer';
import { adoptEvent, clientCloseEvent, connDestroyEvent, connNewEvent, sessionEndEvent, unlinkEvent } from './built';

type Conds = readonly Condition[];

/**
 * The full trace: each event built, applied to the world, and kept in `trace` or handed to
 * `sink`. Tests, the CLI and the page's synchronous runs write with it.
 */
export class RecordingWriter extends CountingWriter {
  override readonly explains: boolean = true;
  readonly trace: TraceEvent[] = [];

  constructor(
    world: World,
    clock: Clock,
    maxEvents: number,
    private readonly sink: ((e: TraceEvent) => void) | undefined,
  ) {
    super(world, clock, maxEvents);
  }

  private put(input: EventInput, view?: ConnState): void {
    const e = this.stamp(input, this.tick());
    applyEvent(this.world, e, view);
    if (this.sink) this.sink(e);
    else this.trace.push(e);
  }

  override streamOpen(decision: DecisionId, st: Stream): void {
    this.put({ kind: 'stream.open', decision, stream: st.id, session: st.session.id, client: st.session.client.name });
  }
  override streamClose(decision: DecisionId, st: Stream): void {
    this.put({ kind: 'stream.close', decision, stream: st.id, session: st.session.id });
  }
  override requestSend(decision: DecisionId, req: Request, st: Stream, conds: Conds): void {
    this.put({
      kind: 'request.send', decision, request: req.id, client: st.session.client.name, session: st.session.id, stream: st.id,
      method: req.spec.method, path: req.spec.path, conds,
    });
  }
  override mode(decision: DecisionId, req: Request, st: Stream | null, conn: Conn | null, mode: HttpMode, conds: Conds): void {
    this.put({ kind: 'mode', decision, request: req.id, stream: st?.id, conn: conn?.id, mode, conds });
  }
  override assign(decision: DecisionId, req: Request, st: Stream, backend: string, server: string, conn: Conn | null, rule: number | undefined, conds: Conds): void {
    this.put({ kind: 'assign', decision, request: req.id, backend, stream: st.id, session: st.session.id, server, conn: conn?.id, rule, conds });
  }
  override reuse(kind: DecisionKind, decision: DecisionId, req: Request, st: Stream, server: string, conn: Conn | null, list: ListName | null, gap: Gap | undefined, conds: Conds): void {
    const e = { kind, decision, request: req.id, stream: st.id, session: st.session.id, server, conn: conn?.id, list: list ?? undefined, gap, conds };
    this.put(e as EventInput);
  }
  override attach(decision: DecisionId, c: Conn, st: Stream, req: Request, holder: string | undefined): void {
    this.put({ kind: 'attach', decision, conn: c.id, server: c.server.name, stream: st.id, request: req.id, session: st.session.id, holder }, c.view);
  }
  override listAdd(decision: DecisionId, c: Conn, list: ListName, req: Request | null, gap: Gap | undefined, conds: Conds | undefined): void {
    this.put({ kind: 'list.add', decision, conn: c.id, server: c.server.name, list, request: req?.id, gap, conds }, c.view);
  }
  override listRemove(decision: DecisionId, c: Conn, req: Request | null, st: Stream | null): void {
    const list = c.view.list;
    if (list === null) throw new Error(`list.remove of ${c.id}, which is in no list`);
    this.put({ kind: 'list.remove', decision, conn: c.id, server: c.server.name, list, request: req?.id, stream: st?.id, session: st?.session.id }, c.view);
  }
  override txnEnd(decision: DecisionId, c: Conn, req: Request, st: Stream, flag: 'doomed' | undefined, conds: Conds): void {
    this.put({ kind: 'txn.end', decision, conn: c.id, server: c.server.name, request: req.id, stream: st.id, flag, conds }, c.view);
  }
  override txnNext(decision: DecisionId, st: Stream, req: Request, conds: Conds): void {
    this.put({ kind: 'txn.next', decision, stream: st.id, request: req.id, conds });
  }
  override forward(c: Conn, req: Request, st: Stream): void {
    this.put({ kind: 'request.forward', decision: 'W', conn: c.id, server: c.server.name, request: req.id, stream: st.id, method: req.spec.method, path: req.spec.path });
  }
  override response(req: Request, c: Conn, status: number, message: string | undefined): void {
    this.put({ kind: 'response', decision: 'W', request: req.id, conn: c.id, server: c.server.name, status, message });
  }
  override connected(c: Conn, req: Request): void {
    this.put({ kind: 'conn.connected', decision: 'W', conn: c.id, server: c.server.name, request: req.id }, c.view);
  }
  override requestDone(req: Request): void {
    this.put({ kind: 'request.done', decision: 'W', request: req.id, status: req.status, conn: req.conn?.id });
  }
  override clientOpen(decision: 'W' | 'FE2', sess: Session): void {
    this.put({ kind: 'client.open', decision, client: sess.client.name, session: sess.id, proto: sess.proto });
  }
  override clientWait(sess: Session, conds: Conds): void {
    this.put({ kind: 'client.wait', decision: 'FE1', client: sess.client.name, session: sess.id, proto: sess.proto, conds });
  }
  override clientClose(decision: 'W' | 'T3', sess: Session, closer: 'proxy' | 'client', message: string | undefined): void {
    this.put(clientCloseEvent(decision, sess, closer, message));
  }
  override sessionEnd(sess: Session): void {
    this.put(sessionEndEvent(sess));
  }
  override connNew(
    decision: DecisionId, id: string, server: string, st: Stream, req: Request, conds: Conds | undefined, holder: string | undefined,
    capacity: number | undefined, pool: boolean | undefined,
  ): ConnState {
    this.put(connNewEvent(decision, id, server, st, req, conds, holder, capacity, pool));
    return this.world.conns.get(id)!;
  }
  override adopt(
    decision: DecisionId, c: Conn, req: Request | null, st: Stream | null, holder: string, other: Conn | null,
    flag: 'orphaned' | undefined, gap: Gap | undefined, conds: Conds | undefined,
  ): void {
    this.put(adoptEvent(decision, c, req, st, holder, other, flag, gap, conds), c.view);
  }
  override unlink(decision: DecisionId, c: Conn, holder: string): void {
    this.put(unlinkEvent(decision, c, holder), c.view);
  }
  override connDestroy(decision: DecisionId, c: Conn, closer: 'proxy' | 'server' | 'client', extra: DestroyExtra): void {
    this.put(connDestroyEvent(decision, c, closer, extra), c.view);
  }
  override event(input: EventInput, view?: ConnState): void {
    this.put(input, view);
  }
  override last(input: EventInput): void {
    const e = this.stamp(input, this.seq++);
    if (this.sink) this.sink(e);
    else this.trace.push(e);
  }
}
