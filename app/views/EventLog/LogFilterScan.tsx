import { useLayoutEffect, useMemo } from 'react';
import { getState, setView, useStore } from '../../store';
import { filterWords, scanTrace, type LogMatches } from '../../model/logFilter';

/** Events scanned per slice: a few ms, so that a million-event trace filters without a long task. */
const SLICE = 40_000;

/** The matches of the current filter on the current trace, if `view.logMatches` holds them. */
export function useLogMatches(): LogMatches | null {
  return useStore((s) => {
    const m = s.view.logMatches;
    return m !== null && m.trace === s.sim.result?.trace ? m : null;
  });
}

/**
 * Keeps `view.logMatches` up to date with the log's filter and the trace: a new word starts
 * the scan again, new events only extend it. The scan goes in slices between other work; it
 * renders nothing. (One scan for both readers, the event log and the timeline.)
 */
export function LogFilterScan() {
  const trace = useStore((s) => s.sim.result?.trace);
  const text = useStore((s) => s.view.logFilter);
  const n = trace?.length ?? 0;
  const words = useMemo(() => filterWords(text), [text]);
  const key = words.join(' ');

  // Before the page paints: a short trace never shows the previous filter's rows.
  useLayoutEffect(() => {
    if (!trace || words.length === 0) {
      if (getState().view.logMatches !== null) setView({ logMatches: null });
      return;
    }
    const prev = getState().view.logMatches;
    const goOn = prev !== null && prev.trace === trace && prev.key === key && prev.scanned <= n;
    // The list grows in place; each slice publishes a new object, so its readers render again.
    const matches = goOn ? (prev.matches as number[]) : [];
    let scanned = goOn ? prev.scanned : 0;
    let timer = 0;
    const step = () => {
      const to = Math.min(n, scanned + SLICE);
      scanTrace(trace, words, scanned, to, matches);
      scanned = to;
      setView({ logMatches: { trace, key, matches, scanned } });
      if (scanned < n) timer = window.setTimeout(step, 0);
    };
    step();
    return () => window.clearTimeout(timer);
  }, [trace, n, key, words]);

  return null;
}
