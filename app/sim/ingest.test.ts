import { describe, expect, it } from 'vitest';
import { runScenario, type PackedChunk } from '../../core';
import { PUBLISH_EARLY_MAX_EVENTS, RunIngest } from './ingest';

/** A worker run as the page receives it: chunks (words transferred), then the done message. */
function received(text: string): { ingest: RunIngest; events: number; sync: ReturnType<typeof runScenario> } {
  const chunks: PackedChunk[] = [];
  const r = runScenario(text, { packed: { chunkEvents: 2048, onChunk: (c) => chunks.push(structuredClone(c, { transfer: [c.data.buffer, c.streams.buffer] })) } });
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
function workUntil(ingest: RunIngest, done: () => boolean, toPublish?: number): number {
  let t = 0;
  let slices = 0;
  while (!done() && slices < 10_000) {
    const start = t;
    ingest.work(start + 8, () => t++, toPublish);
    slices++;
  }
  return slices;
}

describe('the page takes a worker run in (decoded on read)', () => {
  // 400 HTTP/1 clients × 10 requests: ~50,000 events, more than a run shown before its checkpoints.
  const text = [
    'backend be', '    http-reuse always', '    server s1 192.0.2.10:80', '    server s2 192.0.2.11:80',
    'script', '    open web[1..400] h1', '    repeat 10 {', '        web[*] GET /', '    }', '    close web[*]', '',
  ].join('\n');

  it('a large run can be shown at its first event once analysed, before its checkpoints are all taken; then they are', () => {
    const { ingest, events, sync } = received(text);
    expect(events).toBeGreaterThan(PUBLISH_EARLY_MAX_EVENTS);
    expect(events).toBe(sync.trace.length);
    workUntil(ingest, () => ingest.publishableAt(-1), -1);
    expect(ingest.analysis.open.length).toBe(events);
    expect(ingest.cursor.ready).toBeLessThan(events);
    // Shown at the end, it would still need its checkpoints.
    expect(ingest.publishableAt(events - 1)).toBe(false);
    expect(ingest.publishable).toBe(false);
    workUntil(ingest, () => ingest.complete);
    expect(ingest.publishableAt(events - 1)).toBe(true);
    const res = ingest.result();
    expect(res.trace.length).toBe(events);
    expect(res.world.counts).toEqual(sync.world.counts);
    // The replayed worlds are those of the synchronous run's trace.
    expect([...res.trace]).toEqual(sync.trace);
  });

  it('a large run shown in the middle waits for the checkpoints up to that event only', () => {
    const { ingest, events } = received(text);
    const mid = Math.floor(events / 2);
    workUntil(ingest, () => ingest.publishableAt(mid), mid);
    expect(ingest.cursor.ready).toBeGreaterThan(mid);
    expect(ingest.cursor.ready).toBeLessThan(events);
    expect(ingest.analysis.open.length).toBe(events);
  });
});
