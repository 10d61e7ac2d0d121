import { describe, expect, it } from 'vitest';
import { indexAtOrBefore, stepPoints } from './steps';

describe('stepPoints', () => {
  it('keeps only the points where the value changes, from 0, to the end', () => {
    const p = stepPoints([0, 10, 10, 20, 40, 50], [0, 1, 1, 2, 1, 1], 100);
    expect(p.x).toEqual([0, 10, 20, 40, 50]);
    expect(p.y).toEqual([0, 1, 2, 1, 1]);
  });
  it('converts x by the scale (µs to ms)', () => {
    expect(stepPoints([1000, 3000], [1, 0], 100, 1 / 1000)).toEqual({ x: [1, 1, 3], y: [0, 1, 0] });
  });
  it('is empty without events', () => {
    expect(stepPoints([], [], 100)).toEqual({ x: [], y: [] });
  });
  it('keeps every peak when it must thin out the points', () => {
    const n = 10_000;
    const times = Array.from({ length: n }, (_, i) => i);
    // A saw tooth with one tall spike in the middle.
    const values = times.map((i) => (i === 5003 ? 500 : i % 7));
    const p = stepPoints(times, values, 300);
    expect(p.x.length).toBeLessThanOrEqual(302);
    expect(Math.max(...p.y)).toBe(500);
    expect(p.x[p.x.indexOf(Math.max(...p.x))]).toBe(n - 1);
    for (let i = 1; i < p.x.length; i++) expect(p.x[i]).toBeGreaterThanOrEqual(p.x[i - 1]);
  });
});

describe('indexAtOrBefore', () => {
  it('finds the last x at or before a value', () => {
    expect(indexAtOrBefore([0, 10, 10, 20], 10)).toBe(2);
    expect(indexAtOrBefore([0, 10, 20], 15)).toBe(1);
    expect(indexAtOrBefore([5, 10], 1)).toBe(-1);
  });
});
