import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findExample, runScenario } from '../../core';
import { diffRuns, mergeTimelines, playheads, stepForA, summarySentence } from './diff';

const run = (id: string, engine: 'seed' | 'parent' | 'modern') => runScenario(findExample(id)!.text, { engine });

describe('compare: run diff', () => {
  it('SC02: the seed opens one connection, the parent three; requests 2 and 3 used another connection', () => {
    const d = diffRuns(run('sc02', 'seed'), run('sc02', 'parent'));
    const opened = d.totals.find((t) => t.key === 'opened')!;
    expect([opened.a, opened.b]).toEqual([1, 3]);
    expect(d.totals.find((t) => t.key === 'reused')).toMatchObject({ a: 2, b: 0 });
    expect(d.requests.map((r) => r.differs)).toEqual([false, true, true]);
    expect(d.differing).toBe(2);
    expect(summarySentence(d, 'seed', 'parent')).toBe(
      'The parent opens 2 more connections, reuses a connection 2 fewer times and destroys 2 more connections than the seed; 2 of 3 requests used a different connection.',
    );
    expect(d.requests[1]).toMatchObject({ label: 'A GET /3', a: { conn: 'c1', openedBy: 'r1', reused: true }, b: { conn: 'c2', openedBy: 'r2', reused: false } });
  });

  it('SC07 is served alike by seed and parent', () => {
    const d = diffRuns(run('sc07', 'seed'), run('sc07', 'parent'));
    expect(d.differing).toBe(0);
    expect(d.totals.every((t) => t.a === t.b)).toBe(true);
    expect(summarySentence(d, 'seed', 'parent')).toBe('The parent serves every request as the seed does.');
  });

  it('a run compared with itself has no difference (every example, every engine)', () => {
    for (const id of ['sc01', 'sc05', 'sc10', 'sc14']) {
      for (const e of ['seed', 'parent', 'modern'] as const) {
        const r = run(id, e);
        expect(diffRuns(r, r).differing).toBe(0);
      }
    }
  });

  it('connections are compared by the request that opened them, not by their number', () => {
    // Same connections, opened in another order: c1/c2 swapped names but the same use.
    const mk = (c1First: boolean) => ({
      totals: { requests: 2, opened: 2, reused: 0, swapped: 0, destroyed: 0 },
      world: {
        requests: new Map([
          ['r1', { id: 'r1', client: 'A', method: 'GET', path: '/', conn: c1First ? 'c1' : 'c2', reused: false, server: 'X', error: null }],
          ['r2', { id: 'r2', client: 'B', method: 'GET', path: '/', conn: c1First ? 'c2' : 'c1', reused: false, server: 'X', error: null }],
        ]),
        conns: new Map([
          ['c1', { requests: [c1First ? 'r1' : 'r2'] }],
          ['c2', { requests: [c1First ? 'r2' : 'r1'] }],
        ]),
      },
    });
    // @ts-expect-error: partial worlds are enough for the diff
    expect(diffRuns(mk(true), mk(false)).differing).toBe(0);
  });
});

describe('compare: merged timeline', () => {
  it('orders by time, a first at equal times, and tracks both playheads', () => {
    const m = mergeTimelines([{ t: 0 }, { t: 5 }, { t: 5 }], [{ t: 0 }, { t: 3 }, { t: 9 }]);
    expect(m.steps.map((s) => `${'ab'[s.side]}${s.index}@${s.t}`)).toEqual(['a0@0', 'b0@0', 'b1@3', 'a1@5', 'a2@5', 'b2@9']);
    expect(playheads(m, -1)).toEqual({ a: -1, b: -1, t: 0 });
    expect(playheads(m, 0)).toEqual({ a: 0, b: -1, t: 0 });
    expect(playheads(m, 2)).toEqual({ a: 0, b: 1, t: 3 });
    expect(playheads(m, 99)).toEqual({ a: 2, b: 2, t: 9 });
    expect(stepForA(m, 1)).toBe(3);
    expect(stepForA(m, 2)).toBe(5);
  });

  it('property: every step is shown once, times never go back, playheads never go back', () => {
    const times = fc.array(fc.nat(50), { maxLength: 40 }).map((a) => a.sort((x, y) => x - y).map((t) => ({ t })));
    fc.assert(
      fc.property(times, times, (a, b) => {
        const m = mergeTimelines(a, b);
        expect(m.steps.length).toBe(a.length + b.length);
        for (let k = 1; k < m.steps.length; k++) {
          expect(m.steps[k].t).toBeGreaterThanOrEqual(m.steps[k - 1].t);
          expect(m.aAt[k]).toBeGreaterThanOrEqual(m.aAt[k - 1]);
          expect(m.bAt[k]).toBeGreaterThanOrEqual(m.bAt[k - 1]);
        }
        for (let k = 0; k < m.steps.length; k++) {
          const p = playheads(m, k);
          if (p.a >= 0) expect(a[p.a].t).toBeLessThanOrEqual(p.t);
          if (p.b >= 0) expect(b[p.b].t).toBeLessThanOrEqual(p.t);
        }
      }),
    );
  });
});
