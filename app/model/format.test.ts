import { describe, expect, it } from 'vitest';
import { formatAxis, formatCount, formatMs, formatPercent, formatSpeed, limitOf, plural, reuseRatio } from './format';

describe('format', () => {
  it('formats microseconds as milliseconds with three decimals', () => {
    expect(formatMs(0)).toBe('0.000 ms');
    expect(formatMs(12_345)).toBe('12.345 ms');
    expect(formatMs(2_000_000)).toBe('2000.000 ms');
  });
  it('groups the digits of counts', () => {
    expect(formatCount(7)).toBe('7');
    expect(formatCount(12_345)).toBe('12,345');
    expect(formatCount(1_000_000)).toBe('1,000,000');
  });
  it('formats axis labels compactly', () => {
    expect(formatAxis(0)).toBe('0');
    expect(formatAxis(250_000)).toBe('250 ms');
    expect(formatAxis(1_500_000)).toBe('1.5 s');
    expect(formatAxis(2_500)).toBe('2.5 ms');
  });
  it('computes the reuse ratio over acquisitions', () => {
    expect(reuseRatio({ opened: 1, reused: 2 })).toBeCloseTo(2 / 3);
    expect(reuseRatio({ opened: 0, reused: 0 })).toBeNull();
    expect(formatPercent(reuseRatio({ opened: 1, reused: 2 }))).toBe('67 %');
    expect(formatPercent(null)).toBe('—');
  });
  it('pluralises and labels speeds', () => {
    expect(plural(1, 'error')).toBe('1 error');
    expect(plural(3, 'error')).toBe('3 errors');
    expect(formatSpeed(0.25)).toBe('¼×');
    expect(formatSpeed(8)).toBe('8×');
  });
});

describe('limitOf', () => {
  it('names what each runaway guard counted', () => {
    expect(limitOf('events', 1_000_000)).toBe('1,000,000 events');
    expect(limitOf('time', 5)).toBe('virtual time');
    expect(limitOf('clients', 5)).toBe('100,000 clients');
  });
});
