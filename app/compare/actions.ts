import type { EngineName } from '../../core';
import { pause } from '../store/actions';
import { getState, setWork } from '../store';
import { engineInText } from '../model/engineText';

/** The engine the scenario runs (side a of a comparison). */
export function engineA(): EngineName {
  const s = getState();
  return (s.sim.result?.engine ?? (engineInText(s.editor.text) as EngineName | null) ?? 'seed') as EngineName;
}

/** The natural other side: seed ⇄ parent, modern → seed. */
export function defaultOther(a: EngineName): EngineName {
  return a === 'seed' ? 'parent' : 'seed';
}

/** Open compare mode against `engine` (default: the natural other side). */
export function openCompare(engine?: EngineName): void {
  pause();
  const a = engineA();
  const b = engine && engine !== a ? engine : defaultOther(a);
  setWork({ compare: { engine: b, at: -1 }, dialog: null, lesson: null });
  syncPending = true;
}

export function closeCompare(): void {
  setWork({ compare: null });
  // A `#compare/…` address would reopen it on reload.
  if (typeof location !== 'undefined' && location.hash.startsWith('#compare/')) history.replaceState(history.state, '', location.pathname + location.search);
}

export function setCompareEngine(engine: EngineName): void {
  const c = getState().work.compare;
  if (c) setWork({ compare: { ...c, engine } });
}

export function setCompareAt(at: number): void {
  const c = getState().work.compare;
  if (c && c.at !== at) setWork({ compare: { ...c, at } });
}

/** Set when compare opens: the view starts at the main playhead's event. */
let syncPending = false;
export function takeSyncPending(): boolean {
  const p = syncPending;
  syncPending = false;
  return p;
}
