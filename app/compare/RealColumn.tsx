import { useEffect, useRef } from 'react';
import type { RealCell } from '../../core';
import { shortBinary, type Recording } from '../agreement/recording';

/** The real binary's recording set beside both engines of the compare view (each paired with it). */
export interface RealPair {
  readonly a: Recording;
  readonly b: Recording;
  readonly labelA: string;
  readonly labelB: string;
}

/** The column's heading: which binary, recorded when. */
export function RealHead({ real }: { real: RealPair }) {
  const c = real.a.column;
  return (
    <th className="real-head" data-testid="compare-real-head" title={`${c.binary}, a recording of this scenario against the real binary (npm run verify --record)`}>
      {shortBinary(c.binary)} (real) <span className="real-date">recorded {c.recorded}</span>
    </th>
  );
}

function Mark({ cell, label, side }: { cell: RealCell | undefined; label: string; side: 'a' | 'b' }) {
  const same = cell?.same ?? false;
  const title = same
    ? `${label} gave this request the same connection${cell?.engineConn ? ` (its ${cell.engineConn})` : ''}`
    : `${label} differs: ${cell?.engineSays ?? 'no such request'}; HAProxy used ${cell?.realSays ?? '—'}`;
  return (
    <span className={`real-mark ${same ? 'same' : 'differs'}`} title={title} data-testid="compare-real-mark" data-side={side} data-same={same}>
      <span aria-hidden="true">{same ? '✓' : '≠'}</span> {label}
      <span className="sr">{same ? ' agrees' : ' differs'}</span>
    </span>
  );
}

/** What HAProxy did with one request, and whether each engine agrees. */
export function RealTd({ id, real, marked = false }: { id: string; real: RealPair; marked?: boolean }) {
  const c = real.a.column.cells.get(id);
  const named = c?.engineConn && c.engineConn !== c.realConn ? c.engineConn : null;
  const ref = useRef<HTMLTableCellElement>(null);
  useEffect(() => {
    if (!marked || !ref.current) return;
    ref.current.scrollIntoView({ block: 'center' });
    ref.current.focus({ preventScroll: true });
  }, [marked]);
  return (
    // `marked`: the request the why panel asked for (show in compare); it takes the focus once.
    <td
      ref={ref}
      className={`real-cell${marked ? ' marked' : ''}`}
      tabIndex={marked ? -1 : undefined}
      aria-current={marked ? 'true' : undefined}
      data-testid="compare-real"
      data-request={id}
      data-conn={c?.realConn ?? ''}
      data-marked={marked || undefined}
    >
      {!c ? (
        <span className="muted">not in the recording</span>
      ) : c.realConn ? (
        <>
          <b className="mono">{c.realConn}</b> {c.fresh ? 'new' : 'reused'}
          {named && <span className="muted" title={`The ${real.labelA} engine's name for this connection`}> = {named}</span>}
        </>
      ) : (
        <span className="bad">{c.status ? `status ${c.status}` : `no response${c.error ? `: ${c.error}` : ''}`}</span>
      )}{' '}
      <Mark cell={c} label={real.labelA} side="a" />
      <Mark cell={real.b.column.cells.get(id)} label={real.labelB} side="b" />
    </td>
  );
}
