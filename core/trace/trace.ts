import type { EventKind, TraceEvent } from './events';
import { eventStarts, kindAtWord, PackedDecoder, timeOfEvent, type PackedChunk } from './packed';

/**
 * A trace as its readers see it: read-only, by index or in order. An array of events is one
 * (a synchronous run, the CLI, tests); a run of the page's worker is a PackedTrace, which keeps
 * the packed chunks as they arrived and builds an event only when something reads it. Readers
 * use `at`, iteration, or the helpers below (which read a packed trace's words directly where
 * they can: times, kinds, counts).
 */
export interface Trace extends Iterable<TraceEvent> {
  readonly length: number;
  /** Event `index` (undefined out of range), as `Array.prototype.at` for 0 ≤ index < length. */
  at(index: number): TraceEvent | undefined;
}

/** Event `i` of a trace, which must exist. */
export function eventAt(trace: Trace, i: number): TraceEvent {
  const e = trace.at(i);
  if (e === undefined || i < 0) throw new RangeError(`no event ${i} in a trace of ${trace.length}`);
  return e;
}

/** Anything with a time per index: a trace, or an array of timed things (a test's). */
export type Timed = Trace | readonly { readonly t: number }[];

/**
 * Event `i`, which must exist, read as part of a pass over the trace (the checkpoints): a packed
 * trace reads it from the chunk of its passes, leaving the chunks read by index where they are.
 */
export function passAt(trace: Trace, i: number): TraceEvent {
  return trace instanceof PackedTrace ? trace.passAt(i) : eventAt(trace, i);
}

/** The time of event `i` (µs), without building it when the trace is packed. */
export function timeAt(trace: Timed, i: number): number {
  if (trace instanceof PackedTrace) return trace.timeAt(i);
  if (Array.isArray(trace)) return (trace as readonly { readonly t: number }[])[i]!.t;
  return eventAt(trace as Trace, i).t;
}

/** The kind of event `i`, without building it when the trace is packed. */
export function kindAt(trace: Trace, i: number): EventKind {
  return trace instanceof PackedTrace ? trace.kindAt(i) : eventAt(trace, i).kind;
}

/** Calls `fn` on events `from` .. `to - 1`, in order (a packed trace decodes chunk by chunk). */
export function forEachEvent(trace: Trace, from: number, to: number, fn: (e: TraceEvent, i: number) => void): void {
  if (trace instanceof PackedTrace) {
    trace.forEach(from, to, fn);
    return;
  }
  for (let i = Math.max(0, from); i < Math.min(to, trace.length); i++) fn(trace.at(i)!, i);
}

/** Events `from` .. `to - 1` as an array (of the range's size: for a window, not the whole trace). */
export function eventsIn(trace: Trace, from: number, to: number): TraceEvent[] {
  const out: TraceEvent[] = [];
  forEachEvent(trace, from, to, (e) => out.push(e));
  return out;
}

/** The events for which `pred` holds, in order. */
export function filterEvents(trace: Trace, pred: (e: TraceEvent) => boolean): TraceEvent[] {
  const out: TraceEvent[] = [];
  forEachEvent(trace, 0, trace.length, (e) => {
    if (pred(e)) out.push(e);
  });
  return out;
}

/** Index of the last event at or before virtual time `t` (µs); -1 if none (binary search on the times). */
export function indexAtTime(trace: Timed, t: number): number {
  let lo = 0;
  let hi = trace.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (timeAt(trace, mid) <= t) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/** Index of the first event at or after virtual time `t` (µs); the length if none (binary search). */
export function firstIndexFrom(trace: Timed, t: number): number {
  let lo = 0;
  let hi = trace.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (timeAt(trace, mid) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Decoded chunks kept at once (of FLUSH_EVENTS, 2,048 events, from the page's worker): a window
 * for the readers of the moment, not the trace; few enough that its events die young.
 */
const CACHED_CHUNKS = 4;

/**
 * The page's trace of a worker run: the packed chunks as they arrive (core/trace/packed.ts),
 * decoded on read. A chunk is decoded whole when one of its events is read: by index (`at`), it
 * is kept among the last CACHED_CHUNKS so read (reads come in runs: the playhead's neighbours,
 * the log's window), and an event read twice in a row is the same object; passes (`forEach`,
 * iteration, `passAt`) keep the last two chunks they were in, apart. Times and kinds are read
 * from the words.
 */
export class PackedTrace implements Trace {
  /** Shared with the trace's prefixes (`prefix`): it only learns names, and every chunk was absorbed before its events are read. */
  private decoder = new PackedDecoder();
  private readonly chunks: PackedChunk[] = [];
  /** Index of the first event of each chunk. */
  private readonly firsts: number[] = [];
  /** Per chunk, where its events start (made on first need). */
  private readonly starts: (Int32Array | null)[] = [];
  /** Decoded chunks, by chunk index, in order of last use (Map keeps insertion order). */
  private readonly cache = new Map<number, TraceEvent[]>();
  private count = 0;
  /** The chunk of the last lookup (reads come in runs). */
  private last = 0;
  /** The last chunk decoded or read, and its events. */
  private hotChunk = -1;
  private hot: TraceEvent[] = [];
  /** The chunks of the last two passes, and their events. */
  private scanChunk = -1;
  private scan: TraceEvent[] = [];
  private scanChunk2 = -1;
  private scan2: TraceEvent[] = [];

  get length(): number {
    return this.count;
  }

  /** The next chunk, its events numbered from `from` (the events so far). */
  push(chunk: PackedChunk, from = this.count): void {
    if (from !== this.count) throw new Error(`events out of order: got ${from}, expected ${this.count}`);
    this.decoder.absorb(chunk);
    if (chunk.count === 0) return;
    this.chunks.push(chunk);
    this.firsts.push(this.count);
    this.starts.push(null);
    this.count += chunk.count;
  }

  /**
   * The first `n` events (all so far by default), as a trace that does not grow (a run shown
   * while it goes on: every reader of the picture sees the same length). It shares the chunks,
   * not the decoded events.
   */
  prefix(n = this.count): PackedTrace {
    const p = new PackedTrace();
    p.decoder = this.decoder;
    const count = Math.max(0, Math.min(n, this.count));
    const k = count === 0 ? 0 : this.chunkOf(count - 1) + 1;
    p.chunks.push(...this.chunks.slice(0, k));
    p.firsts.push(...this.firsts.slice(0, k));
    p.starts.push(...this.starts.slice(0, k));
    p.count = count;
    return p;
  }

  at(index: number): TraceEvent | undefined {
    if (!(index >= 0 && index < this.count)) return undefined;
    const k = this.chunkOf(index);
    return this.decoded(k)[index - this.firsts[k]!];
  }

  passAt(index: number): TraceEvent {
    const k = this.checkedChunk(index);
    return this.scanned(k)[index - this.firsts[k]!]!;
  }

  timeAt(index: number): number {
    const k = this.checkedChunk(index);
    return timeOfEvent(this.chunks[k]!, this.startsOf(k), index - this.firsts[k]!);
  }

  kindAt(index: number): EventKind {
    const k = this.checkedChunk(index);
    return kindAtWord(this.chunks[k]!, this.startsOf(k)[index - this.firsts[k]!]!);
  }

  forEach(from: number, to: number, fn: (e: TraceEvent, i: number) => void): void {
    const end = Math.min(to, this.count);
    let i = Math.max(0, from);
    if (i >= end) return;
    for (let k = this.chunkOf(i); i < end; k++) {
      const first = this.firsts[k]!;
      const events = this.scanned(k);
      const stop = Math.min(end, first + events.length);
      for (; i < stop; i++) fn(events[i - first]!, i);
    }
  }

  *[Symbol.iterator](): Iterator<TraceEvent> {
    for (let k = 0; k < this.chunks.length; k++) {
      const events = this.scanned(k);
      // A prefix may end inside its last chunk.
      const n = Math.min(events.length, this.count - this.firsts[k]!);
      if (n === events.length) yield* events;
      else for (let i = 0; i < n; i++) yield events[i]!;
    }
  }

  /**
   * A chunk for a pass (forEach, iteration, passAt): one read by index, else one of the last two
   * passes read (the analysis and the checkpoints go side by side), else decoded for the pass; a
   * pass over a large trace keeps two chunks alive, and leaves those read by index alone.
   */
  private scanned(k: number): TraceEvent[] {
    if (k === this.hotChunk) return this.hot;
    if (k === this.scanChunk) return this.scan;
    if (k === this.scanChunk2) {
      const events = this.scan2;
      this.scanChunk2 = this.scanChunk;
      this.scan2 = this.scan;
      this.scanChunk = k;
      this.scan = events;
      return events;
    }
    const events = this.cache.get(k) ?? this.decodeChunk(k);
    this.scanChunk2 = this.scanChunk;
    this.scan2 = this.scan;
    this.scanChunk = k;
    this.scan = events;
    return events;
  }

  private decodeChunk(k: number): TraceEvent[] {
    const out: TraceEvent[] = [];
    this.decoder.decodeEvents(this.chunks[k]!, this.firsts[k]!, out);
    return out;
  }

  private decoded(k: number): TraceEvent[] {
    if (k === this.hotChunk) return this.hot;
    let events = this.cache.get(k);
    // Most recently used last.
    if (events) this.cache.delete(k);
    else {
      events = k === this.scanChunk ? this.scan : k === this.scanChunk2 ? this.scan2 : this.decodeChunk(k);
      if (this.cache.size >= CACHED_CHUNKS) this.cache.delete(this.cache.keys().next().value!);
    }
    this.cache.set(k, events);
    this.hotChunk = k;
    this.hot = events;
    return events;
  }

  private startsOf(k: number): Int32Array {
    return (this.starts[k] ??= eventStarts(this.chunks[k]!));
  }

  private checkedChunk(index: number): number {
    if (!(index >= 0 && index < this.count)) throw new RangeError(`no event ${index} in a trace of ${this.count}`);
    return this.chunkOf(index);
  }

  /** The chunk holding event `index` (0 ≤ index < length). */
  private chunkOf(index: number): number {
    const f = this.firsts;
    const k = this.last;
    if (f[k]! <= index && (k + 1 >= f.length || f[k + 1]! > index)) return k;
    if (k + 1 < f.length && f[k + 1]! <= index && (k + 2 >= f.length || f[k + 2]! > index)) return (this.last = k + 1);
    let lo = 0;
    let hi = f.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (f[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return (this.last = lo);
  }
}
