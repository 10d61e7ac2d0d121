import { refusesAt, serverStatusAt, writtenName, type BackendConfig } from '../../model/config';
import { route, type StickKeys } from '../../routing/route';
import type { Condition } from '../../trace/events';
import { connName } from '../../trace/packed';
import type { Conn, Request, Session, TcpLink } from '../types';
import { connectionView, entryOf } from '../routeRequest';
import { SimClients, wait, waiting } from './clients';
import { DEFAULT_RETRIES, redispatchOf, TURN_AROUND_US } from './connections';
import { Stickiness } from './stickiness';

const NO_CONDS: readonly Condition[] = Object.freeze([]);

/**
 * `mode tcp` (TC1-TC3; the same in every engine, so it lives in the runtime, not in an engine):
 * a client connection of a tcp frontend is routed, balanced and connected when it is accepted,
 * and its stream keeps that one server connection for its whole life. Requests are bytes on it,
 * one after another; nothing is pooled or reused; when one side closes, HAProxy closes the other.
 */
export abstract class SimTcp extends SimClients {
  /** What a response (a tcp stream: its connect) leaves for the next ones: cookies and stick-table entries (./stickiness.ts). */
  protected readonly stickiness = new Stickiness(this.config, (e) => this.emit(e), () => this.now);

  /** A request of the script is made to go (./requests.ts): a closed client connection is opened again. */
  protected abstract submit(req: Request): void;

  /**
   * TC1 for a session of a tcp frontend: true when its stream is a tcp one (its backend is in mode
   * tcp), false when the backend is in mode http (HAProxy upgrades the stream: requests go on as HTTP).
   */
  protected tcpAccepted(sess: Session): boolean {
    const to = this.tcpBackend(sess);
    if (to.backend && !to.backend.tcp) return false;
    const st = this.openStream(sess, 1, 'W');
    sess.h1Stream = st;
    const be = to.backend;
    if (!be) {
      this.emit({ kind: 'note', decision: to.decision ?? 'TC1', stream: st.id, session: sess.id, message: `mode tcp: ${to.why}: HAProxy closes the client connection`, conds: [...to.conds] });
      this.closeClient(sess, 'proxy', 'W', to.why);
      return true;
    }
    const link: TcpLink = { stream: st, backend: be, conn: null, inflight: [], fails: 0, server: null, direct: false, ...(to.stick ? { stick: to.stick } : {}) };
    sess.tcp = link;
    this.tcpConnect(sess, link, to.conds, to.useServer);
    if (sess.open) this.tcpDrain(sess);
    return true;
  }

  /** The frontend's switching rules, read at accept from the connection alone (no request yet). */
  private tcpBackend(sess: Session): { backend: BackendConfig | null; conds: readonly Condition[]; why: string; decision?: 'H12'; useServer?: string; stick?: StickKeys } {
    const r = this.config.routing;
    const byName = (n: string) => this.config.backends.find((b) => b.name === n) ?? null;
    if (!r) return { backend: byName(this.config.defaultBackend) ?? this.config.backends[0] ?? null, conds: NO_CONDS, why: '' };
    const e = entryOf(r, sess.client);
    const d = route(r, connectionView(sess.client, e.port), this.config.defaultBackend, e.proxy);
    if (d.kind !== 'backend') {
      if (d.by === 'tcp-request content reject') {
        // H12: the content rules reject the stream when it starts.
        return { backend: null, conds: d.cond ? [...d.cond.terms] : NO_CONDS, why: `${d.rule!.text} (line ${d.rule!.line})`, decision: 'H12' };
      }
      // A backend was chosen but answers itself (no server: 503 in HTTP): it decides (an HTTP one upgrades the stream).
      if (d.backend && byName(d.backend)) return { backend: byName(d.backend), conds: NO_CONDS, why: '' };
      return { backend: null, conds: NO_CONDS, why: d.by === 'no backend' ? `no use_backend rule matched and '${d.proxy}' has no default_backend` : `'${d.proxy}' answers nothing in mode tcp` };
    }
    const c = d.choice;
    const how = c.rule ? `${c.how === 'use_backend' ? '' : 'default_backend '}${c.rule.text}` : c.how;
    const conds: Condition[] = [{ label: 'backend', value: c.backend }, { label: 'chosen by', value: how }, ...(c.cond?.terms ?? [])];
    // A use-server rule of the backend names the server (U1), read from the connection too.
    return {
      backend: byName(c.backend), conds: d.server ? [...conds, { label: d.server.rule.text, value: true }] : conds, why: '',
      ...(d.server ? { useServer: d.server.name } : {}), ...(d.stick ? { stick: d.stick } : {}),
    };
  }

  /**
   * TC1: the server is picked and the connection starts now; C3: again after a failed attempt, to
   * the server the stream was assigned unless the retry redispatches (link.server is then null).
   */
  private tcpConnect(sess: Session, link: TcpLink, routeConds: readonly Condition[], useServer?: string): void {
    const st = link.stream;
    // use-server (U1) names a server that is not disabled; else a stick table's entry for the
    // connection's key (U4, stream.c:1269-1339 of v2.6.0); else load balancing picks one. A
    // redispatched retry reads neither (SF_DIRECT cleared).
    const again = link.server;
    const named = !again && !link.fails && useServer !== undefined ? link.backend.servers.find((s) => writtenName(s) === useServer && this.isUp(s)) : undefined;
    const stuck = !again && !link.fails && !named && link.stick ? this.stickiness.tables.match(link.stick, this.usableServers(link.backend), this.now) : null;
    const pick = again
      ? { server: again, conds: [{ label: 'the server the stream was assigned (retry)', value: again.name }] }
      : named
        ? { server: named, conds: [] }
        : stuck
          ? { server: stuck.server, conds: [{ label: stuck.rule.text, value: stuck.key }, { label: 'stick table: the server stored for the key, up', value: true }] }
          : this.algo.balanceConnection(this, link.backend, connectionView(sess.client, entryOf(this.config.routing, sess.client).port));
    if (pick && !again) {
      link.server = pick.server;
      link.direct = named !== undefined || stuck !== null;
    }
    if (!pick) {
      const why = `backend '${link.backend.name}' has no server`;
      this.emit({ kind: 'note', decision: 'TC1', stream: st.id, session: sess.id, message: `mode tcp: ${why}: HAProxy closes the client connection`, conds: [...routeConds] });
      this.tcpEnd(sess, why);
      return;
    }
    const s = pick.server;
    const no = this.nextConnNo();
    const id = connName(no);
    this.emit({
      // Held as the commit holds a stream's connection: by its session (conn->owner = s->sess; the seed's
      // sess->srv_conn), by the stream at the parent (si[1]).
      kind: 'conn.new', decision: 'TC1', conn: id, server: s.name, stream: st.id, session: sess.id, client: sess.client.name, holder: this.algo.holdsBy === 'stream' ? st.id : sess.id,
      conds: [...routeConds, ...pick.conds, { label: 'mode tcp: the stream\u2019s own connection, never an idle one', value: true }],
    });
    const c: Conn = {
      id, no, server: s, backend: link.backend, view: this.world.conns.get(id)!, ready: true, connected: false, shut: false,
      active: [st], capacity: 1, uses: 1, served: 0, idleToken: 0, tcp: sess,
    };
    this.conns.set(id, c);
    link.conn = c;
    this.algo.tcpServed?.(this, link.backend, st, s);
    this.meter?.connOpened(this.world);
    const limit = (link.backend.timeouts ?? this.config.timeouts).connect;
    const timedOut = limit > 0 && s.connectUs > limit;
    const token = ++c.idleToken;
    const refused = refusesAt(s, this.now);
    this.at(timedOut ? limit : s.connectUs, () => {
      if (c.idleToken !== token || c.view.phase === 'closed' || !sess.open) return;
      const prev = this.enter(link.inflight[0]?.line ?? this.curLine);
      if (timedOut || refused) this.tcpConnectFailed(sess, link, timedOut ? 'timeout connect' : 'connection refused by the server', timedOut ? 0 : limit > 0 ? Math.min(TURN_AROUND_US, limit) : TURN_AROUND_US, routeConds, useServer);
      else {
        c.connected = true;
        this.emit({ kind: 'conn.connected', decision: 'TC1', conn: c.id, server: s.name }, c.view);
        // The response analysers run as the connection is established: the stick keys are stored (U5).
        if (link.stick && link.stick.stores.length > 0) this.stickiness.connected(st.id, c, link.backend, link.stick.stores);
        for (const req of link.inflight) this.tcpForward(link, req);
      }
      this.curLine = prev;
    });
  }

  /** C3 for a tcp stream: the attempt is closed and made again after `waitUs` while `retries` allows; then the client connection is closed. */
  private tcpConnectFailed(sess: Session, link: TcpLink, error: string, waitUs: number, routeConds: readonly Condition[], useServer?: string): void {
    const c = link.conn!;
    if (this.observing) this.observed(c.server, 'l4-error');
    const retries = link.backend.retries ?? DEFAULT_RETRIES;
    this.dropConn(link, c, 'C3', 'server', error);
    if (link.fails >= retries) {
      this.tcpEnd(sess, `${error} (after ${retries} retries)`);
      return;
    }
    const k = ++link.fails;
    const { redispatch, atOnce } = redispatchOf(link.backend, k, retries, link.direct, this.usableServers(link.backend).filter((s) => !s.backup).length);
    const wait = atOnce ? 0 : waitUs;
    // A redispatch forgets the server (and that it was named): load balancing picks again.
    if (redispatch) {
      link.server = null;
      link.direct = false;
    }
    this.emit({
      kind: 'note', decision: 'C3', stream: link.stream.id, session: sess.id, server: c.server.name, conn: c.id,
      message: `${error}: stream ${link.stream.id} connects again ${wait > 0 ? `in ${wait / 1000} ms` : 'at once'}${redispatch ? ', to the server load balancing picks (option redispatch)' : ''} (retry ${k} of ${retries})`,
      conds: [{ label: 'retries (backend)', value: retries }, { label: 'failed attempts', value: k }, { label: 'option redispatch', value: redispatch }],
    });
    this.at(wait, () => {
      if (!sess.open || sess.tcp !== link) return;
      this.tcpConnect(sess, link, routeConds, useServer);
    });
  }

  /** A request of a tcp session: its bytes go now, or once the client may send it (an HTTP/1 client: after the response before). */
  protected tcpSubmit(sess: Session, req: Request): void {
    if (waiting(sess) || sess.tcp!.inflight.length >= tcpWindow(sess)) wait(sess, req);
    else this.tcpSend(sess, req);
  }

  /** Sends what the client holds back while it may; with nothing on the wire, `timeout client` runs. */
  private tcpDrain(sess: Session): void {
    const link = sess.tcp!;
    while (sess.open && waiting(sess) && link.inflight.length < tcpWindow(sess)) this.tcpSend(sess, sess.pending!.shift()!);
    if (sess.open && link.inflight.length === 0) this.tcpArmIdle(sess);
  }

  /** TC2: the client writes the request on its connection; HAProxy forwards it once connected. */
  private tcpSend(sess: Session, req: Request): void {
    const link = sess.tcp!;
    sess.timerToken++;
    req.sentAt = this.now;
    req.stream = link.stream;
    req.backend = link.backend;
    link.inflight.push(req);
    const prev = this.enter(req.line);
    this.out.requestSend('TC2', req, link.stream, NO_CONDS);
    // Its backend is its stream's, chosen when the client connected: no rule reads a request.
    this.emit({ kind: 'route', decision: 'TC2', request: req.id, stream: link.stream.id, backend: link.backend.name, message: 'mode tcp: the backend its connection was routed to when it connected' });
    if (link.conn?.connected) this.tcpForward(link, req);
    this.curLine = prev;
  }

  private tcpForward(link: TcpLink, req: Request): void {
    const c = link.conn!;
    req.conn = c;
    req.server = c.server;
    c.idleToken++;
    this.emit({ kind: 'request.forward', decision: 'TC2', conn: c.id, server: c.server.name, request: req.id, stream: link.stream.id, method: req.spec.method, path: req.spec.path });
    const us = this.responseTime(c.server, req);
    const limit = tunnelUs(link) || (link.backend.timeouts ?? this.config.timeouts).server;
    const token = ++req.token;
    const late = limit > 0 && us > limit;
    this.at(late ? limit : us, () => {
      if (req.token !== token || req.finished || !link.inflight.includes(req)) return;
      const prev = this.enter(req.line);
      if (late) {
        // Nothing came back within `timeout server` (or `timeout tunnel`): the stream expires, both sides are closed.
        this.tcpEnd(req.stream!.session, tunnelUs(link) ? 'timeout tunnel' : 'timeout server');
      } else this.tcpRespond(link, c, req);
      this.curLine = prev;
    });
  }

  /** The server's answer comes back on the connection; a server that closes after it closes the client connection too (TC3). */
  private tcpRespond(link: TcpLink, c: Conn, req: Request): void {
    const sess = link.stream.session;
    c.served++;
    const status = (req.spec.response ?? serverStatusAt(c.server, this.now)).status;
    const spec = req.spec.response;
    const closes = (c.server.closeAfter > 0 && c.served >= c.server.closeAfter) || (spec?.close ?? false) || (c.server.finAfter > 0 && c.served >= c.server.finAfter);
    req.status = status;
    this.out.response(req, c, status, closes ? 'the server closes the connection after it' : undefined);
    link.inflight.splice(link.inflight.indexOf(req), 1);
    this.finish(req, null);
    if (closes) {
      this.tcpServerGone(sess, 'the server closed the connection after its response');
      return;
    }
    if (!sess.open) return;
    if (link.inflight.length === 0) this.tcpArmServerIdle(c);
    this.tcpDrain(sess);
  }

  /** TC3 from the server's side: it closed, so HAProxy closes the client connection. */
  private tcpServerGone(sess: Session, why: string): void {
    const link = sess.tcp!;
    const c = link.conn;
    if (c && c.view.phase !== 'closed') {
      this.emit({ kind: 'conn.server-close', decision: 'W', conn: c.id, server: c.server.name, message: why });
      this.dropConn(link, c, 'TC3', 'server', 'mode tcp: the server closed its side');
    }
    this.tcpEnd(sess, why, true);
  }

  /**
   * The stream ends with an error: the requests on the wire fail — with no answer: in mode tcp
   * HAProxy writes no status — and the client connection is closed (TC3). `resend`: the server
   * closed it, and the client sends the requests it held back on a new connection, as a browser
   * (and verify's clients) do.
   */
  private tcpEnd(sess: Session, why: string, resend = false): void {
    const link = sess.tcp;
    if (link) for (const req of link.inflight.splice(0)) if (!req.finished) this.finish(req, `mode tcp: ${why}; HAProxy closes the client connection`);
    const behind = resend && waiting(sess) ? sess.pending!.splice(0) : [];
    this.closeClient(sess, 'proxy', 'W', `mode tcp: ${why}`);
    for (const next of behind) this.submit(next);
  }

  /** The client connection closes (closeClient): what is on the wire fails and the server side is closed with it (TC3). */
  protected tcpClosing(sess: Session, closer: 'proxy' | 'client'): void {
    const link = sess.tcp!;
    for (const req of link.inflight.splice(0)) if (!req.finished) this.finish(req, closer === 'client' ? 'client closed its connection' : 'client connection closed by proxy');
    const c = link.conn;
    link.conn = null;
    if (c && c.view.phase !== 'closed') this.dropConn(link, c, 'TC3', 'proxy', 'mode tcp: the client side closed, so HAProxy closes the server side');
  }

  /** The stream's connection is destroyed, and its slot on the server given back (leastconn's count). */
  private dropConn(link: TcpLink, c: Conn, decision: 'C3' | 'TC3', closer: 'proxy' | 'server', message: string): void {
    link.conn = null;
    this.destroy(c, decision, closer, { session: link.stream.session.id, stream: link.stream.id, message });
    this.algo.tcpServed?.(this, link.backend, link.stream, null);
  }

  /** `SERVER close idle|all` on a tcp connection: idle is one with no request on the wire. */
  protected tcpServerClose(c: Conn, what: 'idle' | 'all'): void {
    const sess = c.tcp!;
    const link = sess.tcp;
    if (!link || (what === 'idle' && link.inflight.length > 0)) return;
    this.tcpServerGone(sess, what === 'idle' ? 'server closed idle connections' : 'server closed a busy connection');
  }

  /** `timeout client` (or `timeout tunnel` once connected) on a tcp session with nothing on the wire. */
  private tcpArmIdle(sess: Session): void {
    const us = tunnelUs(sess.tcp!) || sess.fe.timeouts.client;
    if (us <= 0) return;
    this.setIdle(sess, us, ++sess.timerToken);
  }

  /** The server's own keep-alive timeout (`SERVER idle-timeout T`) on a tcp connection with nothing on the wire. */
  private tcpArmServerIdle(c: Conn): void {
    if (c.server.idleTimeoutUs <= 0) return;
    const token = ++c.idleToken;
    this.at(c.server.idleTimeoutUs, () => {
      const sess = c.tcp!;
      if (c.idleToken !== token || c.view.phase === 'closed' || !sess.open || (sess.tcp?.inflight.length ?? 0) > 0) return;
      this.tcpServerGone(sess, 'idle-timeout');
    });
  }
}

/**
 * The backend's `timeout tunnel` once the stream's connection is established (0: none): it then
 * replaces the client and server timeouts on both sides (stream.c:930-931 and 2377-2379 of v2.6.0).
 */
function tunnelUs(link: TcpLink): number {
  return link.conn?.connected ? (link.backend.timeouts?.tunnel ?? 0) : 0;
}

/** Requests a tcp session may have on the wire: one for an HTTP/1 client, the server's `max-streams` for an HTTP/2 one. */
function tcpWindow(sess: Session): number {
  return sess.proto === 'h2' ? (sess.tcp!.conn?.server.maxStreams ?? 100) : 1;
}
