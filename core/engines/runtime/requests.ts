import { cookieServer } from '../persistence';
import { refusesAt, serverStatusAt, type BackendConfig } from '../../model/config';
import type { Sample } from '../../model/routing';
import { requestName } from '../../trace/packed';
import type { RouteDecision } from '../../routing/route';
import type { Client, Conn, Request, Session, Stream, Waiter } from '../types';
import { boolConds, sharedConds } from '../conds';
import { answerCloses, answerEvent, decide, rewriteEvents, routeEvent, routingMatters } from '../routeRequest';
import { wait, waiting } from './clients';
import { SimTcp } from './tcp';
import { DEFAULT_RETRIES, redispatchOf, TURN_AROUND_US } from './connections';

const SEND_CONDS = boolConds('TX_NOT_FIRST (subsequent request)');
const MODE_CONDS = sharedConds('frontend option', 'backend option', 'request Connection: close');
const CLOSE_CONDS = boolConds('response has Connection: close');
const CHALLENGE_NTLM = 'WWW-Authenticate: NTLM';
const CHALLENGE_NEGOTIATE = 'WWW-Authenticate: Negotiate';

/**
 * The name of every request of a totals-only run. A request's name goes only into events, which
 * such a run counts and never reads (a property test checks its totals are those of the full
 * trace), and naming 100,000 requests (`r12`: a number made a string) took 5–10 % of its time.
 */
const UNNAMED = '';

const formatWait = (us: number) => (us >= 1000 ? `${us / 1000} ms` : `${us} µs`);

/** C1 takes the strongest of two HTTP modes. */
const MODE_RANK = { 'keep-alive': 0, 'server-close': 1, close: 2 } as const;

/**
 * The request lifecycle: a request is made, sent on its client connection, routed or answered,
 * given a server and a connection by the algorithm, connected, forwarded, answered by the
 * server, and finished or failed; then the client side goes on (next request, idle, close).
 */
export abstract class SimRequests extends SimTcp {
  private reqCount = 0;
  protected awaitWaiter: (() => void) | null = null;
  private readonly defaultBackend: BackendConfig =
    this.config.backends.find((b) => b.name === this.config.defaultBackend) ?? this.config.backends[0]!;
  /** The configuration has rules that route or answer per request (else the old path-prefix routing). */
  private readonly routingMatters: boolean = routingMatters(this.config.routing);
  /** The run's `proc.` variables (http-request set-var(proc.NAME)). */
  private readonly procVars = new Map<string, Sample>();


  /**
   * A request record as the script makes it, before it is sent: the one literal of its fields.
   * (An object literal, not a class instance: V8 allocates what a literal makes straight into
   * long-lived memory once it sees it survive, and a load round keeps 10,000 requests alive at
   * once; a class made totals-only runs about twice as slow in a process that collects between runs.)
   */
  protected newRequest(client: Client, spec: Request['spec'], line: number, waiter: Waiter | null): Request {
    const no = ++this.reqCount;
    return {
      id: this.counting ? UNNAMED : requestName(no), no, client, spec, line, waiter,
      stream: null, backend: null, persisted: null, stick: null, stuck: null, routedView: null, direct: false, useServer: null, server: null, conn: null, notFirst: false, preferLast: false, connectFails: 0, redispatched: false, waited: false,
      mode: 'keep-alive', clientClose: false, status: 0, finished: false, token: 0, responseToken: -1, connectsAt: -1, respondsAt: -1, sentAt: -1,
    };
  }

  protected submit(req: Request): void {
    const c = req.client;
    if (!c.session?.open) {
      // A browser reconnects when its connection was closed (e.g. after `option httpclose`).
      this.openClient(c.name, c.proto);
    }
    const sess = c.session!;
    if (!sess.open) {
      // Closed as soon as accepted (tcp-request connection reject, H11): nothing was read.
      this.finish(req, 'not sent: the client connection was closed as soon as it was accepted (tcp-request connection reject)');
      return;
    }
    if (!sess.accepted) {
      // In the listen backlog: HAProxy reads nothing of it yet (clients.ts accept).
      wait(sess, req);
      return;
    }
    if (sess.tcp) {
      this.tcpSubmit(sess, req);
      return;
    }
    if (sess.proto === 'h1') {
      if (sess.h1Stream!.txn || waiting(sess)) wait(sess, req);
      else this.send(sess, sess.h1Stream!, req);
    } else {
      // Closed streams leave the list (streamEnd), so its length is the number of open streams.
      const open = sess.streams.length;
      if (open >= this.config.h2MaxStreams || waiting(sess)) wait(sess, req);
      else this.sendH2(sess, req);
    }
  }

  private sendH2(sess: Session, req: Request): void {
    const no = sess.client.nextStreamNo;
    sess.client.nextStreamNo += 2;
    // T1: each h2 request gets a new stream and a new transaction with no flags.
    const st = this.openStream(sess, no, 'T1');
    this.send(sess, st, req);
  }

  private send(sess: Session, stream: Stream, req: Request): void {
    sess.timerToken++;
    req.sentAt = this.now;
    req.stream = stream;
    stream.txn = req;
    req.notFirst = stream.notFirst;
    req.preferLast = stream.preferLast;
    const prev = this.enter(req.line);
    this.out.requestSend(sess.proto === 'h2' ? 'T1' : 'W', req, stream, SEND_CONDS(req.notFirst));
    const be = this.routeOrAnswer(req, stream);
    if (be === null) {
      this.curLine = prev;
      return;
    }
    req.backend = be;
    if (be.cookie) req.persisted = cookieServer(be, req, this.usableServers(be));
    // U4: stick match rules, for a request no rule, cookie or `to` assigned (stream.c:1308-1313 of v2.6.0).
    if (req.stick && !req.persisted && !req.useServer && !req.spec.to) {
      req.stuck = this.stickiness.tables.match(req.stick, this.usableServers(be), this.now);
      if (req.stuck) req.persisted = req.stuck.server;
    }
    // C1: the strongest of the session's frontend (sess->fe: mux_h1.c:1239-1281 of v2.6.0,
    // proto_http.c:790-798 of 7c6f8b146) and the backend options; a request can force close.
    const feMode = sess.fe.mode;
    let mode = MODE_RANK[feMode] >= MODE_RANK[be.httpMode] ? feMode : be.httpMode;
    if (req.spec.close) mode = 'close';
    // 2.8+: the frontend's httpclose no longer counts on the server side (Algorithm.frontendCloseClientOnly).
    const clientOnly = this.algo.frontendCloseClientOnly === true && mode === 'close' && feMode === 'close' && be.httpMode !== 'close' && !req.spec.close;
    if (clientOnly) mode = be.httpMode;
    req.mode = mode;
    req.clientClose = clientOnly;
    this.out.mode('C1', req, stream, null, mode, MODE_CONDS(feMode, be.httpMode, req.spec.close));
    if (clientOnly) {
      this.emit({
        kind: 'note', decision: 'C1', request: req.id, stream: stream.id, session: sess.id,
        message: `Since HAProxy 2.8 the frontend's option httpclose closes the client side only: ${req.id}'s server connection follows the backend (${mode}); client connection ${sess.id} closes after the response`,
        conds: [{ label: 'frontend option httpclose', value: true }, { label: 'backend option httpclose', value: false }],
      });
    }
    if (this.allDown(be)) {
      // No server is up (health checks): assign_server finds none, and HAProxy answers 503 at once (SRV_STATUS_NOSRV).
      this.fail(req, 503, `no server available: every server of backend '${be.name}' is DOWN (health checks)`, 'proxy');
      this.curLine = prev;
      return;
    }
    const server = this.algo.assign(this, stream, req);
    req.server = server;
    if (server !== null) this.connectTo(stream, req);
    this.curLine = prev;
  }

  /** E4 and on: the request's connection is found or made, then it is forwarded. */
  private connectTo(stream: Stream, req: Request): void {
    const c = this.algo.connect(this, stream, req);
    if (!c) return;
    req.conn = c;
    if (!c.connected) this.startConnect(c, req);
    else this.forward(c, req);
  }

  /** A request that waited for a server slot (modern: a maxconn queue) has it (`req.server`) and goes on. */
  proceed(req: Request): void {
    const prev = this.enter(req.line);
    this.connectTo(req.stream!, req);
    this.curLine = prev;
  }

  /** The engine answers a request that reached no server (a queue's timeout, a full queue): the client gets `status`. */
  giveUp(req: Request, status: number, error: string): void {
    const prev = this.enter(req.line);
    this.fail(req, status, error, 'proxy');
    this.curLine = prev;
  }

  /** The request's backend (route event), or null when HAProxy answered it itself (answer event, request done). */
  private routeOrAnswer(req: Request, stream: Stream): BackendConfig | null {
    const d = this.routingMatters ? decide(this.config, req, this.procVars) : null;
    if (!d) return this.route(req.spec.path);
    for (const e of rewriteEvents(d, req)) this.emit(e);
    if (d.kind === 'backend') {
      this.emit(routeEvent(d, req));
      req.useServer = d.server ? { name: d.server.name, line: d.server.rule.line, conds: d.server.cond.terms } : null;
      req.stick = d.stick ?? null;
      req.routedView = d.request ?? null;
      return this.config.backends.find((b) => b.name === d.choice.backend) ?? this.defaultBackend;
    }
    if (d.delayUs) {
      // http-request tarpit: the request is held, then answered (H6); a client that leaves first ends it.
      const token = ++req.token;
      this.at(d.delayUs, () => {
        if (req.token !== token || req.finished) return;
        const prev = this.enter(req.line);
        this.answer(d, req, stream);
        this.curLine = prev;
      });
    } else this.answer(d, req, stream);
    return null;
  }

  /** HAProxy's own answer to a request (answer event), or with `http-request reject` none: the client connection closes. */
  private answer(d: Extract<RouteDecision, { kind: 'answer' }>, req: Request, stream: Stream): void {
    this.emit(answerEvent(d, req));
    if (d.by === 'http-request reject' || d.by === 'tcp-request content reject') {
      this.closeClient(stream.session, 'proxy', 'W', `${d.by}: the connection is closed without a response`);
      return;
    }
    req.status = d.status;
    const feMode = stream.session.fe.mode;
    req.mode = answerCloses(d) ? 'close' : MODE_RANK[feMode] > 0 ? feMode : 'keep-alive';
    this.finish(req, null);
    this.afterTxn(stream, req);
  }

  private route(path: string): BackendConfig {
    for (const r of this.config.routes) {
      if (path.startsWith(r.pathPrefix)) {
        const be = this.config.backends.find((b) => b.name === r.backend);
        if (be) return be;
      }
    }
    return this.defaultBackend;
  }

  private startConnect(c: Conn, req: Request): void {
    const token = ++req.token;
    const s = c.server;
    const limit = (req.backend?.timeouts ?? this.config.timeouts).connect;
    if (limit > 0 && s.connectUs > limit) {
      this.at(limit, () => {
        if (req.token !== token) return;
        const prev = this.enter(req.line);
        this.connectFailed(req, 'timeout connect', 'proxy', 0);
        this.curLine = prev;
      });
      return;
    }
    // A server refuses when it is down then (`SERVER refuse`, or a window `refuse FROM..TO`).
    const refused = s.refuse || (s.refuseWindows !== undefined && refusesAt(s, this.now));
    if (!refused) req.connectsAt = this.now + s.connectUs;
    this.at(s.connectUs, () => {
      if (req.token !== token || c.view.phase === 'closed') return;
      const prev = this.enter(req.line);
      if (refused) {
        // The turn-around after a refused attempt: one second, or `timeout connect` if shorter.
        this.connectFailed(req, 'connection refused by the server', 'server', limit > 0 ? Math.min(TURN_AROUND_US, limit) : TURN_AROUND_US);
      } else {
        c.connected = true;
        this.out.connected(c, req);
        this.forward(c, req);
      }
      this.curLine = prev;
    });
  }

  /**
   * C3: a connection attempt failed. While `retries` allows, the attempt is closed and the request
   * connects again after `waitUs` (sess_update_st_cer, stream.c:727-813 of 7c6f8b146;
   * back_handle_st_cer, backend.c:2290-2429 of v2.6.0: a timeout retries at once); then 503.
   */
  private connectFailed(req: Request, error: string, closer: 'proxy' | 'server', waitUs: number): void {
    // Every failed attempt, the last one too, is an error to `observe` (back_handle_st_cer, backend.c:2306).
    if (this.observing) this.observed(req.conn!.server, 'l4-error');
    const retries = req.backend?.retries ?? DEFAULT_RETRIES;
    // `retry-on` without conn-failure: a failed connection is not retried (back_handle_st_cer, backend.c:2337 of v2.6.0).
    if (req.connectFails >= retries || req.backend?.retryOn?.connFailure === false) {
      this.fail(req, 503, error, closer);
      return;
    }
    const k = ++req.connectFails;
    const stream = req.stream!;
    const failed = req.conn!;
    const be = req.backend!;
    const { redispatch, atOnce } = this.redispatches(req, be, k, retries);
    const wait = atOnce ? 0 : waitUs;
    this.abortTxn(stream, req, closer);
    this.emit({
      kind: 'note', decision: 'C3', request: req.id, stream: stream.id, conn: failed.id, server: failed.server.name,
      message: `${error}: ${req.id} connects again ${wait > 0 ? `in ${formatWait(wait)}` : 'at once'}${redispatch ? ', to the server load balancing picks (option redispatch)' : ''} (retry ${k} of ${retries})`,
      conds: [{ label: 'retries (backend)', value: retries }, { label: 'failed attempts', value: k }, { label: 'option redispatch', value: redispatch }],
    });
    this.connectAgain(stream, req, wait, redispatch);
  }

  /** Whether retry `k` of `retries` goes to the server load balancing picks (connections.ts redispatchOf; srv_act: usable servers that are not backups). */
  private redispatches(req: Request, be: BackendConfig, k: number, retries: number): { redispatch: boolean; atOnce: boolean } {
    const direct = !req.redispatched && (Boolean(req.spec.to) || req.useServer !== null || req.persisted !== null);
    return redispatchOf(be, k, retries, direct, this.usableServers(be).filter((s) => !s.backup).length);
  }

  /** A retry (C3, mL1): after `waitUs`, the request connects again, to its server or, redispatched, to the one balancing picks. */
  private connectAgain(stream: Stream, req: Request, waitUs: number, redispatch: boolean): void {
    const token = ++req.token;
    this.at(waitUs, () => {
      if (req.token !== token || req.finished) return;
      const prev = this.enter(req.line);
      if (redispatch) {
        req.redispatched = true;
        req.server = this.algo.assign(this, stream, req);
        // It waits for a slot (modern: maxconn): the engine goes on with it.
        if (req.server === null) {
          this.curLine = prev;
          return;
        }
      }
      this.connectTo(stream, req);
      this.curLine = prev;
    });
  }

  /**
   * mL1: an L7 retry (`retry-on`, engine modern; do_l7_retry, http_ana.c:1233-1285 of v2.6.0). The
   * failure (`why`) is not passed on. Counted with the failed connections against `retries`, checked
   * before it is counted (41ade746c, in 2.6.12 as in 2.8+: `retries 3` gives three retries); past
   * it the failure stands (false). The stream lets its connection go — after a whole response as at
   * the end of a transaction (kept in the pool if it takes it: 2.6.12 runs a subsequent request's
   * retries on the same connection, a first request's on new ones); a timed-out one is closed; a
   * closed one is gone — and the request goes to a server again at once: the same one, or the one
   * balancing picks (stream_choose_redispatch, stream.h:315-351).
   */
  private l7Retry(req: Request, why: string, on: string, how: 'status' | 'timeout' | 'closed'): boolean {
    const be = req.backend;
    const stream = req.stream;
    if (!be?.retryOn || !stream || req.finished) return false;
    const retries = be.retries ?? DEFAULT_RETRIES;
    if (req.connectFails >= retries) return false;
    const k = ++req.connectFails;
    const { redispatch } = this.redispatches(req, be, k, retries);
    const c = req.conn;
    this.emit({
      kind: 'note', decision: 'mL1', request: req.id, stream: stream.id, session: stream.session.id, ...(c ? { conn: c.id, server: c.server.name } : {}),
      message: `${why}: HAProxy sends ${req.id} again (retry-on ${on}; retry ${k} of ${retries}${redispatch ? ', to the server load balancing picks: option redispatch' : ''})`,
      conds: [{ label: `retry-on ${be.retryOn.words.join(' ')}`, value: true }, { label: 'retries (backend)', value: retries }, { label: 'retries so far', value: k }, { label: 'option redispatch', value: redispatch }],
    });
    if (c && c.view.phase !== 'closed') {
      if (how === 'status') this.algo.endTxn(this, stream, req, false);
      else this.abortTxn(stream, req, how === 'closed' ? 'server' : 'proxy');
    }
    this.connectAgain(stream, req, 0, redispatch);
    return true;
  }

  /** The server closed the connection before the response: with `retry-on empty-response`, an L7 retry. */
  protected override diedUnder(st: Stream, closer: 'proxy' | 'server'): void {
    const req = st.txn;
    if (closer === 'server' && req && req.backend?.retryOn?.emptyResponse && this.l7Retry(req, 'The server closed the connection before any response', 'empty-response', 'closed')) return;
    super.diedUnder(st, closer);
  }

  private forward(c: Conn, req: Request): void {
    // 1.9 clears observe layer4's count as each stream gets its connection (sess_establish, stream.c:831 at 7c6f8b146); 2.6 no longer does.
    if (this.observing && this.algo.name !== 'modern') this.observed(c.server, 'l4-ok');
    const token = ++req.token;
    this.out.forward(c, req, req.stream!);
    const us = this.responseTime(c.server, req);
    const limit = (req.backend?.timeouts ?? this.config.timeouts).server;
    if (limit > 0 && us > limit) {
      this.at(limit, () => {
        if (req.token !== token) return;
        const prev = this.enter(req.line);
        if (!(req.backend?.retryOn?.responseTimeout && this.l7Retry(req, 'No response within timeout server', 'response-timeout', 'timeout')))
          this.fail(req, 504, 'timeout server', 'proxy');
        this.curLine = prev;
      });
      return;
    }
    req.responseToken = token;
    req.respondsAt = this.now + us;
    this.respondAt(this.now + us, req);
  }

  /** The server's response to a forwarded request arrives (on `req.conn`), unless the request ended first. */
  protected responseDue(req: Request): void {
    if (req.token !== req.responseToken) return;
    const prev = this.enter(req.line);
    this.respond(req.conn!, req);
    this.curLine = prev;
  }

  private respond(c: Conn, req: Request): void {
    const stream = req.stream!;
    c.served++;
    const spec = req.spec.response;
    const answer = spec ?? serverStatusAt(c.server, this.now);
    const auth = answer.auth;
    const status = answer.status;
    if (req.backend?.retryOn?.statuses.includes(status) && this.l7Retry(req, `The server answered ${status}`, String(status), 'status')) {
      c.served--;
      return;
    }
    // observe layer7: 5xx but 501 and 505 are the server's errors (http_ana.c:1571-1581 of v2.6.0).
    if (this.observing) this.observed(c.server, status >= 500 && status !== 501 && status !== 505 ? 'http-error' : 'http-ok');
    const closeAfter = c.server.closeAfter > 0 && c.served >= c.server.closeAfter;
    const serverCloses = closeAfter || (spec?.close ?? false);
    req.status = status;
    this.out.response(req, c, status, auth ? (auth === 'ntlm' ? CHALLENGE_NTLM : CHALLENGE_NEGOTIATE) : serverCloses ? 'Connection: close' : undefined);
    this.stickiness.afterResponse(req, c);
    if (serverCloses && req.mode === 'keep-alive') {
      // C2: the server's `Connection: close` turns keep-alive into server-close.
      req.mode = 'server-close';
      this.out.mode('C2', req, null, c, 'server-close', CLOSE_CONDS(true));
    }
    // P3: a 401/407 whose challenge is exactly NTLM or Negotiate makes the connection private.
    const challenge = (status === 401 || status === 407) && auth && (this.algo.challengeApplies?.(this, stream, c, req) ?? true);
    if (challenge) this.algo.challenged?.(this, stream, c);
    if (challenge && !c.view.private) {
      this.algo.makingPrivate?.(this, stream, c);
      this.emit({
        kind: 'conn.private', decision: 'P3', conn: c.id, server: c.server.name, request: req.id,
        conds: [{ label: `status ${status}`, value: true }, { label: `challenge ${auth === 'ntlm' ? 'NTLM' : 'Negotiate'}`, value: true }],
      });
    }
    if (c.server.finAfter > 0 && c.served >= c.server.finAfter && !serverCloses) {
      // The server closes without announcing it: HAProxy sees the read0 with the end of the response.
      c.shut = true;
      this.emit({ kind: 'conn.server-close', decision: 'W', conn: c.id, server: c.server.name, request: req.id, message: 'FIN right after the response, without Connection: close' });
    }
    this.algo.endTxn(this, stream, req, serverCloses);
    this.finish(req, null);
    this.afterTxn(stream, req);
  }

  /** What follows the end of a transaction on the client side. */
  private afterTxn(stream: Stream, req: Request): void {
    const sess = stream.session;
    if (stream.txn === req) stream.txn = null;
    if (!sess.open) return;
    if (sess.proto === 'h2') {
      // T2: the h2 stream closes right after its single transaction.
      this.endStream(stream);
      this.drainH2(sess);
      if (sess.streams.length === 0) this.armClientIdle(sess, false);
    } else if (req.mode === 'close' || req.clientClose) {
      this.closeClient(sess, 'proxy', 'T3', 'close mode: the client connection ends with the response');
    } else {
      const next = waiting(sess) ? sess.pending!.shift() : undefined;
      if (next) this.send(sess, stream, next);
      else this.armClientIdle(sess, false);
    }
  }

  /** A session HAProxy just accepted reads the requests its client sent while it waited in the backlog. */
  protected sendWaiting(sess: Session): void {
    if (sess.proto === 'h2') this.drainH2(sess);
    else if (!sess.h1Stream!.txn) this.send(sess, sess.h1Stream!, sess.pending!.shift()!);
  }

  private drainH2(sess: Session): void {
    while (waiting(sess) && sess.streams.length < this.config.h2MaxStreams) {
      this.sendH2(sess, sess.pending!.shift()!);
    }
  }

  /**
   * The HTTP/1 client connection is closed without a response to `req` (mD7: the browser retries).
   * The client never read a response, so the requests it kept behind this one were never sent on
   * that connection: like a browser (and verify's clients: gen-5700172), it sends them on a new one.
   */
  protected closeSilently(st: Stream, req: Request, closer: 'proxy' | 'server'): void {
    const sess = st.session;
    const behind = waiting(sess) ? sess.pending!.splice(0) : [];
    this.fail(req, 0, 'server closed the connection; client connection closed silently (the browser retries)', closer);
    this.closeClient(sess, 'proxy', 'W', 'silent close after a failed subsequent request');
    for (const next of behind) this.submit(next);
  }

  protected fail(req: Request, status: number, error: string, closer: 'proxy' | 'server' | 'client'): void {
    if (req.finished) return;
    const stream = req.stream;
    req.status = status;
    if (stream && req.conn && req.conn.view.phase !== 'closed') this.abortTxn(stream, req, closer);
    this.finish(req, error, status);
    if (stream) this.afterTxn(stream, req);
  }

  protected finish(req: Request, error: string | null, status?: number): void {
    if (req.finished) return;
    req.finished = true;
    req.token++;
    this.algo.requestFinished?.(this, req);
    if (error === null) {
      this.out.requestDone(req);
    } else this.emit({ kind: 'request.error', decision: 'W', request: req.id, error, status, conn: req.conn?.id });
    this.meter?.requestEnded(req.sentAt, this.now, error !== null, req.waited);
    this.inflight--;
    const w = req.waiter;
    if (w && --w.remaining === 0) w.resume();
    if (this.inflight === 0 && this.awaitWaiter) {
      const resume = this.awaitWaiter;
      this.awaitWaiter = null;
      resume();
    }
  }
}
