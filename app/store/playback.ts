import { advance } from './actions';
import { getState } from './index';

/**
 * The one wall-clock loop (G11): while playing, a requestAnimationFrame loop advances the
 * playhead one event every `STEP_MS / speed` ms. Virtual time never drives wall time:
 * a scenario of 3 ms and one of 3 minutes both play event by event.
 */
export const STEP_MS = 450;

let raf = 0;
let last = 0;
let acc = 0;

function frame(now: number): void {
  const { playing, speed } = getState().view;
  if (!playing) {
    raf = 0;
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

export function startPlayback(): void {
  if (raf) return;
  last = performance.now();
  acc = STEP_MS * 0.6; // the first step comes quickly after pressing play
  raf = requestAnimationFrame(frame);
}

export function stopPlayback(): void {
  if (raf) cancelAnimationFrame(raf);
  raf = 0;
}
