/**
 * Emulated servers on 127.0.0.1 that behave as the scenario's `servers` section says: response
 * time, close-after, fin-after, idle-timeout, NTLM/Negotiate 401s, refuse, and for `proto h2`
 * servers cleartext HTTP/2 (node:http2) with SETTINGS_MAX_CONCURRENT_STREAMS = max-streams.
 * Every connection gets an id in the recorder (`s1.c2`); each response carries it (`x-conn`), and
 * each request's `x-req` tag says which request arrived on which connection. A PROXY protocol
 * line (`send-proxy`) is read off before HTTP. The HTTP/1.1 side is a small parser of our own, so
 * that the server never closes on its own initiative except where the scenario says so.
 */
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createServer as createH2Server, type Http2Session, type ServerHttp2Stream } from 'node:http2';
import type { ServerConfig } from '../../core/model/config';
import type { Recorder } from './recorder';
import type { Schedule } from './schedule';

/** What the client asked the server to answer (request headers the player sets from the script). */
export const REQ_HEADER = 'x-req';
export const RESPOND_HEADER = 'x-respond';
export const TAKES_HEADER = 'x-takes-us';
export const CONN_HEADER = 'x-conn';
/** `to SERVER`: the haproxy.cfg's use-server rules read it (rule A0). */
export const TARGET_HEADER = 'x-target';

/** `server`: the status is the server's own at the time it answers (its `status` windows), not the request's `-> STATUS`. */
interface Answer { status: number; auth: string | null; close: boolean; delayMs: number; server: boolean }

interface Live {
  id: string;
  socket: Socket;
  busy: number;
  served: number;
  idleTimer: NodeJS.Timeout | null;
  /** h2: the session on this connection. */
  h2: Http2Session | null;
  /** h2: the highest stream id received (what a GOAWAY says was taken in). */
  lastStream: number;
  closing: boolean;
}

const REASON: Record<number, string> = { 200: 'OK', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 407: 'Proxy Authentication Required', 500: 'Internal Server Error', 503: 'Service Unavailable' };

export class EmulatedServer {
  private readonly net: Server;
  private readonly live = new Set<Live>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly h2;
  private pending: Live | null = null;
  port = 0;
  /** Where HAProxy's health checks of this server go (`check … port N`): kept apart from the recorded connections. */
  private readonly checks: Server | null;
  checkPort = 0;

  constructor(
    readonly cfg: ServerConfig,
    private readonly rec: Recorder,
    private readonly scale: number,
    /** The player's schedule: a timer meant for after its next statement waits for it (./schedule.ts). */
    private readonly schedule?: Schedule,
  ) {
    this.net = createNetServer({ allowHalfOpen: true }, (s) => this.accept(s));
    this.checks = cfg.check ? createNetServer((s) => this.checkAccept(s)) : null;
    this.h2 = createH2Server({ settings: { maxConcurrentStreams: cfg.maxStreams } });
    this.h2.on('session', (session) => {
      const l = this.pending;
      if (!l) return;
      l.h2 = session;
      session.on('error', () => {});
      session.on('stream', (stream, headers) => this.h2Request(l, stream, headers));
    });
  }

  /** Listens on an ephemeral loopback port. A refusing server listens nowhere: its port is taken, then freed. */
  async listen(): Promise<number> {
    await new Promise<void>((res, rej) => {
      this.net.once('error', rej);
      this.net.listen(0, '127.0.0.1', () => res());
    });
    this.port = (this.net.address() as { port: number }).port;
    if (this.checks) {
      await new Promise<void>((res, rej) => {
        this.checks!.once('error', rej);
        this.checks!.listen(0, '127.0.0.1', () => res());
      });
      this.checkPort = (this.checks.address() as { port: number }).port;
    }
    if (this.cfg.refuse) {
      await new Promise<void>((res) => this.net.close(() => res()));
      if (this.checks) await new Promise<void>((res) => this.checks!.close(() => res()));
    }
    return this.port;
  }

  /**
   * `refuse FROM..TO`: from the script's start (now), each window closes both listening sockets
   * (connections already open go on) and opens them again on the same ports at its end.
   */
  startWindows(): void {
    // Plain timers on the script's clock: HAProxy's checks do not wait for the player's statements
    // (the schedule's `later` holds a timer until the statement it follows has run).
    const at = (ms: number, f: () => void) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        f();
      }, ms);
      this.timers.add(t);
    };
    (this.cfg.checkStatusWindows ?? []).forEach((w, i) => {
      at((w.fromUs / 1000) * this.scale, () => this.openCheckWindows.add(i));
      at((w.toUs / 1000) * this.scale, () => this.openCheckWindows.delete(i));
    });
    (this.cfg.statusWindows ?? []).forEach((w, i) => {
      at((w.fromUs / 1000) * this.scale, () => this.openWindows.add(i));
      at((w.toUs / 1000) * this.scale, () => this.openWindows.delete(i));
    });
    for (const w of this.cfg.refuseWindows ?? []) {
      at((w.fromUs / 1000) * this.scale, () => {
        if (this.net.listening) this.net.close();
        if (this.checks?.listening) this.checks.close();
      });
      at((w.toUs / 1000) * this.scale, () => {
        if (!this.net.listening) this.net.listen(this.port, '127.0.0.1');
        if (this.checks && !this.checks.listening) this.checks.listen(this.checkPort, '127.0.0.1');
      });
    }
  }

  /** Called with the time (performance.now) of each health check this server receives. */
  onCheck: ((at: number) => void) | null = null;

  /**
   * A health check. verify makes every check an HTTP request (haproxy-cfg.ts), so that each one is
   * seen here (a bare connect is reset before it is accepted): the script can start on one. The
   * answer is what the scenario's check reads: with `option httpchk`, the server's status (401 with
   * `auth`) after its response time, as the engine's check takes it; a connect check passes (200).
   */
  private checkAccept(socket: Socket): void {
    socket.on('error', () => {});
    let seen = false;
    socket.on('data', (d) => {
      if (seen || !d.includes('\r\n\r\n')) return;
      seen = true;
      this.onCheck?.(performance.now());
      const http = this.cfg.check?.http === true;
      // The status of the moment it answers, as the engine's check reads it (health.ts runCheck).
      const answer = () => {
        const status = http ? (this.checkStatusNow() ?? this.statusNow() ?? (this.cfg.auth ? 401 : 200)) : 200;
        if (!socket.destroyed) socket.end(`HTTP/1.0 ${status} ${REASON[status] ?? 'Status'}\r\nContent-Length: 0\r\n\r\n`);
      };
      if (http) {
        const t = setTimeout(() => {
          this.timers.delete(t);
          answer();
        }, (this.cfg.responseUs / 1000) * this.scale);
        this.timers.add(t);
      } else answer();
    });
  }

  private accept(socket: Socket): void {
    const l: Live = { id: this.rec.connOpened(this.cfg.name), socket, busy: 0, served: 0, idleTimer: null, h2: null, lastStream: 0, closing: false };
    this.live.add(l);
    socket.setNoDelay(true);
    socket.on('end', () => {
      this.rec.connClosed(l.id, 'proxy');
      // HAProxy's FIN: finish closing our side.
      if (!socket.destroyed) socket.end();
    });
    socket.on('error', () => this.rec.connClosed(l.id, 'proxy'));
    socket.on('close', () => {
      this.rec.connClosed(l.id, 'proxy');
      this.clearIdle(l);
      this.live.delete(l);
    });
    this.readProxyLine(socket, () => {
      if (this.cfg.proto === 'h2') {
        this.pending = l;
        this.h2.emit('connection', socket);
        this.pending = null;
      } else this.h1(l);
    });
  }

  /** send-proxy: HAProxy starts with `PROXY TCP4 … \r\n`; it is read off before HTTP starts. */
  private readProxyLine(socket: Socket, then: () => void): void {
    if (!this.cfg.sendProxy) return then();
    let buf = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      const nl = buf.indexOf('\r\n');
      if (nl < 0) {
        if (buf.length > 300) socket.destroy();
        return;
      }
      // Paused before the rest is put back: a flowing socket would emit it to no listener.
      socket.pause();
      socket.off('data', onData);
      const rest = buf.subarray(nl + 2);
      if (rest.length) socket.unshift(rest);
      then();
    };
    socket.on('data', onData);
  }

  private answer(headers: Record<string, string | string[] | undefined>): Answer {
    const spec = String(headers[RESPOND_HEADER] ?? '').split(' ').filter(Boolean);
    const takes = Number(headers[TAKES_HEADER] ?? NaN);
    const us = Number.isFinite(takes) ? takes : this.cfg.responseUs;
    const delayMs = (us / 1000) * this.scale;
    if (spec.length) {
      const auth = spec.includes('ntlm') ? 'NTLM' : spec.includes('negotiate') ? 'Negotiate' : null;
      return { status: Number(spec[0]), auth, close: spec.includes('close'), delayMs, server: false };
    }
    if (this.cfg.auth) return { status: 401, auth: this.cfg.auth === 'ntlm' ? 'NTLM' : 'Negotiate', close: false, delayMs, server: true };
    return { status: 200, auth: null, close: false, delayMs, server: true };
  }

  /** The answer as it leaves: a server's own status is the one of that moment (`status CODE FROM..TO`). */
  private now(a: Answer): Answer {
    if (!a.server) return a;
    const st = this.statusNow();
    return st === null ? a : { ...a, status: st, auth: null };
  }

  /** `status` windows open now (by their index in the scenario), on the script's clock (startWindows). */
  private readonly openWindows = new Set<number>();

  /** The status the scenario gives this server's checks now (`check-status`), or null: as its requests. */
  private checkStatusNow(): number | null {
    const ws = this.cfg.checkStatusWindows ?? [];
    for (let i = 0; i < ws.length; i++) if (this.openCheckWindows.has(i)) return ws[i]!.status;
    return this.cfg.checkStatus ?? null;
  }
  private readonly openCheckWindows = new Set<number>();

  /** The status the scenario gives this server now (a window first, then `status` without one), or null: its usual answer. */
  private statusNow(): number | null {
    const ws = this.cfg.statusWindows ?? [];
    for (let i = 0; i < ws.length; i++) if (this.openWindows.has(i)) return ws[i]!.status;
    return this.cfg.status ?? null;
  }

  /**
   * `set-cookie NAME` (core: requests.ts serverSession): a request without cookie NAME gets one,
   * NAME=SERVER-N (the run's name), N counting the sessions this server started. Null: no Set-Cookie.
   */
  private session(cookie: string | string[] | undefined): string | null {
    const name = this.cfg.setCookie;
    if (name === undefined) return null;
    const pairs = (Array.isArray(cookie) ? cookie : cookie === undefined ? [] : [cookie]).flatMap((c) => c.split(';'));
    if (pairs.some((p) => p.trim().startsWith(`${name}=`))) return null;
    return `${name}=${this.cfg.name}-${++this.sessions}; path=/`;
  }
  private sessions = 0;

  /** `fn` in `ms` real ms; `reqId`: it sends that request's response (the player's schedule counts from when it was meant to). */
  private later(ms: number, fn: () => void, reqId?: string): void {
    const meant = this.rec.now() + ms / this.scale;
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (reqId) this.schedule?.answered(reqId, meant);
      const h = this.schedule?.hold(meant);
      if (h) {
        void h.then(fn);
        return;
      }
      fn();
    }, ms);
    this.timers.add(t);
  }

  // ------------------------------------------------------------------ HTTP/1.1

  private h1(l: Live): void {
    let buf = Buffer.alloc(0);
    let body = 0; // bytes of request body still to skip
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        if (body > 0) {
          const n = Math.min(body, buf.length);
          body -= n;
          buf = buf.subarray(n);
          if (body > 0) return;
        }
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.subarray(0, end).toString('latin1').split('\r\n');
        buf = buf.subarray(end + 4);
        const headers: Record<string, string> = {};
        for (const line of head.slice(1)) {
          const i = line.indexOf(':');
          if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
        }
        body = Number(headers['content-length'] ?? 0) || 0;
        this.h1Request(l, head[0]!.split(' ')[0]!, headers);
      }
    };
    l.socket.on('data', onData);
    l.socket.resume();
  }

  private h1Request(l: Live, method: string, headers: Record<string, string>): void {
    this.clearIdle(l);
    this.rec.received(l.id, headers[REQ_HEADER]);
    l.busy++;
    const asked = this.answer(headers);
    this.later(asked.delayMs, () => {
      if (l.socket.destroyed || l.closing) return;
      const a = this.now(asked);
      l.busy--;
      l.served++;
      const closeAfter = this.cfg.closeAfter > 0 && l.served >= this.cfg.closeAfter;
      const closes = a.close || closeAfter;
      const text = method === 'HEAD' ? '' : 'ok\n';
      const h = [`HTTP/1.1 ${a.status} ${REASON[a.status] ?? 'Status'}`, `content-length: ${Buffer.byteLength(text)}`, `${CONN_HEADER}: ${l.id}`];
      if (a.auth) h.push(`www-authenticate: ${a.auth}`);
      const session = this.session(headers.cookie);
      if (session) h.push(`set-cookie: ${session}`);
      if (closes) h.push('connection: close');
      const bytes = h.join('\r\n') + '\r\n\r\n' + text;
      if (closes || (this.cfg.finAfter > 0 && l.served >= this.cfg.finAfter)) {
        // The FIN goes with the response's last bytes: HAProxy reads both at once.
        this.rec.connClosed(l.id, 'server');
        l.closing = true;
        this.clearIdle(l);
        l.socket.end(bytes);
      } else {
        l.socket.write(bytes);
        this.armIdle(l);
      }
    }, headers[REQ_HEADER]);
  }

  // ------------------------------------------------------------------ HTTP/2 (h2c)

  private h2Request(l: Live, stream: ServerHttp2Stream, headers: Record<string, string | string[] | undefined>): void {
    this.clearIdle(l);
    this.rec.received(l.id, headers[REQ_HEADER] as string | undefined);
    l.busy++;
    l.lastStream = Math.max(l.lastStream, stream.id ?? 0);
    stream.on('error', () => {});
    const asked = this.answer(headers);
    this.later(asked.delayMs, () => {
      l.busy--;
      if (stream.destroyed || stream.closed || l.closing) return;
      const a = this.now(asked);
      l.served++;
      const closes = a.close || (this.cfg.closeAfter > 0 && l.served >= this.cfg.closeAfter);
      const h: Record<string, string | number> = { ':status': a.status, [CONN_HEADER]: l.id, 'content-type': 'text/plain' };
      if (a.auth) h['www-authenticate'] = a.auth;
      const session = this.session(headers.cookie);
      if (session) h['set-cookie'] = session;
      // An h2 server says "no more" with GOAWAY, sent before the response so that HAProxy knows it
      // when the response ends, as an h1 response's `Connection: close` tells it. Its last stream
      // id is the highest one received: a lower one would tell HAProxy that the streams above it
      // were refused, to be answered with REFUSED_STREAM (gen-300152), where the scenario means
      // the server closes under them (the engines: a 502).
      if (closes) l.h2?.goaway(0, l.lastStream);
      stream.respond(h);
      stream.end('ok\n');
      // An h2 server says "no more" with GOAWAY; a FIN without it is fin-after.
      if (closes) stream.on('close', () => this.close(l));
      else if (this.cfg.finAfter > 0 && l.served >= this.cfg.finAfter) stream.on('close', () => this.close(l));
      else stream.on('close', () => this.armIdle(l));
    }, headers[REQ_HEADER] as string | undefined);
  }

  // ------------------------------------------------------------------ closing

  private clearIdle(l: Live): void {
    if (l.idleTimer) clearTimeout(l.idleTimer);
    l.idleTimer = null;
  }

  /** idle-timeout: the server closes a connection idle that long. */
  private armIdle(l: Live): void {
    this.clearIdle(l);
    if (this.cfg.idleTimeoutUs <= 0 || l.busy > 0) return;
    const ms = (this.cfg.idleTimeoutUs / 1000) * this.scale;
    const meant = this.rec.now() + ms / this.scale;
    const fire = () => {
      if (l.idleTimer !== timer) return;
      l.idleTimer = null;
      if (l.busy === 0) this.close(l);
    };
    const timer = setTimeout(() => {
      const h = this.schedule?.hold(meant);
      if (h) void h.then(fire);
      else fire();
    }, ms);
    l.idleTimer = timer;
  }

  /** The server closes: GOAWAY then FIN on h2, FIN on h1 (after what was written). */
  private close(l: Live, hard = false): void {
    if (l.closing) return;
    l.closing = true;
    this.clearIdle(l);
    this.rec.connClosed(l.id, 'server');
    if (hard) {
      l.socket.destroy();
      return;
    }
    if (l.h2) {
      l.h2.close();
      // Streams still in progress are abandoned: the FIN goes now, after what was written.
      if (l.busy > 0) l.socket.end();
      // Bounded: a session that does not finish closing is torn down.
      this.later(200 * this.scale, () => l.socket.destroy());
    } else l.socket.end();
  }

  /** `X close idle` / `X close all` (a busy connection dies under its request). */
  closeConnections(what: 'idle' | 'all'): void {
    for (const l of [...this.live]) if (what === 'all' || l.busy === 0) this.close(l, what === 'all' && l.busy > 0);
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    for (const l of this.live) {
      this.clearIdle(l);
      l.socket.destroy();
    }
    if (this.checks?.listening) this.checks.close();
    // Bounded: close() waits for every connection, and all were just destroyed.
    if (this.net.listening) await new Promise<void>((res) => {
      const t = setTimeout(res, 1000);
      this.net.close(() => { clearTimeout(t); res(); });
    });
  }
}
