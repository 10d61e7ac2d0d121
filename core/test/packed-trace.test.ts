import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from '../examples/index';
import { runScenario } from '../run/index';
import { PackedDecoder, PackedEncoder, type PackedChunk } from '../trace/packed';
import { eventsIn, filterEvents, forEachEvent, indexAtTime, kindAt, PackedTrace, passAt, timeAt } from '../trace/trace';
import type { TraceEvent } from '../trace/events';
import { TraceCursor } from '../replay/cursor';

/** A run's packed chunks, as the page's worker sends them (words transferred), `every` events each. */
function chunksOf(text: string, every: number, engine?: 'seed' | 'parent' | 'modern'): PackedChunk[] {
  const chunks: PackedChunk[] = [];
  runScenario(text, {
    ...(engine ? { engine } : {}),
    packed: { chunkEvents: every, onChunk: (c) => chunks.push(structuredClone(c, { transfer: [c.data.buffer, c.streams.buffer] })) },
  });
  return chunks;
}

/** What the page did before the facade: every event decoded into an array as its chunk arrived. */
function eager(chunks: readonly PackedChunk[]): TraceEvent[] {
  const dec = new PackedDecoder();
  const out: TraceEvent[] = [];
  for (const c of chunks) dec.decodeInto(c, out, out.length);
  return out;
}

function lazy(chunks: readonly PackedChunk[]): PackedTrace {
  const t = new PackedTrace();
  for (const c of chunks) t.push(c);
  return t;
}

const TEXT = `engine modern
backend be
    http-reuse safe
    server X 192.0.2.1:80 pool-max-conn 2
script
    open web[1..6] h2
    repeat 4 {
        web[*] GET /a
    }
    close web[*]
`;

describe('the packed trace (decoded on read)', () => {
  it('property: any chunk size, any order of reads: the events of the eager decoding, and of the synchronous run', () => {
    const sync = runScenario(TEXT).trace;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.array(fc.nat(sync.length + 5), { maxLength: 200 }), (every, reads) => {
        const chunks = chunksOf(TEXT, every);
        // Chunks are copies: decoding the lazy trace must not depend on the eager decoder's state.
        const want = eager(chunks.map((c) => structuredClone(c)));
        const t = lazy(chunks);
        expect(t.length).toBe(want.length);
        for (const i of reads) {
          expect(t.at(i)).toEqual(want[i]);
          if (i < want.length) {
            expect(timeAt(t, i)).toBe(want[i]!.t);
            expect(kindAt(t, i)).toBe(want[i]!.kind);
          }
        }
        expect([...t]).toEqual(want);
        expect(want).toEqual(sync);
      }),
      { numRuns: 40 },
    );
  });

  it('property: ranges, filters and time searches read what the array gives', () => {
    const chunks = chunksOf(TEXT, 17);
    const want = eager(chunks.map((c) => structuredClone(c)));
    const t = lazy(chunks);
    fc.assert(
      fc.property(fc.integer({ min: -3, max: want.length + 3 }), fc.integer({ min: -3, max: want.length + 3 }), fc.nat(want[want.length - 1]!.t + 10), (a, b, time) => {
        expect(eventsIn(t, a, b)).toEqual(want.slice(Math.max(0, a), Math.max(0, b)));
        const seen: number[] = [];
        forEachEvent(t, a, b, (e, i) => {
          expect(e).toEqual(want[i]);
          seen.push(i);
        });
        expect(seen).toEqual(want.map((_, i) => i).filter((i) => i >= a && i < b));
        expect(indexAtTime(t, time)).toBe(indexAtTime(want, time));
      }),
      { numRuns: 60 },
    );
    expect(filterEvents(t, (e) => e.kind === 'conn.new')).toEqual(want.filter((e) => e.kind === 'conn.new'));
  });

  it('every example under every engine, in chunks of 64: the same events in order, those of the synchronous run', () => {
    for (const ex of EXAMPLES) {
      for (const engine of ['seed', 'parent', 'modern'] as const) {
        const chunks = chunksOf(ex.text, 64, engine);
        const want = eager(chunks.map((c) => structuredClone(c)));
        const t = lazy(chunks);
        expect(t.length, `${ex.id} ${engine}`).toBe(want.length);
        // Backwards: every chunk read after those that follow it.
        for (let i = want.length - 1; i >= 0; i--) expect(t.at(i), `${ex.id} ${engine} event ${i}`).toEqual(want[i]);
        expect(want, `${ex.id} ${engine}`).toEqual(runScenario(ex.text, { engine }).trace);
      }
    }
  });

  it('an event read twice in a row is the same object, passes and checkpoints in between; out of range is undefined', () => {
    const t = lazy(chunksOf(TEXT, 10));
    const e = t.at(5);
    expect(t.at(5)).toBe(e);
    // Passes over the whole trace (the analysis, the checkpoints) leave the events read by index as they were.
    forEachEvent(t, 0, t.length, () => {});
    for (let i = 0; i < t.length; i++) passAt(t, i);
    expect([...t].length).toBe(t.length);
    new TraceCursor(t, ['X']).final();
    expect(t.at(5)).toBe(e);
    expect(t.at(-1)).toBeUndefined();
    expect(t.at(t.length)).toBeUndefined();
    expect(() => timeAt(t, t.length)).toThrow(RangeError);
  });

  it('exact times of a hand-made chunk (late, fractional, -0) are read from the words', () => {
    const times = [0, 1.5, 2 ** 31, 2 ** 40 + 3, -0, 5e9];
    const enc = new PackedEncoder();
    for (const t of times) enc.event({ seq: 0, t, kind: 'note', decision: 'W', message: 'x', conds: [{ label: 'a', value: 2.5 }, { label: 'b', value: 'y' }] }, () => 0);
    const t = lazy([enc.take()]);
    expect(times.map((_, i) => timeAt(t, i))).toEqual(times);
    expect(Object.is(timeAt(t, 4), -0)).toBe(true);
    expect(t.at(3)).toMatchObject({ seq: 3, t: 2 ** 40 + 3, conds: [{ label: 'a', value: 2.5 }, { label: 'b', value: 'y' }] });
  });

  it("an event with the time or the line of the one before has no words for it, and reads them back", () => {
    // Runs of equal times and lines, with -0, a fractional and a late time among them.
    const times = [0, 0, 5, 5, 5, -0, -0, 0, 2 ** 31, 2 ** 31, 1.5, 1.5, 7, 7];
    const lines = [0, 0, 3, 3, 4, 4, 4, 0, 0, 9, 9, 9, 2, 2];
    const enc = new PackedEncoder();
    times.forEach((t, i) => enc.event({ seq: 0, t, line: lines[i]! || undefined, kind: 'note', decision: 'W', message: 'x' }, () => 0));
    const chunk = enc.take();
    // Each event: head and message, then the time's two words unless it is the one before as
    // plain words (4 of 14 are: the second 0, the second and third 5, the second 7; -0, 2^31 and
    // 1.5 are never, nor 0 after -0), and the line's word for the first event and when it changed (6 times).
    expect(chunk.data.length).toBe(14 * 2 + 2 * 10 + 6);
    const t = lazy([chunk]);
    times.forEach((want, i) => expect(Object.is(timeAt(t, i), want)).toBe(true));
    expect([...t].map((e) => e.t)).toEqual(times);
    expect([...t].map((e) => e.line ?? 0)).toEqual(lines);
    // The next chunk starts afresh: its first event has its own time and line.
    enc.event({ seq: 0, t: 7, line: 2, kind: 'note', decision: 'W', message: 'x' }, () => 0);
    expect(enc.take().data.length).toBe(5);
  });

  it('strings, empty ones among them, come back as they went, whatever was looked up before', () => {
    const messages = ['', 'a', '', 'b', 'a', 'b', '', 'c', ''];
    const enc = new PackedEncoder();
    for (const message of messages) enc.event({ seq: 0, t: 1, kind: 'note', decision: 'W', message }, () => 0);
    const t = lazy([enc.take()]);
    expect([...t].map((e) => e.message)).toEqual(messages);
  });

  it('refuses a chunk out of order', () => {
    const chunks = chunksOf(TEXT, 10);
    const t = new PackedTrace();
    t.push(chunks[0]!);
    expect(() => t.push(chunks[1]!, 0)).toThrow(/out of order/);
  });
});
