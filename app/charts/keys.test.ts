import { describe, expect, it } from 'vitest';
import { nearestSeries, stepIndex } from './keys';

describe('nearestSeries', () => {
  const toPos = (v: number) => 100 - v; // y grows upwards
  it('picks the line drawn nearest to the pointer at that point', () => {
    const s = [
      [1, 10],
      [5, 50],
      [9, 90],
    ];
    expect(nearestSeries(s, 1, 100 - 48, toPos)).toBe(1);
    expect(nearestSeries(s, 1, 100 - 85, toPos)).toBe(2);
    expect(nearestSeries(s, 0, 100, toPos)).toBe(0);
  });
  it('skips lines without a value there', () => {
    expect(nearestSeries([[null], [3]], 0, 100, toPos)).toBe(1);
  });
});

describe('stepIndex', () => {
  it('moves and clamps', () => {
    expect(stepIndex(5, 2, 1)).toBe(3);
    expect(stepIndex(5, 4, 1)).toBe(4);
    expect(stepIndex(5, 1, -1, 10)).toBe(0);
  });
  it('starts at an end when nothing is selected', () => {
    expect(stepIndex(5, -1, 1)).toBe(0);
    expect(stepIndex(5, -1, -1)).toBe(4);
    expect(stepIndex(0, -1, 1)).toBe(-1);
  });
});
