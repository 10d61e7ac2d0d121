/**
 * The real binary's recorded mapping, request by request, set beside an engine's run (issue 16):
 * which server connection HAProxy wrote each request on, that connection's name in the engine's
 * run where the two can be paired, and whether the comparison (compare.ts) agrees on the request.
 * Pure data from a recording and an engine view: the page shows it, never re-derives it.
 */
import { compareRuns } from './compare';
import type { EngineView } from './engine-view';
import type { RealTrace } from './real-trace';

export interface RealCell {
  readonly id: string;
  /** The connection as the recording names it (`X.c2`: the second one server X accepted); null: none. */
  readonly realConn: string | null;
  /** The engine's name for that connection (paired by the request that opened it in both runs); null: unpaired. */
  readonly engineConn: string | null;
  /** The request opened its connection (it was the connection's first request). */
  readonly fresh: boolean;
  readonly server: string | null;
  readonly status: number | null;
  readonly error: string | null;
  readonly sentAt: number;
  readonly doneAt: number | null;
  /** The engine and the binary gave this request the same connection and status. */
  readonly same: boolean;
  /** compare.ts's words for each side (shown when they differ). */
  readonly engineSays: string;
  readonly realSays: string;
}

export interface RealColumn {
  readonly binary: string;
  /** Day of the recording, YYYY-MM-DD. */
  readonly recorded: string;
  readonly outcome: 'match' | 'difference' | 'undecided';
  readonly cells: ReadonlyMap<string, RealCell>;
}

export function realColumn(engine: EngineView, real: RealTrace): RealColumn {
  const v = compareRuns(engine, real);
  const rows = new Map(v.rows.map((r) => [r.id, r]));
  const conns = new Map(real.conns.map((c) => [c.id, c]));
  const cells = new Map<string, RealCell>();
  for (const r of real.requests) {
    const row = rows.get(r.id);
    cells.set(r.id, {
      id: r.id,
      realConn: r.conn,
      engineConn: r.conn === null ? null : (v.pairs.get(r.conn) ?? null),
      fresh: r.conn !== null && conns.get(r.conn)?.requests[0] === r.id,
      server: r.server,
      status: r.status,
      error: r.error,
      sentAt: r.sentAt,
      doneAt: r.doneAt,
      // A request the engine never had cannot agree with it.
      same: row?.same ?? false,
      engineSays: row?.engine ?? 'the engine never sent it',
      realSays: row?.real ?? '',
    });
  }
  return {
    binary: real.binary.replace(/^HAProxy version /, 'HAProxy '),
    recorded: real.recordedAt.slice(0, 10),
    outcome: v.outcome,
    cells,
  };
}
