import type { Algorithm } from './runtime';
import { modern32 } from './modern-32';

/**
 * `engine modern 3.4`: HAProxy 3.4 where it differs from 3.2 on what the engine models (read from
 * the v3.4.0 tag and checked against a 3.4.0 binary built from it, docs/versions.md). Everything
 * else is the 3.2 engine (./modern-32.ts). Three changes from 3.3, one from 3.4:
 *
 * - A backend without `balance` balances at random (commit 93cc18ac4; backend_parse_balance,
 *   backend.c:3153-3160@v3.4.0) — ../scenario/release-defaults.ts, ./lb-random.ts.
 * - An HTTP proxy has `option abortonclose` unless `no option abortonclose` says otherwise
 *   (commit 644b3dc7d; proxy_abrt_close, include/haproxy/proxy.h:157-174@v3.4.0) — the same file,
 *   and ./modern-abort.ts.
 * - The consistent ring's points are placed again as up to 2.8: 3.0's points hashed the server's
 *   id twice (commit 03e9a5a1e, "fix key calculation when using default hash-key id";
 *   chash_compute_server_key, lb_chash.c:139-141@v3.4.0) — ./hash-balance.ts.
 * - `balance random` breaks a tie of load between two draws by the servers' request rates
 *   (commit b6bdb2553; get_server_rnd, backend.c:596-605@v3.4.0) — ./lb-random.ts.
 */
export const modern34: Algorithm = {
  ...modern32,
  commit: 'v3.4.0',
};
