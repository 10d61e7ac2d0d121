import { applyEvent, cloneWorld, emptyWorld, type World } from '../model/world';
import type { TraceEvent } from './events';

/**
 * The world at any point of a trace, by replay from the nearest checkpoint
 * (a copy every `every` events), so scrubbing a long run stays cheap.
 */
export class TraceCursor {
  private readonly checkpoints: World[] = [];

  constructor(
    private readonly trace: readonly TraceEvent[],
    private readonly servers: readonly string[],
    private readonly every = 256,
  ) {
    const w = emptyWorld(servers);
    this.checkpoints.push(cloneWorld(w));
    for (let i = 0; i < trace.length; i++) {
      applyEvent(w, trace[i]!);
      if ((i + 1) % every === 0) this.checkpoints.push(cloneWorld(w));
    }
  }

  get length(): number {
    return this.trace.length;
  }

  /** The world after event `index` has been applied (-1: before the first event). */
  at(index: number): World {
    const last = Math.min(Math.max(index, -1), this.trace.length - 1);
    const k = Math.floor((last + 1) / this.every);
    const w = cloneWorld(this.checkpoints[k]!);
    for (let i = k * this.every; i <= last; i++) applyEvent(w, this.trace[i]!);
    return w;
  }

  /** Index of the last event at or before virtual time `t` (µs); -1 if none. */
  indexAtTime(t: number): number {
    let lo = 0;
    let hi = this.trace.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.trace[mid]!.t <= t) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }
}
