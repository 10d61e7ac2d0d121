/**
 * A server list of connection ids, head first (LIFO at parent and seed, AS6), with
 * O(1) insertion at the head, removal of any element, and access to both ends —
 * lists hold thousands of idle connections in load scenarios.
 */
interface Link {
  readonly id: string;
  prev: Link | null;
  next: Link | null;
  /** In the list now (a connection leaves and comes back with every request it serves). */
  in: boolean;
}

export class ConnList implements Iterable<string> {
  // Links point at each other, not at ids: moving in the list needs no lookup. A link stays in the
  // map when its connection leaves the list, so coming back costs neither an allocation nor an
  // insertion; `forget` drops it for good (a destroyed connection).
  private readonly links = new Map<string, Link>();
  private first: Link | null = null;
  private last: Link | null = null;
  private size = 0;

  static from(ids: Iterable<string>): ConnList {
    const l = new ConnList();
    for (const id of ids) l.push(id);
    return l;
  }

  get length(): number {
    return this.size;
  }

  /** The head: the most recently inserted connection. */
  head(): string | undefined {
    return this.first?.id;
  }

  /** The tail: the oldest connection. */
  tail(): string | undefined {
    return this.last?.id;
  }

  includes(id: string): boolean {
    return this.links.get(id)?.in === true;
  }

  /** Position from the head, -1 if absent (walks the list: for display). */
  indexOf(id: string): number {
    if (!this.includes(id)) return -1;
    let i = 0;
    for (let cur = this.first; cur !== null; cur = cur.next, i++) if (cur.id === id) return i;
    return -1;
  }

  private enter(id: string): Link | null {
    let l = this.links.get(id);
    if (l === undefined) {
      l = { id, prev: null, next: null, in: false };
      this.links.set(id, l);
    } else if (l.in) return null;
    l.in = true;
    this.size++;
    return l;
  }

  /** Inserts at the head. */
  unshift(id: string): void {
    const l = this.enter(id);
    if (l === null) return;
    l.prev = null;
    l.next = this.first;
    if (this.first !== null) this.first.prev = l;
    else this.last = l;
    this.first = l;
  }

  /** Appends at the tail. */
  push(id: string): void {
    const l = this.enter(id);
    if (l === null) return;
    l.next = null;
    l.prev = this.last;
    if (this.last !== null) this.last.next = l;
    else this.first = l;
    this.last = l;
  }

  remove(id: string): boolean {
    const l = this.links.get(id);
    if (l === undefined || !l.in) return false;
    this.unlink(l);
    return true;
  }

  private unlink(l: Link): void {
    if (l.prev !== null) l.prev.next = l.next;
    else this.first = l.next;
    if (l.next !== null) l.next.prev = l.prev;
    else this.last = l.prev;
    l.prev = l.next = null;
    l.in = false;
    this.size--;
  }

  /** Removes the connection and drops what the list remembers of it (it will not come back). */
  forget(id: string): void {
    const l = this.links.get(id);
    if (l === undefined) return; // never in this list (one lookup: a destroy asks all four lists)
    if (l.in) this.unlink(l);
    this.links.delete(id);
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let cur = this.first; cur !== null; cur = cur.next) yield cur.id;
  }

  /** From the tail (oldest) to the head. */
  *fromTail(): Generator<string> {
    for (let cur = this.last; cur !== null; cur = cur.prev) yield cur.id;
  }

  toArray(): string[] {
    return [...this];
  }

  map<T>(f: (id: string, i: number) => T): T[] {
    return this.toArray().map(f);
  }

  clone(): ConnList {
    return ConnList.from(this);
  }

  toJSON(): string[] {
    return this.toArray();
  }
}
