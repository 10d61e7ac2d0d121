/// <reference lib="webworker" />
import { runScenario, type EngineName } from '../../core';
import { checkedMessage } from './checked';
import { FLUSH_EVENTS, REPORT_MS, type RunRequest, type WorkerMessage } from './protocol';

/**
 * The simulation worker: parses, checks and runs one scenario at a time, streaming
 * the trace to the page in chunks at most every REPORT_MS, then the totals. The page
 * cancels a run by terminating the worker.
 */
declare const self: DedicatedWorkerGlobalScope;

const post = (m: WorkerMessage) => self.postMessage(m);

self.onmessage = (ev: MessageEvent<RunRequest>) => {
  const { id, text, maxEvents, engine } = ev.data;
  try {
    run(id, text, maxEvents, engine);
  } catch (e) {
    post({ type: 'failed', id, message: e instanceof Error ? e.message : String(e) });
  }
};

function run(id: number, text: string, maxEvents: number, override: EngineName | undefined): void {
  const t0 = performance.now();
  const checked = checkedMessage(id, text, override);
  post(checked);
  const ok = checked.ok;
  if (!ok) return;

  let sent = 0;
  let last = performance.now();
  // The engine writes the trace packed (core/engines/writer/packed.ts): no event object here;
  // each chunk's words are transferred, not copied. The page decodes them (app/sim/ingest.ts).
  const res = runScenario(text, {
    engine: override,
    maxEvents,
    packed: {
      chunkEvents: FLUSH_EVENTS,
      due: () => performance.now() - last >= REPORT_MS,
      onChunk: (chunk, done, requestsSent) => {
        self.postMessage({ type: 'events', id, from: sent, chunk, done, sent: requestsSent } satisfies WorkerMessage, [chunk.data.buffer, chunk.streams.buffer]);
        sent += chunk.count;
        last = performance.now();
      },
    },
  });
  post({
    type: 'done',
    id,
    events: sent,
    totals: res.totals,
    steps: res.steps,
    limitReached: res.limitReached,
    runMs: performance.now() - t0,
  });
}
