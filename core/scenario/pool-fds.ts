/**
 * The file-descriptor thresholds HAProxy 2.x derives from the global maxconn (v2.6.0): above
 * them the idle-connection pools stop keeping connections (server.c:5825) and a new connection
 * first closes an idle one (backend.c:1494). Checked against 2.6.12 (two listeners): the first
 * connection not kept is at the 2nd client with `maxconn 5`, the 3rd with 7, the 4th with 9 and
 * 10, the 9th with 20. Pure.
 */
import type { PoolFds } from '../model/config';
import type { Bind } from '../model/routing';

/** tune.pool-high-fd-ratio and tune.pool-low-fd-ratio, by default (haproxy.c:196-197 of v2.6.0). */
const HIGH_RATIO = 25;
const LOW_RATIO = 20;
/** The descriptors maxsock reserves before any is counted (haproxy.c:1487). */
const RESERVED = 10;
/** One thread's poller descriptor and wake-up pipe, in maxsock (compute_ideal_maxsock, haproxy.c:1426-1427). */
const PER_THREAD = 3;
/** The wake-up pipe's two ends, in use from the start (fd.c:797-798). */
const PIPE = 2;

/** Listening sockets of a configuration's binds: one per address, one per port of a range. */
export function listenerCount(binds: readonly Bind[]): number {
  return binds.reduce((n, b) => n + (b.ports ? b.ports[1] - b.ports[0] + 1 : 1), 0);
}

/**
 * maxsock = the reserve + one per listening socket (cfgparse-listen.c:506) + two per connection
 * of maxconn + one thread's own (compute_ideal_maxsock, haproxy.c:1410-1432); the pool thresholds
 * are the ratios of it, rounded up (haproxy.c:2442-2443). `base`: the descriptors in use with no
 * connection at all (the listeners and the wake-up pipe).
 */
export function poolFds(maxconn: number, listeners: number): PoolFds {
  const maxsock = RESERVED + listeners + 2 * maxconn + PER_THREAD;
  return { base: listeners + PIPE, high: Math.floor((maxsock * HIGH_RATIO + 99) / 100), low: Math.floor((maxsock * LOW_RATIO + 99) / 100) };
}
