/**
 * Deterministic event queue: a binary heap ordered by (time, insertion number), so
 * events due at the same virtual instant run in the order they were scheduled.
 *
 * The keys live in typed arrays beside the items, not in a node object per entry: a pop
 * compares about 2·log2(n) keys, and with 10,000 responses pending these are read from two
 * contiguous arrays, and a push allocates nothing.
 */
export class EventQueue<T> {
  private times = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private items: (T | undefined)[] = [];
  private n = 0;
  private nextSeq = 0;
  /** The instant of the item `pop` returned last. */
  time = 0;
  /** The insertion number of the item `pop` returned last. */
  seq = 0;

  get size(): number {
    return this.n;
  }

  push(time: number, item: T): void {
    this.pushAt(time, this.nextSeq++, item);
  }

  /**
   * An insertion number taken now, for an item pushed later with `pushAt`: it then runs where it
   * would have run had it been pushed now (a timer that is queued only when it comes up).
   */
  takeSeq(): number {
    return this.nextSeq++;
  }

  /** Pushes an item with a number from `takeSeq` (each number is pushed at most once). */
  pushAt(time: number, seq: number, item: T): void {
    if (this.n === this.times.length) this.grow();
    const { times, seqs, items } = this;
    // Sift up: parents later than the new entry move down.
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const tp = times[p]!;
      if (tp < time || (tp === time && seqs[p]! < seq)) break;
      times[i] = tp;
      seqs[i] = seqs[p]!;
      items[i] = items[p];
      i = p;
    }
    times[i] = time;
    seqs[i] = seq;
    items[i] = item;
  }

  /** The time of the next item, if any. */
  peekTime(): number | undefined {
    return this.n > 0 ? this.times[0] : undefined;
  }

  /** The next item (by time, then insertion), or undefined when none is left; sets `time`. */
  pop(): T | undefined {
    if (this.n === 0) return undefined;
    const { times, seqs, items } = this;
    const top = items[0];
    this.time = times[0]!;
    this.seq = seqs[0]!;
    const n = --this.n;
    // The last entry sinks from the root.
    const t = times[n]!;
    const s = seqs[n]!;
    const item = items[n];
    items[n] = undefined;
    if (n > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        const r = c + 1;
        if (r < n && (times[r]! < times[c]! || (times[r] === times[c] && seqs[r]! < seqs[c]!))) c = r;
        const tc = times[c]!;
        if (t < tc || (t === tc && s < seqs[c]!)) break;
        times[i] = tc;
        seqs[i] = seqs[c]!;
        items[i] = items[c];
        i = c;
      }
      times[i] = t;
      seqs[i] = s;
      items[i] = item;
    }
    return top;
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2);
    const seqs = new Float64Array(this.seqs.length * 2);
    times.set(this.times);
    seqs.set(this.seqs);
    this.times = times;
    this.seqs = seqs;
  }
}
