import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SlotIndex, SlotMap } from './slotmap';

type Op = { kind: 'set'; k: number; v: number } | { kind: 'delete'; k: number } | { kind: 'get'; k: number };

describe('SlotMap', () => {
  it('answers and iterates as a Map does, for ids never stored again once deleted', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), k: fc.integer({ min: 0, max: 30 }), v: fc.integer() }),
      fc.record({ kind: fc.constant('delete' as const), k: fc.integer({ min: 0, max: 30 }) }),
      fc.record({ kind: fc.constant('get' as const), k: fc.integer({ min: 0, max: 30 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops: Op[]) => {
        const want = new Map<string, { id: string; v: number }>();
        const got = new SlotMap<{ id: string; v: number }>(new SlotIndex(), true);
        const gone = new Set<string>();
        for (const o of ops) {
          const id = `e${o.k}`;
          if (o.kind === 'set') {
            if (gone.has(id)) continue; // the world never re-creates an id
            want.set(id, { id, v: o.v });
            got.set(id, { id, v: o.v });
          } else if (o.kind === 'delete') {
            expect(got.delete(id)).toBe(want.delete(id));
            gone.add(id);
          } else {
            expect(got.get(id)).toEqual(want.get(id));
            expect(got.has(id)).toBe(want.has(id));
          }
          expect(got.size).toBe(want.size);
        }
        expect([...got]).toEqual([...want]);
        expect([...got.keys()]).toEqual([...want.keys()]);
        expect([...got.values()]).toEqual([...want.values()]);
        const each: string[] = [];
        got.forEach((v, k) => each.push(`${k}=${v.v}`));
        expect(each).toEqual([...want].map(([k, v]) => `${k}=${v.v}`));
        expect(got instanceof Map).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('notes the slots it hands out, when tracking, until untouched', () => {
    const m = new SlotMap<{ id: string }>(new SlotIndex(), true);
    m.set('a', { id: 'a' });
    m.set('b', { id: 'b' });
    m.untouch();
    m.get('b');
    expect([...m.touched.slice(0, 2)]).toEqual([0, 1]);
    const quiet = new SlotMap<{ id: string }>(new SlotIndex());
    quiet.set('a', { id: 'a' });
    quiet.get('a');
    expect(quiet.touched.length).toBe(0);
  });
});
