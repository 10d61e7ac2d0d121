import { getState } from './index';

/** Traces longer than this play continuously (many events a frame) instead of event by event. */
export const STEP_BY_STEP_MAX = 2_000;
/** A continuous trace plays in about this long at 1×, ms. */
export const CONTINUOUS_MS = 60_000;

/** Events to advance after `dtMs` of wall time at `speed`, for a trace of `n` events (fraction kept in `carry`). */
export function continuousStep(n: number, dtMs: number, speed: number, carry: number): { events: number; carry: number } {
  const rate = Math.max(n / CONTINUOUS_MS, 2 / 1000); // events per ms at 1×
  const x = carry + dtMs * speed * rate;
  const events = Math.floor(x);
  return { events, carry: x - events };
}

/**
 * The one wall-clock loop (G11): while playing, a requestAnimationFrame loop advances the
 * playhead one event every `STEP_MS / speed` ms. Virtual time never drives wall time:
 * a scenario of 3 ms and one of 3 minutes both play event by event.
 */
export const STEP_MS = 450;

/** Moves the playhead; given by the caller (store/actions), so this loop imports no action. */
type Advance = (count?: number) => boolean;

let advance: Advance = () => false;
let raf = 0;
let last = 0;
let acc = 0;

function frame(now: number): void {
  const { playing, speed } = getState().view;
  if (!playing) {
    raf = 0;
    return;
  }
  const n = getState().sim.result?.trace.length ?? 0;
  if (n > STEP_BY_STEP_MAX) {
    // Large runs: the playhead glides, the views repaint from TraceCursor.seek each frame.
    const step = continuousStep(n, Math.min(100, now - last), speed, acc);
    last = now;
    acc = step.carry;
    if (step.events > 0 && !advance(step.events)) {
      raf = 0;
      return;
    }
    raf = requestAnimationFrame(frame);
    return;
  }
  acc += Math.min(250, now - last) * speed;
  last = now;
  // At most one event per frame keeps every step visible even at 8×.
  if (acc >= STEP_MS) {
    acc = Math.min(acc - STEP_MS, STEP_MS);
    if (!advance()) {
      raf = 0;
      return;
    }
  }
  raf = requestAnimationFrame(frame);
}

export function startPlayback(step: Advance): void {
  advance = step;
  if (raf) return;
  last = performance.now();
  const n = getState().sim.result?.trace.length ?? 0;
  acc = n > STEP_BY_STEP_MAX ? 0 : STEP_MS * 0.6; // the first step comes quickly after pressing play
  raf = requestAnimationFrame(frame);
}

export function stopPlayback(): void {
  if (raf) cancelAnimationFrame(raf);
  raf = 0;
}
