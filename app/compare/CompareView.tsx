import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { COMMITS, commitLabel, describeEvent, ENGINE_NAMES, MODERN_LABEL } from '../../core';
import type { EngineName, TraceEvent, World } from '../../core';
import { formatAxis, formatCount, formatMs, limitOf } from '../model/format';
import { isTypingTarget } from '../ui/typing';
import { setView } from '../store';
import { useStore } from '../store';
import { STEP_MS } from '../store/playback';
import { Diagram } from '../views/Diagram/Diagram';
import { Icon } from '../ui/Icon';
import { useSize } from '../ui/useSize';
import { ScrollHint } from '../ui/ScrollHint';
import { stackServers } from '../model/diagram/stacked';
import { Scrubber } from '../views/Timeline/Scrubber';
import { indexToX, tickColumns, xToIndex } from '../model/ticks';
import { closeCompare, setCompareAt, setCompareEngine, takeCompareFocus, takeSyncPending } from './actions';
import { playheads, stepForA, summarySentence, type Merged, type RequestDiff, type RunDiff, type TotalKey } from './diff';
import { cancelCompare, closeCompareRuns, COMPARE_MAX_EVENTS, requestCompare, useCompareRuns, type Side } from './runs';
import { useRecording } from '../agreement/recording';
import { RealHead, RealTd, type RealPair } from './RealColumn';
import './compare.css';

const LABEL: Record<EngineName, string> = { seed: 'seed', parent: 'parent', modern: MODERN_LABEL };
/** A run's engine as the page names it: `modern 2.8` for a run of `engine modern 2.8` (its commit is v2.8.0). */
function engineLabel(engine: EngineName, commit: string | undefined): string {
  const release = engine === 'modern' && commit ? /^v(\d+\.\d+)\./.exec(commitLabel(commit))?.[1] : undefined;
  return release ? `modern ${release}` : LABEL[engine];
}
const TOTAL_LABEL: Record<TotalKey, string> = {
  opened: 'conns opened',
  reused: 'reused',
  swapped: 'swapped',
  destroyed: 'destroyed',
  requests: 'requests',
};

/**
 * Compare mode: the scenario under two engines side by side, one timeline ordered by
 * virtual time, the totals and the requests each engine served differently.
 */
export function CompareView() {
  const text = useStore((s) => s.editor.text);
  const engineA = useStore((s) => s.sim.result?.engine ?? 'seed');
  // The release side a follows (`engine modern 2.8`: v2.8.0), known from the main run before compare's own runs end.
  const commitA = useStore((s) => s.sim.result?.commit) ?? COMMITS[engineA];
  const labelA = engineLabel(engineA, commitA);
  const compare = useStore((s) => s.work.compare)!;
  const mainIndex = useStore((s) => s.view.index);
  const speed = useStore((s) => s.view.speed);

  // Both sides run from the same text, so their traces are comparable: in the compare
  // worker, never on the page (./runs.ts).
  useEffect(() => requestCompare(text, engineA, compare.engine), [text, engineA, compare.engine]);
  useEffect(() => closeCompareRuns, []);
  const runs = useCompareRuns();
  const ready = runs.phase === 'ready';
  const a = ready ? runs.a : null;
  const b = ready ? runs.b : null;
  const merged = ready ? runs.merged : null;
  const diff = ready ? runs.diff : null;
  // A gallery example or lesson step recorded against the real binary: its mapping as a column (issue 16).
  const realA = useRecording(text, a?.result ?? null);
  const realB = useRecording(text, b?.result ?? null);
  const real: RealPair | null = realA && realB ? { a: realA, b: realB, labelA, labelB: LABEL[compare.engine] } : null;

  // Start where the main playhead was; keep the main playhead on side a's event.
  useEffect(() => {
    if (merged && takeSyncPending()) setCompareAt(stepForA(merged, mainIndex));
  }, [merged]); // only when the runs change: later the compare playhead drives the main one
  const at = merged ? Math.min(compare.at, merged.steps.length - 1) : -1;
  const heads = merged ? playheads(merged, at) : { a: -1, b: -1, t: 0 };
  useEffect(() => {
    if (merged) setView({ index: heads.a });
  }, [heads.a, merged]);

  const [playing, setPlaying] = useState(false);
  const n = merged?.steps.length ?? 0;
  const atRef = useRef(at);
  atRef.current = at;
  useEffect(() => {
    if (!playing) return;
    const id = setInterval(() => {
      const next = atRef.current + 1;
      if (next >= n) {
        setPlaying(false);
        return;
      }
      setCompareAt(next);
      if (next >= n - 1) setPlaying(false);
    }, STEP_MS / speed);
    return () => clearInterval(id);
  }, [playing, n, speed]);

  // Transport keys drive the merged timeline while compare is open.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      const step = e.shiftKey ? 10 : 1;
      const go = (k: number) => {
        setPlaying(false);
        setCompareAt(Math.max(-1, Math.min(n - 1, k)));
      };
      if (e.key === 'ArrowRight') go(atRef.current + step);
      else if (e.key === 'ArrowLeft') go(atRef.current - step);
      else if (e.key === 'Home') go(-1);
      else if (e.key === 'End') go(n - 1);
      else if (e.key === ' ') setPlaying((p) => (p ? false : atRef.current < n - 1 || (setCompareAt(-1), true)));
      else return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [n]);

  return (
    <div className="compare" data-testid="compare">
      <div className="compare-bar">
        <span className="compare-title">Compare engines</span>
        <span className="chip engine-a" data-testid="compare-engine-a" title="The engine of the scenario (its engine line)">
          {labelA} <span className="mono muted" data-testid="compare-engine-a-commit">{commitLabel(commitA)}</span>
        </span>
        <span className="muted">vs</span>
        <select
          className="control"
          aria-label="Compare with engine"
          data-testid="compare-engine-b"
          value={compare.engine}
          onChange={(e) => {
            setCompareEngine(e.target.value as EngineName);
            e.currentTarget.blur();
          }}
        >
          {ENGINE_NAMES.filter((x) => x !== engineA).map((x) => (
            <option key={x} value={x}>
              {LABEL[x]} ({commitLabel(COMMITS[x])})
            </option>
          ))}
        </select>
        <span className="spacer" />
        <button className="btn" onClick={closeCompare} data-testid="compare-close" title="Back to the editor and the full view">
          Close compare
        </button>
      </div>
      {!a || !b || !merged || !diff ? (
        <CompareStatus text={text} a={engineA} b={compare.engine} la={labelA} />
      ) : (
        <>
          <Summary diff={diff} a={engineA} b={compare.engine} la={labelA} />
          {(a.result.limitReached || b.result.limitReached) && (
            <p className="compare-limit" role="status" data-testid="compare-limit">
              {[a, b]
                .filter((x) => x.result.limitReached)
                .map((x) => engineLabel(x.result.engine, x.result.commit))
                .join(' and ')}{' '}
              stopped at the limit of {[...new Set([a.result.limitReached, b.result.limitReached])].filter((k) => k !== null).map((k) => limitOf(k, COMPARE_MAX_EVENTS)).join(' or of ')}: the
              totals and requests cover the part simulated, so they differ where one engine got further.
            </p>
          )}
          <div className="compare-sides">
            <SideView id="a" side={a} index={heads.a} diff={diff} t={at >= 0 ? heads.t : null} moved={at >= 0 && merged.steps[at]?.side === 0} />
            <SideView id="b" side={b} index={heads.b} diff={diff} t={at >= 0 ? heads.t : null} moved={at >= 0 && merged.steps[at]?.side === 1} />
          </div>
          <CompareTimeline merged={merged} a={a} b={b} at={at} playing={playing} setPlaying={setPlaying} />
          <Requests diff={diff} a={engineA} b={compare.engine} la={labelA} real={real} />
        </>
      )}
    </div>
  );
}


/** While the two runs are not both there: progress with Cancel, a cancelled run, errors. */
function CompareStatus({ text, a, b, la }: { text: string; a: EngineName; b: EngineName; la: string }) {
  const runs = useCompareRuns();
  const [now, setNow] = useState(() => performance.now());
  const running = runs.phase === 'running' || runs.phase === 'idle';
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(t);
  }, [running]);
  if (running) {
    const pct = runs.total > 0 ? Math.min(99, Math.round((runs.done / runs.total) * 100)) : 0;
    return (
      <div className="compare-empty" data-testid="compare-running">
        <div className="run-progress" role="status">
          <span className="label">
            Running {la} and {LABEL[b]}…
          </span>
          <div className="bar" role="progressbar" aria-label="Compare progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} data-testid="compare-progress-bar">
            <div className="fill" style={{ width: `${Math.max(2, pct)}%` }} />
          </div>
          <span className="nums mono" data-testid="compare-progress-text">
            {runs.total > 0 ? `${formatCount(runs.done)} / ${formatCount(runs.total)} requests` : `${formatCount(runs.done)} requests`} · {formatCount(runs.events)} events ·{' '}
            {(Math.max(0, now - runs.startedAt) / 1000).toFixed(1)} s
          </span>
          <button className="btn" onClick={cancelCompare} data-testid="compare-cancel" title="Stop both runs">
            Cancel
          </button>
        </div>
      </div>
    );
  }
  if (runs.phase === 'cancelled') {
    return (
      <div className="compare-empty" data-testid="compare-cancelled">
        <p>
          Compare cancelled.{' '}
          <button className="btn" onClick={() => requestCompare(text, a, b, true)} data-testid="compare-run-again">
            Run again
          </button>
        </p>
      </div>
    );
  }
  if (runs.phase === 'failed') {
    return (
      <div className="compare-empty" data-testid="compare-error" role="alert">
        <p>The simulator failed on this scenario: {runs.message}</p>
      </div>
    );
  }
  return (
    <div className="compare-empty" data-testid="compare-error">
      <p>The scenario has errors, so it cannot run. Close compare to fix them in the editor.</p>
    </div>
  );
}

/** The totals side by side and one sentence saying what differs. */
function Summary({ diff, a, b, la }: { diff: RunDiff; a: EngineName; b: EngineName; la: string }) {
  return (
    <div className="compare-summary">
      <table className="totals" data-testid="compare-totals">
        <thead>
          <tr>
            <th />
            {diff.totals.map((x) => (
              <th key={x.key}>{TOTAL_LABEL[x.key]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(['a', 'b'] as const).map((side) => (
            <tr key={side} data-testid={`compare-totals-${side}`}>
              <th>{side === 'a' ? la : LABEL[b]}</th>
              {diff.totals.map((x) => (
                <td key={x.key} className={x.a !== x.b ? 'differs' : undefined} data-testid={`total-${side}-${x.key}`}>
                  {formatCount(x[side])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="compare-sentence" data-testid="compare-sentence">
        {summarySentence(diff, la, LABEL[b])}
      </p>
    </div>
  );
}

/**
 * One engine at the shared instant `t` (null: before the first step). Both sides show that
 * clock; a side whose last event came earlier says since when nothing happened to it, and the
 * side whose event this step is (`moved`) is marked.
 */
function SideView({ id, side, index, diff, t, moved }: { id: 'a' | 'b'; side: Side; index: number; diff: RunDiff; t: number | null; moved: boolean }) {
  const r = side.result;
  const world: World = useMemo(() => side.cursor.at(index), [side, index]);
  const event: TraceEvent | null = index >= 0 ? (r.trace.at(index) ?? null) : null;
  const [ref, size] = useSize<HTMLDivElement>();
  // A side too narrow for the whole picture (a phone, or two sides at 1280 px) draws it as the
  // phone's main view does: servers underneath, never shrunk (Stage.tsx).
  const narrow = size.width > 0 && size.width - 12 < side.plan.width * 0.85;
  const plan = useMemo(() => (narrow ? stackServers(side.plan) : side.plan), [side.plan, narrow]);
  // Fit the width; a tall diagram scrolls inside its side (the requests table keeps the rest).
  const fit = (size.width - 12) / plan.width;
  const scale = size.width > 0 ? Math.min(narrow ? Math.max(1, fit) : fit, narrow ? 1 : 1.2) : 0;
  const c = world.counts;
  const differs = (k: TotalKey) => diff.totals.find((x) => x.key === k)!;
  return (
    <section className="compare-side" data-testid={`compare-side-${id}`} aria-label={`Engine ${r.engine}`}>
      <header>
        <span className="side-engine" data-testid={`compare-side-${id}-engine`}>
          {engineLabel(r.engine, r.commit)}
        </span>
        <span className="mono muted">{commitLabel(r.commit)}</span>
        <span className="side-counts">
          {(['opened', 'reused', 'swapped', 'destroyed'] as const).map((k) => (
            <span key={k} className={differs(k).a !== differs(k).b ? 'differs' : undefined}>
              {TOTAL_LABEL[k]} <b data-testid={`compare-${id}-${k}`}>{formatCount(c[k])}</b>
            </span>
          ))}
        </span>
      </header>
      <div className={`side-caption${moved ? ' moved' : ''}`} title={event ? describeEvent(event) : undefined}>
        <span className="mono side-time" data-testid={`compare-side-${id}-time`}>
          {t === null ? 'start' : formatMs(t)}
        </span>
        {event && t !== null && event.t < t && (
          <span className="muted since" data-testid={`compare-side-${id}-since`}>
            since {formatMs(event.t)}:
          </span>
        )}
        {event && <span className="dec algo">{event.decision}</span>}
        <span className="text">{event ? describeEvent(event) : t === null ? 'Before the first event.' : 'Nothing has happened yet.'}</span>
      </div>
      <div className="side-frame">
        <div className="side-diagram" ref={ref} style={{ height: scale > 0 && !side.folded ? plan.height * scale + 8 : undefined }}>
          {side.folded && (
            <p className="muted side-folded" data-testid={`compare-side-${id}-folded`}>
              {formatCount(side.analysis.sessions.size)} clients, {formatCount(side.analysis.conns.size)} server connections: too many to draw side by side. The totals and
              the requests below compare them; the main view draws each run folded.
            </p>
          )}
          {scale > 0 && !side.folded && (
            <div style={{ width: plan.width * scale, margin: '4px auto' }}>
              <Diagram world={world} plan={plan} event={event} focusConn={null} onConnClick={noop} onSessionClick={noop} />
            </div>
          )}
        </div>
        {!side.folded && <ScrollHint target={ref} label={`${engineLabel(r.engine, r.commit)} diagram`} />}
      </div>
    </section>
  );
}

function noop(): void {}

const PAD = 8;

function CompareTimeline(p: { merged: Merged; a: Side; b: Side; at: number; playing: boolean; setPlaying: (v: boolean) => void }) {
  const { merged, at } = p;
  const n = merged.steps.length;
  const [ref, { width }] = useSize<HTMLDivElement>();
  const end = n ? merged.steps[n - 1].t : 0;
  const x = (k: number) => indexToX(k, n, width, PAD);
  const ticks = useMemo(() => {
    const { steps } = merged;
    const path = (side: 0 | 1, y: number) => tickColumns(steps.length, width, PAD, (k) => steps[k]!.side === side).map((xx) => `M${xx} ${y}v9`).join('');
    return { da: path(0, 8), db: path(1, 21) };
  }, [merged, width]);
  const go = (k: number) => {
    p.setPlaying(false);
    setCompareAt(Math.max(-1, Math.min(n - 1, k)));
  };
  const seekAt = (clientX: number, el: HTMLElement) => {
    const r = el.getBoundingClientRect();
    go(xToIndex(clientX - r.left, n, r.width, PAD));
  };
  const t = playheads(merged, at).t;
  return (
    <div className="timeline compare-timeline" data-testid="compare-timeline">
      <div className="transport">
        <button className="btn icon" onClick={() => go(-1)} aria-label="Jump to start" title="Start (Home)">
          <Icon name="start" />
        </button>
        <button className="btn icon" onClick={() => go(at - 1)} aria-label="Previous step" title="Previous step (←)" data-testid="compare-prev">
          <Icon name="prev" />
        </button>
        <button
          className="btn icon primary play"
          onClick={() => {
            if (!p.playing && at >= n - 1) setCompareAt(-1);
            p.setPlaying(!p.playing);
          }}
          aria-label={p.playing ? 'Pause' : 'Play'}
          title={p.playing ? 'Pause (space)' : 'Play (space)'}
          data-testid="compare-play"
        >
          <Icon name={p.playing ? 'pause' : 'play'} />
        </button>
        <button className="btn icon" onClick={() => go(at + 1)} aria-label="Next step" title="Next step (→)" data-testid="compare-next">
          <Icon name="next" />
        </button>
        <button className="btn icon" onClick={() => go(n - 1)} aria-label="Jump to end" title="End (End)" data-testid="compare-end">
          <Icon name="end" />
        </button>
      </div>
      <div className="compare-track-labels" aria-hidden="true">
        <span>{engineLabel(p.a.result.engine, p.a.result.commit)}</span>
        <span>{engineLabel(p.b.result.engine, p.b.result.commit)}</span>
      </div>
      <Scrubber
        sizeRef={ref}
        width={width}
        label="Playhead (both engines, by virtual time)"
        testId="compare-track"
        height={38}
        count={n}
        valueNow={at + 1}
        onSeek={seekAt}
      >
        <rect className="rail" x={0.5} y={4} width={width - 1} height={30} rx={5} />
        <rect className="progress" x={1} y={4.5} width={Math.max(0, x(at) - 1)} height={29} rx={5} />
        <path d={ticks.da} stroke="var(--c-busy)" strokeWidth={1.4} fill="none" />
        <path d={ticks.db} stroke="var(--c-own)" strokeWidth={1.4} fill="none" />
        <line x1={PAD} x2={width - PAD} y1={19} y2={19} stroke="var(--border)" />
        <rect className="head" x={x(at) - 1} y={1} width={2} height={36} />
      </Scrubber>
      <div className="clock" data-testid="compare-clock">
        <b>{formatMs(t)}</b>
        <span className="muted"> / {formatAxis(end)}</span>
        <div className="muted" style={{ fontSize: 12 }}>
          step {formatCount(at + 1)} of {formatCount(n)}
        </div>
      </div>
    </div>
  );
}

/** Rows of the requests table drawn at first (a large run has thousands; 500 rows took a 50 ms layout); more on demand. */
const REQUEST_ROWS = 200;

function Requests(p: { diff: RunDiff; a: EngineName; b: EngineName; la: string; real: RealPair | null }) {
  // The table comes in a render of its own, after the pair is on screen: on a 10,000-client run,
  // both in one made a main-thread task of 45 ms, over 50 when a garbage collection fell in it.
  const diff = useDeferredValue<RunDiff | null>(p.diff, null);
  const [limit, setLimit] = useState(REQUEST_ROWS);
  const all = diff?.requests ?? [];
  const rows = all.length > limit ? all.slice(0, limit) : all;
  const rest = all.length - rows.length;
  const labelOf = useMemo(() => new Map((diff?.requests ?? []).map((r) => [r.id, r.label])), [diff]);
  // The why panel's "show in compare": once the real column is there, draw that request's row and mark its real cell.
  const focus = useStore((s) => s.work.compare?.focus ?? null);
  const [marked, setMarked] = useState<string | null>(null);
  useEffect(() => {
    if (!focus || !diff || !p.real) return;
    const k = all.findIndex((r) => r.id === focus);
    if (k >= limit) {
      setLimit(Math.ceil((k + 1) / REQUEST_ROWS) * REQUEST_ROWS);
      return;
    }
    // The cell scrolls itself into view and takes the focus once marked (RealTd).
    takeCompareFocus();
    if (k >= 0) setMarked(focus);
  }, [focus, diff, p.real, limit, all]);
  if (!diff) return <div className="compare-requests" data-testid="compare-requests" aria-busy="true" />;
  const use = (u: RequestDiff['a']) => {
    if (!u) return <span className="muted">—</span>;
    if (u.error) return <span className="bad">failed: {u.error}</span>;
    if (!u.conn) return <span className="muted">no connection</span>;
    const by = u.openedBy ? labelOf.get(u.openedBy) : null;
    return (
      <>
        <b className="mono">{u.conn}</b> {u.reused ? 'reused' : 'new'}
        {u.reused && by ? <span className="muted"> · opened for {by}</span> : null}
        {u.server ? <span className="muted"> → {u.server}</span> : null}
      </>
    );
  };
  return (
    <div className="compare-requests" data-testid="compare-requests">
      <table>
        <thead>
          <tr>
            <th>request</th>
            <th>{p.la}</th>
            <th>{LABEL[p.b]}</th>
            {p.real && <RealHead real={p.real} />}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={r.differs ? 'differs' : undefined} data-testid="compare-request" data-differs={r.differs}>
              <td>
                <span className="mono">{r.label}</span> {r.differs && <span className="diff-mark" title="The engines served this request differently">≠</span>}
              </td>
              <td>{use(r.a)}</td>
              <td>{use(r.b)}</td>
              {p.real && <RealTd id={r.id} real={p.real} marked={marked === r.id} />}
            </tr>
          ))}
          {rest > 0 && (
            <tr data-testid="compare-requests-more">
              <td colSpan={p.real ? 4 : 3} className="muted">
                {formatCount(rest)} more requests ({formatCount(all.slice(limit).filter((r) => r.differs).length)} served differently){' '}
                <button className="btn" onClick={() => setLimit(limit + REQUEST_ROWS)}>
                  Show {formatCount(Math.min(rest, REQUEST_ROWS))} more
                </button>
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
