import type { ClientGroup } from '../sim/estimate';

/**
 * The `run` slice (issue 5): a simulation running in the worker — progress for the bar,
 * and how the run on screen is drawn (folded client groups for large runs).
 * Written by app/sim/runner.ts through the actions; read by the progress bar and the stage.
 */
export type RunPhase = 'idle' | 'running' | 'cancelled';

export interface RunSlice {
  readonly phase: RunPhase;
  /** Requests finished so far, and the estimate of the total (from the script). */
  readonly done: number;
  readonly total: number;
  /** Requests sent so far (they finish later: a large run sends thousands before the first answer). */
  readonly sent: number;
  /** Events received so far. */
  readonly events: number;
  /** `performance.now()` when the run started. */
  readonly startedAt: number;
  /** The run on screen: its client groups, and whether the diagram folds them. */
  readonly groups: readonly ClientGroup[];
  readonly folded: boolean;
  /** What the user expanded in the diagram: `g:web` (a folded group), `l:s1:idle` (a folded list), `srv:s1` (a long server box). */
  readonly expanded: readonly string[];
}

export const initialRun: RunSlice = { phase: 'idle', done: 0, total: 0, sent: 0, events: 0, startedAt: 0, groups: [], folded: false, expanded: [] };
