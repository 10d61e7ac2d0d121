import { forEachEvent, type Trace, type TraceEvent } from '../../core';

/**
 * The event log's filter: words separated by spaces or commas; an event is shown when every
 * word names something in it. A word names
 * - its decision (`R3n`, `S1`) or an id it carries: connection (`c3`), request (`r12`), client,
 *   session or stream (`web7`, `web7/1`), server (`s1`), holder — written as shown, case and
 *   all (`C1` is a decision, `c1` a connection; `R2` a decision, `r2` a request);
 * - its kind (`conn.destroy`) or a part of it (`destroy`, `swap`, `list`), or its flag
 *   (`orphaned`, `doomed`), in any case.
 * It reads only the fields the trace already has: nothing about the algorithm is derived here.
 */
export function filterWords(text: string): string[] {
  return text.split(/[\s,]+/).filter((w) => w.length > 0);
}

/** A word as the filter compares it: as written, and in lower case for kinds and flags. */
interface Word {
  readonly exact: string;
  readonly lower: string;
}

const words = (list: readonly string[]): Word[] => list.map((w) => ({ exact: w, lower: w.toLowerCase() }));

function names(e: TraceEvent, w: Word): boolean {
  const x = w.exact;
  if (e.decision === x || e.conn === x || e.otherConn === x || e.request === x || e.client === x) return true;
  if (e.session === x || e.stream === x || e.server === x || e.holder === x) return true;
  const k = e.kind;
  if (k === w.lower || e.flag === w.lower) return true;
  // A part of a kind: `destroy` for conn.destroy, `list` for list.add and list.remove.
  const dot = k.indexOf('.');
  const l = w.lower;
  return dot > 0 && ((dot === l.length && k.startsWith(l)) || (k.length - dot - 1 === l.length && k.endsWith(l)));
}

function matchesAll(e: TraceEvent, ws: readonly Word[]): boolean {
  for (const w of ws) if (!names(e, w)) return false;
  return true;
}

/**
 * Scans `trace[from, to)` and appends the indexes of the events that match to `into`.
 * (The log scans a long trace in slices, so that typing a filter never blocks the page.)
 */
export function scanTrace(trace: Trace, list: readonly string[], from: number, to: number, into: number[]): void {
  const ws = words(list);
  forEachEvent(trace, from, to, (e, i) => {
    if (matchesAll(e, ws)) into.push(i);
  });
}

/** What the filter lets through of one trace, as far as it has been scanned. */
export interface LogMatches {
  readonly trace: Trace;
  /** The filter's words, joined by spaces. */
  readonly key: string;
  /** Indexes of the matching events, in order. */
  readonly matches: readonly number[];
  /** Events scanned so far (less than the trace's length while a long scan goes on). */
  readonly scanned: number;
}

/** Position in `matches` (sorted) of the first index ≥ `index`. */
export function lowerBound(matches: readonly number[], index: number): number {
  let lo = 0;
  let hi = matches.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (matches[mid]! < index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The match before (`by` −1) or after (+1) the event at `index`, or null at either end. */
export function stepMatch(matches: readonly number[], index: number, by: 1 | -1): number | null {
  const k = lowerBound(matches, index);
  const to = by > 0 ? (matches[k] === index ? k + 1 : k) : k - 1;
  return to >= 0 && to < matches.length ? matches[to]! : null;
}
