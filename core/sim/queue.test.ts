import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from './queue';

describe('EventQueue', () => {
  it('pops by time, then by insertion order for equal times, with pushes between pops', () => {
    // Ops: a push at a time not before the last pop (as a simulation schedules), or a pop.
    const op = fc.oneof(fc.integer({ min: 0, max: 20 }).map((d) => ({ push: d })), fc.constant({ push: -1 }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000 }), (ops) => {
        const q = new EventQueue<number>();
        const model: [number, number][] = [];
        let id = 0;
        const popBoth = () => {
          model.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          const want = model.shift();
          const got = q.pop();
          expect(got).toBe(want?.[1]);
          if (want) expect(q.time).toBe(want[0]);
        };
        for (const { push } of ops) {
          if (push < 0) popBoth();
          else {
            const t = q.time + push;
            q.push(t, id);
            model.push([t, id++]);
          }
          expect(q.size).toBe(model.length);
          expect(q.peekTime()).toBe(model.length ? Math.min(...model.map((m) => m[0])) : undefined);
        }
        while (model.length > 0) popBoth();
        expect(q.pop()).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });

  it('runs an item pushed with a number taken earlier where it would have run had it been pushed then', () => {
    const q = new EventQueue<string>();
    const early = q.takeSeq();
    q.push(5, 'b');
    q.push(5, 'c');
    const late = q.takeSeq();
    q.push(5, 'e');
    // Pushed last, in the opposite order of their numbers.
    q.pushAt(5, late, 'd');
    q.pushAt(5, early, 'a');
    const got: [string, number][] = [];
    for (let x = q.pop(); x !== undefined; x = q.pop()) got.push([x, q.seq]);
    expect(got.map(([x]) => x).join('')).toBe('abcde');
    expect(got.map(([, seq]) => seq)).toEqual([0, 1, 2, 3, 4]);
  });

  it('grows past its first capacity and keeps the order', () => {
    const q = new EventQueue<number>();
    const n = 5000;
    // Times in a scrambled order, many equal.
    for (let i = 0; i < n; i++) q.push((i * 7919) % 97, i);
    const out: number[] = [];
    for (let x = q.pop(); x !== undefined; x = q.pop()) out.push(x);
    const want = Array.from({ length: n }, (_, i) => i).sort((a, b) => ((a * 7919) % 97) - ((b * 7919) % 97) || a - b);
    expect(out).toEqual(want);
  });
});
