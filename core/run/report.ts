import type { World } from '../model/world';
import type { DecisionId } from '../trace/decisions';
import { EVENT_FIELDS, type TraceEvent } from '../trace/events';
import { filterEvents, type Trace } from '../trace/trace';

/** The CLI's `--json` document (spec scenario-language.md, last section). Times in ms. */
export interface SimReport {
  readonly engine: string;
  readonly commit: string;
  readonly approximate: boolean;
  readonly requests: readonly {
    id: string;
    client: string;
    path: string;
    method: string;
    /** h2: the stream number (1, 3, 5…); h1: the request's index on its client connection (1, 2, 3…). */
    stream: number;
    /** The stream's id in the trace (`A/3`). */
    streamId: string;
    server: string | null;
    conn: string | null;
    reused: boolean;
    status: number | null;
    sentAt: number;
    doneAt: number | null;
    error: string | null;
    decisions: DecisionId[];
    /** The backend the frontend's rules chose (present when the configuration routes per request). */
    backend?: string;
    /** Present when HAProxy answered the request itself: `stats`, `http-request deny`, `redirect`, `no backend`, … */
    answeredBy?: string;
  }[];
  readonly connections: readonly {
    id: string;
    server: string;
    openedAt: number;
    closedAt: number | null;
    closedBy: DecisionId | null;
    closer: string | null;
    requests: string[];
    private: boolean;
  }[];
  readonly events: readonly Record<string, unknown>[];
  readonly totals: Totals;
  readonly notes: readonly string[];
}

export interface Totals {
  requests: number;
  opened: number;
  reused: number;
  swapped: number;
  destroyed: number;
}

const ms = (us: number) => us / 1000;

export function totalsOf(w: World): Totals {
  const c = w.counts;
  return { requests: c.requests, opened: c.opened, reused: c.reused, swapped: c.swapped, destroyed: c.destroyed };
}

/** One event as JSON: its fields in EVENT_FIELDS order (however it was built), time in ms, undefined fields dropped. */
export function eventJson(e: TraceEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of EVENT_FIELDS) {
    const v = e[k];
    if (v !== undefined) out[k] = k === 't' ? ms(v as number) : v;
  }
  return out;
}

export function buildReport(engine: string, commit: string, world: World, trace: Trace): SimReport {
  // h1 clients have one stream per connection: number their requests on it instead.
  const perSession = new Map<string, number>();
  const streamNumber = (r: { session: string; stream: string }): number => {
    const proto = world.sessions.get(r.session)?.proto;
    if (proto === 'h2') return Number(r.stream.slice(r.stream.lastIndexOf('/') + 1));
    const n = (perSession.get(r.session) ?? 0) + 1;
    perSession.set(r.session, n);
    return n;
  };
  return {
    engine,
    commit,
    approximate: engine === 'modern',
    requests: [...world.requests.values()].map((r) => ({
      id: r.id, client: r.client, path: r.path, method: r.method, stream: streamNumber(r), streamId: r.stream, server: r.server, conn: r.conn,
      reused: r.reused, status: r.status, sentAt: ms(r.sentAt), doneAt: r.doneAt === null ? null : ms(r.doneAt),
      error: r.error, decisions: r.decisions,
      ...(r.backend !== undefined ? { backend: r.backend } : {}), ...(r.answeredBy !== undefined ? { answeredBy: r.answeredBy } : {}),
    })),
    connections: [...world.conns.values()].map((c) => ({
      id: c.id, server: c.server, openedAt: ms(c.openedAt), closedAt: c.closedAt === null ? null : ms(c.closedAt),
      closedBy: c.closedBy, closer: c.closer, requests: c.requests, private: c.private,
    })),
    events: Array.from(trace, eventJson),
    totals: totalsOf(world),
    notes: filterEvents(trace, (e) => e.kind === 'note' && !!e.message).map((e) => `t=${ms(e.t)}ms [${e.decision}] ${e.message}`),
  };
}
