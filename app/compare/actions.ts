import type { EngineName } from '../../core';
import { getState, setWork } from '../store';

export { defaultOther, engineA, openCompare, takeCompareFocus, takeSyncPending } from '../store/compare';

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
