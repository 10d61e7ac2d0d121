import type { ClientGroup } from '../model/estimate';
import type { RunStatus } from '../sim/runner';

/**
 * The `run` slice (issue 5): a simulation running in the worker — progress for the bar
 * (as app/sim/runner.ts reports it: `RunStatus`), and how the run on screen is drawn
 * (folded client groups for large runs). Read by the progress bar and the stage.
 */
export interface RunSlice extends RunStatus {
  /** The run on screen: its client groups, and whether the diagram folds them. */
  readonly groups: readonly ClientGroup[];
  readonly folded: boolean;
  /** What the user expanded in the diagram: `g:web` (a folded group), `l:s1:idle` (a folded list), `srv:s1` (a long server box). */
  readonly expanded: readonly string[];
}

export const initialRun: RunSlice = { phase: 'idle', done: 0, total: 0, sent: 0, events: 0, startedAt: 0, groups: [], folded: false, expanded: [] };
