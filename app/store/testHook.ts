import { getState, subscribe } from './index';
import type { PlaygroundState } from './index';
import { cancelRun, pause, seek, seekTime, setText } from './actions';
import { worldAt } from './selectors';
import { editorBridge } from './editorBridge';

/**
 * `window.__playground`, for end-to-end tests (G14): read the state and drive the
 * playground without going through the UI.
 */
export interface PlaygroundHook {
  getState(): PlaygroundState;
  /** Replace the scenario text and run it at once (a large one runs in the worker: see `idle`). */
  setScenario(text: string): void;
  /** Resolves when no run is in progress (the worker's run is published, failed or cancelled). */
  idle(): Promise<void>;
  /** Cancel the run in progress, as the progress bar's button does. */
  cancel(): void;
  /** Move the playhead: an event index, or `{ t }` in virtual µs. */
  seek(to: number | { t: number }): void;
  /** The editor's text and cursor (null before the lazy editor has mounted). */
  editor(): { value: string; position: { line: number; column: number } | null } | null;
  /** Put the editor's cursor at a 1-based line and column, and focus the editor. */
  editorGoto(line: number, column: number): void;
  /** Summary of the world at the playhead (plain data). */
  snapshot(): {
    index: number;
    events: number;
    engine: string | null;
    counts: Record<string, number> | null;
    conns: { id: string; status: string; list: string | null; owner: string | null }[];
  };
}

export function installTestHook(): void {
  const hook: PlaygroundHook = {
    getState,
    setScenario(text) {
      pause();
      setText(text, { immediate: true });
    },
    idle() {
      const quiet = (s: PlaygroundState) => !s.editor.pending && s.run.phase !== 'running';
      if (quiet(getState())) return Promise.resolve();
      return new Promise((resolve) => {
        const off = subscribe((s) => {
          if (!quiet(s)) return;
          off();
          resolve();
        });
      });
    },
    cancel: cancelRun,
    seek(to) {
      pause();
      if (typeof to === 'number') seek(to);
      else seekTime(to.t);
    },
    editor() {
      const b = editorBridge();
      return b ? { value: b.getValue(), position: b.getPosition() } : null;
    },
    editorGoto(line, column) {
      const b = editorBridge();
      b?.revealPosition(line, column);
      b?.focus();
    },
    snapshot() {
      const s = getState();
      const w = s.sim.cursor ? worldAt(s.sim.cursor, s.view.index) : null;
      return {
        index: s.view.index,
        events: s.sim.result?.trace.length ?? 0,
        engine: s.sim.result?.engine ?? null,
        counts: w ? { ...w.counts } : null,
        conns: w
          ? [...w.conns.values()].map((c) => ({
              id: c.id,
              status: c.phase,
              list: c.list,
              owner: c.owner,
            }))
          : [],
      };
    },
  };
  window.__playground = hook;
}
