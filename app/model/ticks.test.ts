import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../core';
import { indexToX, matchPath, tickCategory, tickColumns, tickPaths, xToIndex } from './ticks';

const e = (kind: TraceEvent['kind'], extra: Partial<TraceEvent> = {}) =>
  ({ seq: 0, t: 0, kind, decision: 'W', ...extra }) as TraceEvent;

describe('timeline ticks', () => {
  it('maps index to x and back', () => {
    for (const n of [1, 7, 250]) {
      for (let i = -1; i < n; i++) expect(xToIndex(indexToX(i, n, 800, 10), n, 800, 10)).toBe(i);
    }
    expect(xToIndex(-50, 10, 800, 10)).toBe(-1);
    expect(xToIndex(5000, 10, 800, 10)).toBe(9);
    expect(xToIndex(100, 0, 800, 10)).toBe(-1);
  });
  it('categorises events, flags first', () => {
    expect(tickCategory(e('conn.new'))).toBe('new');
    expect(tickCategory(e('reuse.own'))).toBe('reuse');
    expect(tickCategory(e('swap'))).toBe('move');
    expect(tickCategory(e('conn.destroy', { flag: 'orphaned' }))).toBe('flag');
    expect(tickCategory(e('txn.end'))).toBe('other');
  });
  it('collapses events on one pixel into the most important tick', () => {
    const trace = [e('txn.end'), e('conn.destroy'), e('reuse.own')];
    const p = tickPaths(trace, 4, 0, 0, 10); // every event lands on x 1..4, some shared
    const all = Object.values(p).join('');
    expect(all.match(/M/g)!.length).toBeLessThanOrEqual(3);
    const wide = tickPaths(trace, 600, 10, 0, 10);
    expect(wide.destroy).toMatch(/^M\d+ /);
    expect(wide.reuse).not.toBe('');
  });
  it('draws each column of a long run once (compare timeline)', () => {
    const naive = (n: number, width: number, on: (i: number) => boolean) => {
      const xs: number[] = [];
      for (let i = 0; i < n; i++) if (on(i)) xs.push(Math.round(indexToX(i, n, width, 8) * 2) / 2);
      return [...new Set(xs)];
    };
    const even = (i: number) => i % 2 === 0;
    expect(tickColumns(40, 800, 8, even)).toEqual(naive(40, 800, even));
    const many = tickColumns(400_000, 800, 8, even);
    expect(many).toEqual(naive(400_000, 800, even));
    expect(many.length).toBeLessThanOrEqual(2 * (800 - 16) + 1);
    expect(tickColumns(10, 800, 8, () => false)).toEqual([]);
  });
  it('marks each column of the filter matches once, where their events are', () => {
    const n = 100_000;
    const matches = [0, 1, 2, 50_000, 99_999];
    const d = matchPath(matches, n, 808, 4, 2, 16);
    // The first three events share a pixel column.
    const xs = [...d.matchAll(/M(\d+) 2V18/g)].map((m) => Number(m[1]));
    expect(xs).toEqual([...new Set(matches.map((i) => Math.round(indexToX(i, n, 808, 4))))]);
    expect(xs).toHaveLength(3);
    expect(matchPath([], n, 808, 4, 2, 16)).toBe('');
  });
});
