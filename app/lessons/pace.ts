import { STEP_MS } from '../store/playback';

/** A lesson's run, from the prediction to the verdict, takes about this long (wall time, ms). */
export const LESSON_RUN_MS = 9_000;

/**
 * The playback speed for a lesson's run of `events` events (issue 19: at 1× a step's run took
 * over 30 s before its verdict): fast enough to reach the verdict in about LESSON_RUN_MS,
 * never slower than 1× nor faster than the 8× the speed menu allows (every step stays visible).
 */
export function lessonSpeed(events: number): number {
  const atOne = events * STEP_MS;
  return Math.max(1, Math.min(8, atOne / LESSON_RUN_MS));
}
