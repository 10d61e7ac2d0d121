import type { DecisionId, Gap } from '../../trace/decisions';
import type { Condition } from '../../trace/events';
import type { Conn, Request, Session, Stream } from '../types';
import type { DestroyExtra, EventInput } from './writer';

type Conds = readonly Condition[];

/*
 * The events of a client's and a connection's life as the writers that keep them build them
 * (recording, packed); the counting writer builds none (./counting.ts).
 */

export const clientCloseEvent = (decision: 'W' | 'T3', sess: Session, closer: 'proxy' | 'client', message: string | undefined): EventInput =>
  ({ kind: 'client.close', decision, client: sess.client.name, session: sess.id, closer, message });

export const sessionEndEvent = (sess: Session): EventInput => ({ kind: 'session.end', decision: 'W', session: sess.id, client: sess.client.name });

export function connNewEvent(
  decision: DecisionId, id: string, server: string, st: Stream, req: Request, conds: Conds | undefined, holder: string | undefined,
  capacity: number | undefined, pool: boolean | undefined,
): EventInput {
  return {
    kind: 'conn.new', decision, conn: id, server, stream: st.id, session: st.session.id,
    request: req.id, client: req.client.name, conds, holder, capacity, pool,
  };
}

export function adoptEvent(
  decision: DecisionId, c: Conn, req: Request | null, st: Stream | null, holder: string, other: Conn | null,
  flag: 'orphaned' | undefined, gap: Gap | undefined, conds: Conds | undefined,
): EventInput {
  return {
    request: req?.id, stream: st?.id, session: st?.session.id, server: c.server.name,
    kind: 'adopt', decision, conn: c.id, holder, otherConn: other?.id, flag, gap, conds,
  };
}

export const unlinkEvent = (decision: DecisionId, c: Conn, holder: string): EventInput =>
  ({ kind: 'unlink', decision, conn: c.id, server: c.server.name, holder, session: holder });

export function connDestroyEvent(decision: DecisionId, c: Conn, closer: 'proxy' | 'server' | 'client', extra: DestroyExtra): EventInput {
  const e: EventInput = { kind: 'conn.destroy', decision, conn: c.id, server: c.server.name, closer };
  for (const k in extra) return Object.assign(e, extra);
  return e;
}
