/**
 * The purge of idle server connections against Debian's HAProxy 2.6.12, where it is installed (CI
 * installs it): with every timeout at 60 s, an idle connection is closed at the third purge after its
 * last request, so a request after 16 s of quiet opens a new one (haproxy/haproxy#3033); with
 * `pool-purge-delay 30s` the same connection serves it (scenarios/idle-purge*.scenario, played at a
 * fifth of real time: --scale 0.2 shrinks the waits and the written delays together; both also match
 * 3.0.0 and 3.4.0); idle connections go before safe ones (scenarios/purge-order.scenario). Skipped
 * when `haproxy` is absent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { haproxyVersion } from './haproxy';
import { haproxyInstalled as available } from './scenario-check';
import { verifyText } from './verify-one';

async function realConns(name: string): Promise<(string | null)[]> {
  const r = await verifyText(readFileSync(join(import.meta.dirname, 'scenarios', name), 'utf8'), name, {
    haproxy: 'haproxy', binary: haproxyVersion('haproxy'), scale: 0.2, limitMs: 3000, settleMs: 50, tieMs: 8,
  });
  expect(r.kind === 'compared' && r.verdict.outcome, name).toBe('match');
  if (r.kind !== 'compared') return [];
  return r.real.requests.map((q) => q.conn);
}

describe.runIf(available)('the idle-connection purge against haproxy', () => {
  it('closes a connection left idle at the third purge: the request after 16 s of quiet opens another', async () => {
    const [c1, c2, c3] = await realConns('idle-purge.scenario');
    expect(c2).toBe(c1);
    expect(c3).not.toBe(c1);
  }, 30_000);

  it('closes idle connections before safe ones at 2.6: the safe c1 pooled first outlives c2 and c3', async () => {
    // At scale 1: the scenario has no written delay to shrink. Since 2.9 the oldest pooled goes first
    // (c1, then c2: A's /a3 gets c3); that was checked with 3.0.0, 3.2.0 and 3.4.0 built from their tags.
    const r = await verifyText(readFileSync(join(import.meta.dirname, 'scenarios', 'purge-order.scenario'), 'utf8'), 'purge-order.scenario', {
      haproxy: 'haproxy', binary: haproxyVersion('haproxy'), scale: 1, limitMs: 3000, settleMs: 50, tieMs: 8,
    });
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
    if (r.kind !== 'compared') return;
    const conns = r.real.requests.map((q) => q.conn);
    expect(conns[4]).toBe(conns[0]);
  }, 30_000);

  it('with pool-purge-delay 30s the same connection serves all three requests', async () => {
    const conns = await realConns('idle-purge-30s.scenario');
    expect(new Set(conns).size).toBe(1);
  }, 30_000);
});
