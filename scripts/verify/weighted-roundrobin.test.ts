/**
 * Weighted `balance roundrobin` (lb_fwrr.c) against Debian's HAProxy 2.6.12, where it is
 * installed (CI installs it): the order of the servers over fourteen requests is the engine's.
 * Skipped when `haproxy` is absent.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { haproxyVersion } from './haproxy';
import { verifyText } from './verify-one';

const available = spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;

describe.runIf(available)('weighted roundrobin against haproxy', () => {
  it('weights 3, 5, 1, 2: the real order of the servers is the engine\'s', async () => {
    const name = 'weighted-roundrobin.scenario';
    const r = await verifyText(readFileSync(join(__dirname, 'scenarios', name), 'utf8'), name, {
      haproxy: 'haproxy', binary: haproxyVersion('haproxy'), scale: 1, limitMs: 3000, settleMs: 50, tieMs: 8,
    });
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
    if (r.kind !== 'compared') return;
    const order = r.real.requests.map((q) => q.server);
    // s2 (weight 5) first and most often; not the plain rotation s1 s2 s4 s3 of equal weights.
    expect(order[0]).toBe('s2');
    expect(order.filter((s) => s === 's2').length).toBeGreaterThan(order.filter((s) => s === 's1').length);
  }, 30_000);
});
