import { describe, expect, it } from 'vitest';
import { eventJson, PackedDecoder, runScenario, type PackedChunk, type TraceEvent } from '../../core';
import { PackedEncoder } from '../../core/trace/packed';
import { KIND_FIELDS } from '../../core/trace/events';

/** The worker's run (app/sim/worker.ts): the trace packed in chunks of `every` events, decoded as the page does. */
function viaWorker(text: string, every: number): { events: TraceEvent[]; chunks: PackedChunk[] } {
  const dec = new PackedDecoder();
  const events: TraceEvent[] = [];
  const chunks: PackedChunk[] = [];
  runScenario(text, {
    packed: {
      chunkEvents: every,
      onChunk: (chunk) => {
        // What postMessage does to it (the words are transferred).
        const c = structuredClone(chunk, { transfer: [chunk.data.buffer, chunk.streams.buffer] });
        chunks.push(c);
        dec.decodeInto(c, events, events.length);
      },
    },
  });
  return { events, chunks };
}

describe('the packed trace (worker → page)', () => {
  const text = `engine modern
backend be
    http-reuse safe
    server X 192.0.2.1:80 pool-max-conn 2
script
    open web[1..5] h2
    repeat 3 {
        web[*] GET /a
    }
    close web[*]
`;
  const run = runScenario(text);

  it('decodes, chunk by chunk, events equal to those of a synchronous run (same fields and values)', () => {
    const { events } = viaWorker(text, 37);
    expect(events.length).toBe(run.trace.length);
    expect(events).toEqual(run.trace);
    // Absent fields stay absent to every reader that skips undefined (JSON, the report).
    expect(JSON.stringify(events.map(eventJson))).toBe(JSON.stringify(run.trace.map(eventJson)));
    expect(events.filter((e) => e.conds === undefined).length).toBe(run.trace.filter((e) => e.conds === undefined).length);
    // Each event holds only the fields it has, as the engine's own (not every field of the schema): its memory.
    const common = ['seq', 't', 'kind', 'decision', 'line'];
    const foreign = events.flatMap((e) => {
      const own = new Set([...common, ...KIND_FIELDS[e.kind].map((f) => f.name)]);
      return Object.keys(e).filter((k) => !own.has(k)).map((k) => `${e.kind} has ${k}`);
    });
    expect(foreign).toEqual([]);
  });

  it('names entities by number: each name, string and shared condition list crosses once, and decoded events share them', () => {
    const { events, chunks } = viaWorker(text, 1_000_000);
    expect(chunks).toHaveLength(1);
    const [chunk] = chunks;
    // Sessions and clients are named once each, streams once each by their session and number
    // (no string per stream); connections and requests not at all (c<n>, r<n>).
    const entities = new Set(run.trace.flatMap((e) => [e.session, e.client]).filter((x) => x !== undefined));
    expect(new Set(chunk!.names)).toEqual(entities);
    const streams = new Set(run.trace.map((e) => e.stream).filter((x) => x !== undefined));
    expect(chunk!.streams.length).toBe(3 * streams.size);
    expect(chunk!.strings.some((s) => /^[cr]\d+$/.test(s))).toBe(false);
    expect(new Set(chunk!.strings).size).toBe(chunk!.strings.length);
    // The engines' shared condition lists (engines/conds.ts) stay shared: far fewer lists than events with one.
    const lists = events.map((e) => e.conds).filter((c) => c !== undefined);
    expect(new Set(lists).size * 2).toBeLessThan(lists.length);
    expect(chunk!.conds.length).toBeLessThan(20);
  });

  it('route and answer events (backend, rule, answeredBy) cross unchanged', () => {
    const routing = `frontend fe
    http-request deny if { path_beg /admin }
    use_backend api if { hdr(host) -i api.example.com }
    default_backend web
backend api
    server a 192.0.2.1:80
backend web
    server w 192.0.2.2:80
script
    open A h2
    A GET / host api.example.com
    A GET /admin
    A GET /
`;
    const sync = runScenario(routing).trace;
    const routed = sync.filter((e) => e.kind === 'route' || e.kind === 'answer');
    expect(routed.map((e) => [e.kind, e.decision, e.backend ?? e.answeredBy, e.rule])).toEqual([
      ['route', 'B1', 'api', 3], ['answer', 'H2', 'http-request deny', 2], ['route', 'B2', 'web', 4],
    ]);
    expect(viaWorker(routing, 5).events).toEqual(sync);
  });

  it('ends with the limit note of a run cut short', () => {
    const { events } = viaWorker(text, 10);
    const cut = runScenario(text, { maxEvents: 25, packed: { chunkEvents: 10, onChunk: () => {} } });
    expect(cut.limitReached).toBe('events');
    const dec = new PackedDecoder();
    const got: TraceEvent[] = [];
    runScenario(text, { maxEvents: 25, packed: { chunkEvents: 10, onChunk: (c) => got.push(...dec.decode(c, got.length)) } });
    expect(got).toHaveLength(26);
    expect(got.slice(0, 25)).toEqual(events.slice(0, 25));
    expect(got[25]).toMatchObject({ kind: 'note', flag: 'crash', message: expect.stringContaining('25 events') });
  });

  it('carries instants that are not small whole numbers exactly (late instants, fractions, -0)', () => {
    const times = [5e9, 2 ** 31, 2 ** 40 + 3, 1.5, -0, 2 ** 31 - 1, 0];
    const enc = new PackedEncoder();
    for (const t of times) enc.event({ seq: 0, t, kind: 'note', decision: 'W', message: 'x' }, () => 0);
    const out = new PackedDecoder().decode(enc.take(), 0);
    expect(out.map((e) => e.t)).toEqual(times);
    expect(Object.is(out[4]!.t, -0)).toBe(true);
    expect(out.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
