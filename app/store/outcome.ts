import { useSyncExternalStore } from 'react';

/**
 * While a lesson asks for a prediction (and while its run plays), the page keeps the outcome
 * to itself (issue 19): the event log shows only what has happened so far and the strip of
 * open connections (its curve, its peak) is hidden. The flag is also set on the root element
 * (`data-outcome-hidden`) so plain CSS can hide what it needs to.
 */
let hidden = false;
const listeners = new Set<() => void>();

export function setOutcomeHidden(v: boolean): void {
  if (v === hidden) return;
  hidden = v;
  if (typeof document !== 'undefined') document.documentElement.toggleAttribute('data-outcome-hidden', v);
  for (const l of listeners) l();
}

export function useOutcomeHidden(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => hidden,
    () => false,
  );
}
