import { useEffect, useState } from 'react';
import { cancelRun, runNow } from '../../store/actions';
import { useStore } from '../../store';
import { progressOf } from '../../model/estimate';
import { MAX_EVENTS } from '../../sim/runner';
import { formatCount, limitOf } from '../../model/format';
import './runStatus.css';


/**
 * Over the diagram: the progress of a run in the worker (with Cancel), a note after a
 * cancel, and the mark of a run stopped by a limit (the part simulated so far is shown).
 */
export function RunStatus() {
  const phase = useStore((s) => s.run.phase);
  const limit = useStore((s) => s.sim.result?.limitReached ?? null);
  const events = useStore((s) => s.sim.result?.trace.length ?? 0);
  const partial = useStore((s) => s.sim.partial);
  return (
    <>
      <div className="run-status">
        {phase === 'running' && <Progress />}
        {phase === 'running' && partial && (
          <div className="run-note partial" role="status" data-testid="run-partial">
            The picture shows the first {formatCount(events)} events — the rest is on its way.
          </div>
        )}
        {phase === 'cancelled' && (
          <div className="run-note" role="status" data-testid="run-cancelled">
            Run cancelled — the picture shows the previous run.
            <button className="btn" onClick={runNow} data-testid="run-again">
              Run again
            </button>
          </div>
        )}
      </div>
      {phase !== 'running' && limit && (
        <div className="run-status bottom">
          <div className="run-note limit" role="status" data-testid="limit-banner">
            Stopped at the limit of {limitOf(limit, Math.min(events, MAX_EVENTS))}{' '}
            — showing the part simulated so far.
          </div>
        </div>
      )}
    </>
  );
}

function Progress() {
  const run = useStore((s) => s.run);
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const t = setInterval(() => setNow(performance.now()), 250);
    return () => clearInterval(t);
  }, []);
  const p = progressOf(run, { requests: run.total });
  const pct = Math.round(p * 100);
  const elapsed = Math.max(0, now - run.startedAt) / 1000;
  return (
    <div className="run-progress" role="status" data-testid="run-progress">
      {/* The worker has finished once every request is done; the page then takes the events in. */}
      <span className="label">{run.total > 0 && run.done >= run.total ? 'Preparing the picture…' : 'Simulating…'}</span>
      <div
        className="bar"
        role="progressbar"
        aria-label="Simulation progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        data-testid="run-progress-bar"
      >
        <div className="fill" style={{ width: `${Math.max(2, pct)}%` }} />
      </div>
      <span className="nums mono" data-testid="run-progress-text">
        {requestsText(run)} · {formatCount(run.events)} events ·{' '}
        {elapsed.toFixed(1)} s
      </span>
      <button className="btn" onClick={cancelRun} data-testid="run-cancel" title="Stop this run; the previous picture stays">
        Cancel
      </button>
    </div>
  );
}

/** What the requests of a run are doing: sent (a large run sends thousands before the first answer), then done. */
export function requestsText(run: { readonly done: number; readonly sent: number; readonly total: number }): string {
  const of = run.total > 0 ? ` / ${formatCount(run.total)}` : '';
  const sent = Math.max(run.sent, run.done);
  return `${formatCount(sent)}${of} requests sent, ${formatCount(run.done)} done`;
}
