import { describe, expect, it } from 'vitest';
import { trailingMean } from './smooth';

describe('trailingMean', () => {
  it('averages the defined values among the last k', () => {
    expect(trailingMean([1, 0, null, 1, 1], 2)).toEqual([1, 0.5, 0, 1, 1]);
  });
  it('is null where the window holds no value', () => {
    expect(trailingMean([null, 1, null, null, null], 2)).toEqual([null, 1, 1, null, null]);
  });
  it('with k = 1 is the values themselves', () => {
    expect(trailingMean([0.25, null, 0.5], 1)).toEqual([0.25, null, 0.5]);
  });
});
