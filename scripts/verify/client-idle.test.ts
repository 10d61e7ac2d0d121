/**
 * The client-side idle timers of the modern engine (../../core/engines/client-idle.ts) against
 * Debian's HAProxy 2.6.12, where it is installed (CI installs it): which server connection the
 * request after an idle wait gets says whether HAProxy closed the client connection. 2.8.0, 3.0.0
 * and 3.2.0 were run by hand (docs/versions.md). Skipped when `haproxy` is absent.
 */
import { describe, expect, it } from 'vitest';
import { haproxyInstalled as available, matchedRequests as verify } from './scenario-check';

describe.runIf(available)('idle client connections against haproxy', () => {
  it('HTTP/2: closed after timeout http-keep-alive, not timeout client', async () => {
    const real = await verify('client-idle-h2-keepalive.scenario');
    expect(real[1]!.conn).not.toBe(real[0]!.conn);
  }, 30_000);
  it('HTTP/1 in 2.6: the earlier of timeout client and timeout http-keep-alive', async () => {
    const real = await verify('client-idle-h1-keepalive.scenario');
    expect(real[1]!.conn).not.toBe(real[0]!.conn);
  }, 30_000);
  it('HTTP/1 in 2.6 without timeout client: no idle timer at all', async () => {
    const real = await verify('client-idle-h1-no-client-timeout.scenario');
    expect(real[1]!.conn).toBe(real[0]!.conn);
  }, 30_000);
});
