/**
 * The entity maps of the cursor's worlds. A replayed world holds ~40,000 entities for 10,000
 * clients, and between two instants far apart most of its requests, streams and many of its
 * connections are others: rebuilding a `Map` for a seek cost ~20,000 deletions and insertions,
 * as much as replaying 10,000 events. Here every entity id of a trace gets a slot once, in the
 * order the ids are first stored (creation order: ids are never reused), shared by all worlds of
 * one cursor; a world keeps its entities in an array by slot. Restoring a checkpoint writes
 * array elements, and iterating in slot order is iterating in creation order — the order a `Map`
 * filled by the same replay has.
 */
export class SlotIndex {
  /** id → slot (read directly by SlotMap.get: the hottest lookup of a replay). */
  readonly slots = new Map<string, number>();
  /** The id in each slot. */
  readonly ids: string[] = [];

  /** The slot of `id`, or -1 if it has none yet. */
  of(id: string): number {
    return this.slots.get(id) ?? -1;
  }

  /** The slot of `id`, given one if it has none. */
  add(id: string): number {
    let s = this.slots.get(id);
    if (s === undefined) {
      s = this.ids.length;
      this.slots.set(id, s);
      this.ids.push(id);
    }
    return s;
  }

  get size(): number {
    return this.ids.length;
  }
}

/**
 * A `Map` from entity id to entity over a `SlotIndex`: the same answers and the same iteration
 * order as a `Map` written by the same calls, as long as a deleted id is never stored again.
 */
export class SlotMap<V> extends Map<string, V> {
  /** The entity in each slot (undefined: none). Dense: never a hole past `items.length`. */
  readonly items: (V | undefined)[] = [];
  /**
   * With `track`: 1 for each slot whose entity was looked up or stored since `untouch` — the only
   * entities a replay can have changed (applyEvent reaches entities through `get` alone, apart from
   * the places of listed connections, which a snapshot takes from the lists).
   */
  touched: Uint8Array = new Uint8Array(0);
  private readonly ids: Map<string, number>;
  /** Entities held. */
  count = 0;
  /** No entity is held in a slot below this one. */
  lo = 0;

  constructor(
    readonly index: SlotIndex,
    readonly track = false,
  ) {
    super();
    this.ids = index.slots;
  }

  override get size(): number {
    return this.count;
  }

  override get(id: string): V | undefined {
    const s = this.ids.get(id);
    if (s === undefined) return undefined;
    if (this.track) this.touch(s);
    return this.items[s];
  }

  override has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  override set(id: string, v: V): this {
    const s = this.index.add(id);
    this.reach(s + 1);
    if (this.track) this.touch(s);
    if (this.items[s] === undefined) {
      this.count++;
      if (s < this.lo) this.lo = s;
    }
    this.items[s] = v;
    return this;
  }

  override delete(id: string): boolean {
    const s = this.ids.get(id);
    if (s === undefined || this.items[s] === undefined) return false;
    this.items[s] = undefined;
    this.count--;
    return true;
  }

  override clear(): void {
    this.items.length = 0;
    this.count = 0;
    this.lo = 0;
  }

  private touch(s: number): void {
    let t = this.touched;
    if (s >= t.length) {
      const bigger = new Uint8Array(Math.max(1024, 2 * s));
      bigger.set(t);
      this.touched = t = bigger;
    }
    t[s] = 1;
  }

  /** Forgets what was touched. */
  untouch(): void {
    this.touched.fill(0);
  }

  /** Grows `items` to `n` slots, densely (a store far past the end would make it sparse and slow). */
  reach(n: number): void {
    const items = this.items;
    while (items.length < n) items.push(undefined);
  }

  override values(): MapIterator<V> {
    return new SlotIterator(this, 0) as unknown as MapIterator<V>;
  }

  override keys(): MapIterator<string> {
    return new SlotIterator(this, 1) as unknown as MapIterator<string>;
  }

  override entries(): MapIterator<[string, V]> {
    return new SlotIterator(this, 2) as unknown as MapIterator<[string, V]>;
  }

  override [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  override forEach(f: (v: V, id: string, map: Map<string, V>) => void, self?: unknown): void {
    for (const [id, v] of this.entries()) f.call(self, v, id, this);
  }

  /** Moves `lo` up past empty slots. */
  private settle(): void {
    const items = this.items;
    let lo = this.lo;
    while (lo < items.length && items[lo] === undefined) lo++;
    this.lo = lo;
  }

  /** @internal the first slot to look at when iterating. */
  first(): number {
    this.settle();
    return this.lo;
  }
}

/** The entities of a SlotMap in slot order (0: values, 1: ids, 2: entries). A class, not a generator: fillFrame walks 10,000 sessions a frame. */
class SlotIterator<V> {
  private i: number;

  constructor(
    private readonly map: SlotMap<V>,
    private readonly what: 0 | 1 | 2,
  ) {
    this.i = map.first();
  }

  next(): IteratorResult<unknown> {
    const items = this.map.items;
    let i = this.i;
    while (i < items.length) {
      const v = items[i++];
      if (v === undefined) continue;
      this.i = i;
      if (this.what === 0) return { done: false, value: v };
      const id = this.map.index.ids[i - 1]!;
      return { done: false, value: this.what === 1 ? id : [id, v] };
    }
    this.i = i;
    return { done: true, value: undefined };
  }

  [Symbol.iterator](): this {
    return this;
  }
}

// Where the runtime has iterator helpers (`.map`, `.filter`, …), these iterators have them too, like a Map's.
const IteratorProto = (globalThis as { Iterator?: { prototype: object } }).Iterator?.prototype;
if (IteratorProto) Object.setPrototypeOf(SlotIterator.prototype, IteratorProto);
