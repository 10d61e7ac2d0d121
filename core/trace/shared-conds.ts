import type { Condition } from './events';

/** Where a shared condition list keeps its number (set before the list is frozen). */
const SHARED_NO: unique symbol = Symbol('shared condition list');

type Numbered = readonly Condition[] & { readonly [SHARED_NO]?: number };

/** Shared lists numbered so far in this process (a number names a list, the same in every run). */
const numbered = { count: 0 };

/**
 * Freezes a condition list that many events will share (engines/conds.ts makes them), giving it
 * a number: the packed writer finds the list's id in a chunk by that number, with no map lookup
 * on every request.
 */
export function shareConds(list: Condition[]): readonly Condition[] {
  Object.defineProperty(list, SHARED_NO, { value: numbered.count++ });
  return Object.freeze(list);
}

/** The number of a list made by shareConds, or -1. */
export function sharedNo(list: readonly Condition[]): number {
  const no = (list as Numbered)[SHARED_NO];
  return no === undefined ? -1 : no;
}
