/**
 * How long an idle client connection waits before HAProxy closes it: before its first request
 * (`first`), or between requests. The rule changed between releases (docs/versions.md); each
 * engine names the one it follows (Algorithm.clientIdle). 0: no timer, the connection stays open.
 * All the timeouts are the frontend's the client entered. Pure.
 */
import type { Timeouts } from '../model/config';

export type ClientIdleRule = '1.9' | '2.6' | '3.0' | '3.2';

type FrontTimeouts = Pick<Timeouts, 'client' | 'httpKeepAlive' | 'httpRequest'>;

export function clientIdleUs(rule: ClientIdleRule, proto: 'h1' | 'h2', first: boolean, t: FrontTimeouts): number {
  // http-keep-alive between requests, else http-request; http-request before the first one.
  const idle = first ? t.httpRequest : t.httpKeepAlive || t.httpRequest;
  if (rule === '1.9') {
    // The earlier of the idle wait and `timeout client` (req->rto at stream.c:265 of 7c6f8b146);
    // h2: `timeout client`.
    if (proto === 'h2') return t.client;
    return idle > 0 && t.client > 0 ? Math.min(idle, t.client) : idle || t.client;
  }
  if (proto === 'h2') {
    // h2c_update_timeout (mux_h2.c:718-754 of v2.6.0, the same through 3.2): the idle wait alone,
    // else `timeout client`; no timer at all without `timeout client` (h2_init, mux_h2.c:1038).
    if (t.client <= 0) return 0;
    return idle > 0 ? idle : t.client;
  }
  // h1: until 3.0 the timer exists only with `timeout client` (h1_init, mux_h1.c:986 of v2.6.0,
  // 1196 of v3.0.0); since 3.1 always (mux_h1.c:1284 of v3.2.0).
  if (rule !== '3.2' && t.client <= 0) return 0;
  // 2.6 and 2.8: the earlier of the idle wait and `timeout client` (h1_refresh_timeout,
  // mux_h1.c:618-635 of v2.6.0); since 2.9 the idle wait alone, else `timeout client`
  // (mux_h1.c:659-662 and 681 of v3.0.0).
  if (rule === '2.6') return idle > 0 ? Math.min(idle, t.client) : t.client;
  return idle > 0 ? idle : t.client;
}
