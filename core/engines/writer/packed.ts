import type { HttpMode } from '../../model/config';
import type { ConnState, World } from '../../model/world';
import type { DecisionId, Gap } from '../../trace/decisions';
import { FIELD_TYPES, type Condition, type FieldName, type ListName, type TraceEvent } from '../../trace/events';
import { CLASS_SHIFT, DECISION_INDEX, ENTITY, KIND_INDEX, OPTIONAL_BIT, PackedEncoder, type PackedChunk } from '../../trace/packed';
import type { Conn, Request, Session, Stream } from '../types';
import { CountingWriter } from './counting';
import type { Clock, DecisionKind, DestroyExtra, EventInput } from './writer';
import { connDestroyEvent } from './built';
import { clientId, connId, numberIn, PackedNames, requestId, sessionId, streamId } from './packed-names';

type Conds = readonly Condition[];

const K = KIND_INDEX;
/** Decision → its number: a Map (a lookup per event; faster than an object of ~150 keys). */
const D = new Map(Object.entries(DECISION_INDEX) as [DecisionId, number][]);
const LISTS = FIELD_TYPES.list as readonly string[];
const MODES = FIELD_TYPES.mode as readonly string[];
const GAPS = FIELD_TYPES.gap as readonly string[];

/** The page worker's packed trace (core/engines/writer/packed.ts), handed over in chunks as the run goes. */
export interface PackedOutput {
  /** A chunk is handed over when it holds this many events… */
  readonly chunkEvents: number;
  /** …or, asked every 256 events, when this says it is time (the worker reports at least every 50 ms). */
  readonly due?: () => boolean;
  /** `done`: requests finished so far (done or failed); `sent`: requests sent so far. */
  readonly onChunk: (chunk: PackedChunk, done: number, sent: number) => void;
}

/**
 * The page worker's writer: the counting writer's changes to the run's lean world (the page
 * rebuilds the full world from the events), and each event packed into words as it is written
 * (../../trace/packed.ts): no event object and no lookup of the entities it names on the
 * frequent kinds, which take them from the engine's objects. `take` gives the chunk so far.
 */
export class PackedWriter extends CountingWriter {
  override readonly explains: boolean = true;
  readonly enc = new PackedEncoder();
  /** How entities are named in the chunks (by number, names sent once). */
  private readonly names = new PackedNames(this.enc);

  /** Requests finished so far (done or failed): the worker's progress. */
  finished = 0;

  constructor(
    world: World,
    clock: Clock,
    maxEvents: number,
    private readonly output: PackedOutput,
  ) {
    super(world, clock, maxEvents);
    this.chunkEvents = output.chunkEvents;
  }

  private readonly chunkEvents: number;

  override end(): void {
    this.flush();
  }

  /** Hands over the events written since the last chunk (if any). */
  flush(): void {
    if (this.enc.count > 0) this.output.onChunk(this.enc.take(), this.finished, this.world.counts.requests);
  }

  /** Before an event: hands over a full chunk (or one that is due). */
  private next(): void {
    const n = this.enc.count;
    if (n >= this.output.chunkEvents || ((n & 255) === 255 && this.output.due?.())) this.flush();
  }

  private begin(kind: number, decision: DecisionId, fields: number): PackedEncoder {
    const e = this.enc;
    const n = e.count;
    if (n >= this.chunkEvents || ((n & 255) === 255 && this.output.due?.())) this.flush();
    // A kind is written with the same decision again and again (reuse.own: R1, txn.end: K1…):
    // the last one per kind is compared first (the same string), before the map is asked.
    let d: number;
    if (this.lastDecision[kind] === decision) d = this.lastDecisionNo[kind]!;
    else {
      d = D.get(decision)!;
      this.lastDecision[kind] = decision;
      this.lastDecisionNo[kind] = d;
    }
    e.begin(kind, d, this.clock.now, this.clock.curLine, fields);
    return e;
  }
  /** Filled with strings only: the comparison above is then one of two strings, with no call. */
  private readonly lastDecision: string[] = new Array<string>(64).fill('');
  private readonly lastDecisionNo = new Int32Array(64);

  // The frequent kinds (a request's dozen events): fields written straight into the encoder's
  // words from `used` on, then `end` (or `endConds`, a condition list last) with the presence mask.
  override streamOpen(decision: DecisionId, st: Stream): void {
    super.streamOpen(decision, st);
    const id = streamId(st);
    const session = sessionId(st.session);
    // Named by its session and its number there (the page makes `SESSION/N` when it reads it).
    this.enc.stream(id, session, st.local);
    const e = this.begin(K['stream.open'], decision, 3);
    const b = e.buf;
    const p = e.used;
    b[p] = id;
    b[p + 1] = session;
    b[p + 2] = clientId(st.session);
    e.end(p + 3, 1);
  }
  override streamClose(decision: DecisionId, st: Stream): void {
    super.streamClose(decision, st);
    const e = this.begin(K['stream.close'], decision, 2);
    const b = e.buf;
    const p = e.used;
    b[p] = streamId(st);
    b[p + 1] = sessionId(st.session);
    e.end(p + 2, 0);
  }
  override requestSend(decision: DecisionId, req: Request, st: Stream, conds: Conds): void {
    super.requestSend(decision, req, st, conds);
    const e = this.begin(K['request.send'], decision, 7);
    const method = e.str(req.spec.method);
    const path = e.str(req.spec.path);
    const b = e.buf;
    const p = e.used;
    b[p] = requestId(req);
    b[p + 1] = clientId(st.session);
    b[p + 2] = sessionId(st.session);
    b[p + 3] = streamId(st);
    b[p + 4] = method;
    b[p + 5] = path;
    e.endConds(p + 6, conds, 1);
  }
  override mode(decision: DecisionId, req: Request, st: Stream | null, conn: Conn | null, mode: HttpMode, conds: Conds): void {
    super.mode(decision, req, st, conn, mode, conds);
    const e = this.begin(K.mode, decision, 5);
    const b = e.buf;
    let p = e.used;
    b[p++] = requestId(req);
    let bits = 4;
    if (st) {
      b[p++] = streamId(st);
      bits |= 1;
    }
    if (conn) {
      b[p++] = connId(conn);
      bits |= 2;
    }
    b[p++] = modeNo(mode);
    e.endConds(p, conds, bits);
  }
  override assign(decision: DecisionId, req: Request, st: Stream, backend: string, server: string, conn: Conn | null, rule: number | undefined, conds: Conds): void {
    super.assign(decision, req, st, backend, server, conn, rule, conds);
    const e = this.begin(K.assign, decision, 8);
    const srv = e.str(server);
    const be = e.str(backend);
    const b = e.buf;
    let p = e.used;
    requestHead(b, p, req, st);
    b[p + 3] = srv;
    b[p + 4] = be;
    p += 5;
    let bits = 1 | 8;
    if (rule !== undefined) {
      b[p++] = e.int(rule);
      bits |= 2;
    }
    if (conn) {
      b[p++] = connId(conn);
      bits |= 4;
    }
    e.endConds(p, conds, bits);
  }
  override reuse(kind: DecisionKind, decision: DecisionId, req: Request, st: Stream, server: string, conn: Conn | null, list: ListName | null, gap: Gap | undefined, conds: Conds): void {
    super.reuse(kind, decision, req, st, server, conn, list, gap, conds);
    const e = this.begin(reuseKindNo(kind), decision, 8);
    const srv = e.str(server);
    const b = e.buf;
    let p = e.used;
    requestHead(b, p, req, st);
    b[p + 3] = srv;
    p += 4;
    // reuse.own: conn, conds?; reuse.search: conn?, conds?; reuse.pick: conn, list, conds?; reuse.none: conn?, gap?, conds?
    let bit = 1;
    let bits = 0;
    if (kind === 'reuse.own' || kind === 'reuse.pick') b[p++] = connId(conn!);
    else {
      if (conn) {
        b[p++] = connId(conn);
        bits |= bit;
      }
      bit <<= 1;
    }
    if (kind === 'reuse.pick') b[p++] = listNo(list!);
    if (kind === 'reuse.none') {
      if (gap !== undefined) {
        b[p++] = GAPS.indexOf(gap);
        bits |= bit;
      }
      bit <<= 1;
    }
    if (conds !== undefined) e.endConds(p, conds, bits | bit);
    else e.end(p, bits);
  }
  override attach(decision: DecisionId, c: Conn, st: Stream, req: Request, holder: string | undefined): void {
    super.attach(decision, c, st, req, holder);
    const e = this.begin(K.attach, decision, 6);
    const srv = e.str(c.server.name);
    const held = holder !== undefined ? this.names.holder(holder, null) : 0;
    const b = e.buf;
    const p = e.used;
    b[p] = connId(c);
    b[p + 1] = srv;
    b[p + 2] = streamId(st);
    b[p + 3] = requestId(req);
    b[p + 4] = sessionId(st.session);
    if (holder !== undefined) {
      b[p + 5] = held;
      e.end(p + 6, 1);
    } else e.end(p + 5, 0);
  }
  override listAdd(decision: DecisionId, c: Conn, list: ListName, req: Request | null, gap: Gap | undefined, conds: Conds | undefined): void {
    super.listAdd(decision, c, list, req, gap, conds);
    const e = this.begin(K['list.add'], decision, 8);
    const srv = e.str(c.server.name);
    const b = e.buf;
    let p = e.used;
    b[p] = connId(c);
    b[p + 1] = srv;
    b[p + 2] = listNo(list);
    p += 3;
    let bits = 1;
    if (req) {
      b[p++] = requestId(req);
      bits |= 2;
    }
    if (gap !== undefined) {
      b[p++] = GAPS.indexOf(gap);
      bits |= 16;
    }
    if (conds !== undefined) e.endConds(p, conds, bits | 32);
    else e.end(p, bits);
  }
  override listRemove(decision: DecisionId, c: Conn, req: Request | null, st: Stream | null): void {
    const list = c.view.list;
    if (list === null) throw new Error(`list.remove of ${c.id}, which is in no list`);
    super.listRemove(decision, c, req, st);
    const e = this.begin(K['list.remove'], decision, 6);
    const srv = e.str(c.server.name);
    const b = e.buf;
    let p = e.used;
    b[p] = connId(c);
    b[p + 1] = srv;
    b[p + 2] = listNo(list);
    p += 3;
    let bits = 1;
    if (req) {
      b[p++] = requestId(req);
      bits |= 2;
    }
    if (st) {
      b[p] = streamId(st);
      b[p + 1] = sessionId(st.session);
      p += 2;
      bits |= 4 | 8;
    }
    e.end(p, bits);
  }
  override txnEnd(decision: DecisionId, c: Conn, req: Request, st: Stream, flag: 'doomed' | undefined, conds: Conds): void {
    super.txnEnd(decision, c, req, st, flag, conds);
    const e = this.begin(K['txn.end'], decision, 6);
    const srv = e.str(c.server.name);
    const b = e.buf;
    let p = e.used;
    b[p] = connId(c);
    b[p + 1] = srv;
    b[p + 2] = requestId(req);
    b[p + 3] = streamId(st);
    p += 4;
    let bits = 2;
    if (flag !== undefined) {
      b[p++] = FLAG_DOOMED;
      bits |= 1;
    }
    e.endConds(p, conds, bits);
  }
  override txnNext(decision: DecisionId, st: Stream, req: Request, conds: Conds): void {
    super.txnNext(decision, st, req, conds);
    const e = this.begin(K['txn.next'], decision, 3);
    const b = e.buf;
    const p = e.used;
    b[p] = streamId(st);
    b[p + 1] = requestId(req);
    e.endConds(p + 2, conds, 1);
  }
  override forward(c: Conn, req: Request, st: Stream): void {
    super.forward(c, req, st);
    const e = this.begin(K['request.forward'], 'W', 6);
    const srv = e.str(c.server.name);
    const method = e.str(req.spec.method);
    const path = e.str(req.spec.path);
    const b = e.buf;
    const p = e.used;
    b[p] = connId(c);
    b[p + 1] = srv;
    b[p + 2] = requestId(req);
    b[p + 3] = streamId(st);
    b[p + 4] = method;
    b[p + 5] = path;
    e.end(p + 6, 1);
  }
  override response(req: Request, c: Conn, status: number, message: string | undefined): void {
    super.response(req, c, status, message);
    const e = this.begin(K.response, 'W', 5);
    const srv = e.str(c.server.name);
    const msg = message !== undefined ? e.str(message) : 0;
    const b = e.buf;
    const p = e.used;
    b[p] = requestId(req);
    b[p + 1] = connId(c);
    b[p + 2] = srv;
    b[p + 3] = e.int(status);
    if (message !== undefined) {
      b[p + 4] = msg;
      e.end(p + 5, 7);
    } else e.end(p + 4, 3);
  }
  override connected(c: Conn, req: Request): void {
    super.connected(c, req);
    const e = this.begin(K['conn.connected'], 'W', 3);
    const srv = e.str(c.server.name);
    const b = e.buf;
    const p = e.used;
    b[p] = connId(c);
    b[p + 1] = srv;
    b[p + 2] = requestId(req);
    e.end(p + 3, 1);
  }
  override requestDone(req: Request): void {
    super.requestDone(req);
    this.finished++;
    const e = this.begin(K['request.done'], 'W', 3);
    const b = e.buf;
    const p = e.used;
    b[p] = requestId(req);
    b[p + 1] = e.int(req.status);
    if (req.conn) {
      b[p + 2] = connId(req.conn);
      e.end(p + 3, 3);
    } else e.end(p + 2, 1);
  }
  // The kinds of a client's and a connection's life (once per client or connection, but a load
  // scenario has 10,000 clients): packed from the engine's objects like the frequent kinds.
  override clientOpen(decision: 'W' | 'FE2', sess: Session): void {
    super.clientOpen(decision, sess);
    const session = this.names.opened(sess);
    const e = this.begin(K['client.open'], decision, 3);
    e.w(clientId(sess));
    e.w(session);
    e.w(PROTOS.indexOf(sess.proto));
  }
  override clientWait(sess: Session, conds: Conds): void {
    super.clientWait(sess, conds);
    // Named now: the session and its client exist in the trace from this event on.
    const session = this.names.opened(sess);
    const e = this.begin(K['client.wait'], 'FE1', 4);
    e.w(clientId(sess));
    e.w(session);
    e.w(PROTOS.indexOf(sess.proto));
    e.conds(conds);
    e.mask(1);
  }
  override clientClose(decision: 'W' | 'T3', sess: Session, closer: 'proxy' | 'client', message: string | undefined): void {
    super.clientClose(decision, sess, closer, message);
    const e = this.begin(K['client.close'], decision, 4);
    e.w(clientId(sess));
    e.w(sessionId(sess));
    e.w(CLOSERS.indexOf(closer));
    if (message !== undefined) {
      e.w(e.str(message));
      e.mask(bit('client.close', 'message'));
    }
  }
  override sessionEnd(sess: Session): void {
    super.sessionEnd(sess);
    const e = this.begin(K['session.end'], 'W', 2);
    e.w(sessionId(sess));
    e.w(clientId(sess));
  }
  override connNew(
    decision: DecisionId, id: string, server: string, st: Stream, req: Request, conds: Conds | undefined, holder: string | undefined,
    capacity: number | undefined, pool: boolean | undefined,
  ): ConnState {
    const view = super.connNew(decision, id, server, st, req, conds, holder, capacity, pool);
    const e = this.begin(K['conn.new'], decision, 10);
    e.w((ENTITY.conn << CLASS_SHIFT) | numberIn(id));
    e.w(e.str(server));
    e.w(streamId(st));
    e.w(sessionId(st.session));
    e.w(requestId(req));
    e.w((ENTITY.client << CLASS_SHIFT) | req.client.no);
    let bits = NEW_ALWAYS;
    if (holder !== undefined) {
      e.w(this.names.holder(holder, st));
      bits |= bit('conn.new', 'holder');
    }
    if (pool !== undefined) {
      e.w(pool ? 1 : 0);
      bits |= bit('conn.new', 'pool');
    }
    if (capacity !== undefined) {
      e.w(e.int(capacity));
      bits |= bit('conn.new', 'capacity');
    }
    if (conds !== undefined) {
      e.conds(conds);
      bits |= bit('conn.new', 'conds');
    }
    e.mask(bits);
    return view;
  }
  override adopt(
    decision: DecisionId, c: Conn, req: Request | null, st: Stream | null, holder: string, other: Conn | null,
    flag: 'orphaned' | undefined, gap: Gap | undefined, conds: Conds | undefined,
  ): void {
    super.adopt(decision, c, req, st, holder, other, flag, gap, conds);
    const e = this.begin(K.adopt, decision, 10);
    let bits = bit('adopt', 'server');
    if (req) {
      e.w(requestId(req));
      bits |= bit('adopt', 'request');
    }
    if (st) {
      e.w(streamId(st));
      e.w(sessionId(st.session));
      bits |= bit('adopt', 'stream') | bit('adopt', 'session');
    }
    e.w(e.str(c.server.name));
    e.w(connId(c));
    e.w(this.names.holder(holder, st));
    if (other) {
      e.w(connId(other));
      bits |= bit('adopt', 'otherConn');
    }
    if (flag !== undefined) {
      e.w(FLAGS.indexOf(flag));
      bits |= bit('adopt', 'flag');
    }
    if (gap !== undefined) {
      e.w(GAPS.indexOf(gap));
      bits |= bit('adopt', 'gap');
    }
    if (conds !== undefined) {
      e.conds(conds);
      bits |= bit('adopt', 'conds');
    }
    e.mask(bits);
  }
  override unlink(decision: DecisionId, c: Conn, holder: string): void {
    super.unlink(decision, c, holder);
    const e = this.begin(K.unlink, decision, 4);
    e.w(connId(c));
    e.w(e.str(c.server.name));
    e.w(this.names.holder(holder, null));
    // Its session field names the holder too (./built.ts unlinkEvent).
    e.w(this.names.idOf('session', holder));
    e.mask(bit('unlink', 'server') | bit('unlink', 'session'));
  }
  override connDestroy(decision: DecisionId, c: Conn, closer: 'proxy' | 'server' | 'client', extra: DestroyExtra): void {
    for (const k in extra) {
      if (!DESTROY_EXTRA.has(k)) {
        // A field the engines do not give on this path: built, as the rare kinds.
        this.event(connDestroyEvent(decision, c, closer, extra), c.view);
        return;
      }
    }
    super.connDestroy(decision, c, closer, extra);
    const e = this.begin(K['conn.destroy'], decision, 10);
    e.w(connId(c));
    e.w(e.str(c.server.name));
    e.w(CLOSERS.indexOf(closer));
    // The optional fields in schema order (session, stream, request, flag, gap, message, conds).
    let bits = 0;
    if (extra.session !== undefined) {
      e.w(this.names.idOf('session', extra.session));
      bits |= bit('conn.destroy', 'session');
    }
    if (extra.stream !== undefined) {
      e.w(this.names.idOf('stream', extra.stream));
      bits |= bit('conn.destroy', 'stream');
    }
    if (extra.request !== undefined) {
      e.w(this.names.idOf('request', extra.request));
      bits |= bit('conn.destroy', 'request');
    }
    if (extra.flag !== undefined) {
      e.w(FLAGS.indexOf(extra.flag));
      bits |= bit('conn.destroy', 'flag');
    }
    if (extra.gap !== undefined) {
      e.w(GAPS.indexOf(extra.gap));
      bits |= bit('conn.destroy', 'gap');
    }
    if (extra.message !== undefined) {
      e.w(e.str(extra.message));
      bits |= bit('conn.destroy', 'message');
    }
    if (extra.conds !== undefined) {
      e.conds(extra.conds);
      bits |= bit('conn.destroy', 'conds');
    }
    e.mask(bits);
  }

  /** Any other kind: applied by the counting writer, then packed from the built event. */
  override event(input: EventInput, view?: ConnState): void {
    super.event(input, view);
    if (input.kind === 'request.error') this.finished++;
    this.next();
    this.enc.event(input as TraceEvent, this.names.idOf);
  }
  override last(input: EventInput): void {
    super.last(input);
    this.next();
    this.enc.event(input as TraceEvent, this.names.idOf);
  }

}

/**
 * The number of a list and of a mode: compared with each value in turn (the values are the
 * engines' literals, compared as such), not `indexOf`, a call of a generic builtin per event.
 */
function listNo(list: ListName): number {
  return list === 'idle' ? 0 : list === 'safe' ? 1 : list === 'priv' ? 2 : list === 'avail' ? 3 : LISTS.indexOf(list);
}
function modeNo(mode: HttpMode): number {
  return mode === 'keep-alive' ? 0 : mode === 'server-close' ? 1 : mode === 'close' ? 2 : MODES.indexOf(mode);
}
/** A reuse kind's number (a read of K with a variable key is a generic lookup). */
const REUSE_OWN = K['reuse.own'];
const REUSE_SEARCH = K['reuse.search'];
const REUSE_PICK = K['reuse.pick'];
const REUSE_NONE = K['reuse.none'];
function reuseKindNo(kind: DecisionKind): number {
  return kind === 'reuse.own' ? REUSE_OWN : kind === 'reuse.search' ? REUSE_SEARCH : kind === 'reuse.pick' ? REUSE_PICK : REUSE_NONE;
}
/** The words a request's decision events start with: the request, its stream and their session (b[p..p+2]). */
function requestHead(b: Int32Array, p: number, req: Request, st: Stream): void {
  b[p] = requestId(req);
  b[p + 1] = streamId(st);
  b[p + 2] = sessionId(st.session);
}

const FLAG_DOOMED = (FIELD_TYPES.flag as readonly string[]).indexOf('doomed');
const FLAGS = FIELD_TYPES.flag as readonly string[];
const PROTOS = FIELD_TYPES.proto as readonly string[];
const CLOSERS = FIELD_TYPES.closer as readonly string[];
/** The presence bit of an optional field of a kind (trace/packed.ts OPTIONAL_BIT). */
function bit(kind: keyof typeof K, field: FieldName): number {
  const b = OPTIONAL_BIT[K[kind]]![field];
  if (b === undefined || b < 0) throw new Error(`${kind} has no optional ${field}`);
  return 1 << b;
}
/** conn.new's stream, session, request and client: always given by the engines (./built.ts connNewEvent). */
/** The optional fields of conn.destroy an engine may give (DestroyExtra), packed without building the event. */
const DESTROY_EXTRA = new Set(['session', 'stream', 'request', 'flag', 'gap', 'message', 'conds']);
const NEW_ALWAYS = bit('conn.new', 'stream') | bit('conn.new', 'session') | bit('conn.new', 'request') | bit('conn.new', 'client');
