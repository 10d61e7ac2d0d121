import { applyEvent, cloneWorld, emptyWorld, type World } from '../model/world';
import type { TraceEvent } from './events';

/** Checkpoints kept for a trace: enough to bound replay, few enough to bound memory. */
const MAX_CHECKPOINTS = 256;

/**
 * The world at any point of a trace, by replay from the nearest checkpoint, so
 * scrubbing a long run stays cheap. Checkpoints are taken every `every` events
 * (at least 256, more for long traces so that at most 256 copies are kept).
 */
export class TraceCursor {
  private readonly checkpoints: World[] = [];
  readonly every: number;
  /** A world kept between `seek` calls, so that playing forward applies only the new events. */
  private work: World | null = null;
  private workIndex = -1;

  constructor(
    private readonly trace: readonly TraceEvent[],
    private readonly servers: readonly string[],
    every = 256,
  ) {
    this.every = Math.max(every, Math.ceil(trace.length / MAX_CHECKPOINTS));
    const w = emptyWorld(servers);
    this.checkpoints.push(cloneWorld(w));
    for (let i = 0; i < trace.length; i++) {
      applyEvent(w, trace[i]!);
      if ((i + 1) % this.every === 0) this.checkpoints.push(cloneWorld(w));
    }
  }

  get length(): number {
    return this.trace.length;
  }

  /** A fresh copy of the world after event `index` has been applied (-1: before the first event). */
  at(index: number): World {
    const last = this.clamp(index);
    const k = Math.floor((last + 1) / this.every);
    const w = cloneWorld(this.checkpoints[k]!);
    for (let i = k * this.every; i <= last; i++) applyEvent(w, this.trace[i]!);
    return w;
  }

  /**
   * The world after event `index`, shared between calls (read it, do not change it):
   * moving forward a little applies only the events in between.
   */
  seek(index: number): World {
    const last = this.clamp(index);
    if (this.work && last >= this.workIndex && last - this.workIndex <= this.every) {
      for (let i = this.workIndex + 1; i <= last; i++) applyEvent(this.work, this.trace[i]!);
    } else {
      this.work = this.at(last);
    }
    this.workIndex = last;
    return this.work;
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

  private clamp(index: number): number {
    return Math.min(Math.max(index, -1), this.trace.length - 1);
  }
}
