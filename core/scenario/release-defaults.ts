/**
 * What a configuration leaves unwritten means something else in a later release: applied to the
 * compiled configuration once the engine's release is known (compile.ts). Pure.
 *
 * Since 3.3, and so under `engine modern 3.4`:
 * - a backend without `balance` balances at random (commit 93cc18ac4, first in v3.3-dev8;
 *   backend.c and cfgparse.c at v3.4.0), not roundrobin;
 * - an HTTP proxy without `option abortonclose` or `no option abortonclose` has it on (commit
 *   644b3dc7d, first in v3.3-dev10: proxy_abrt_close, include/haproxy/proxy.h:157-174 of v3.4.0).
 */
import type { SimConfig } from '../model/config';
import { since } from '../model/names';

export function withReleaseDefaults(config: SimConfig): SimConfig {
  if (config.engine !== 'modern' || !since(config.modernVersion, '3.4')) return config;
  return {
    ...config,
    backends: config.backends.map((b) => ({
      ...b,
      ...(b.balanceDefault ? { balance: 'random' as const } : {}),
      ...(b.abortOnClose === undefined ? { abortOnClose: true, abortOnCloseByDefault: true } : {}),
    })),
  };
}
