/**
 * A server list of connection ids, head first (LIFO at parent and seed, AS6), with
 * O(1) insertion at the head, removal of any element, and access to both ends —
 * lists hold thousands of idle connections in load scenarios.
 */
interface Links {
  prev: string | null;
  next: string | null;
}

export class ConnList implements Iterable<string> {
  private readonly links = new Map<string, Links>();
  private first: string | null = null;
  private last: string | null = null;

  static from(ids: Iterable<string>): ConnList {
    const l = new ConnList();
    for (const id of ids) l.push(id);
    return l;
  }

  get length(): number {
    return this.links.size;
  }

  /** The head: the most recently inserted connection. */
  head(): string | undefined {
    return this.first ?? undefined;
  }

  /** The tail: the oldest connection. */
  tail(): string | undefined {
    return this.last ?? undefined;
  }

  includes(id: string): boolean {
    return this.links.has(id);
  }

  /** Position from the head, -1 if absent (walks the list: for display). */
  indexOf(id: string): number {
    if (!this.links.has(id)) return -1;
    let i = 0;
    for (let cur = this.first; cur !== null; cur = this.links.get(cur)!.next, i++) if (cur === id) return i;
    return -1;
  }

  /** Inserts at the head. */
  unshift(id: string): void {
    if (this.links.has(id)) return;
    this.links.set(id, { prev: null, next: this.first });
    if (this.first !== null) this.links.get(this.first)!.prev = id;
    else this.last = id;
    this.first = id;
  }

  /** Appends at the tail. */
  push(id: string): void {
    if (this.links.has(id)) return;
    this.links.set(id, { prev: this.last, next: null });
    if (this.last !== null) this.links.get(this.last)!.next = id;
    else this.first = id;
    this.last = id;
  }

  remove(id: string): boolean {
    const l = this.links.get(id);
    if (!l) return false;
    if (l.prev !== null) this.links.get(l.prev)!.next = l.next;
    else this.first = l.next;
    if (l.next !== null) this.links.get(l.next)!.prev = l.prev;
    else this.last = l.prev;
    this.links.delete(id);
    return true;
  }

  *[Symbol.iterator](): Iterator<string> {
    for (let cur = this.first; cur !== null; cur = this.links.get(cur)!.next) yield cur;
  }

  /** From the tail (oldest) to the head. */
  *fromTail(): Generator<string> {
    for (let cur = this.last; cur !== null; cur = this.links.get(cur)!.prev) yield cur;
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
