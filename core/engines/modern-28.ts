import type { Algorithm } from './runtime';
import { modern } from './modern';

/**
 * `engine modern 2.8`: HAProxy 2.8 where it differs from 2.6 on what the engine models (checked
 * against a 2.8.0 binary built from the v2.8.0 tag, docs/versions.md). Everything else is the 2.6
 * engine; `engine modern 3.0` (./modern-30.ts) builds on this one.
 *
 * C1 under 2.8 (src/mux_h1.c:1237-1240@v2.8.0 and 1488-1491@v3.0.0 in h1_set_srv_conn_mode, commit
 * d17dd848c, first in v2.8-dev5; 2.6 tests the frontend's httpclose there, mux_h1.c:1277-1281@v2.6.0): the frontend's
 * `option httpclose` no longer forces close on the server side — only the frontend's
 * server-close and the backend's server-close or httpclose do. The client side still closes per
 * the frontend (h1_set_cli_conn_mode, mux_h1.c:1144-1145@v2.8.0), so with httpclose in the
 * frontend only, the client connection closes after the response and the server connection goes
 * back to the pool as under keep-alive, for any client to reuse.
 */
export const modern28: Algorithm = {
  ...modern,
  commit: 'v2.8.0',
  frontendCloseClientOnly: true,
};
