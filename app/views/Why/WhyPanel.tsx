import { commitLabel, DECISIONS, describeSentence, explainForEvent, GAPS, sourceForEvent } from '../../../core';
import type { Condition, EngineName, TraceEvent } from '../../../core';
import { formatMs } from '../../model/format';
import { useStore } from '../../store';
import { useCurrentEvent } from '../../store/selectors';
import { rich } from '../../ui/rich';
import { WhyReal } from '../../agreement/WhyReal';

const FLAG_TEXT: Record<NonNullable<TraceEvent['flag']>, string> = {
  orphaned: 'Orphaned connection: still open, but no session holds it any more.',
  dispossessed: 'Dispossessed: another session took this session’s connection; it now holds none.',
  doomed: 'Doomed: given up while busy; it will be destroyed when its stream lets go.',
  crash: 'The real binary at this commit crashes here.',
  hang: 'The real binary at this commit hangs here.',
};

/** The "why" of the event at the playhead: decision, conditions, flags, source line; `hint` before the first event. */
export function WhyPanel({ hint = 'Play, step, or pick an event in the log to see why it happened.' }: { hint?: string } = {}) {
  const e = useCurrentEvent();
  // The run's engine and commit: a shared rule (A2, C1, …) cites the release the engine follows.
  const engine = useStore((s) => s.sim.result?.engine);
  const commit = useStore((s) => s.sim.result?.commit);
  return (
    <div className="pane">
      {/* Where and when go in the title bar: the panel's height is for the explanation (issue 19). */}
      <div className="pane-title">
        Why
        {/* What the real binary did with this request: in the title bar, so the explanation keeps its room (issue 19, 7). */}
        {e && <WhyReal e={e} />}
        <span className="spacer" />
        {e && (
          <span className="why-meta" data-testid="why-meta">
            <span>t = {formatMs(e.t)}</span>
            <span>event {e.seq + 1}</span>
            {e.line !== undefined && <span>line {e.line}</span>}
          </span>
        )}
      </div>
      <div className="why" data-testid="why">
        {e ? <Why e={e} engine={engine} commit={commit} /> : <p className="placeholder" data-testid="why-hint">{hint}</p>}
      </div>
    </div>
  );
}

function Why({ e, engine, commit }: { e: TraceEvent; engine: EngineName | undefined; commit: string | undefined }) {
  const info = DECISIONS[e.decision];
  const src = sourceForEvent(e.decision, engine, commit);
  // A shared rule (T1, T2, …) explained as the run's engine does it.
  const explain = explainForEvent(e.decision, engine);
  const world = e.decision === 'W';
  return (
    <>
      <h3>
        <span className="dec algo" data-testid="why-decision">
          {e.decision}
        </span>
        <span data-testid="why-name">{info ? rich(info.name) : e.kind}</span>
        {e.flag && <span className={`flag ${e.flag}`}>{e.flag}</span>}
      </h3>
      <div className="why-grid">
        <div>
          <p className="what" data-testid="why-what">
            {describeSentence(e)}
          </p>
          {explain && <p className="explain" data-testid="why-explain">{rich(explain)}</p>}
          {e.rule !== undefined ? (
            // route / answer / use-server: the configuration line whose rule decided.
            <p className="explain" data-testid="why-rule">
              {e.kind === 'answer' ? 'Answered by' : 'Chosen by'} config line {e.rule}: <code>{e.message}</code>
            </p>
          ) : (
            e.message && e.kind !== 'note' && <p className="explain">{e.message}</p>
          )}
        </div>
        <div>
          {e.flag && (
            <div className={`flag-box ${e.flag}`} data-testid="why-flag">
              {FLAG_TEXT[e.flag]}
              {e.gap && GAPS[e.gap] && <> {e.gap}: {rich(GAPS[e.gap].name)}.</>}
            </div>
          )}
          {!e.flag && e.gap && GAPS[e.gap] && (
            <div className="flag-box orphaned">
              {e.gap}: {rich(GAPS[e.gap].name)}
            </div>
          )}
          {e.conds && e.conds.length > 0 ? (
            <Conditions conds={e.conds} />
          ) : (
            <p className="muted no-conds">{world ? 'Not a decision of HAProxy: nothing was tested.' : 'No condition recorded for this step.'}</p>
          )}
          {!world && src?.url && (
            <a className="source" href={src.url} target="_blank" rel="noreferrer noopener" data-testid="why-source" title="Open the HAProxy source at this commit (GitHub)">
              {src.file}:{src.line} @ {commitLabel(src.commit)} ↗
            </a>
          )}
          {!world && (src?.fn || src?.note) && (
            <p className="muted source-note" data-testid="why-source-note">
              {src.fn && <>In <code>{src.fn}()</code>.</>} {src.note && rich(src.note)}
            </p>
          )}
        </div>
      </div>
    </>
  );
}

function Conditions({ conds }: { conds: readonly Condition[] }) {
  return (
    <ul className="conds" data-testid="why-conds" aria-label="Conditions">
      <li className="conds-title">Conditions</li>
      {conds.map((c, i) => {
        const b = typeof c.value === 'boolean';
        return (
          <li key={i} data-testid="why-cond" data-value={String(c.value)}>
            <span className={`mark ${b ? (c.value ? 'yes' : 'no') : 'muted'}`} aria-label={b ? (c.value ? 'true' : 'false') : 'value'}>
              {b ? (c.value ? '✓' : '✗') : '•'}
            </span>
            <span>{c.label}</span>
            {!b && <span className="val">= {String(c.value)}</span>}
          </li>
        );
      })}
    </ul>
  );
}
