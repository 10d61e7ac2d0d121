import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../core';
import { analyzeTrace, eventForConnClick, indexAtTime, remapIndex } from './analysis';

let seq = 0;
const ev = (p: Partial<TraceEvent> & Pick<TraceEvent, 'kind'>): TraceEvent =>
  ({ seq: seq++, t: 0, decision: 'W', ...p }) as TraceEvent;

describe('analyzeTrace', () => {
  const trace: TraceEvent[] = [
    ev({ kind: 'client.open', t: 0, session: 'A', client: 'A', proto: 'h2' }),
    ev({ kind: 'conn.new', t: 1, conn: 'c1', server: 's1', session: 'A', decision: 'R4' }),
    ev({ kind: 'conn.new', t: 2, conn: 'c2', server: 's1', session: 'A', decision: 'R4' }),
    ev({ kind: 'list.add', t: 3, conn: 'c1', list: 'idle', decision: 'L2' }),
    ev({ kind: 'list.add', t: 3, conn: 'c2', list: 'idle', decision: 'L2' }),
    ev({ kind: 'list.add', t: 3, conn: 'c2', list: 'idle', decision: 'L3' }), // already listed: no change
    ev({ kind: 'list.remove', t: 4, conn: 'c2', decision: 'L1' }),
    ev({ kind: 'conn.destroy', t: 5, conn: 'c1', decision: 'D3' }),
    ev({ kind: 'conn.destroy', t: 6, conn: 'c1', decision: 'D3' }), // twice: counted once
    ev({ kind: 'swap', t: 7, conn: 'c2', otherConn: 'c3', holder: 'B', session: 'A', decision: 'S1' }),
  ];
  const a = analyzeTrace(trace, ['s1', 's2']);

  it('tracks the largest size of each list', () => {
    expect(a.maxList.get('s1')).toEqual({ idle: 2, safe: 0, priv: 0, avail: 0 });
    expect(a.maxList.get('s2')).toEqual({ idle: 0, safe: 0, priv: 0, avail: 0 });
  });
  it('counts open connections after every event', () => {
    expect(a.open).toEqual([0, 1, 2, 2, 2, 2, 2, 1, 1, 1]);
    expect(a.maxOpen).toBe(2);
  });
  it('indexes the events of each connection and session', () => {
    expect(a.byConn.get('c1')).toEqual([1, 3, 7, 8]);
    expect(a.byConn.get('c3')).toEqual([9]);
    expect(a.bySession.get('B')).toEqual([9]);
    expect(a.bySession.get('A')).toEqual([0, 1, 2, 9]);
  });
});

describe('eventForConnClick', () => {
  it("goes to the connection's own first event, not back to the last one before the playhead", () => {
    expect(eventForConnClick([1, 3, 7], 5)).toBe(1);
    expect(eventForConnClick([1, 3, 7], 40)).toBe(1);
  });
  it('goes to the first event when none is before the playhead', () => {
    expect(eventForConnClick([4, 6], 2)).toBe(4);
  });
  it('walks the history when the current event already concerns it, and wraps', () => {
    expect(eventForConnClick([1, 3, 7], 3)).toBe(7);
    expect(eventForConnClick([1, 3, 7], 7)).toBe(1);
  });
  it('returns null for an unknown connection', () => {
    expect(eventForConnClick(undefined, 3)).toBeNull();
  });
});

describe('remapIndex', () => {
  const ts = (...t: number[]) => t.map((x) => ({ t: x }));
  it('keeps the virtual time and the rank among equal times', () => {
    expect(remapIndex(ts(0, 5, 5, 5, 9, 12), 2, ts(0, 5, 5, 5, 7, 9))).toBe(2);
  });
  it('clamps the rank to the events at that time', () => {
    expect(remapIndex(ts(0, 5, 5, 5, 9, 12), 3, ts(0, 5, 8))).toBe(1);
  });
  it('falls back to the last event before that time', () => {
    expect(remapIndex(ts(0, 5, 9, 12), 2, ts(0, 4, 10))).toBe(1);
  });
  it('stays at the start or the end', () => {
    expect(remapIndex(ts(0, 5), -1, ts(0, 5, 6))).toBe(-1);
    expect(remapIndex(ts(0, 5), 1, ts(0, 5, 6))).toBe(2);
    expect(remapIndex(ts(0, 5), 0, [])).toBe(-1);
  });
});

describe('indexAtTime', () => {
  it('finds the last event at or before a time', () => {
    const t = [{ t: 0 }, { t: 5 }, { t: 5 }, { t: 9 }];
    expect(indexAtTime(t, 5)).toBe(2);
    expect(indexAtTime(t, -1)).toBe(-1);
    expect(indexAtTime(t, 100)).toBe(3);
  });
});
