import { useState } from 'react';
import type { TraceEvent } from '../../core';
import { useStore } from '../store';
import { openCompare } from '../store/compare';
import { shortBinary, useRecording } from './recording';
import './agreement.css';

/**
 * Under the why of a request's event, for a scenario recorded against the real binary: the
 * connection HAProxy wrote that request on, whether the engine on screen agrees, and the
 * recorded request itself (issue 16).
 */
export function WhyReal({ e }: { e: TraceEvent }) {
  const text = useStore((s) => s.editor.text);
  const result = useStore((s) => (s.sim.stale ? null : s.sim.result));
  const rec = useRecording(text, result);
  // The record is rendered only while open: a closed details element still lays its content out.
  const [open, setOpen] = useState(false);
  const id = e.request;
  if (!rec || !id) return null;
  const cell = rec.column.cells.get(id);
  const rq = rec.trace.requests.find((r) => r.id === id);
  if (!cell || !rq) return null;
  const conn = rq.conn ? rec.trace.conns.find((c) => c.id === rq.conn) : undefined;
  const real = shortBinary(rec.column.binary);
  // The recording's own clock (ms from the script's start): a real run is slower than the engine's.
  const ms = (t: number | null) => (t === null ? '—' : `${t.toFixed(1)} ms`);
  return (
    <details className={`why-real ${cell.same ? 'same' : 'differs'}`} data-testid="why-real" data-same={cell.same} open={open} onToggle={(ev) => setOpen(ev.currentTarget.open)}>
      <summary>
        {/* The verdict never shrinks: on a phone the rest of the line is cut short, not the verdict. */}
        <span className="why-real-verdict">({cell.same ? 'matches' : 'differs'})</span>
        <span className="why-real-line">
          Real {real}: {id}{' '}
          {rq.conn ? (
            <>
              answered on connection <b className="mono">{rq.conn}</b>
              {cell.engineConn && cell.engineConn !== rq.conn && <span className="muted"> (here {cell.engineConn})</span>}
            </>
          ) : (
            <>reached no server{rq.status ? ` (status ${rq.status})` : ''}</>
          )}
        </span>
      </summary>
      {open && (
      <div className="why-real-record" data-testid="why-real-record">
      <dl>
        <dt>recorded</dt>
        <dd>
          {rec.column.recorded}, {rec.column.binary}
        </dd>
        <dt>client</dt>
        <dd className="mono">{rq.session}</dd>
        <dt>server</dt>
        <dd className="mono">{rq.server ?? '—'}</dd>
        <dt>connection</dt>
        <dd>
          <span className="mono">{rq.conn ?? '—'}</span>
          {conn && (
            <>
              {' '}
              {cell.fresh ? 'opened for it' : 'reused'}; open {ms(conn.openedAt)}–{conn.closedAt === null ? 'end' : ms(conn.closedAt)}
              {conn.closedBy ? `, closed by ${conn.closedBy === 'proxy' ? 'HAProxy' : 'the server'}` : ''}; carried {conn.requests.join(', ')}
            </>
          )}
        </dd>
        <dt>response</dt>
        <dd>{rq.status ?? `none${rq.error ? ` (${rq.error})` : ''}`}</dd>
        <dt title="On the recording's clock: a real run takes longer than the engine's virtual time">sent, done</dt>
        <dd>
          {ms(rq.sentAt)}, {ms(rq.doneAt)}
        </dd>
        {!cell.same && (
          <>
            <dt>engine</dt>
            <dd>{cell.engineSays}</dd>
            <dt>HAProxy</dt>
            <dd>{cell.realSays}</dd>
          </>
        )}
      </dl>
      <p className="why-real-actions">
        {/* The store opens compare (this feature sits below it): the view scrolls to the request's real cell and marks it. */}
        <button type="button" className="btn" data-testid="why-real-compare" onClick={() => openCompare(undefined, id)}>
          Show in compare
        </button>{' '}
        <span className="muted">{id} in the real column, beside both engines</span>
      </p>
      </div>
      )}
    </details>
  );
}
