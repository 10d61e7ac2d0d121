import type { Condition } from '../trace/events';
import { shareConds } from '../trace/shared-conds';

/**
 * Condition lists whose values are all booleans, for the decisions taken on every request:
 * each combination of values is built once and shared by the events that show it (events
 * never change their conditions), so the hot path allocates none.
 * `const TXN = boolConds('keep-alive', 'transport ready')` then `conds: TXN(ka, ready)`.
 */
export function boolConds(
  ...labels: string[]
): (a: boolean, b?: boolean, c?: boolean, d?: boolean) => readonly Condition[] {
  if (labels.length < 1 || labels.length > 4) throw new Error('boolConds takes one to four labels');
  const cache: (readonly Condition[] | undefined)[] = [];
  return (a, b = false, c = false, d = false) => {
    const k = (a ? 1 : 0) | (b ? 2 : 0) | (c ? 4 : 0) | (d ? 8 : 0);
    let list = cache[k];
    if (list === undefined) {
      const values = [a, b, c, d];
      list = shareConds(labels.map((label, i) => Object.freeze({ label, value: values[i]! })));
      cache[k] = list;
    }
    return list;
  };
}

type Value = Condition['value'];

/**
 * Like boolConds, for values from a small set (configuration words, modes, server names): each
 * combination is built once and shared. Not for values that vary from request to request (counts).
 */
export function sharedConds(...labels: string[]): (a: Value, b?: Value, c?: Value) => readonly Condition[] {
  if (labels.length < 1 || labels.length > 3) throw new Error('sharedConds takes one to three labels');
  const cache = new Map<Value, Map<Value, Map<Value, readonly Condition[]>>>();
  // The last combination asked for: a load scenario asks for the same one on every request,
  // and three map probes per request were a few percent of a totals-only run.
  let lastA: Value | undefined;
  let lastB: Value | undefined;
  let lastC: Value | undefined;
  let last: readonly Condition[] | undefined;
  return (a, b = false, c = false) => {
    if (last !== undefined && a === lastA && b === lastB && c === lastC) return last;
    let byB = cache.get(a);
    if (byB === undefined) cache.set(a, (byB = new Map()));
    let byC = byB.get(b);
    if (byC === undefined) byB.set(b, (byC = new Map()));
    let list = byC.get(c);
    if (list === undefined) {
      const values = [a, b, c];
      list = shareConds(labels.map((label, i) => Object.freeze({ label, value: values[i]! })));
      byC.set(c, list);
    }
    lastA = a;
    lastB = b;
    lastC = c;
    last = list;
    return list;
  };
}
