import { describe, expect, it } from 'vitest';
import { stepPath, timeToX } from './series';

describe('open-connections chart', () => {
  it('draws steps only where the value changes', () => {
    const d = stepPath([0, 10, 10, 20, 40], [0, 1, 1, 2, 1], 100, 20, 2);
    expect(d).toBe('M0 20H25V10H50V0H100V10H100');
  });
  it('is empty without data or room', () => {
    expect(stepPath([], [], 100, 20, 1)).toBe('');
    expect(stepPath([0], [1], 0, 20, 1)).toBe('');
  });
  it('handles a run at a single instant', () => {
    expect(stepPath([5, 5], [1, 2], 100, 10, 2)).toBe('M0 10H0V5H0V0H100');
  });
  it('maps time to x', () => {
    expect(timeToX(20, [0, 40], 100)).toBe(50);
    expect(timeToX(20, [], 100)).toBe(0);
  });
});
