/// <reference lib="webworker" />
import { runPoint, runSeries } from '../../core';
import type { PointJob, PointAnswer } from './protocol';

/**
 * A sweep worker (one per core, app/sweep/pool.ts): runs one point of a sweep at a time,
 * totals only, and answers with its metrics (and, when asked, the run sampled over time). The page cancels by terminating it.
 */
declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (ev: MessageEvent<{ id: number; job: PointJob }>) => {
  const { id, job } = ev.data;
  let answer: { id: number; result?: PointAnswer; error?: string };
  try {
    const s = job.series ? runSeries(job.text, job.values) : null;
    const r = s ?? runPoint(job.text, job.values);
    const err = r.diagnostics.find((d) => d.severity === 'error');
    answer = r.ok
      ? { id, result: s ? { metrics: r.metrics, series: s.series } : { metrics: r.metrics } }
      : { id, error: err ? `${err.line}:${err.column}: ${err.message}` : 'the scenario has errors' };
  } catch (e) {
    answer = { id, error: e instanceof Error ? e.message : String(e) };
  }
  self.postMessage(answer);
};
