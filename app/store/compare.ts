import type { EngineName } from '../../core';
import { engineInText } from '../model/engineText';
import { pause } from './actions';
import { getState, setWork } from './index';

/**
 * Opening compare mode. It lives in the store (not in app/compare/) because features below
 * compare open it too: the why panel's "show in compare" (app/agreement) asks for one request's
 * real cell, which the compare view scrolls to and marks once it is drawn (work.compare.focus).
 */

/** The engine the scenario runs (side a of a comparison). */
export function engineA(): EngineName {
  const s = getState();
  return (s.sim.result?.engine ?? (engineInText(s.editor.text) as EngineName | null) ?? 'seed') as EngineName;
}

/** The natural other side: seed ⇄ parent, modern → seed. */
export function defaultOther(a: EngineName): EngineName {
  return a === 'seed' ? 'parent' : 'seed';
}

/** Open compare mode against `engine` (default: the natural other side), optionally focused on request `focus`. */
export function openCompare(engine?: EngineName, focus?: string): void {
  pause();
  const a = engineA();
  const b = engine && engine !== a ? engine : defaultOther(a);
  setWork({ compare: { engine: b, at: -1, focus: focus ?? null }, dialog: null, lesson: null });
  syncPending = true;
}

/** The compare view has scrolled to the focused request: the request is not asked for again. */
export function takeCompareFocus(): string | null {
  const c = getState().work.compare;
  if (!c?.focus) return null;
  setWork({ compare: { ...c, focus: null } });
  return c.focus;
}

/** Set when compare opens: the view starts at the main playhead's event. */
let syncPending = false;
export function takeSyncPending(): boolean {
  const p = syncPending;
  syncPending = false;
  return p;
}
