import { writtenName, type BackendConfig, type ServerConfig } from '../../model/config';
import type { Conn, Request } from '../types';
import { SimConnections } from './connections';

/**
 * The servers: lookup by name, usable servers and round-robin per backend, busy counts, and
 * what the servers do on their side (keep-alive timeout, FIN on an idle connection, `server-close`).
 */
export abstract class SimServers extends SimConnections {
  /** Round-robin cursors, one per backend. */
  private readonly rr = new Map<BackendConfig, { next: number }>();
  private readonly usable = new Map<BackendConfig, readonly ServerConfig[]>();
  private readonly balanced = new Map<BackendConfig, readonly ServerConfig[]>();
  /** Servers their health checks marked DOWN (./health.ts). */
  protected readonly down = new Set<ServerConfig>();
  /** Servers their health checks put in NOLB (`http-check disable-on-404`): out of load balancing only. */
  protected readonly stopping = new Set<ServerConfig>();

  serverByName(name: string): { server: ServerConfig; backend: BackendConfig } | undefined {
    return this.servers.get(name);
  }

  /**
   * May persistence send a request there: not `disabled`, not DOWN by its health checks (a server
   * in NOLB may: cur_state != SRV_ST_STOPPED, http_ana.c:3393, stream.c:1192 and 1258 of v2.6.0)?
   */
  isUp(s: ServerConfig): boolean {
    return !s.disabled && (this.down.size === 0 || !this.down.has(s));
  }

  /** May load balancing pick it: up and not in NOLB (srv_currently_usable, include/haproxy/server.h)? */
  balancable(s: ServerConfig): boolean {
    return this.isUp(s) && (this.stopping.size === 0 || !this.stopping.has(s));
  }

  /** The servers of a backend that persistence may reach (computed again when a health check changes a server's state). */
  usableServers(be: BackendConfig): readonly ServerConfig[] {
    let list = this.usable.get(be);
    if (!list) {
      list = be.servers.filter((s) => this.isUp(s));
      this.usable.set(be, list);
    }
    return list;
  }

  /**
   * The servers load balancing picks among (recount_servers and update_backend_weight,
   * backend.c:97-155 of v2.6.0): the usable ones that are not `backup`; when there are none, the
   * first usable backup, or every usable backup with `option allbackups`. Computed again when a
   * health check changes a server's state.
   */
  balancedServers(be: BackendConfig): readonly ServerConfig[] {
    let list = this.balanced.get(be);
    if (!list) {
      const up = this.usableServers(be).filter((s) => this.stopping.size === 0 || !this.stopping.has(s));
      const active = up.filter((s) => !s.backup);
      const backups = up.filter((s) => s.backup);
      list = active.length > 0 ? active : be.allBackups ? backups : backups.slice(0, 1);
      this.balanced.set(be, list);
    }
    return list;
  }

  /**
   * A health check marked the server DOWN, UP or NOLB (`stopping`): the lists are made again, and the
   * algorithm told when load balancing gains or loses it (a NOLB server is out of it as a DOWN one).
   */
  protected serverStateChanged(be: BackendConfig, s: ServerConfig, state: 'up' | 'down' | 'stopping'): void {
    const before = this.balancable(s);
    if (state === 'down') this.down.add(s);
    else this.down.delete(s);
    if (state === 'stopping') this.stopping.add(s);
    else this.stopping.delete(s);
    this.usable.delete(be);
    this.balanced.delete(be);
    const after = this.balancable(s);
    if (before !== after) this.algo.serverState?.(this, be, s, after);
  }

  /** Round-robin cursor of a backend (AS4: a per-backend cyclic counter). */
  nextRoundRobin(be: BackendConfig): ServerConfig {
    const usable = this.balancedServers(be);
    const list = usable.length > 0 ? usable : be.servers;
    let cursor = this.rr.get(be);
    if (!cursor) {
      cursor = { next: 0 };
      this.rr.set(be, cursor);
    }
    return list[cursor.next++ % list.length]!;
  }

  /** How long the server takes to answer `req`: the request's `takes`, else its response time (drawn, for a range or a mean). */
  protected responseTime(s: ServerConfig, req: Request): number {
    const dist = s.responseDist;
    return req.spec.takesUs ?? (dist === undefined ? s.responseUs : dist.kind === 'uniform' ? this.random.int(dist.loUs, dist.hiUs) : Math.round(this.random.exp(dist.meanUs)));
  }

  /** Servers of a backend with their number of busy connections (leastconn). */
  busyCount(server: string): number {
    let n = 0;
    for (const c of this.conns.values()) if (c.server.name === server && c.active.length > 0) n++;
    return n;
  }

  /** After K1 / pK1: the server starts its keep-alive timer on this connection. */
  armServerIdle(c: Conn): void {
    if (c.server.idleTimeoutUs <= 0) return;
    const token = ++c.idleToken;
    this.at(c.server.idleTimeoutUs, () => {
      if (c.idleToken !== token || c.view.phase !== 'idle') return;
      this.serverFin(c, 'idle-timeout');
    });
  }

  /** The server closes an idle connection (E9). */
  private serverFin(c: Conn, why: string): void {
    this.emit({ kind: 'conn.server-close', decision: 'W', conn: c.id, server: c.server.name, message: why });
    this.algo.idleClosed(this, c);
  }

  /** `SERVER close idle|all` on the connection of a tcp stream (./tcp.ts). */
  protected abstract tcpServerClose(c: Conn, what: 'idle' | 'all'): void;

  /**
   * The streams waiting on a busy connection lose it before their response (the server closed it, or
   * HAProxy shut them): a 502, or for a later request of a kept-alive HTTP/1 connection a silent
   * close of the client connection so that the browser retries (abort_keep_alive).
   */
  private streamsDie(c: Conn, closer: 'proxy' | 'server'): void {
    for (const st of c.active.slice()) {
      const req = st.txn;
      if (!req || req.finished) continue;
      // An engine that decides it itself (modern: mD7).
      if (this.algo.keepAliveAbort) this.diedUnder(st, closer);
      else if (req.notFirst && st.session.proto === 'h1') {
        this.fail(req, 0, 'server closed the connection; client connection closed silently (the browser retries)', closer);
        this.closeClient(st.session, 'proxy', 'W', 'silent close after a failed subsequent request');
      } else {
        this.fail(req, 502, 'server closed the connection before responding (502)', closer);
      }
    }
  }

  /**
   * HAProxy shuts the streams on server `s` (srv_shutdown_streams): `on-marked-down shutdown-sessions`
   * when it is DOWN (server.c:5340-5343 of v2.6.0, HC2), or `on-marked-up shutdown-backup-sessions`
   * of `up`, a server marked UP, when `s` is one of its backend's backup servers (HC3).
   */
  protected shutdownStreams(s: ServerConfig, up?: ServerConfig): void {
    const why = up ? `server ${up.name} is UP` : `server ${s.name} is DOWN`;
    const option = up ? 'on-marked-up shutdown-backup-sessions' : 'on-marked-down shutdown-sessions';
    for (const c of [...this.conns.values()]) {
      if (c.server !== s || c.view.phase === 'closed' || c.active.length === 0) continue;
      this.emit({ kind: 'note', decision: up ? 'HC3' : 'HC2', conn: c.id, server: s.name, message: `${why}: HAProxy shuts the streams on ${up ? `backup server ${s.name}'s ` : ''}${c.id} (${option})` });
      if (c.tcp) this.tcpServerClose(c, 'all');
      else if (this.algo.shutSilently?.(this)) {
        for (const st of c.active.slice()) {
          const req = st.txn;
          if (!req || req.finished) continue;
          this.fail(req, 0, `${why}: HAProxy shut the stream without an answer`, 'proxy');
          if (st.session.proto === 'h1') this.closeClient(st.session, 'proxy', 'W', `the stream was shut (${option})`);
        }
      } else this.streamsDie(c, 'proxy');
    }
  }

  protected serverClose(name: string, what: 'idle' | 'all'): void {
    // The script names a server as written (every server of that name) or as BACKEND/NAME.
    const conns = [...this.conns.values()].filter((c) => (c.server.name === name || writtenName(c.server) === name) && c.view.phase !== 'closed');
    for (const c of conns) {
      if (c.view.phase === 'closed') continue;
      if (c.tcp) {
        this.tcpServerClose(c, what);
        continue;
      }
      if (c.active.length > 0) {
        if (what !== 'all') continue;
        this.emit({ kind: 'conn.server-close', decision: 'W', conn: c.id, server: name, message: 'server closed a busy connection' });
        this.streamsDie(c, 'server');
      } else {
        this.serverFin(c, 'server closed idle connections');
      }
    }
  }
}
