import type { BackendConfig, ServerConfig } from '../model/config';
import { since } from '../model/names';
import { exprValue, sniValue } from './common';
import { requestView } from './routeRequest';
import { RunLocal, type EngineSim as Sim } from './runtime';
import type { Conn, Request, Session, Stream } from './types';

/**
 * What HAProxy 2.6 remembers per session and per connection beyond the world's view:
 * the session's NTLM/Negotiate flag, the session's private connections in its own order,
 * and each connection's reuse hash (the parts that differ between requests: hashKey).
 */

/** What a run remembers of its sessions and connections (held by the run: Sim.local). */
interface SessionRun {
  /** Sessions that saw an NTLM/Negotiate 401/407: SESS_FL_PREFER_LAST (http_ana.c:1688-1690@2.6.0). */
  readonly preferLast: WeakSet<Session>;
  /** Each connection's reuse hash, where it has one (see hashKey). */
  readonly hashes: WeakMap<Conn, string>;
  /** Private connections their session counts idle (CO_FL_SESS_IDLE, see markSessIdle). */
  readonly sessIdle: WeakSet<Conn>;
}

const RUN = new RunLocal<SessionRun>(() => ({ preferLast: new WeakSet(), hashes: new WeakMap(), sessIdle: new WeakSet() }));

export function markPreferLast(sim: Sim, sess: Session): void {
  sim.local(RUN).preferLast.add(sess);
}

export function prefersLast(sim: Sim, sess: Session): boolean {
  return sim.local(RUN).preferLast.has(sess);
}

/**
 * The connections a session keeps (its srv_list), grouped per target in the order the
 * targets were first added, each target's connections in the order they were added
 * (session_add_conn, include/haproxy/session.h:152-180@2.6.0). A target whose list empties
 * loses its place, which the world's `held` list already reflects.
 */
export function sessionConnsByTarget(sim: Sim, session: string): Conn[][] {
  const groups = new Map<string, Conn[]>();
  for (const id of sim.world.sessions.get(session)?.held ?? []) {
    const c = sim.conn(id);
    if (!c || c.view.phase === 'closed') continue;
    const g = groups.get(c.server.name);
    if (g) g.push(c);
    else groups.set(c.server.name, [c]);
  }
  return [...groups.values()];
}

/**
 * assign_server with SESS_FL_PREFER_LAST or `option prefer-last-server` (backend.c:653-680@2.6.0):
 * the first server of the session's list that belongs to this backend and is usable, as soon as
 * one of its connections finished its handshake — busy or not.
 */
export function preferredConn(sim: Sim, session: string, be: BackendConfig): Conn | null {
  for (const group of sessionConnsByTarget(sim, session)) {
    const s = group[0]!.server;
    if (!be.servers.includes(s) || !sim.balancable(s)) continue;
    const c = group.find((x) => x.connected);
    if (c) return c;
  }
  return null;
}

/**
 * CO_FL_SESS_IDLE: a private connection its session counts in idle_conns, the number
 * max-session-srv-conns caps (session_check_idle_conn, include/haproxy/session.h:185-202@2.6.0).
 * Set when the connection goes idle in the session; cleared when the session takes it again
 * (session_get_conn, session.h:218-223) and when assign_server picks its server for a session that
 * prefers its last server (backend.c:668-673), which leaves that connection uncounted while it
 * stays idle. A connection that dies leaves the count (session_unown_conn, session.h:132-133).
 */
export function markSessIdle(sim: Sim, c: Conn): void {
  sim.local(RUN).sessIdle.add(c);
}

export function clearSessIdle(sim: Sim, c: Conn): void {
  sim.local(RUN).sessIdle.delete(c);
}

export function isSessIdle(sim: Sim, c: Conn): boolean {
  return sim.local(RUN).sessIdle.has(c) && c.view.phase !== 'closed';
}

/**
 * The parts of a connection's reuse hash that differ between requests here (conn_calculate_hash,
 * backend.c:1386-1418@2.6.0): the SNI (connName); the source address, with `usesrc client` or
 * `clientip` the client's address and port (alloc_bind_address, backend.c:1079-1152@2.6.0; since
 * 3.2 `clientip` without the port: 7b6df86a8, 3.2-dev10); the PROXY line with `send-proxy`, naming
 * the client connection. Every pool and session lookup compares hashes (srv_lookup_conn,
 * session_get_conn). '' when none applies.
 */
export function hashKey(sim: Sim, stream: Stream, req: Request, server: ServerConfig): string {
  const name = connName(sim, server, req);
  const src = sourceScope(sim, server);
  const client = server.sendProxy || src === 'connection' ? stream.session.id : src === 'address' ? `from ${clientAddress(req)}` : '';
  if (name === null) return client;
  return client ? `${client} sni ${name}` : `sni ${name}`;
}

/**
 * The name a connection is pooled by: before 3.0 the server's `sni` value, TLS or not
 * (backend.c:1360-1398@2.6.0); from 3.0 the `pool-conn-name` value, which is by default the `sni`
 * expression (server.c:3582-3588@3.0.0, backend.c:1374-1381), since 3.3 only a TLS server's
 * (f8f94ffc9), whose SNI is the Host without `sni` (668916c1a).
 */
export function connName(sim: Sim, s: ServerConfig, req: Request): string | null {
  const v = sim.config.modernVersion;
  if (!since(v, '3.0')) return sniValue(s, req);
  if (s.poolConnNameExpr) return exprValue(s.poolConnNameExpr, req);
  if (!since(v, '3.4')) return sniValue(s, req);
  if (!s.ssl) return null;
  if (s.sni) return sniValue(s, req);
  return s.autoSniExpr ? exprValue(s.autoSniExpr, req) : null;
}

/** What a connection's source address narrows it to: its client connection, its client's address (clientip since 3.2), or nothing. */
export function sourceScope(sim: Sim, s: ServerConfig): 'connection' | 'address' | null {
  if (s.usesrc === 'client') return 'connection';
  if (s.usesrc !== 'clientip') return null;
  return since(sim.config.modernVersion, '3.2') ? 'address' : 'connection';
}

const clientAddress = (req: Request): string => (req.routedView ?? requestView(req)).src;

export function setHash(sim: Sim, c: Conn, key: string): void {
  if (key) sim.local(RUN).hashes.set(c, key);
}

export function hashOf(sim: Sim, c: Conn): string {
  return sim.local(RUN).hashes.get(c) ?? '';
}
