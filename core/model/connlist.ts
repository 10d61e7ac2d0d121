/**
 * What a server list holds: a connection's state, carrying its place in the list the way
 * HAProxy's `struct connection` carries its list links (`list`, include/types/connection.h:410
 * at the seed), so that leaving a list needs no search.
 */
export interface Listed {
  readonly id: string;
  /** The connection's place in its list; meaningless while it is in none (the list sets it). */
  slot: number;
}

/**
 * A server list of connections, head first (LIFO at parent and seed, AS6), with O(1) insertion
 * at the head, O(1) removal of any element, and access to both ends — lists hold thousands of
 * idle connections in load scenarios, and a connection leaves and comes back with every request.
 *
 * Stored as an array whose end is the head. A connection that leaves becomes a hole: one store,
 * no lookup, no allocation, nothing read but its own state. Holes at either end are dropped at
 * once; holes inside are squeezed out when they outnumber the connections.
 */
export class ConnList<T extends Listed = Listed> implements Iterable<string> {
  private items: (T | null)[] = [];
  /** Index of the first element that is not a hole (holes before it were dropped). */
  private start = 0;
  /**
   * One past the head: `items` beyond it are unused (null). An emptied list keeps its array:
   * a load scenario empties and refills a list of 10,000 connections every round, and growing
   * a new array by push each time was a twentieth of what a totals-only run allocated.
   */
  private end = 0;
  /** Slot of `items[0]`: slots stay valid when a run of holes is cut off the front. */
  private base = 0;
  private size = 0;

  get length(): number {
    return this.size;
  }

  /** The head: the most recently inserted connection. */
  head(): string | undefined {
    return this.size > 0 ? this.items[this.end - 1]!.id : undefined;
  }

  /** The tail: the oldest connection. */
  tail(): string | undefined {
    return this.size > 0 ? this.items[this.start]!.id : undefined;
  }

  /** This very connection is in the list. */
  has(c: T): boolean {
    const i = c.slot - this.base;
    return i >= this.start && i < this.end && this.items[i] === c;
  }

  /** Position from the head, -1 if absent (walks the list: for display). */
  indexOf(id: string): number {
    let k = 0;
    for (let i = this.end - 1; i >= this.start; i--) {
      const c = this.items[i];
      if (c === null) continue;
      if (c!.id === id) return k;
      k++;
    }
    return -1;
  }

  /** Inserts at the head (nothing if it is in the list already). */
  unshift(c: T): void {
    if (this.has(c)) return;
    if (this.end === this.items.length && this.start > 64 && this.start * 2 > this.end) this.cutFront();
    c.slot = this.base + this.end;
    if (this.end < this.items.length) this.items[this.end] = c;
    else this.items.push(c);
    this.end++;
    this.size++;
  }

  remove(c: T): boolean {
    if (!this.has(c)) return false;
    this.items[c.slot - this.base] = null;
    this.size--;
    this.tidy();
    return true;
  }

  /** Keeps the ends free of holes, and the holes few. */
  private tidy(): void {
    const it = this.items;
    if (this.size === 0) {
      // Every slot in use is a hole (null): the array is kept, and slots go on from `base`.
      this.base += this.end;
      this.end = 0;
      this.start = 0;
      return;
    }
    while (it[this.end - 1] === null) this.end--;
    while (it[this.start] === null) this.start++;
    // The holes before `start` are cut off when the array would grow (unshift), not here: a load
    // scenario takes its connections from the tail one after the other until the list is empty,
    // and cutting the front at each halving copied a connection per removal.
    if (this.end - this.start > 2 * this.size + 64) this.squeeze();
  }

  /** Moves the list to the front of its array, in place (the array is kept): slots keep their meaning through `base`. */
  private cutFront(): void {
    const it = this.items;
    it.copyWithin(0, this.start, this.end);
    it.fill(null, this.end - this.start, this.end);
    this.base += this.start;
    this.end -= this.start;
    this.start = 0;
  }

  /** Drops the holes inside the list: each connection gets a new slot. */
  private squeeze(): void {
    const live: (T | null)[] = [];
    for (let i = this.start; i < this.end; i++) {
      const c = this.items[i];
      if (c === null) continue;
      c!.slot = this.base + live.length;
      live.push(c!);
    }
    this.items = live;
    this.start = 0;
    this.end = live.length;
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let i = this.end - 1; i >= this.start; i--) {
      const c = this.items[i];
      if (c !== null) yield c!.id;
    }
  }

  /** From the tail (oldest) to the head. */
  *fromTail(): Generator<string> {
    for (let i = this.start; i < this.end; i++) {
      const c = this.items[i];
      if (c !== null) yield c!.id;
    }
  }

  toArray(): string[] {
    return [...this];
  }

  /**
   * The same list over copies of its connections (a checkpoint of the world): `copyOf` gives the
   * copy of each, which has the same slot, so the copy keeps the same layout, holes included.
   */
  clone(copyOf: (c: T) => T | undefined): ConnList<T> {
    const l = new ConnList<T>();
    l.base = this.base + this.start;
    for (let i = this.start; i < this.end; i++) {
      const c = this.items[i];
      const copy = c === null ? null : (copyOf(c!) ?? null);
      if (copy !== null) {
        copy.slot = this.base + i;
        l.size++;
      }
      l.items.push(copy);
    }
    l.end = l.items.length;
    l.tidy();
    return l;
  }

  toJSON(): string[] {
    return this.toArray();
  }
}
