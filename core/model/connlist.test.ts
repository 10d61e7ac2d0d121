import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConnList } from './connlist';

describe('ConnList', () => {
  it('behaves like an array with unshift, push and removal by value', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('unshift', 'push', 'remove'), fc.integer({ min: 0, max: 9 })), { maxLength: 60 }), (ops) => {
        const l = new ConnList();
        const a: string[] = [];
        for (const [op, n] of ops) {
          const id = `c${n}`;
          if (op === 'remove') {
            const i = a.indexOf(id);
            expect(l.remove(id)).toBe(i >= 0);
            if (i >= 0) a.splice(i, 1);
          } else if (!a.includes(id)) {
            if (op === 'unshift') a.unshift(id);
            else a.push(id);
            l[op](id);
          }
          expect(l.toArray()).toEqual(a);
          expect(l.length).toBe(a.length);
          expect(l.head()).toBe(a[0]);
          expect(l.tail()).toBe(a[a.length - 1]);
          expect([...l.fromTail()]).toEqual([...a].reverse());
          for (const x of a) expect(l.indexOf(x)).toBe(a.indexOf(x));
        }
      }),
    );
  });
});

describe('ConnList memory', () => {
  it('takes a connection back after it left, and forgets one for good', () => {
    const l = new ConnList();
    l.unshift('c1');
    l.unshift('c2');
    expect(l.remove('c1')).toBe(true);
    expect(l.remove('c1')).toBe(false);
    l.unshift('c1');
    expect(l.toArray()).toEqual(['c1', 'c2']);
    l.forget('c1');
    expect(l.includes('c1')).toBe(false);
    expect(l.toArray()).toEqual(['c2']);
    expect(l.length).toBe(1);
    l.forget('c9');
    expect(l.clone().toArray()).toEqual(['c2']);
  });
});
