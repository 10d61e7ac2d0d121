import { getState, setWork } from './index';
import type { Notice } from './work';

/**
 * One notice at a time, never modal: the page stays usable under it. A newer notice
 * replaces the older one; warnings and errors stay until dismissed.
 */
let nextId = 1;
let timer: ReturnType<typeof setTimeout> | undefined;

export const INFO_MS = 6_000;
/** Info with an action (Restore…) stays longer; the File menu keeps offering it after. */
export const ACTION_MS = 12_000;

export function notify(n: Omit<Notice, 'id'>): number {
  const id = nextId++;
  clearTimeout(timer);
  setWork({ notice: { ...n, id } });
  if (n.kind === 'info') timer = setTimeout(() => dismissNotice(id), n.actions?.length ? ACTION_MS : INFO_MS);
  return id;
}

/** Dismiss the notice (only `id`'s, when given: a late timer must not close a newer one). */
export function dismissNotice(id?: number): void {
  const cur = getState().work.notice;
  if (!cur || (id !== undefined && cur.id !== id)) return;
  clearTimeout(timer);
  setWork({ notice: null });
}
