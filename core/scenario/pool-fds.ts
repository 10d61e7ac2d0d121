/**
 * The file-descriptor thresholds HAProxy 2.x derives from the global maxconn (haproxy.c of
 * v2.6.0): above them the idle-connection pools stop keeping connections (server.c:5825) and a
 * new connection first closes an idle one (backend.c:1494). Checked against 2.6.12: with two
 * listeners, `maxconn 10` stops keeping an idle connection when 7 descriptors are in use, `maxconn
 * 20` at 12. Pure.
 */
import type { PoolFds } from '../model/config';
import type { Bind } from '../model/routing';

/** tune.pool-high-fd-ratio and tune.pool-low-fd-ratio, by default (haproxy.c:196-197 of v2.6.0). */
const HIGH_RATIO = 25;
const LOW_RATIO = 20;
/** One thread's poller descriptor and wake-up pipe (compute_ideal_maxsock, haproxy.c:1425-1426). */
const PER_THREAD = 3;

/** Listening sockets of a configuration's binds: one per address, one per port of a range. */
export function listenerCount(binds: readonly Bind[]): number {
  return binds.reduce((n, b) => n + (b.ports ? b.ports[1] - b.ports[0] + 1 : 1), 0);
}

/**
 * maxsock = the listening sockets + two per connection of maxconn + one thread's own
 * (compute_ideal_maxsock, haproxy.c:1410-1432); the pool thresholds are the ratios of it, rounded
 * up (haproxy.c:2442-2443).
 */
export function poolFds(maxconn: number, listeners: number): PoolFds {
  const maxsock = listeners + 2 * maxconn + PER_THREAD;
  return { listeners, high: Math.floor((maxsock * HIGH_RATIO + 99) / 100), low: Math.floor((maxsock * LOW_RATIO + 99) / 100) };
}
