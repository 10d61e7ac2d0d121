import { describe, expect, it } from 'vitest';
import { continuousStep, CONTINUOUS_MS } from './playback';

describe('continuous playback of large traces', () => {
  it('plays the whole trace in about CONTINUOUS_MS at 1×, faster with speed, keeping the fraction', () => {
    const n = 330_000;
    let carry = 0;
    let events = 0;
    for (let t = 0; t < CONTINUOUS_MS; t += 16) {
      const s = continuousStep(n, 16, 1, carry);
      carry = s.carry;
      events += s.events;
    }
    expect(Math.abs(events - n)).toBeLessThan(n * 0.01);
    expect(continuousStep(n, 16, 8, 0).events).toBe(Math.floor((16 * 8 * n) / CONTINUOUS_MS));
  });

  it('never stalls: at least 2 events a second', () => {
    let carry = 0;
    let events = 0;
    for (let t = 0; t < 1000; t += 16) {
      const s = continuousStep(10, 16, 1, carry);
      carry = s.carry;
      events += s.events;
    }
    expect(events).toBeGreaterThanOrEqual(1);
  });
});
