import type { Diagnostic, TraceCursor, TraceEvent, World } from '../../core';
import { useStore } from './index';
import type { PlaygroundState } from './index';

/**
 * Derived data (G11). The world at the playhead comes from core's checkpointed replay
 * (`TraceCursor.at`): the UI never re-derives what the algorithm did.
 */

let memoCursor: TraceCursor | null = null;
let memoIndex = Number.NaN;
let memoWorld: World | null = null;

export function worldAt(cursor: TraceCursor, index: number): World {
  if (cursor !== memoCursor || index !== memoIndex || !memoWorld) {
    memoWorld = cursor.at(index);
    memoCursor = cursor;
    memoIndex = index;
  }
  return memoWorld;
}

/**
 * The world after the playhead's event, or null before the first good run. `shared`:
 * the cursor's own world (`TraceCursor.seek`, no copy: large runs), to read during
 * this render only — it changes in place when the playhead moves.
 */
export function useWorld(shared = false): World | null {
  const cursor = useStore((s) => s.sim.cursor);
  const index = useStore((s) => s.view.index);
  return cursor ? (shared ? cursor.seek(index) : worldAt(cursor, index)) : null;
}

export function currentEvent(s: PlaygroundState): TraceEvent | null {
  const t = s.sim.result?.trace;
  const i = s.view.index;
  return t && i >= 0 && i < t.length ? (t.at(i) ?? null) : null;
}

export function useCurrentEvent(): TraceEvent | null {
  return useStore(currentEvent);
}

/** Virtual time at the playhead (µs): the current event's, or 0 before the first. */
export function currentTime(s: PlaygroundState): number {
  return currentEvent(s)?.t ?? 0;
}

const NO_DIAGNOSTICS: readonly Diagnostic[] = [];

/**
 * The problems an editor marks: none in an empty editor (its placeholder and the diagram's hint
 * say what to do, not "missing backend"). Always the same empty list: a store selector may use it.
 */
export function shownDiagnostics(editor: { readonly text: string; readonly diagnostics: readonly Diagnostic[] }): readonly Diagnostic[] {
  return editor.text.trim() === '' ? NO_DIAGNOSTICS : editor.diagnostics;
}
