import type { Algorithm } from './runtime';
import { modern30 } from './modern-30';

/**
 * `engine modern 3.2`: HAProxy 3.2 where it differs from 3.0 on what the engine models (read
 * from the v3.2.0 tag and checked against a 3.2.0 binary built from it, docs/versions.md).
 * Everything else is the 3.0 engine (./modern-30.ts).
 *
 * Client-side idle timer (commit 3c09b3432, first in v3.1-dev11; h1_init, mux_h1.c:1284@v3.2.0):
 * an HTTP/1 client connection always has its timer, so `timeout http-keep-alive` and `timeout
 * http-request` apply without `timeout client` (../client-idle.ts, rule 3.2).
 *
 * leastconn (commit 9fe72bba3, first in v3.2-dev9; lb_fwlc.c:737-871@v3.2.0): among servers of
 * the same load, the pick is random (./modern-lb.ts leastconnPick), no longer the tree's order.
 */
export const modern32: Algorithm = {
  ...modern30,
  commit: 'v3.2.0',
  clientIdle: '3.2',
};
