/**
 * http-request set-src hdr_ip(…) against Debian's HAProxy 2.6.12, where it is installed (CI
 * installs it): the request is routed by the address the header gives, the next request on the
 * same connection by the real one, a value with a port by its address, and one that is no address
 * by the real one (scenarios/set-src-hdr-ip.scenario; it also matches 3.0.0 and 3.4.0). Skipped
 * when `haproxy` is absent.
 */
import { describe, expect, it } from 'vitest';
import { haproxyInstalled as available, verifyScenario } from './scenario-check';

describe.runIf(available)('set-src against haproxy', () => {
  it("routes each request by the address its X-Real-IP gives, for that request only", async () => {
    const r = await verifyScenario('set-src-hdr-ip.scenario');
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
    if (r.kind !== 'compared') return;
    expect(r.real.requests.map((q) => q.server)).toEqual(['s1', 's2', 's2', 's1', 's2']);
  }, 30_000);
});
