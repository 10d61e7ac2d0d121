import { getState, setSweep, subscribe } from '../store';
import type { SweepSlice } from '../store/sweep';
import { pause, runNow } from '../store/actions';
import type { MetricName } from '../model/sweep/metrics';
import { hasArrive, hasSweep, planOf, runText } from '../model/sweep/plan';
import { WorkerPool, type PoolRun, type PoolWorker } from './pool';
import type { PointAnswer, PointJob } from './protocol';
import type { PointRow } from '../model/sweep/results';

/**
 * The sweep's actions (issue 18): run every point of the scenario's sweeps in the worker
 * pool — after the typing pause, whenever the text changes — cancel, choose the metric,
 * open a point in the diagram and timeline. The sweep is in the text: nothing here is saved.
 */

/** The pause after the last keystroke before a sweep starts (the main run's is 300 ms). */
export const SWEEP_DELAY_MS = 400;

let pool: WorkerPool<PointJob, PointAnswer> | null = null;
let running: PoolRun | null = null;
/** The text's last `plot` line: the chart takes it when it changes, and keeps the reader's choice otherwise. */
let plotted: MetricName | null = null;

function workers(): WorkerPool<PointJob, PointAnswer> {
  pool ??= new WorkerPool<PointJob, PointAnswer>(
    () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'sweep' }) as unknown as PoolWorker<PointJob, PointAnswer>,
    Math.max(1, navigator.hardwareConcurrency || 2),
  );
  return pool;
}

/** Run every point of the current text's sweeps (a sweep in progress is cancelled). */
export function runSweep(): void {
  const text = getState().editor.text;
  const plan = planOf(text);
  const axes = plan.params.map((p) => ({ name: p.name, values: [...p.values] }));
  if (axes.length === 0 || !plan.ok) {
    running?.cancel();
    return;
  }
  const t0 = performance.now();
  let rows: (PointRow | undefined)[] = new Array(plan.points.length).fill(undefined);
  let done = 0;
  const plot = plan.plot !== plotted && plan.plot !== null ? { metric: plan.plot } : {};
  plotted = plan.plot;
  setSweep({ text, axes, rows, phase: 'running', done: 0, ms: 0, ...plot });
  const run = workers().run(
    plan.points.map((p) => ({ text, values: p.values })),
    {
      result(i, out) {
        if (running !== run) return;
        done++;
        rows = rows.slice();
        const values = plan.points[i]!.values;
        rows[i] = 'result' in out ? { values, metrics: out.result.metrics } : { values, error: out.error };
        setSweep({ rows, done, ms: performance.now() - t0 });
      },
      done(cancelled) {
        if (running !== run) return;
        running = null;
        setSweep({ phase: cancelled ? 'cancelled' : 'done', ms: performance.now() - t0 });
      },
    },
  );
  running = run.finished ? null : run;
}

/** The panel's Cancel: stop the workers; the points done so far stay on the chart. */
export function cancelSweep(): void {
  running?.cancel();
}

/** Whether each panel is shown folded: beside a sweep's chart the plots over time stay folded until asked for. */
export function foldedPanels(text: string, f: SweepSlice['folded']): { sweep: boolean; load: boolean } {
  const both = hasSweep(text) && hasArrive(text);
  return { sweep: f.sweep, load: f.load || (both && !f.sweep) };
}

/** Fold or unfold a panel; when the scenario has both, unfolding one folds the other. */
export function toggleFold(which: 'sweep' | 'load'): void {
  const text = getState().editor.text;
  const shown = foldedPanels(text, getState().sweep.folded);
  const other = which === 'sweep' ? 'load' : 'sweep';
  const both = hasSweep(text) && hasArrive(text);
  const next = { ...shown, [which]: !shown[which] };
  if (shown[which] && both) next[other] = true;
  setSweep({ folded: next });
}

export function setMetric(metric: MetricName): void {
  setSweep({ metric });
}

/** Show one point of the sweep in the diagram and timeline (the editor keeps the sweep). */
export function openPoint(values: Readonly<Record<string, string>>): void {
  pause();
  setSweep({ open: values });
  runNow();
}

/** Back to the plain run (each sweep at its first value). */
export function closePoint(): void {
  setSweep({ open: null });
  runNow();
}

let seriesPool: WorkerPool<PointJob, PointAnswer> | null = null;

/**
 * Sample the run on screen over time (an open-loop run: `arrive`): the same text, values and
 * seed as the diagram's run, totals-only in a worker of its own, so a sweep does not wait for it.
 */
export function runSeriesNow(): void {
  const text = getState().editor.text;
  if (!hasArrive(text)) {
    if (getState().sweep.series) setSweep({ series: null });
    return;
  }
  seriesPool ??= new WorkerPool<PointJob, PointAnswer>(
    () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'series' }) as unknown as PoolWorker<PointJob, PointAnswer>,
    1,
  );
  seriesPool.run([{ text: runText(text, getState().sweep.open), values: {}, series: true }], {
    result(_i, out) {
      if (getState().editor.text === text) setSweep({ series: 'result' in out ? (out.result.series ?? null) : null });
    },
    done() {},
  });
}

let timer: ReturnType<typeof setTimeout> | undefined;

/** Re-run the sweep after the typing pause whenever the text changes (installed once by the page). */
export function installSweepRunner(): () => void {
  const start = () => {
    clearTimeout(timer);
    // An opened point the text no longer has (another scenario, an edited sweep) is dropped.
    const { open } = getState().sweep;
    if (open && runText(getState().editor.text, open) === getState().editor.text) setSweep({ open: null });
    if (hasSweep(getState().editor.text)) {
      // The workers load their code during the typing pause.
      workers().warm();
      timer = setTimeout(runSweep, SWEEP_DELAY_MS);
    }
    else if (getState().sweep.text !== null) {
      running?.cancel();
      setSweep({ text: null, axes: [], rows: [], phase: 'idle', done: 0, open: null });
    }
  };
  start();
  // The first run may have been published already (a small one runs at once, on the page).
  if (getState().sim.result) runSeriesNow();
  const off = subscribe((s, prev) => {
    if (s.editor.text !== prev.editor.text) start();
    // A run was published: its over-time plots follow (open-loop runs only).
    if (s.sim.runId !== prev.sim.runId) runSeriesNow();
  });
  return () => {
    off();
    clearTimeout(timer);
    pool?.dispose();
    seriesPool?.dispose();
    pool = seriesPool = null;
  };
}
