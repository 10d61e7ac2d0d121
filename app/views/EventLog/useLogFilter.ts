import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TraceEvent } from '../../../core';
import { filterWords, scanTrace } from './filter';

/** Events scanned per slice: a few ms, so that a million-event trace filters without a long task. */
const SLICE = 40_000;

export interface LogFilter {
  /** Indexes of the matching events, in order. */
  readonly matches: readonly number[];
  /** Events scanned so far (less than the trace's length while a long scan goes on). */
  readonly scanned: number;
}

interface Scan extends LogFilter {
  readonly trace: readonly TraceEvent[];
  readonly key: string;
  readonly matches: number[];
}

/**
 * The events of `trace` (its first `n`, as a run still arriving grows) that the filter `text`
 * lets through, or null when there is no filter. A new word starts the scan again; new events
 * only extend it. The first slice is scanned before the page paints, so a short trace never
 * shows the previous filter's rows.
 */
export function useLogFilter(trace: readonly TraceEvent[] | undefined, n: number, text: string): LogFilter | null {
  const words = useMemo(() => filterWords(text), [text]);
  const key = words.join(' ');
  const [scan, setScan] = useState<Scan | null>(null);
  const latest = useRef<Scan | null>(null);
  const timer = useRef(0);

  useLayoutEffect(() => {
    window.clearTimeout(timer.current);
    if (!trace || words.length === 0) {
      latest.current = null;
      setScan(null);
      return;
    }
    const prev = latest.current;
    const goOn = prev !== null && prev.trace === trace && prev.key === key && prev.scanned <= n;
    const matches = goOn ? prev.matches : [];
    let scanned = goOn ? prev.scanned : 0;
    const step = () => {
      const to = Math.min(n, scanned + SLICE);
      scanTrace(trace, words, scanned, to, matches);
      scanned = to;
      // A new object each slice (the list itself grows in place): the log renders again.
      latest.current = { trace, key, matches, scanned };
      setScan(latest.current);
      if (scanned < n) timer.current = window.setTimeout(step, 0);
    };
    step();
  }, [trace, n, key, words]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  if (!trace || words.length === 0 || scan === null || scan.trace !== trace || scan.key !== key) return null;
  return scan;
}
