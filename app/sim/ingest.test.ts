import { describe, expect, it } from 'vitest';
import { runScenario, type PackedChunk } from '../../core';
import { PUBLISH_EARLY_MAX_EVENTS, RunIngest } from './ingest';

/** A worker run as the page receives it: chunks (words transferred), then the done message. */
function received(text: string): { ingest: RunIngest; events: number; sync: ReturnType<typeof runScenario> } {
  const chunks: PackedChunk[] = [];
  const r = runScenario(text, { packed: { chunkEvents: 2048, onChunk: (c) => chunks.push(structuredClone(c, { transfer: [c.data.buffer] })) } });
  const ingest = new RunIngest({ diagnostics: [], engine: 'seed', commit: '', servers: ['s1', 's2'] }, false);
  let from = 0;
  for (const c of chunks) {
    ingest.push(from, c);
    from += c.count;
  }
  ingest.finish({ type: 'done', id: 1, events: from, totals: r.totals, steps: r.steps, limitReached: r.limitReached, runMs: 0 });
  return { ingest, events: from, sync: runScenario(text) };
}

/** Work in slices (a fake clock: each call of `now` is a ms) until `done` holds; the slices it took. */
function workUntil(ingest: RunIngest, done: () => boolean, toPublish = false): number {
  let t = 0;
  let slices = 0;
  while (!done() && slices < 10_000) {
    ingest.work(t + 8, () => t++, toPublish);
    slices++;
  }
  return slices;
}

describe('the page takes a worker run in (kept packed, decoded on read)', () => {
  // 400 HTTP/1 clients × 10 requests: ~50,000 events, more than a run shown before its checkpoints.
  const text = [
    'backend be', '    http-reuse always', '    server s1 192.0.2.10:80', '    server s2 192.0.2.11:80',
    'script', '    open web[1..400] h1', '    repeat 10 {', '        web[*] GET /', '    }', '    close web[*]', '',
  ].join('\n');

  it('a large run is analysed and checkpointed in slices, then gives the trace and world of the synchronous run', () => {
    const { ingest, events, sync } = received(text);
    expect(events).toBeGreaterThan(PUBLISH_EARLY_MAX_EVENTS);
    expect(events).toBe(sync.trace.length);
    expect(ingest.publishable).toBe(false);
    const slices = workUntil(ingest, () => ingest.publishable, true);
    expect(slices).toBeGreaterThan(1);
    expect(ingest.analysis.open.length).toBe(events);
    // A large run is shown with all its checkpoints (a seek anywhere replays at most one gap).
    expect(ingest.cursor.ready).toBe(events);
    expect(ingest.complete).toBe(true);
    const res = ingest.result();
    expect(res.trace.length).toBe(events);
    expect(res.world.counts).toEqual(sync.world.counts);
    expect([...res.trace]).toEqual(sync.trace);
    expect(ingest.analysis.maxOpen).toBe(Math.max(...ingest.analysis.open));
  });
});
