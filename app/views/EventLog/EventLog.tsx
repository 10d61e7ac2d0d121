import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { describeEvent } from '../../../core';
import type { TraceEvent } from '../../../core';
import { formatCount, formatMs } from '../../model/format';
import { selectEvent } from '../../store/actions';
import { setView, useStore } from '../../store';
import { lowerBound, stepMatch } from '../../model/logFilter';
import { useLogMatches } from './LogFilterScan';
import { useOutcomeHidden } from '../../store/outcome';

const ROW_H = 26;
const OVERSCAN = 8;


/** The filter field's id: the `/` shortcut focuses it. */
export const LOG_FILTER_ID = 'log-filter';

/**
 * Every event of the run, one line each, windowed so long traces stay fast. The row at
 * the playhead is marked; rows after it are dimmed (they have not happened yet). A filter
 * narrows the rows to the events that name what it says (see app/model/logFilter.ts).
 */
export function EventLog() {
  const trace = useStore((s) => s.sim.result?.trace);
  const index = useStore((s) => s.view.index);
  const focusConn = useStore((s) => s.view.focusConn);
  const runMs = useStore((s) => s.sim.runMs);
  const partial = useStore((s) => s.sim.partial);
  const limit = useStore((s) => s.sim.result?.limitReached ?? null);
  const ref = useRef<HTMLDivElement>(null);
  const query = useStore((s) => s.view.logFilter);
  const setQuery = (logFilter: string) => setView({ logFilter });
  const n = trace?.length ?? 0;
  const filter = useLogMatches();
  const matches = filter?.matches ?? null;
  // A lesson waiting for a prediction shows only what has happened so far (store/outcome.ts).
  const hideFuture = useOutcomeHidden();
  const upTo = hideFuture ? index + 1 : n;
  const shown = matches ? lowerBound(matches, upTo) : upTo;
  // The row the current event has, or would have among the matches.
  const at = index < 0 ? -1 : matches ? lowerBound(matches, index) : index;

  // The window: where the log is scrolled, its height, and the row and length it last followed.
  // The place follows the current row here, in render (centred when the row leaves the window), so
  // that the rows drawn are those of the new place: scrolling after the rows were drawn drew them
  // twice and made the browser lay the page out twice for every move of the playhead, reading the
  // scroll position in between (a forced layout), the largest cost of a frame while scrubbing.
  const [view, setViewport] = useState({ top: 0, height: 300, at: -1, shown: 0 });
  if (view.at !== at || view.shown !== shown) {
    let top = view.top;
    const y = at * ROW_H;
    if (at >= 0 && (y < top || y + ROW_H > top + view.height)) {
      top = Math.max(0, Math.min(y - view.height / 2 + ROW_H / 2, shown * ROW_H - view.height));
    }
    setViewport({ top, height: view.height, at, shown }); // a render-time update: React renders again at once
  }
  /** The scroll position the element has, as far as this component knows (reading it forces a layout). */
  const scrolled = useRef(0);
  // Writing scrollTop lays the page out at once: done in the next animation frame, after the
  // other views have drawn theirs (the folded diagram writes its counters there), it is the one
  // layout of that frame rather than one more.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || view.top === scrolled.current) return;
    const raf = requestAnimationFrame(() => {
      el.scrollTop = view.top;
      scrolled.current = view.top;
    });
    return () => cancelAnimationFrame(raf);
  }, [view.top]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => {
      const height = el.clientHeight;
      // A new height may leave the current row out of the window: follow it again.
      setViewport((v) => (v.height === height ? v : { ...v, height, at: -2 }));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const scroll = view;

  const first = Math.max(0, Math.floor(scroll.top / ROW_H) - OVERSCAN);
  const last = Math.min(shown, Math.ceil((scroll.top + scroll.height) / ROW_H) + OVERSCAN);
  const slots = useRowSlots(first, last);
  const rows = [];
  for (let k = first; k < last; k++) {
    const i = matches ? matches[k]! : k;
    const e = trace!.at(i)!;
    rows.push(
      <Row
        key={slots.get(k)}
        i={i}
        row={k}
        e={e}
        current={i === index}
        future={i > index}
        focus={focusConn !== null && (e.conn === focusConn || e.otherConn === focusConn)}
      />,
    );
  }

  return (
    <div className="pane" style={{ borderRight: 0 }}>
      <div className="pane-title">
        Event log
        <input
          id={LOG_FILTER_ID}
          className="log-filter"
          type="search"
          value={query}
          placeholder="Filter: c1 R3n swap"
          aria-label="Filter the events (press / to come here)"
          title="Show only the events that name every word: an id or a decision as shown (c1 is a connection, C1 a decision), a kind (destroy, swap, list) or a flag"
          spellCheck={false}
          data-testid="log-filter"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && query !== '') {
              setQuery('');
              e.stopPropagation();
            } else if (e.key === 'Enter' || e.key === 'ArrowDown') {
              // To the log, on the first match from the playhead.
              e.preventDefault();
              const to = matches ? (matches[Math.max(0, at)] ?? matches[matches.length - 1]) : undefined;
              if (to !== undefined) selectEvent(to);
              ref.current?.focus();
            }
          }}
        />
        <span className="spacer" />
        <span className="status" data-testid="log-count">
          {hideFuture ? 'so far' : matches ? `${formatCount(shown)} of ${formatCount(n)}` : `${formatCount(n)} events`}
          {filter && filter.scanned < n ? ' · searching…' : ''}
        </span>
      </div>
      <div
        className="log"
        ref={ref}
        data-testid="event-log"
        role="listbox"
        tabIndex={0}
        aria-label="Events"
        onKeyDown={(e) => {
          // A listbox moves with ↑/↓ (← and → step everywhere on the page).
          const by = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
          if (by === 0 || shown === 0) return;
          e.preventDefault();
          // Filtered, the keys go from match to match.
          const to = matches ? stepMatch(matches, index, by) : Math.min(n - 1, Math.max(0, index + by));
          if (to !== null) selectEvent(to);
        }}
        aria-activedescendant={index >= 0 ? `ev-${index}` : undefined}
        onScroll={(e) => {
          const top = e.currentTarget.scrollTop;
          scrolled.current = top;
          setViewport((v) => (v.top === top ? v : { ...v, top }));
        }}
      >
        <div style={{ height: shown * ROW_H, position: 'relative' }}>{rows}</div>
        {n === 0 && <NoEvents ran={trace !== undefined} />}
        {n > 0 && hideFuture && (
          <div className="placeholder muted" style={{ padding: '6px 12px' }} data-testid="log-hidden-rest">
            The rest of the run shows once you have made your prediction.
          </div>
        )}
        {n > 0 && matches && shown === 0 && filter!.scanned === n && (
          <div className="placeholder muted" style={{ padding: 12 }} data-testid="log-no-match">
            No event names all of “{query.trim()}”. Words match ids and decisions as shown, case and all (c1, r2, A, s1,
            R3n), and kinds or flags in any case (destroy, swap, list, orphaned).
          </div>
        )}
      </div>
      <div className="log-foot">
        <span>{partial ? 'the first events of a run in progress' : `simulated in ${runMs.toFixed(1)} ms`}</span>
        {limit && <span style={{ color: 'var(--bad)' }}>stopped early: {limit} limit reached</span>}
      </div>
    </div>
  );
}

/**
 * A key per line of the window [first, last): a line keeps its key while it stays in the window,
 * and a line that comes in takes the key of one that left. Rows keyed by event made a window that
 * moved by more than its height — every frame while a large run plays — remove every row element
 * and create new ones; now the elements stay and only their text changes.
 */
function useRowSlots(first: number, last: number): ReadonlyMap<number, number> {
  const ref = useRef<Map<number, number>>(new Map());
  const prev = ref.current;
  const next = new Map<number, number>();
  const used = new Set<number>();
  for (let k = first; k < last; k++) {
    const s = prev.get(k);
    if (s !== undefined) {
      next.set(k, s);
      used.add(s);
    }
  }
  let free = 0;
  for (let k = first; k < last; k++) {
    if (next.has(k)) continue;
    while (used.has(free)) free++;
    next.set(k, free);
    used.add(free);
  }
  // Derived from the last window only: rendering twice gives the same keys.
  ref.current = next;
  return next;
}

/** `i`: the event's index in the trace; `row`: its line in the log (they differ when filtered). */
const Row = memo(function Row(p: { i: number; row: number; e: TraceEvent; current: boolean; future: boolean; focus: boolean }) {
  const { e } = p;
  return (
    <div
      id={`ev-${p.i}`}
      role="option"
      aria-selected={p.current}
      className={`log-row${p.current ? ' current' : ''}${p.future ? ' future' : ''}${p.focus ? ' focus' : ''}`}
      style={{ top: p.row * ROW_H }}
      data-testid="log-row"
      data-index={p.i}
      onClick={() => selectEvent(p.i)}
    >
      <span className="t">{formatMs(e.t)}</span>
      <span className={`dec${e.decision !== 'W' ? ' algo' : ''}`}>{e.decision}</span>
      <span className="desc">{describeEvent(e)}</span>
      {e.flag ? <span className={`flag ${e.flag}`}>{e.flag}</span> : <span />}
    </div>
  );
});

/** An empty log says why: a run that finished with no event has nothing in it that acts. */
function NoEvents({ ran }: { ran: boolean }) {
  const blank = useStore((s) => s.editor.text.trim() === '');
  return (
    <div className="placeholder muted log-empty" style={{ padding: 12 }} data-testid="log-empty">
      {ran && !blank ? (
        <>
          Nothing happened in this run: no client acts. Add a <code>script</code> section, for example <code>open A h1</code> then{' '}
          <code>A GET /</code> (Ctrl+Space suggests what comes next).
        </>
      ) : (
        'No events yet.'
      )}
    </div>
  );
}
