/// <reference lib="webworker" />
import { backendServers, checkScenario, ENGINES, runScenario, type EngineName, type TraceEvent } from '../../core';
import { estimateRun } from '../model/estimate';
import { TraceEncoder } from './codec';
import { CHUNK_EVENTS, FLUSH_EVENTS, REPORT_MS, type RunRequest, type WorkerMessage } from './protocol';

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
  const checked = checkScenario(text, override ? { engine: override } : {});
  const ok = !checked.diagnostics.some((d) => d.severity === 'error');
  const engine = override ?? checked.config?.engine ?? 'seed';
  post({
    type: 'checked',
    id,
    diagnostics: checked.diagnostics,
    ok,
    engine,
    commit: ENGINES[engine].commit,
    servers: checked.config ? checked.config.backends.flatMap((b) => b.servers.map((s) => s.name)) : [],
    backends: checked.config ? backendServers(checked.config) : [],
    estimate: estimateRun(checked.ast.script),
  });
  if (!ok) return;

  const encoder = new TraceEncoder();
  let buf: TraceEvent[] = [];
  let sent = 0;
  let done = 0;
  let requestsSent = 0;
  let last = performance.now();
  const flush = () => {
    for (let i = 0; i < buf.length; i += CHUNK_EVENTS) {
      const chunk = encoder.encode(buf.slice(i, i + CHUNK_EVENTS));
      self.postMessage({ type: 'events', id, from: sent, chunk, done, sent: requestsSent } satisfies WorkerMessage, [chunk.data.buffer]);
      sent += chunk.count;
    }
    buf = [];
    last = performance.now();
  };
  const res = runScenario(text, {
    engine: override,
    maxEvents,
    // The page rebuilds the world from the events: this run's own world keeps no request or stream.
    leanWorld: true,
    sink: (e) => {
      buf.push(e);
      if (e.kind === 'request.done' || e.kind === 'request.error') done++;
      else if (e.kind === 'request.send') requestsSent++;
      if (buf.length >= FLUSH_EVENTS || ((buf.length & 255) === 0 && performance.now() - last >= REPORT_MS)) flush();
    },
  });
  flush();
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
