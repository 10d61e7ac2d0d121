/**
 * Server weights with `balance roundrobin` (lb_fwrr.c) and `leastconn` (lb_fwlc.c) against
 * Debian's HAProxy 2.6.12, where it is installed (CI installs it): the order of the servers is
 * the engine's. Skipped when `haproxy` is absent.
 */
import { describe, expect, it } from 'vitest';
import { haproxyInstalled as available, verifyScenario } from './scenario-check';

const verify = verifyScenario;

describe.runIf(available)('server weights against haproxy', () => {
  it('roundrobin, weights 3, 5, 1, 2: the real order of the servers is the engine\'s', async () => {
    const r = await verify('weighted-roundrobin.scenario');
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
    if (r.kind !== 'compared') return;
    const order = r.real.requests.map((q) => q.server);
    // s2 (weight 5) first and most often; not the plain rotation s1 s2 s4 s3 of equal weights.
    expect(order[0]).toBe('s2');
    expect(order.filter((s) => s === 's2').length).toBeGreaterThan(order.filter((s) => s === 's1').length);
  }, 30_000);

  it('leastconn, weights 1, 3, 2: six requests at once fill the heavier servers more', async () => {
    const r = await verify('weighted-leastconn.scenario');
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
    if (r.kind !== 'compared') return;
    expect(r.real.requests.map((q) => q.server)).toEqual(['s1', 's2', 's3', 's2', 's3', 's2']);
  }, 30_000);
});
