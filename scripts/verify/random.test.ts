/**
 * `balance random` against Debian's HAProxy 2.6.12, where it is installed (CI installs it). The
 * draws are random on both sides, so what is compared is the share each server gets: the engine's
 * ring (the servers' points, as HAProxy places them) gives the share a draw lands on s2, the binary's
 * picks must fall within a wide binomial margin of it (5 standard deviations: a false failure about
 * once in two million runs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../core/run';
import type { TraceEvent } from '../../core/trace/events';
import { haproxyVersion } from './haproxy';
import { haproxyInstalled as available, verifyScenario } from './scenario-check';
import { verifyText } from './verify-one';

const NAME = 'random-weights.scenario';

/** s2's share of the engine's picks over many requests (the ring's share of s2, the draws aside). */
function engineShare(): number {
  const text = readFileSync(join(import.meta.dirname, 'scenarios', NAME), 'utf8').replace('repeat 200', 'repeat 20000');
  const trace = runScenario(text, { maxEvents: 5_000_000 }).trace as readonly TraceEvent[];
  let s2 = 0;
  let n = 0;
  for (const e of trace) {
    if (e.kind !== 'assign') continue;
    n++;
    if ((e as { server?: string }).server === 's2') s2++;
  }
  return s2 / n;
}

describe.runIf(available)('balance random against haproxy', () => {
  it('each server gets its share of the ring, as the engine has it', async () => {
    const p = engineShare();
    // Weight 3 against 1: about three quarters, as the ring's arcs fall.
    expect(p).toBeGreaterThan(0.6);
    expect(p).toBeLessThan(0.9);
    const r = await verifyScenario(NAME);
    if (r.kind !== 'compared') throw new Error(`${NAME}: not compared`);
    const picks = r.real.requests.map((q) => q.server);
    expect(picks.every((s) => s === 's1' || s === 's2')).toBe(true);
    const n = picks.length;
    const s2 = picks.filter((s) => s === 's2').length;
    expect(Math.abs(s2 - p * n)).toBeLessThanOrEqual(5 * Math.sqrt(n * p * (1 - p)));
  }, 60_000);

  it('ten idle servers get their shares of the ring, unevenly: 2.6 has no tie-break on the request rate (3.4 has)', async () => {
    const text = readFileSync(join(import.meta.dirname, '../../core/test/random-real/random-rate-ties.scenario'), 'utf8').replace('engine modern 3.4', 'engine modern');
    const r = await verifyText(text, 'random-rate-ties (2.6)', { haproxy: 'haproxy', binary: haproxyVersion('haproxy'), scale: 1, limitMs: 3000, settleMs: 50, tieMs: 8 });
    if (r.kind !== 'compared') throw new Error('random-rate-ties: not compared');
    const counts = new Map<string, number>();
    for (const q of r.real.requests) counts.set(q.server ?? '', (counts.get(q.server ?? '') ?? 0) + 1);
    const v = [...counts.values()];
    const sd = Math.sqrt(v.reduce((a, x) => a + (x - r.real.requests.length / v.length) ** 2, 0) / v.length);
    // 2.6.12 gave 45 to 83 requests (sd 10); 3.4.0 gave 58 to 61 (core/engines/lb-random.test.ts).
    expect(r.real.requests).toHaveLength(600);
    expect(sd).toBeGreaterThan(5);
  }, 60_000);
});
