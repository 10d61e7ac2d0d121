import { applyEvent, type World } from '../model/world';
import { forEachEvent, indexAtTime, passAt, type Trace } from '../trace/trace';
import { newIndexes, newVersions, restore, slotWorld, snapshot, SnapshotTaker, type Indexes, type Snapshot, type Versions } from './snapshot';

/** Checkpoints kept for a trace: enough to bound replay, few enough to bound memory. */
const MAX_CHECKPOINTS = 1024;
/**
 * Fewest events between checkpoints per entity of the world. A checkpoint shares unchanged
 * entities with the one before (snapshot.ts), but still lists every entity (a reference and a
 * slot number each): a quarter of the world's size in events keeps that at four of each per
 * event, while a seek in a 10,000-client world (~40,000 entities) replays at most ~10,000 events.
 */
const ENTITY_GAP = 1 / 4;

export interface CursorOptions {
  /** Fewest events between two checkpoints (default 256; grows for long traces). */
  readonly every?: number;
  /** False: worlds drop closed connections, ended streams and finished requests (`World.retain`). */
  readonly retain?: boolean;
  /** Take no checkpoint yet: the trace may still grow, `extend` takes them (in slices). */
  readonly deferred?: boolean;
}

/**
 * The world at any point of a trace, by replay from the nearest checkpoint, so
 * scrubbing a long run stays cheap. A checkpoint is taken every `every` events, and
 * never sooner than a quarter of the world's size in events, so that listing a large
 * world's entities costs no more than replaying to the next one (building and memory stay
 * linear in the trace); past 1,024 checkpoints every other one is dropped and `every` doubles.
 * A seek restores a checkpoint into the world it gave last time, in place (snapshot.ts).
 */
export class TraceCursor {
  /** Checkpoint k is the world after the first `points[k]` events. */
  private readonly points: number[] = [0];
  private readonly snaps: Snapshot[];
  /** The last version of each entity of the builder's world, shared by the checkpoints. */
  private readonly versions: Versions = newVersions();
  /** Entity slots, shared by every world of this cursor. */
  private readonly ix: Indexes = newIndexes();
  private readonly retain: boolean;
  private minGap: number;
  /** The world after the first `built` events: where `extend` goes on. */
  private builder: World;
  private built = 0;
  /** A checkpoint being taken (of the world after `built` events): the builder waits for it. */
  private copy: SnapshotTaker | null = null;
  /** The world `seek` gives: the builder's, or `scratch`; kept between calls, so that playing forward applies only the new events. */
  private work: World | null = null;
  private workIndex = -1;
  /** The world `seek` restores checkpoints into, in place (its entity objects are reused). */
  private scratch: World | null = null;

  constructor(
    private readonly trace: Trace,
    private readonly servers: readonly string[],
    opts: number | CursorOptions = 256,
  ) {
    const o: CursorOptions = typeof opts === 'number' ? { every: opts } : opts;
    this.retain = o.retain ?? true;
    this.minGap = Math.max(1, o.every ?? 256, o.deferred ? 0 : Math.ceil(trace.length / MAX_CHECKPOINTS));
    this.builder = slotWorld(servers, this.retain, this.ix, true);
    this.snaps = [snapshot(this.builder, this.versions)];
    if (!o.deferred) this.extend();
  }

  /** Fewest events between two checkpoints. */
  get every(): number {
    return this.minGap;
  }

  get length(): number {
    return this.trace.length;
  }

  /** Checkpoints held now (at most 1,025). */
  get checkpoints(): number {
    return this.points.length;
  }

  /** Entity copies the checkpoints hold (each shares the rest with the one before). */
  get copies(): number {
    let n = 0;
    for (const s of this.snaps) n += s.made;
    return n;
  }

  /** Events covered so far (`length` once `extend` has caught up). */
  get ready(): number {
    return this.copy ? this.built - 1 : this.built;
  }

  /**
   * Goes on through the trace (which may have grown since) for about `budget` units of
   * work — an event applied or an entity copied into a checkpoint — so that a caller
   * can spread the work over short tasks. True when every event so far is covered.
   */
  extend(budget = Number.POSITIVE_INFINITY): boolean {
    this.build(this.trace.length, budget);
    return this.ready >= this.trace.length;
  }

  private build(until: number, budget: number): void {
    const w = this.builder;
    let left = budget;
    while (left > 0) {
      if (this.copy) {
        left -= this.copy.step(left);
        if (!this.copy.result) continue;
        this.points.push(this.built);
        this.snaps.push(this.copy.result);
        this.copy = null;
        if (this.points.length > MAX_CHECKPOINTS) this.thin();
        continue;
      }
      if (this.built >= until) break;
      if (this.work === w) this.work = null; // seek() was reading the builder's world
      applyEvent(w, passAt(this.trace, this.built));
      this.built++;
      left--;
      const since = this.built - this.points[this.points.length - 1]!;
      if (since >= this.minGap && since >= ENTITY_GAP * (w.conns.size + w.sessions.size + w.streams.size + w.requests.size)) {
        this.copy = new SnapshotTaker(w, this.versions);
      }
    }
  }

  /** A world of its own after event `index` has been applied (-1: before the first event). */
  at(index: number): World {
    const last = this.clamp(index);
    if (last >= this.ready) this.build(last + 1, Number.POSITIVE_INFINITY);
    return this.replayInto(slotWorld(this.servers, this.retain, this.ix), last);
  }

  /** Restores the last checkpoint at or before `last` into `w`, and replays to `last`. */
  private replayInto(w: World, last: number): World {
    const k = this.checkpointAtOrBefore(last + 1);
    restore(w, this.snaps[k]!);
    forEachEvent(this.trace, this.points[k]!, last + 1, (e) => applyEvent(w, e));
    return w;
  }

  /**
   * The world after the last event, without a copy: the cursor's own, built to the end (the
   * final world of a finished run, for its report and compare's request table; copying a
   * 10,000-client world took a long task). Read it, do not change it; the trace must not grow.
   */
  final(): World {
    this.build(this.trace.length, Number.POSITIVE_INFINITY);
    return this.builder;
  }

  /**
   * The world after event `index`, shared between calls (read it, do not change it):
   * moving forward applies only the events in between, when that is cheaper than
   * starting again from the nearest checkpoint.
   */
  seek(index: number): World {
    const last = this.clamp(index);
    const from = this.points[this.checkpointAtOrBefore(last + 1)]!;
    const own = this.work !== this.builder || last === this.workIndex; // never replay into the builder
    if (this.work && own && last >= this.workIndex && (this.workIndex + 1 >= from || last - this.workIndex <= this.minGap)) {
      const work = this.work;
      forEachEvent(this.trace, this.workIndex + 1, last + 1, (e) => applyEvent(work, e));
    } else if (last === this.built - 1 && !this.copy) {
      // The end of what was built (a finished run): the builder's world, no copy.
      this.work = this.builder;
    } else {
      if (last >= this.ready) this.build(last + 1, Number.POSITIVE_INFINITY);
      this.scratch ??= slotWorld(this.servers, this.retain, this.ix);
      this.work = this.replayInto(this.scratch, last);
    }
    this.workIndex = last;
    return this.work;
  }

  /** Index of the last event at or before virtual time `t` (µs); -1 if none. */
  indexAtTime(t: number): number {
    return indexAtTime(this.trace, t);
  }

  /** Keeps the first checkpoint and every other one after it. */
  private thin(): void {
    let j = 1;
    for (let i = 2; i < this.points.length; i += 2, j++) {
      this.points[j] = this.points[i]!;
      this.snaps[j] = this.snaps[i]!;
    }
    this.points.length = j;
    this.snaps.length = j;
    this.minGap *= 2;
  }

  /** The last checkpoint taken after at most `events` events (binary search). */
  private checkpointAtOrBefore(events: number): number {
    let lo = 0;
    let hi = this.points.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.points[mid]! <= events) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private clamp(index: number): number {
    return Math.min(Math.max(index, -1), this.trace.length - 1);
  }
}
