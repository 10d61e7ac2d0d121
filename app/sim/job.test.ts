import { describe, expect, it } from 'vitest';
import { runScenario, type PackedChunk } from '../../core';
import { checkedMessage } from './checked';
import { Job, type PartialRun } from './job';

// A job fed the worker's messages by hand (no worker): what it shows, and when.

const text = [
  'backend be', '    http-reuse always', '    server s1 192.0.2.10:80', '    server s2 192.0.2.11:80',
  'script', '    open web[1..400] h1', '    repeat 10 {', '        web[*] GET /', '    }', '    close web[*]', '',
].join('\n');

/** The run as the worker streams it: its chunks and its done message. */
function streamed() {
  const chunks: PackedChunk[] = [];
  const r = runScenario(text, { packed: { chunkEvents: 2048, onChunk: (c) => chunks.push(structuredClone(c, { transfer: [c.data.buffer] })) } });
  return { chunks, r, events: chunks.reduce((n, c) => n + c.count, 0) };
}

/** Lets the job's slices (MessageChannel tasks) run. */
const turns = async (n = 50) => {
  for (let k = 0; k < n; k++) await new Promise((r) => setTimeout(r, 0));
};

async function feed(firstIndex: (complete: boolean) => number | null) {
  const { chunks, r, events } = streamed();
  const job = new Job(text, { maxEvents: 1_000_000, retain: () => false }, null);
  const seen: { partial: PartialRun | null; partialAt: number; readyAt: number } = { partial: null, partialAt: -1, readyAt: -1 };
  let received = 0;
  job.attach({
    firstIndex: (_trace, complete) => firstIndex(complete),
    partial: (_j, p) => {
      seen.partial = p;
      seen.partialAt = received;
      return true;
    },
    ready: () => {
      seen.readyAt = received;
    },
    failed: (m) => {
      throw new Error(m);
    },
  });
  job.onMessage(checkedMessage(job.id, text, undefined));
  let from = 0;
  for (const chunk of chunks) {
    job.onMessage({ type: 'events', id: job.id, from, chunk, done: 0 });
    from += chunk.count;
    received = from;
    await turns(5);
  }
  job.onMessage({ type: 'done', id: job.id, events: from, totals: r.totals, steps: r.steps, limitReached: r.limitReached, runMs: 1 });
  for (let k = 0; k < 200 && seen.readyAt < 0; k++) await turns(5);
  job.drop();
  return { seen, events, job };
}

describe('a job shown in part', () => {
  it('is shown once, at its first picture’s event, before every event has arrived; then whole', async () => {
    const { seen, events } = await feed(() => 0);
    expect(seen.partial).not.toBeNull();
    expect(seen.partialAt).toBeLessThan(events);
    expect(seen.partial!.first).toBe(0);
    const n = seen.partial!.res.trace.length;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(seen.partialAt);
    expect(seen.partial!.analysis.open.length).toBe(n);
    expect(seen.readyAt).toBe(events);
  });

  it('is not shown in part while the events that decide its first picture may still come', async () => {
    const { seen, events } = await feed((complete) => (complete ? 5 : null));
    expect(seen.partial).toBeNull();
    expect(seen.readyAt).toBe(events);
  });
});
