import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runScenario } from '../../core';
import { filterWords, lowerBound, scanTrace, stepMatch } from './logFilter';

// The log's two-client run, which e2e/log-filter.spec.ts types into the page too.
const run = runScenario(readFileSync(new URL('../views/EventLog/two-clients.scenario', import.meta.url), 'utf8'));
const trace = run.trace;
const pick = (text: string) => {
  const out: number[] = [];
  scanTrace(trace, filterWords(text), 0, trace.length, out);
  return out.map((i) => trace[i]!);
};

describe('event log filter', () => {
  it('splits words on spaces and commas', () => {
    expect(filterWords('  C1, R3n  swap ')).toEqual(['C1', 'R3n', 'swap']);
    expect(filterWords(' , ')).toEqual([]);
  });

  it('finds the destroys of one connection by a part of the kind and its id', () => {
    expect(run.totals.destroyed).toBeGreaterThan(1);
    const destroys = pick('destroy');
    expect(destroys.length).toBe(run.totals.destroyed);
    expect(destroys.every((e) => e.kind === 'conn.destroy')).toBe(true);
    const one = pick('c1 DESTROY');
    expect(one.map((e) => [e.kind, e.conn])).toEqual([['conn.destroy', 'c1']]);
    // Either part of a kind, in any case; a flag likewise.
    expect(pick('LIST').every((e) => e.kind.startsWith('list.'))).toBe(true);
    expect(pick('list').length).toBeGreaterThan(0);
    expect(pick('add').every((e) => e.kind === 'list.add')).toBe(true);
    expect(pick('conn.destroy')).toEqual(destroys);
  });

  it('tells decisions from ids by their case, and finds every event of a request', () => {
    const r3n = pick('R3n');
    expect(r3n.length).toBeGreaterThan(0);
    expect(r3n.every((e) => e.decision === 'R3n')).toBe(true);
    // C1 is the mode decision, c1 a connection.
    const mode = pick('C1');
    expect(mode.length).toBe(run.totals.requests);
    expect(mode.every((e) => e.kind === 'mode')).toBe(true);
    expect(pick('c1').every((e) => e.conn === 'c1' || e.otherConn === 'c1')).toBe(true);
    const a = pick('A');
    expect(a.length).toBeGreaterThan(0);
    expect(a.every((e) => [e.client, e.session, e.holder].includes('A'))).toBe(true);
    // R2 is the search of the lists, r2 the second request.
    expect(pick('R2').every((e) => e.kind === 'reuse.search')).toBe(true);
    const r2 = pick('r2');
    expect(r2[0]!.kind).toBe('request.send');
    expect(r2.every((e) => e.request === 'r2')).toBe(true);
    // Words are ANDed, and a word naming nothing lets nothing through.
    expect(pick('r2 c99')).toEqual([]);
  });

  it('gives the same matches scanned in slices as in one go', () => {
    const words = ['s1'];
    const whole: number[] = [];
    scanTrace(trace, words, 0, trace.length, whole);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: trace.length - 1 }), { maxLength: 6 }), (cuts) => {
        const bounds = [0, ...cuts.sort((x, y) => x - y), trace.length];
        const sliced: number[] = [];
        for (let k = 0; k + 1 < bounds.length; k++) scanTrace(trace, words, bounds[k]!, bounds[k + 1]!, sliced);
        expect(sliced).toEqual(whole);
      }),
    );
    expect(whole.map((i) => trace[i]!.server)).toEqual(whole.map(() => 's1'));
    expect(whole.length).toBe(trace.filter((e) => e.server === 's1').length);
  });

  it('steps from match to match around any playhead', () => {
    const m = [3, 7, 12];
    expect(lowerBound(m, 0)).toBe(0);
    expect(lowerBound(m, 7)).toBe(1);
    expect(lowerBound(m, 13)).toBe(3);
    expect(stepMatch(m, 7, 1)).toBe(12);
    expect(stepMatch(m, 7, -1)).toBe(3);
    expect(stepMatch(m, 8, 1)).toBe(12);
    expect(stepMatch(m, 8, -1)).toBe(7);
    expect(stepMatch(m, -1, 1)).toBe(3);
    expect(stepMatch(m, 12, 1)).toBeNull();
    expect(stepMatch(m, 3, -1)).toBeNull();
  });
});
