import { useMemo } from 'react';
import { describeEvent, EXAMPLES } from '../../core';
import { formatMs } from '../model/format';
import { clickConn, jumpToFirstError, loadExample, pause, seek } from '../store/actions';
import { getState, useStore } from '../store';
import { useCurrentEvent, useWorld } from '../store/selectors';
import { Diagram } from './Diagram/Diagram';
import { eventForConnClick } from '../model/analysis';
import { Metrics } from './Metrics/Metrics';
import { useSize } from '../ui/useSize';
import { RunStatus } from './RunStatus/RunStatus';
import { ScrollHint } from '../ui/ScrollHint';
import { stackServers } from '../model/diagram/stacked';
import { ScaleDiagram, ScaleLegend } from './Scale/ScaleDiagram';
import { rich } from '../ui/rich';
import { SweepPanel } from '../sweep/SweepPanel';
import { LoadPanel } from '../sweep/LoadPanel';

/**
 * A diagram pane narrower than this (a phone) draws the servers under the connections and
 * never shrinks the picture: its text stays at 11 px or more, and it scrolls sideways with a hint.
 */
const NARROW_PANE = 600;
/** Wider panes fit the whole diagram only while its 11 px text stays at 9 px or more. */
const DESKTOP_MIN_SCALE = 9 / 11;

/** The right-hand pane: metrics, what just happened, the diagram and its states. */
export function Stage() {
  const folded = useStore((s) => s.run.folded);
  const world = useWorld(folded);
  const basePlan = useStore((s) => s.sim.plan);
  const stale = useStore((s) => s.sim.stale);
  // A run in progress or cancelled: the picture is of the previous run, dimmed like a stale one
  // (unless it is the new run's first part: the progress bar says so).
  const previous = useStore((s) => s.run.phase !== 'idle' && s.sim.result !== null && !s.sim.partial);
  const crash = useStore((s) => s.sim.crash);
  const errors = useStore((s) => s.editor.errorCount);
  const firstError = useStore((s) => s.editor.diagnostics.find((d) => d.severity === 'error'));
  const empty = useStore((s) => s.editor.text.trim() === '');
  const focusConn = useStore((s) => s.view.focusConn);
  const noEvents = useStore((s) => s.sim.result?.trace.length === 0 && s.editor.text.trim() !== '');
  const event = useCurrentEvent();
  const [wrapRef, size] = useSize<HTMLDivElement>();

  const narrow = size.width > 0 && size.width < NARROW_PANE;
  const plan = useMemo(() => (basePlan && narrow ? stackServers(basePlan) : basePlan), [basePlan, narrow]);

  // Fit the whole diagram when it can stay readable; otherwise fit the width and scroll.
  let svgWidth: number | undefined;
  if (plan && size.width > 0) {
    const fitBoth = Math.min((size.width - 16) / plan.width, (size.height - 8) / plan.height);
    const fitWidth = (size.width - 16) / plan.width;
    // Fitting both may not shrink the smallest (11 px) text under 9 px: then it scrolls down instead.
    const fitsBoth = fitBoth >= fitWidth * 0.72 && fitBoth >= DESKTOP_MIN_SCALE;
    const scale = narrow ? Math.min(1.2, Math.max(1, fitWidth)) : Math.min(1.6, fitsBoth ? fitBoth : fitWidth);
    svgWidth = Math.max(200, plan.width * scale);
  }

  return (
    <div className="stage">
      <Metrics world={world} />
      <SweepPanel />
      <LoadPanel />
      <div className="caption" data-testid="caption">
        <span className="t">{event ? formatMs(event.t) : 'start'}</span>
        {event ? (
          <>
            <span className="dec algo">{event.decision}</span>
            <span className="text" title={describeEvent(event)}>
              {describeEvent(event)}
            </span>
            {event.flag && <span className={`flag ${event.flag}`}>{event.flag}</span>}
          </>
        ) : (
          <span className="text muted" data-testid="caption-start">
            {noEvents ? 'Nothing to play: no client acts in this scenario.' : 'Before the first event. Press play (space) or step (→).'}
          </span>
        )}
      </div>
      <div className="diagram-frame">
        {/* Focusable: it scrolls when the diagram is larger than its room (a phone, the sweep panels). */}
        <div
          className={`diagram-wrap${stale || previous ? ' stale' : ''}`}
          ref={wrapRef}
          data-testid="diagram-wrap"
          data-stale={stale}
          data-previous={previous}
          tabIndex={0}
          role="region"
          aria-label="Diagram view"
        >
          {errors > 0 && stale && !empty && firstError && (
            // Says what and where, not only how many: the place to fix is one click away.
            <button className="banner error" onClick={jumpToFirstError} data-testid="error-banner" title={`${firstError.message} — the picture shows the last run without errors`}>
              <span className="where">Line {firstError.line}:{firstError.column}</span>
              <span className="msg">{firstError.message}</span>
              {errors > 1 && <span className="more">+{errors - 1} more</span>}
              <span className="go">Go to it</span>
            </button>
          )}
          <RunStatus />
          {crash && (
            <div className="banner warn" role="alert" data-testid="crash-banner">
              The simulator failed on this scenario: {crash}
            </div>
          )}
          {world && plan && !empty && folded && <ScaleDiagram width={Math.max(320, size.width - 16)} />}
          {world && plan && !empty && !folded && (
            <div style={{ width: svgWidth, margin: '8px auto' }}>
              <Diagram
                world={world}
                plan={plan}
                event={event}
                focusConn={focusConn}
                onConnClick={clickConn}
                onSessionClick={clickSession}
              />
            </div>
          )}
          {empty && <EmptyHint />}
        </div>
        {!folded && <ScrollHint target={wrapRef} label="diagram" />}
      </div>
      {folded ? <ScaleLegend /> : <Legend />}
    </div>
  );
}

function clickSession(id: string): void {
  const { sim, view } = getState();
  pause();
  const next = eventForConnClick(sim.analysis?.bySession.get(id), view.index);
  if (next !== null) seek(next);
}

function EmptyHint() {
  return (
    <div className="empty-hint" data-testid="empty-hint">
      <h2>Write a scenario to see it run</h2>
      <p>
        A scenario is a <span className="mono">backend</span> block from haproxy.cfg, an optional{' '}
        <span className="mono">servers</span> section and a <span className="mono">script</span> of client actions.
        <br />
        Press <kbd>Ctrl</kbd>+<kbd>Space</kbd> in the editor for suggestions, or start from an example:
      </p>
      <div className="examples">
        {EXAMPLES.slice(0, 4).map((ex) => (
          <button key={ex.id} className="btn" onClick={() => loadExample(ex.id)}>
            {rich(ex.title)}
          </button>
        ))}
      </div>
    </div>
  );
}

function Legend() {
  const item = (cls: string, label: string, colour: string, title: string, dashed = false) => (
    <span key={label} title={title}>
      <span className={cls} style={{ borderColor: colour, borderStyle: dashed ? 'dashed' : 'solid' }} />
      {label}
    </span>
  );
  return (
    <div className="legend" aria-label="Legend">
      {item('sw', 'connecting', 'var(--c-connecting)', 'TCP connect in progress', true)}
      {item('sw', 'busy', 'var(--c-busy)', 'a stream is using it')}
      {item('sw', 'idle', 'var(--c-idle)', 'open, unused, held by a session (seed) or stream (parent)')}
      {item('sw', 'orphan', 'var(--c-orphan)', 'idle and held by nobody: a seed artefact (gap G1/G2)')}
      {item('sw', 'doomed', 'var(--c-doomed)', 'given up while busy: dies when its stream lets go (D4, K3)', true)}
      {item('ln', 'session owns', 'var(--c-own)', "the session's srv_conn (seed)", true)}
      {item('ln', 'stream uses', 'var(--c-busy)', "the connection on the stream's si[1]")}
      <span className="muted" style={{ marginLeft: 'auto' }}>click a connection to walk its events</span>
    </div>
  );
}
