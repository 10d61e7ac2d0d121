import { memo, useEffect, useRef, useState } from 'react';
import { describeEvent } from '../../../core';
import type { TraceEvent } from '../../../core';
import { formatCount, formatMs } from '../../format';
import { selectEvent } from '../../store/actions';
import { useStore } from '../../store';

const ROW_H = 26;
const OVERSCAN = 8;

/**
 * Every event of the run, one line each, windowed so long traces stay fast. The row at
 * the playhead is marked; rows after it are dimmed (they have not happened yet).
 */
export function EventLog() {
  const trace = useStore((s) => s.sim.result?.trace);
  const index = useStore((s) => s.view.index);
  const focusConn = useStore((s) => s.view.focusConn);
  const runMs = useStore((s) => s.sim.runMs);
  const limit = useStore((s) => s.sim.result?.limitReached ?? null);
  const ref = useRef<HTMLDivElement>(null);
  const [scroll, setScroll] = useState({ top: 0, height: 300 });
  const n = trace?.length ?? 0;

  // Keep the current row in view (centre it when it leaves the window).
  useEffect(() => {
    const el = ref.current;
    if (!el || index < 0) return;
    const y = index * ROW_H;
    if (y < el.scrollTop || y + ROW_H > el.scrollTop + el.clientHeight) {
      el.scrollTop = Math.max(0, y - el.clientHeight / 2 + ROW_H / 2);
    }
  }, [index, n]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setScroll({ top: el.scrollTop, height: el.clientHeight });
    update();
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scroll.top / ROW_H) - OVERSCAN);
  const last = Math.min(n, Math.ceil((scroll.top + scroll.height) / ROW_H) + OVERSCAN);
  const rows = [];
  for (let i = first; i < last; i++) {
    const e = trace![i];
    rows.push(
      <Row
        key={i}
        i={i}
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
        <span className="spacer" />
        <span className="status">{formatCount(n)} events</span>
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
          if (by === 0 || n === 0) return;
          e.preventDefault();
          selectEvent(Math.min(n - 1, Math.max(0, index + by)));
        }}
        aria-activedescendant={index >= 0 ? `ev-${index}` : undefined}
        onScroll={(e) => setScroll({ top: e.currentTarget.scrollTop, height: e.currentTarget.clientHeight })}
      >
        <div style={{ height: n * ROW_H, position: 'relative' }}>{rows}</div>
        {n === 0 && <div className="placeholder muted" style={{ padding: 12 }}>No events yet.</div>}
      </div>
      <div className="log-foot">
        <span>simulated in {runMs.toFixed(1)} ms</span>
        {limit && <span style={{ color: 'var(--bad)' }}>stopped early: {limit} limit reached</span>}
      </div>
    </div>
  );
}

const Row = memo(function Row(p: { i: number; e: TraceEvent; current: boolean; future: boolean; focus: boolean }) {
  const { e } = p;
  return (
    <div
      id={`ev-${p.i}`}
      role="option"
      aria-selected={p.current}
      className={`log-row${p.current ? ' current' : ''}${p.future ? ' future' : ''}${p.focus ? ' focus' : ''}`}
      style={{ top: p.i * ROW_H }}
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
