import type { ServerConfig } from '../model/config';
import { since } from '../model/names';
import type { Condition, ListName } from '../trace/events';
import { RunLocal, type EngineSim as Sim } from './runtime';
import type { Conn, Request } from './types';

/*
 * The modern engine's per-server pools of idle connections (HAProxy 2.6, src/server.c): the
 * counters of used and idle connections, whether a connection that a transaction leaves is kept
 * or closed (srv_add_to_idle_list), and the periodic purge of the excess. ./modern.ts decides
 * when; this module keeps the counts.
 */

/** Per-server counters of the pool (include/haproxy/server-t.h). */
interface PoolCounters {
  /** curr_used_conns: connections that are not in an idle/safe tree. */
  used: number;
  /** curr_idle_conns: connections in the idle and safe trees. */
  idle: number;
  /** max_used_conns: peak of `used` since the last purge. */
  maxUsed: number;
  /** est_need_conns. */
  estNeed: number;
  /** A purge is scheduled for this server. */
  purgeArmed: boolean;
  /** curr_total_conns: its connections opened for requests, used or idle (strict-maxconn only). */
  total: number;
}

/** A run's pools (held by the run: Sim.local). */
interface PoolRun {
  /** The pool counters of each server. */
  readonly pools: Map<string, PoolCounters>;
  /** Connections already taken out of the server's accounting (made private by P3). */
  readonly uncounted: WeakSet<Conn>;
  /** When each pooled connection entered its tree, in order (3.0's idle_conn_list). */
  readonly pooledAt: WeakMap<Conn, number>;
  pooled: number;
  /** Connections counted in their server's `total` (strict-maxconn). */
  readonly inTotal: WeakSet<Conn>;
}

const RUN = new RunLocal<PoolRun>(() => ({ pools: new Map(), uncounted: new WeakSet(), pooledAt: new WeakMap(), pooled: 0, inTotal: new WeakSet() }));

function counters(sim: Sim, server: string): PoolCounters {
  const m = sim.local(RUN).pools;
  let p = m.get(server);
  if (!p) m.set(server, (p = { used: 0, idle: 0, maxUsed: 0, estNeed: 0, purgeArmed: false, total: 0 }));
  return p;
}

/** srv_use_conn (include/haproxy/server.h:264-278): one more used connection; the estimate follows the peak. */
export function useConn(sim: Sim, server: ServerConfig): void {
  if (server.dispatch) return;
  const p = counters(sim, server.name);
  p.used++;
  if (p.maxUsed < p.used) p.maxUsed = p.used;
  if (p.estNeed < p.used) p.estNeed = p.used;
}

/**
 * A health check's connection (tcpcheck.c:1092@2.6.0, 1400@3.4.0): conn_new on the server counts it
 * as used (srv_use_conn), so a check that runs beside the requests raises the estimate of the
 * connections needed; freed when the check ends (`open` false).
 */
export function checkConn(sim: Sim, server: ServerConfig, open: boolean): void {
  if (open) useConn(sim, server);
  else {
    const p = counters(sim, server.name);
    p.used--;
    // conn_free counts every connection to a strict-maxconn server out (connection.c:675-676@v3.4.0),
    // a check's too, which connect_server never counted in: the count goes below zero, and read
    // unsigned no new connection fits any more (3.2.0 and 3.4.0 answer 503: strict-maxconn.test.ts).
    if (strictCounts(sim, server)) p.total--;
  }
}

/** The server's connections are counted for strict-maxconn (3.2+; the flag alone, with or without a maxconn). */
export const strictCounts = (sim: Sim, s: ServerConfig): boolean => s.strictMaxconn === true && !s.dispatch && since(sim.config.modernVersion, '3.2');

/** An h2 connection to a server (`proto h2`), whatever its stream limit (`max-streams 1` included). */

/** A connection leaves an idle or safe tree to be used again (backend.c:1249-1262@2.6.0). */
export function leavePool(sim: Sim, server: ServerConfig): void {
  counters(sim, server.name).idle--;
  useConn(sim, server);
}

/** P3: a connection made private leaves the server's accounting, once. */
export function uncount(sim: Sim, c: Conn): void {
  retire(sim, c);
  sim.local(RUN).uncounted.add(c);
}

/** The oldest connection of a server tree (tree order, approximated as oldest first, §7.7). */
export function oldest(sim: Sim, server: string, list: ListName, ok: (c: Conn) => boolean = () => true): Conn | null {
  const l = sim.world.lists.get(server)?.[list];
  if (!l) return null;
  for (const id of l.fromTail()) {
    const c = sim.conn(id);
    if (c && ok(c)) return c;
  }
  return null;
}

/**
 * The server's pooled connection pooled longest ago, idle or safe (`ok` filters): since 2.9
 * (5afcb686b) the head of the server's idle_conn_list, which keeps both in the order they were
 * pooled (_srv_add_idle, server.c:6916-6926@v3.0.0).
 */
function oldestPooled(sim: Sim, server: string, ok: (c: Conn) => boolean = () => true): Conn | null {
  const idle = oldest(sim, server, 'idle', ok);
  const safe = oldest(sim, server, 'safe', ok);
  if (!idle || !safe) return idle ?? safe;
  const at = sim.local(RUN).pooledAt;
  return at.get(safe)! < at.get(idle)! ? safe : idle;
}

/**
 * strict-maxconn (3.2+, 706b00842; connect_server, backend.c:1948-1981 and kill_random_idle_conn,
 * 1532-1575 of v3.4.0): before a new connection, the server's connections opened for requests
 * (curr_total_conns: used or idle, private ones too, not the checks') must be fewer than its
 * maxconn. At the limit the loop closes an idle connection, and again, without reading the count
 * anew: every idle connection of the server goes (idle tree, then safe tree; mI4), and the attempt
 * then fails (SF_ERR_RESOURCE) — the stream retries at once, and finds room if it closed any.
 * Checked against 3.2.0 and 3.4.0: three idle connections at maxconn 3 are all closed for one
 * request. The count is unsigned there: below zero (checks, checkConn) it is past any maxconn, and
 * without a maxconn (0) nothing fits either. `ok`: the connection may be opened; otherwise the
 * request gets 503 (nothing idle to close, or no retry left); `closed`: the idle connections closed.
 */
export function strictSlot(sim: Sim, server: ServerConfig, req: Request, retries: number): { ok: boolean; closed: number } {
  const p = counters(sim, server.name);
  const max = server.maxconn ?? 0;
  const fits = () => p.total >= 0 && p.total < max;
  if (fits()) return { ok: true, closed: 0 };
  const at = p.total;
  let closed = 0;
  for (const list of ['idle', 'safe'] as const) {
    for (let c = oldest(sim, server.name, list); c; c = oldest(sim, server.name, list)) {
      sim.destroy(c, 'mI4', 'proxy', { request: req.id, conds: [{ label: `connections to ${server.name}, idle ones included`, value: at }, { label: `strict-maxconn, maxconn ${max}`, value: true }] });
      closed++;
    }
  }
  return { ok: closed > 0 && retries > 0 && fits(), closed };
}

/** Why strict-maxconn leaves a request without a connection (the mI4 note): its message and conditions. */
export function strictRefusal(sim: Sim, s: ServerConfig, req: Request, closed: number): { message: string; conds: Condition[] } {
  const max = s.maxconn ?? 0;
  // Below zero: checks have counted connections out that never counted in (checkConn).
  const total = counters(sim, s.name).total;
  const why = closed > 0 ? `it closed ${closed} idle connection${closed > 1 ? 's' : ''}, and no retry is left (retries 0)` : 'none is idle to close';
  const limit = max === 0
    ? `strict-maxconn without a maxconn: ${s.name} may have no connection at all (0)`
    : total < 0
      ? `strict-maxconn: ${s.name}'s count of connections is below zero (${total}: each check's connection is counted out when it ends, never in), which HAProxy reads unsigned, past any maxconn`
      : `strict-maxconn: ${s.name} has its ${max} connection${max > 1 ? 's' : ''}`;
  return {
    message: `${limit}, and ${why}: HAProxy answers ${req.id} with 503`,
    conds: [{ label: `strict-maxconn, maxconn ${max}`, value: true }, { label: 'connections counted', value: total }, { label: 'idle connections closed', value: closed }],
  };
}

/** A connection opened under strict-maxconn counts in its server's total until it is freed (connFreed). */
export function countInTotal(sim: Sim, c: Conn): void {
  sim.local(RUN).inTotal.add(c);
  counters(sim, c.server.name).total++;
}

/** conn_free (connection.c:665-677@v3.4.0): a connection counted in the total leaves it. */
export function leaveTotal(sim: Sim, c: Conn): void {
  const run = sim.local(RUN);
  if (!run.inTotal.has(c)) return;
  run.inTotal.delete(c);
  counters(sim, c.server.name).total--;
}

/** srv_release_conn (server.c:5752-5776): counters when a connection goes away (from conn_free: connFreed, and P3). */
export function retire(sim: Sim, c: Conn): void {
  if (c.server.dispatch || c.view.phase === 'closed' || sim.local(RUN).uncounted.has(c)) return;
  const p = counters(sim, c.server.name);
  if (c.view.list === 'idle' || c.view.list === 'safe') p.idle--;
  else p.used--;
}

/** srv_add_to_idle_list (server.c:5814-5876@2.6.0): keep the connection in the pool, or close it (mI1). */
export function offerToPool(sim: Sim, c: Conn, safe: boolean, decision: 'mD2' | 'mD3' | 'mD6' | 'mD8', req: Request): void {
  const s = c.server;
  const p = counters(sim, s.name);
  const l = sim.world.lists.get(s.name)!;
  // The descriptors in use against the thresholds of the global maxconn (none without one).
  const fds = sim.config.poolFds;
  const used = fds ? sim.usedFds() : 0;
  const fits = (!fds || used < fds.low) && p.used + p.idle <= Math.max(p.used, p.estNeed) + s.poolLowConn;
  const conds = [
    { label: 'not private', value: !c.view.private },
    { label: 'pool-purge-delay > 0', value: s.poolPurgeDelayUs > 0 },
    { label: 'http-reuse not never', value: c.backend.reuse !== 'never' },
    { label: 'pool-max-conn not reached', value: s.poolMaxConn === -1 || s.poolMaxConn > p.idle },
    { label: 'no safe connection yet, and this one safe or no idle one', value: l.safe.length === 0 && (safe || l.idle.length === 0) },
    { label: `used ${p.used} + idle ${p.idle} ≤ max(used, est_need ${p.estNeed}) + pool-low-conn${fds ? `, and descriptors in use ${used} < pool low ${fds.low}` : ''}`, value: fits },
  ];
  // server.c:5825@2.6.0: no connection is kept while the process uses pool-high-count descriptors or more.
  if (fds) conds.splice(3, 0, { label: `descriptors in use ${used} < pool high ${fds.high} (global maxconn)`, value: used < fds.high });
  const accept =
    !s.dispatch && conds.slice(0, fds ? 5 : 4).every((x) => x.value) && (conds[fds ? 5 : 4]!.value || fits) && sim.avail(c) > 0;
  if (!accept) {
    sim.destroy(c, 'mI1', 'proxy', { conds, request: req.id });
    return;
  }
  p.idle++;
  p.used--;
  const run = sim.local(RUN);
  run.pooledAt.set(c, run.pooled++);
  sim.out.listAdd(decision, c, safe ? 'safe' : 'idle', req, undefined, conds);
  sim.armServerIdle(c);
  armPurge(sim, s);
}

/**
 * connect_server, backend.c:1494-1518@2.6.0: past pool-high-count descriptors in use, the server's
 * oldest idle connection (its idle tree, not the safe one, on the one thread; in 3.0 the oldest
 * pooled, safe ones included) is closed before the request goes on, whether it reuses a
 * connection or makes one (mI3).
 */
export function killIdleForFds(sim: Sim, server: ServerConfig, req: Request, taken: Conn | null): void {
  const fds = sim.config.poolFds;
  if (!fds || server.dispatch) return;
  const used = sim.usedFds();
  if (used <= fds.high) return;
  // The connection the search took has left the tree already (conn_backend_get). 3.0 takes the
  // head of idle_conn_list, idle and safe connections in the order they were pooled
  // (backend.c:1543-1544 and server.c:6916-6926@v3.0.0); 2.6 and 2.8 the idle tree's first.
  const other = (x: Conn) => x !== taken;
  const c = since(sim.config.modernVersion, '3.0') ? oldestPooled(sim, server.name, other) : oldest(sim, server.name, 'idle', other);
  if (c) sim.destroy(c, 'mI3', 'proxy', { request: req.id, conds: [{ label: `descriptors in use ${used} > pool high ${fds.high} (global maxconn)`, value: true }] });
}

/** The idle-connection task: every pool-purge-delay, close half of the excess (server.c:5878-5960@2.6.0). */
function armPurge(sim: Sim, s: ServerConfig): void {
  const p = counters(sim, s.name);
  if (p.purgeArmed || s.poolPurgeDelayUs <= 0) return;
  p.purgeArmed = true;
  // A task of the process: a check (whose connection keeps the estimate up) does not keep it going after the scenario.
  sim.atBackground(s.poolPurgeDelayUs, () => {
    p.purgeArmed = false;
    if (p.idle === 0) return;
    const before = Math.max(p.maxUsed, p.estNeed);
    let exceed = p.used + p.idle - before;
    exceed = Math.floor(exceed / 2) + (exceed & 1);
    // What the why panel shows of the closing: the counts the excess comes from (srv_cleanup_idle_conns).
    const conds: Condition[] = sim.out.explains
      ? [
        { label: `used ${p.used} + idle ${p.idle} − max(peak used since the last purge ${p.maxUsed}, estimated need ${p.estNeed})`, value: p.used + p.idle - before },
        { label: 'half of it, rounded up: connections to close', value: exceed },
      ]
      : [];
    p.estNeed = Math.max(Math.floor((p.estNeed + p.maxUsed) / 2), p.maxUsed);
    p.maxUsed = p.used;
    if (exceed > 0) {
      // With one thread the task migrates up to exceed + 1 connections: at 2.6 and 2.8 the idle tree's,
      // then the safe tree's (server.c:5936-5941@2.6.0); since 2.9 (5afcb686b) the head of
      // idle_conn_list, the oldest pooled first, idle or safe (server.c:6799-6815@v3.0.0).
      const byAge = since(sim.config.modernVersion, '3.0');
      for (let n = exceed + 1; n > 0; n--) {
        const c = byAge ? oldestPooled(sim, s.name) : (oldest(sim, s.name, 'idle') ?? oldest(sim, s.name, 'safe'));
        if (!c) break;
        sim.destroy(c, 'mI2', 'proxy', { conds });
      }
    }
    if (p.idle > 0) armPurge(sim, s);
  });
}

