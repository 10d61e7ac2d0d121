import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import type { Diagnostic, RunResult, TraceCursor } from '../../core';
import type { TraceAnalysis } from '../model/analysis';
import type { DiagramPlan } from '../model/diagram/layout';
import type { LogMatches } from '../model/logFilter';
import { initialWork, type WorkSlice } from './work';
import { initialRun, type RunSlice } from './run';
import { initialSweep, type SweepSlice } from './sweep';

/**
 * One store, sliced (G11): `editor` (the text and its diagnostics), `sim` (the last
 * good run and what was derived from it once), `view` (playhead, selection, layout),
 * `work` (autosave, notices, modes: ./work.ts), `run` (a run in the worker: ./run.ts),
 * `sweep` (a sweep's results and the point shown: ./sweep.ts).
 * Actions are module-level functions in ./actions.ts; components only select.
 */

export interface EditorSlice {
  readonly text: string;
  /** Diagnostics of the latest run attempt (errors and warnings). */
  readonly diagnostics: readonly Diagnostic[];
  readonly errorCount: number;
  /** A run is scheduled (the user is typing). */
  readonly pending: boolean;
}

export interface SimSlice {
  /** The last run without errors; kept (dimmed) while the text has errors. */
  readonly result: RunResult | null;
  readonly cursor: TraceCursor | null;
  readonly analysis: TraceAnalysis | null;
  readonly plan: DiagramPlan | null;
  /** The text currently shown has errors: `result` belongs to an older text. */
  readonly stale: boolean;
  /** Increments on every successful run. */
  readonly runId: number;
  /** Wall-clock cost of the last run, ms (shown in the footer of the log). */
  readonly runMs: number;
  /** The core threw (a bug): message shown instead of the diagram. */
  readonly crash: string | null;
  /** `result` is the first part of a run still in progress (app/sim/runner.ts `partial`): the whole replaces it. */
  readonly partial: boolean;
}

export type ThemePref = 'system' | 'light' | 'dark';

export interface ViewSlice {
  /** Playhead: the world is shown after event `index` (-1 = before the first event). */
  readonly index: number;
  readonly playing: boolean;
  readonly speed: number;
  /** A connection the user clicked: highlighted in the diagram and the log. */
  readonly focusConn: string | null;
  readonly theme: ThemePref;
  readonly helpOpen: boolean;
  /** The editor pane is folded to a rail (presenting: the diagram takes the width). */
  readonly editorCollapsed: boolean;
  /** Pane sizes in px: editor width, bottom (log/why) height, log width. */
  readonly sizes: { readonly editor: number; readonly bottom: number; readonly log: number };
  /** The event log's filter, as typed ('' = every event). */
  readonly logFilter: string;
  /** What it lets through, scanned in slices by LogFilterScan (null: no filter). The log and the timeline show it. */
  readonly logMatches: LogMatches | null;
}

export interface PlaygroundState {
  readonly editor: EditorSlice;
  readonly sim: SimSlice;
  readonly view: ViewSlice;
  readonly work: WorkSlice;
  readonly run: RunSlice;
  readonly sweep: SweepSlice;
}

export const initialState: PlaygroundState = {
  editor: { text: '', diagnostics: [], errorCount: 0, pending: false },
  sim: { result: null, cursor: null, analysis: null, plan: null, stale: false, runId: 0, runMs: 0, crash: null, partial: false },
  view: {
    index: -1,
    playing: false,
    speed: 1,
    focusConn: null,
    theme: 'system',
    helpOpen: false,
    editorCollapsed: false,
    sizes: { editor: 420, bottom: 224, log: 600 },
    logFilter: '',
    logMatches: null,
  },
  work: initialWork,
  run: initialRun,
  sweep: initialSweep,
};

export const store = create<PlaygroundState>()(() => initialState);

/** Select from the store in a component. Use `useStoreShallow` for derived objects/arrays. */
export const useStore = store;
export function useStoreShallow<T>(selector: (s: PlaygroundState) => T): T {
  return store(useShallow(selector));
}

export function getState(): PlaygroundState {
  return store.getState();
}

export function setEditor(p: Partial<EditorSlice>): void {
  store.setState((s) => ({ editor: { ...s.editor, ...p } }));
}
export function setSim(p: Partial<SimSlice>): void {
  store.setState((s) => ({ sim: { ...s.sim, ...p } }));
}
export function setView(p: Partial<ViewSlice>): void {
  store.setState((s) => ({ view: { ...s.view, ...p } }));
}
export function setWork(p: Partial<WorkSlice>): void {
  store.setState((s) => ({ work: { ...s.work, ...p } }));
}
export function setRun(p: Partial<RunSlice>): void {
  store.setState((s) => ({ run: { ...s.run, ...p } }));
}
export function setSweep(p: Partial<SweepSlice>): void {
  store.setState((s) => ({ sweep: { ...s.sweep, ...p } }));
}
export function subscribe(listener: (s: PlaygroundState, prev: PlaygroundState) => void): () => void {
  return store.subscribe(listener);
}
