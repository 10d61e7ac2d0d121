import type { FrontendSide } from '../../model/config';
import type { Statement } from '../../scenario/ast';
import { connectionView, entryOf, frontendSideOf, listenerOf, singleFrontendSide } from '../routeRequest';
import { connectionRejected } from '../../routing/route';
import type { Condition, TraceEvent } from '../../trace/events';
import type { Client, Request, Session, Stream } from '../types';
import { dropStream } from './connections';
import { clientIdleUs } from '../client-idle';
import { LimitReached } from './driver';
import { SimHealth } from './health';

/** The streams of a new session, shared: its first stream makes a list of its own (openStream). */
const NO_STREAMS = Object.freeze([]) as readonly Stream[] as Stream[];

/** A request of this client connection waits to be sent. */
export const waiting = (sess: Session) => sess.pending !== null && sess.pending.length > 0;

/** Queues a request behind the others of its client connection. */
export function wait(sess: Session, req: Request): void {
  if (sess.pending === null) sess.pending = [req];
  else sess.pending.push(req);
}

/**
 * Client emulation: clients and their sessions (client connections), the streams on them,
 * the client-side idle timers, and the end of a client connection.
 */
export abstract class SimClients extends SimHealth {
  /** Sessions and streams opened so far (they are numbered from 1). */
  private sessionCount = 0;
  private streamCount = 0;
  protected readonly clients = new Map<string, Client>();
  /** The client-side settings of a configuration with one frontend (made once). */
  private singleSide: FrontendSide | null = null;
  /** Client connections accepted and not yet freed: of the process, per frontend (by its settings) and per listener with a maxconn (by its key). */
  private acceptedCount = 0;
  private readonly acceptedOn = new Map<FrontendSide | string, number>();
  /** Connections not accepted yet (`maxconn` reached), oldest first: the listen backlogs. */
  private readonly backlog: Session[] = [];
  /** Some frontend has `tcp-request connection` rules (else an accept asks nothing of the routing). */
  private readonly connectionRules: boolean = [...Object.values(this.config.routing?.proxies ?? {}), ...Object.values(this.config.routing?.frontendsByName ?? {})].some((p) => p.tcpConnection !== undefined);

  /** A request ends, answered or not (requests.ts). */
  protected abstract finish(req: Request, error: string | null, status?: number): void;

  protected openClient(name: string, proto: 'h1' | 'h2', st?: Extract<Statement, { kind: 'open' }>): void {
    let c = this.clients.get(name);
    if (!c) {
      if (this.clients.size >= this.maxClients) {
        this.limitReached = 'clients';
        throw new LimitReached();
      }
      c = { name, no: this.clients.size + 1, proto, session: null, generation: 0, nextStreamNo: 1, from: null, tls: null, to: null, cookies: null };
      this.clients.set(name, c);
    }
    // A reopening keeps the address and TLS of the client's last `open` line.
    if (st) {
      c.from = st.from?.text ?? null;
      c.tls = st.tls ? { sni: st.tls.sni?.text ?? null } : null;
      c.to = st.to?.text ?? null;
    }
    if (c.session?.open) return;
    c.proto = proto;
    c.generation++;
    c.nextStreamNo = 1;
    const id = c.generation === 1 ? name : `${name}.${c.generation}`;
    // Its view is the world's record, which its client.open event makes.
    const fe = frontendSideOf(this.config, c, this.singleSide ??= singleFrontendSide(this.config));
    const sess: Session = {
      id, no: ++this.sessionCount, client: c, proto, open: true, accepted: false, listener: listenerOf(this.config, c), streams: NO_STREAMS, h1Stream: null, fe, timerToken: 0, idle: null, view: null!, srvRef: null, pending: null, tcp: null,
    };
    c.session = sess;
    const full = this.fullFor(sess);
    if (full !== null) {
      // FE1: the listener takes no more (its own, its frontend's or the process's maxconn); the
      // kernel completed the handshake, so the client sends, and waits in the backlog.
      this.backlog.push(sess);
      if (this.meter) this.meter.backlogged++;
      this.out.clientWait(sess, full);
      return;
    }
    this.accept(sess, 'W');
  }

  /**
   * Why the session's connection is not accepted now (null: it is): its listening socket, its
   * frontend or the process at its maxconn (listener.c:888-927 of v2.6.0, 534-543 of 7c6f8b146).
   */
  private fullFor(sess: Session): readonly Condition[] | null {
    const fe = sess.fe;
    // The listener first (its bind's maxconn, listener.c:888-897), then the frontend, then the process.
    const l = sess.listener;
    if (l) {
      const n = this.acceptedOn.get(l.key) ?? 0;
      if (n >= l.maxconn) return [{ label: 'client connections of its listening socket', value: n }, { label: 'bind maxconn', value: l.maxconn }];
    }
    const global = this.config.maxconn ?? 0;
    if (global > 0 && this.acceptedCount >= global) {
      return [{ label: 'client connections of the process', value: this.acceptedCount }, { label: 'global maxconn', value: global }];
    }
    const max = fe.maxconn ?? 0;
    const open = this.acceptedOn.get(fe) ?? 0;
    if (max > 0 && open >= max) {
      return [{ label: `client connections of ${fe.name !== undefined ? `frontend ${fe.name}` : 'the frontend'}`, value: open }, { label: 'maxconn', value: max }];
    }
    return null;
  }

  /** HAProxy accepts the connection: its session starts (FE2: taken from the backlog). */
  private accept(sess: Session, decision: 'W' | 'FE2'): void {
    sess.accepted = true;
    this.acceptedCount++;
    this.acceptedOn.set(sess.fe, (this.acceptedOn.get(sess.fe) ?? 0) + 1);
    if (sess.listener) this.acceptedOn.set(sess.listener.key, (this.acceptedOn.get(sess.listener.key) ?? 0) + 1);
    // Its view is the world's record, which its client.open event makes.
    this.out.clientOpen(decision, sess);
    sess.view = this.world.sessions.get(sess.id)!;
    this.sessions.set(sess.id, sess);
    // H11: the frontend's tcp-request connection rules, before anything else (session.c:183-189 of v2.6.0).
    const r = this.connectionRules ? this.config.routing! : null;
    const entry = r ? entryOf(r, sess.client) : null;
    const rejected = r && entry ? connectionRejected(r, entry.proxy, connectionView(sess.client, entry.port)) : null;
    if (rejected) {
      this.emit({
        kind: 'note', decision: 'H11', session: sess.id,
        message: `${rejected.rule.text} (line ${rejected.rule.line}): the connection of ${sess.client.name} is closed at once, its requests never read`,
        ...(rejected.cond && rejected.cond.terms.length > 0 ? { conds: [...rejected.cond.terms] } : {}),
      });
      this.closeClient(sess, 'proxy', 'W', 'tcp-request connection reject');
      return;
    }
    // A frontend in mode tcp routes and connects now (./tcp.ts), unless its backend is an HTTP one.
    if (sess.fe.tcp && this.tcpAccepted(sess)) return;
    if (sess.proto === 'h1') {
      // mux_pt creates the single stream of an h1 client connection at once (mux_pt.c:81-89).
      sess.h1Stream = this.openStream(sess, 1, 'W');
    }
    this.armClientIdle(sess, true);
    // Requests the client sent while it waited are read now.
    if (waiting(sess)) this.sendWaiting(sess);
  }

  /**
   * A session was freed: listener_release resumes the listeners and each accepts from its backlog
   * while its limits allow (listener.c:1202-1222 of v2.6.0, 681-698 of 7c6f8b146), oldest first.
   */
  private acceptWaiting(): void {
    for (let i = 0; i < this.backlog.length; ) {
      const sess = this.backlog[i]!;
      if (this.fullFor(sess) !== null) {
        i++;
        continue;
      }
      this.backlog.splice(i, 1);
      this.accept(sess, 'FE2');
    }
  }

  /**
   * ha_used_fds as the modern engine's pools read it (SimConfig.poolFds): the listening sockets and
   * the wake-up pipe, the accepted client connections and the open server connections (0 without thresholds).
   */
  usedFds(): number {
    const fds = this.config.poolFds;
    if (!fds) return 0;
    return fds.base + this.acceptedCount + (this.world.counts.opened - this.world.counts.destroyed);
  }

  /** Sends the requests a client connection holds back (requests.ts). */
  protected abstract sendWaiting(sess: Session): void;
  /** TC1: a session of a tcp frontend is accepted; false when its backend is HTTP (./tcp.ts). */
  protected abstract tcpAccepted(sess: Session): boolean;
  /** TC3: the client connection of a tcp stream closes (./tcp.ts). */
  protected abstract tcpClosing(sess: Session, closer: 'proxy' | 'client'): void;

  protected openStream(sess: Session, local: number, decision: 'W' | 'T1'): Stream {
    const st: Stream = { id: `${sess.id}/${local}`, no: ++this.streamCount, local, session: sess, open: true, notFirst: false, preferLast: false, txn: null, si1: null };
    // A first stream makes an array of one (an empty array grown by push takes 17 slots, and
    // a new session's list is the shared NO_STREAMS); later ones reuse it, emptied or not (an
    // h2 client with one request at a time made an array per request).
    if (sess.streams === NO_STREAMS) sess.streams = [st];
    else sess.streams.push(st);
    this.out.streamOpen(decision, st);
    return st;
  }

  /** Client-side idle timers: h1 keep-alive wait (T3), h2 `timeout client` with no stream. */
  protected armClientIdle(sess: Session, first: boolean): void {
    // The entered frontend's timeouts: mux_h1.c:683-695 (v2.6.0) reads h1c->px, the frontend;
    // 7c6f8b146 reads s->be, which is the frontend again between transactions (proto_http.c:7711).
    const token = ++sess.timerToken;
    const us = clientIdleUs(this.algo.clientIdle ?? '1.9', sess.proto, first, sess.fe.timeouts);
    if (us <= 0) return;
    this.setIdle(sess, us, token);
  }

  /** The idle timer set with `token` is due: unless a request, a later setting or the close came since, the client connection ends. */
  protected clientIdleDue(sess: Session, token: number): void {
    if (sess.timerToken !== token || !sess.open) return;
    if (sess.tcp) {
      if (sess.tcp.inflight.length === 0) this.closeClient(sess, 'proxy', 'W', `${sess.tcp.conn?.connected && sess.tcp.backend.timeouts?.tunnel ? 'timeout tunnel' : 'timeout client'} (mode tcp)`);
      return;
    }
    if (sess.proto === 'h1' && sess.h1Stream?.txn) return;
    if (sess.proto === 'h2' && sess.streams.length > 0) return;
    this.closeClient(sess, 'proxy', sess.proto === 'h1' ? 'T3' : 'W', 'client-side timeout');
  }

  /** The client connection ends (FIN from the client, or closed by HAProxy). */
  protected closeClient(sess: Session, closer: 'proxy' | 'client', decision: 'W' | 'T3', why?: string): void {
    if (!sess.open) return;
    if (!sess.accepted) {
      // The client gives up before HAProxy accepted it. (HAProxy would still accept the
      // connection later and find it closed: not modelled, the connection just leaves the backlog.)
      this.out.clientClose('W', sess, 'client', 'before HAProxy accepted it: it leaves the listen backlog');
      sess.open = false;
      this.backlog.splice(this.backlog.indexOf(sess), 1);
      if (waiting(sess)) for (const req of sess.pending!.splice(0)) this.finish(req, 'not sent: the client closed its connection before HAProxy accepted it');
      return;
    }
    this.out.clientClose(decision, sess, closer, why);
    sess.open = false;
    sess.timerToken++;
    if (sess.tcp) this.tcpClosing(sess, closer);
    // Streams are freed first (the client mux is destroyed), then the session (session.c:77-82).
    // A copy: streamEnd removes each stream from the session's list. (A single stream, as every
    // h1 session has, is read before it leaves, and the loop ends: no copy per client.)
    for (const st of sess.streams.length > 1 ? sess.streams.slice() : sess.streams) {
      if (!st.open) continue;
      const req = st.txn;
      if (req && !req.finished) {
        if (req.conn && req.conn.view.phase !== 'closed') this.abortTxn(st, req, 'client');
        else if (closer === 'client') this.algo.clientLeftWaiting?.(this, st, req);
        this.finish(req, closer === 'client' ? 'client closed its connection' : 'client connection closed by proxy');
        st.txn = null;
      }
      this.endStream(st);
    }
    if (waiting(sess)) for (const req of sess.pending!.splice(0)) this.finish(req, 'not sent: client connection closed');
    this.algo.sessionEnd(this, sess);
    // A session waiting for a stream's server (modern mD6) is freed with that stream, keeping its
    // client connection (its descriptor, its place under maxconn) until then: session_free
    // releases the listener (session.c:71 of v2.6.0).
    if (!this.algo.sessionLingers?.(this, sess)) this.sessionGone(sess);
  }

  /** The session is freed: its client connection leaves the counts, and the backlog may be accepted (listener_release). */
  sessionGone(sess: Session): void {
    this.out.sessionEnd(sess);
    this.acceptedCount--;
    this.acceptedOn.set(sess.fe, this.acceptedOn.get(sess.fe)! - 1);
    if (sess.listener) this.acceptedOn.set(sess.listener.key, this.acceptedOn.get(sess.listener.key)! - 1);
    if (this.backlog.length > 0) this.acceptWaiting();
  }

  /** E7: a stream is freed (the algorithm lets go of its server connection first). */
  protected endStream(st: Stream): void {
    this.algo.streamEnd(this, st);
    this.closeStream(st, st.session.tcp ? 'TC3' : st.session.proto === 'h2' ? 'T2' : 'T3');
    dropStream(st.session.streams, st);
  }

  /**
   * A transaction fails on its live connection: the stream lets go of the connection, which
   * the algorithm then destroys or keeps (Algorithm.abortTxn).
   */
  protected abortTxn(st: Stream, req: Request, closer: 'proxy' | 'server' | 'client'): void {
    const c = req.conn!;
    st.si1 = null;
    const end = this.algo.abortTxn(this, st, req, closer);
    if (end === null) return;
    this.release(c, st);
    this.destroy(c, end.decision, closer === 'client' ? 'proxy' : closer, end.extra);
  }

  protected closeStream(st: Stream, decision: TraceEvent['decision']): void {
    if (!st.open) return;
    st.open = false;
    this.out.streamClose(decision, st);
  }
}
