import type { RunResult, Trace, TraceEvent } from '../../core';
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
  /** The state, its run's trace as an array (tests read it with array methods). */
  getState(): TestState;
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
    getState: () => testState(getState()),
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

/** The state as the tests read it: the run's trace an array of events. */
export type TestState = Omit<PlaygroundState, 'sim'> & {
  readonly sim: Omit<PlaygroundState['sim'], 'result'> & { readonly result: (RunResult & { readonly trace: TraceEvent[] }) | null };
};

const views = new WeakMap<object, unknown>();

/**
 * A worker run's trace is packed and decoded on read (core/trace/trace.ts): for the tests, the
 * state with that trace seen as an array (indexes and length read the trace; any other array
 * method reads an array of every event, made once). Same state in, same object out.
 */
function testState(s: PlaygroundState): TestState {
  const r = s.sim.result;
  if (!r || Array.isArray(r.trace)) return s as TestState;
  let t = views.get(s) as TestState | undefined;
  if (!t) {
    // The result's own getters (its world is built on first read) stay where they are.
    const result = Object.create(r, { trace: { value: arrayView(r.trace), enumerable: true } }) as RunResult & { trace: TraceEvent[] };
    t = { ...s, sim: { ...s.sim, result } };
    views.set(s, t);
  }
  return t;
}

function arrayView(trace: Trace): TraceEvent[] {
  let v = views.get(trace) as TraceEvent[] | undefined;
  if (v) return v;
  let all: TraceEvent[] | null = null;
  const full = () => (all ??= Array.from(trace));
  v = new Proxy([] as TraceEvent[], {
    get(_target, p) {
      if (p === 'length') return trace.length;
      if (typeof p === 'string' && /^(0|[1-9][0-9]*)$/.test(p)) return trace.at(Number(p));
      const x = Reflect.get(full(), p) as unknown;
      return typeof x === 'function' ? (x as (...a: unknown[]) => unknown).bind(full()) : x;
    },
    has: (_target, p) => Reflect.has(full(), p),
    ownKeys: () => Reflect.ownKeys(full()),
    getOwnPropertyDescriptor: (_target, p) => Reflect.getOwnPropertyDescriptor(full(), p),
  });
  views.set(trace, v);
  return v;
}
