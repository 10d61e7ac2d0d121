import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../core';
import { EXAMPLES, runScenario } from '../../core';
import { analyzeTrace, eventForConnClick, indexAtTime, remapIndex, remapIndexInPrefix, TraceAnalyzer } from './analysis';

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

describe('remapIndexInPrefix', () => {
  const ts = (...t: number[]) => t.map((x) => ({ t: x }));
  const old = ts(0, 5, 5, 5, 9, 12);
  it('gives what remapIndex gives on the whole trace once the events that decide it are in', () => {
    const whole = ts(0, 5, 5, 5, 7, 9, 11);
    for (let n = 1; n <= whole.length; n++) {
      const got = remapIndexInPrefix(old, 2, whole.slice(0, n));
      // Known from the third event at 5 on (same rank at the same instant), and then right.
      expect(got).toBe(n >= 3 ? remapIndex(old, 2, whole) : null);
    }
  });
  it('waits for an event later than the instant when the rank may not be reached', () => {
    const whole = ts(0, 5, 8);
    expect(remapIndexInPrefix(old, 3, whole.slice(0, 2))).toBeNull();
    expect(remapIndexInPrefix(old, 3, whole)).toBe(remapIndex(old, 3, whole));
    // No event at that instant at all: known once a later one is in.
    expect(remapIndexInPrefix(old, 1, ts(0, 4))).toBeNull();
    expect(remapIndexInPrefix(old, 1, ts(0, 4, 6))).toBe(1);
  });
  it('before the first event at once; at the end only with the whole run', () => {
    expect(remapIndexInPrefix(old, -1, [])).toBe(-1);
    expect(remapIndexInPrefix(old, 5, ts(0, 5, 5, 5, 9, 12, 13))).toBeNull();
    expect(remapIndexInPrefix(old, 0, [])).toBeNull();
  });
});

describe('TraceAnalyzer.snapshot', () => {
  it('is the analysis of the events so far, and later events leave it alone', () => {
    const run = runScenario(EXAMPLES.find((e) => e.id === 'sc10')!.text);
    const cut = Math.floor(run.trace.length / 2);
    const a = new TraceAnalyzer(run.servers);
    a.addFrom(run.trace, cut);
    const snap = a.snapshot();
    const expected = analyzeTrace(run.trace.slice(0, cut), run.servers);
    a.addFrom(run.trace, run.trace.length);
    expect(snap).toEqual(expected);
    expect(a.result().open.length).toBe(run.trace.length);
    expect(snap.open.length).toBe(cut);
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
