import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runScenario } from '../run';

/** The servers `balance roundrobin` gives `n` requests, with these weights (undefined: none written). */
function picks(weights: (number | undefined)[], n: number, balance = 'roundrobin'): string[] {
  const text = [
    'backend be', `    balance ${balance}`, '    http-reuse always',
    ...weights.map((w, i) => `    server s${i + 1} 192.0.2.${10 + i}:80${w === undefined ? '' : ` weight ${w}`}`),
    'script', '    open A h1', `    repeat ${n} {`, '        A GET /', '    }', '',
  ].join('\n');
  return runScenario(text).trace.filter((e) => e.kind === 'assign').map((e) => (e as { server: string }).server);
}

describe('weighted roundrobin (lb_fwrr.c)', () => {
  it('equal weights, written or not: plain rotation in configuration order', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 256 }), fc.boolean(), (n, w, written) => {
      const got = picks(Array.from({ length: n }, () => (written ? w : undefined)), 3 * n);
      expect(got).toEqual(Array.from({ length: 3 * n }, (_, i) => `s${(i % n) + 1}`));
    }), { numRuns: 25 });
  });
  it('over a whole turn each server has as many turns as its weight, not one after the other', () => {
    const got = picks([3, 5, 2, 1], 11);
    const count = (s: string) => got.filter((x) => x === s).length;
    expect([count('s1'), count('s2'), count('s3'), count('s4')]).toEqual([3, 5, 2, 1]);
    // The heaviest starts, and never takes more than two turns in a row.
    expect(got[0]).toBe('s2');
    expect(got.join(' ')).not.toMatch(/(s2 ){2}s2/);
  });
  it('a server of weight 0 takes no request', () => {
    expect(picks([1, 0, 1], 6)).toEqual(['s1', 's3', 's1', 's3', 's1', 's3']);
  });
  it('weights with first or leastconn are said not to be modelled', () => {
    for (const balance of ['first', 'leastconn']) {
      const r = runScenario(`backend be\n    balance ${balance}\n    server s1 192.0.2.10:80 weight 3\n    server s2 192.0.2.11:80\n`);
      expect(r.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(new RegExp(`^weight is not modelled with balance ${balance}`))]);
    }
    expect(runScenario('backend be\n    server s1 192.0.2.10:80 weight 3\n').diagnostics).toEqual([]);
  });
});
