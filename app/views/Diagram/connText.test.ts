import { describe, expect, it } from 'vitest';
import { connTopRow } from './connText';

// The box of app/model/diagram/layout.ts: 110 px wide, the id from x = 10, the state ending at x = 101.
const row = (id: string, status: Parameters<typeof connTopRow>[1]) => connTopRow(id, status, 10, 101);
/** Right end of the id and left end of the state, as drawn. */
function ends(id: string, status: Parameters<typeof connTopRow>[1]) {
  const r = row(id, status);
  const STATE = { connecting: 86, busy: 35, idle: 30, orphan: 56, doomed: 58, closed: 52, 'conn…': 45, 'orph.': 44, 'doom.': 46 } as Record<string, number>;
  const stateWidth = r.stateLength ?? STATE[r.state];
  return { idEnd: 10 + (r.idLength ?? r.idWidth), stateStart: 101 - stateWidth, r };
}

describe('a connection box keeps its id and its state apart', () => {
  it('squeezes "connecting" a little next to a short id (it was drawn over "c1")', () => {
    const { idEnd, stateStart, r } = ends('c1', 'connecting');
    expect(r.state).toBe('connecting');
    expect(r.stateLength).toBeDefined();
    expect(stateStart - idEnd).toBeGreaterThanOrEqual(6);
  });

  it('leaves short states as they are', () => {
    expect(row('c1', 'idle').stateLength).toBeUndefined();
    expect(row('c12', 'busy').stateLength).toBeUndefined();
  });

  it('shortens a state that would be squeezed too much, and says which it is', () => {
    const r = row('c123', 'connecting');
    expect(r.state).toBe('conn…');
    expect(r.full).toBe('connecting');
  });

  for (const id of ['c1', 'c12', 'c123', 'c1234', 'c12345', 'c1234567']) {
    for (const status of ['connecting', 'busy', 'idle', 'orphan', 'doomed', 'closed'] as const) {
      it(`${id} ${status}: a gap of at least 6 px`, () => {
        const { idEnd, stateStart, r } = ends(id, status);
        expect(stateStart - idEnd).toBeGreaterThanOrEqual(6 - 1e-9);
        expect(r.stateLength ?? 1).toBeGreaterThan(0);
      });
    }
  }
});
