import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConnList, type Listed } from './connlist';

const conns = (n: number): Listed[] => Array.from({ length: n }, (_, i) => ({ id: `c${i}`, slot: -1 }));

/** The list against a plain array (head first), and its clone over copies. */
function expectSame(l: ConnList, a: Listed[]): void {
  const ids = a.map((c) => c.id);
  expect(l.toArray()).toEqual(ids);
  expect(l.length).toBe(a.length);
  expect(l.head()).toBe(ids[0]);
  expect(l.tail()).toBe(ids[ids.length - 1]);
  expect([...l.fromTail()]).toEqual([...ids].reverse());
  for (const id of ids) expect(l.indexOf(id)).toBe(ids.indexOf(id));
}

describe('ConnList', () => {
  it('behaves like an array with unshift and removal, for connections moving between two lists', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('unshift', 'remove'), fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 11 })), { maxLength: 400 }),
        (ops) => {
          const pool = conns(12);
          const lists = [new ConnList(), new ConnList()];
          const model: Listed[][] = [[], []];
          // Which list each connection is in (a connection is in one list at most, as in the world).
          const where = new Map<Listed, number>();
          for (const [op, k, n] of ops) {
            const c = pool[n]!;
            if (op === 'remove') {
              const inIt = where.get(c) === k;
              expect(lists[k]!.remove(c)).toBe(inIt);
              if (inIt) {
                model[k]!.splice(model[k]!.indexOf(c), 1);
                where.delete(c);
              }
            } else if (!where.has(c)) {
              lists[k]!.unshift(c);
              model[k]!.unshift(c);
              where.set(c, k);
            }
            for (const j of [0, 1]) {
              expectSame(lists[j]!, model[j]!);
              for (const x of pool) expect(lists[j]!.has(x)).toBe(where.get(x) === j);
            }
          }
        },
      ),
    );
  });

  it('clones over copies of its connections, which then move in the copy alone', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 19 }), { maxLength: 200 }), fc.integer({ min: 0, max: 19 }), (picks, out) => {
        const pool = conns(20);
        const l = new ConnList();
        for (const n of picks) {
          // Every pick leaves and comes back at the head: holes pile up inside.
          l.remove(pool[n]!);
          l.unshift(pool[n]!);
        }
        const before = l.toArray();
        const copies = new Map(pool.map((c) => [c.id, { id: c.id, slot: c.slot }]));
        const k = l.clone((c) => copies.get(c.id));
        expect(k.toArray()).toEqual(before);
        const c = copies.get(`c${out}`)!;
        expect(k.remove(c)).toBe(before.includes(c.id));
        expect(k.toArray()).toEqual(before.filter((id) => id !== c.id));
        expect(l.toArray()).toEqual(before);
        // The original's connection is not in the copy, nor the copy's in the original.
        if (before.includes(c.id)) expect(l.has(c)).toBe(false);
      }),
    );
  });

  it('stays right and small over many rounds of a connection pool taken from the tail', () => {
    // A load scenario: every connection leaves (oldest first) and comes back, round after round.
    const pool = conns(5000);
    const l = new ConnList();
    for (const c of pool) l.unshift(c);
    for (let round = 0; round < 20; round++) {
      for (const c of pool) l.remove(c);
      expect(l.length).toBe(0);
      for (const c of pool) l.unshift(c);
      if (round % 2 === 1) for (let i = 0; i < pool.length; i += 3) l.remove(pool[i]!);
      if (round % 2 === 1) for (let i = 0; i < pool.length; i += 3) l.unshift(pool[i]!);
    }
    expect(l.length).toBe(5000);
    expect(l.head()).toBe(pool[4998 - (4998 % 3)]!.id);
    // Every slot still finds its connection: each removal succeeds exactly once.
    for (const c of pool) expect(l.remove(c)).toBe(true);
    for (const c of pool) expect(l.remove(c)).toBe(false);
  });
  it('keeps its array small when connections leave from the tail and come back at the head without end', () => {
    // A steady pool used in turn (FIFO): the holes left at the tail are cut off when the array would grow.
    const pool = conns(100);
    const l = new ConnList();
    for (const c of pool) l.unshift(c);
    for (let i = 0; i < 100_000; i++) {
      const c = pool[i % pool.length]!;
      expect(l.tail()).toBe(c.id);
      l.remove(c);
      l.unshift(c);
    }
    expect(l.length).toBe(100);
    expect([...l.fromTail()]).toEqual(pool.map((c) => c.id));
    expect((l as unknown as { items: unknown[] }).items.length).toBeLessThan(400);
  });
});
