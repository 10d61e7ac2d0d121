import { describe, expect, it } from 'vitest';
import { lessonSpeed, LESSON_RUN_MS } from './pace';
import { STEP_MS } from '../store/playback';

describe('lessonSpeed', () => {
  it('plays a typical lesson run (81 events) to its verdict in about the lesson time', () => {
    const s = lessonSpeed(81);
    expect((81 * STEP_MS) / s).toBeCloseTo(LESSON_RUN_MS, -2);
    expect(s).toBeGreaterThan(1);
  });
  it('never plays a short run faster than it is at 1×', () => {
    expect(lessonSpeed(5)).toBe(1);
  });
  it('stays within the speed menu (8× at most)', () => {
    expect(lessonSpeed(2000)).toBe(8);
  });
});
