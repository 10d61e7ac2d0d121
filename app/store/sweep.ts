import type { Series } from '../../core';
import type { MetricName } from '../model/sweep/metrics';
import type { PointRow, SweepAxis } from '../model/sweep/results';

/**
 * The `sweep` slice (issue 18): the runs of the scenario's `sweep` lines — done in the
 * worker pool by app/sweep/actions.ts — what the panel shows, and which point the diagram
 * and timeline show. The sweep itself lives in the scenario text (share links and autosave
 * carry it); this is only its results and the view of them.
 */
export type SweepPhase = 'idle' | 'running' | 'done' | 'cancelled';

export interface SweepSlice {
  /** The text the results belong to (when the editor's differs, they are stale). */
  readonly text: string | null;
  readonly axes: readonly SweepAxis[];
  /** One per point of the plan, in its order; undefined until it has run. */
  readonly rows: readonly (PointRow | undefined)[];
  readonly phase: SweepPhase;
  readonly done: number;
  /** Wall-clock ms of the sweep (so far, or in all). */
  readonly ms: number;
  /** The metric on the chart. */
  readonly metric: MetricName;
  /** The point the diagram and timeline show (the swept parameters' values); null: each sweep's first value. */
  readonly open: Readonly<Record<string, string>> | null;
  /** Open-loop (`arrive`) runs: the run on screen sampled over time (open, idle, in flight, reuse), or null. */
  readonly series: Series | null;
  /** Which of the sweep chart and the plots over time are folded (both shown leave the diagram no room: one unfolds at a time). */
  readonly folded: { readonly sweep: boolean; readonly load: boolean };
}

export const initialSweep: SweepSlice = { text: null, axes: [], rows: [], phase: 'idle', done: 0, ms: 0, metric: 'opened', open: null, series: null, folded: { sweep: false, load: false } };
