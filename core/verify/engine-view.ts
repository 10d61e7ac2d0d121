/**
 * An engine run reduced to what a real binary's trace can be compared with: for each request the
 * connection it was written on (new or reused, and the decision that chose it), its status; for
 * each connection when it opened and closed and who closed it. Read from the trace (the contract),
 * never by re-running any rule.
 */
import type { RunResult } from '../run';
import type { DecisionId } from '../trace/decisions';

export interface EngineRequest {
  readonly id: string;
  readonly client: string;
  readonly session: string;
  readonly method: string;
  readonly path: string;
  readonly line: number;
  /** Server the request was written to; null when it reached none (refused, aborted before). */
  readonly server: string | null;
  /** The connection it was written on (`request.forward`). */
  readonly conn: string | null;
  /** The connection was created for this request (else it was reused). */
  readonly fresh: boolean;
  /** The decision that gave the request its connection (conn.new or attach). */
  readonly decision: DecisionId | null;
  /** Status the client got (0 / null: none). */
  readonly status: number | null;
  /** HAProxy answered it itself (the trace's `answer`: `http-request deny`, `stats`, `no backend` …); absent otherwise. */
  readonly answeredBy?: string;
  readonly error: string | null;
  readonly sentAt: number;
  readonly doneAt: number | null;
  /** Positions in the trace of its send and its end (the engine's order of events at one instant). */
  readonly sentSeq: number;
  readonly doneSeq: number | null;
}

export interface EngineConn {
  readonly id: string;
  readonly server: string;
  /** The TCP connect completed (a refused connect never reaches the server). */
  readonly connected: boolean;
  readonly openedAt: number;
  readonly closedAt: number | null;
  /** 'server' or 'proxy' (a close HAProxy makes because the client left counts as HAProxy's). */
  readonly closedBy: 'proxy' | 'server' | null;
  readonly closeDecision: DecisionId | null;
  /** Index of the script statement running when it closed (as the oracle counts steps). */
  readonly closedStep: number | null;
  readonly closedSeq: number | null;
  readonly requests: readonly string[];
}

export interface EngineView {
  readonly requests: readonly EngineRequest[];
  readonly conns: readonly EngineConn[];
  readonly steps: readonly { readonly stmt: number; readonly t: number; readonly line: number }[];
  /** When the script was over: its last statement started and every request had finished. */
  readonly end: number;
  /** The last event of the trace at or before `end`. */
  readonly endSeq: number;
  /** Where the engine says the real binary crashes or hangs (pX, pR2 notes): the request and the note. */
  readonly binaryFails: readonly { readonly request: string; readonly flag: 'crash' | 'hang'; readonly decision: DecisionId; readonly seq: number }[];
  /** Requests the script asked for that failed before they were sent (their client had closed). */
  readonly unsent: readonly string[];
}

const ms = (us: number) => us / 1000;

export function engineView(res: RunResult): EngineView {
  const fwd = new Map<string, { conn: string; server: string }>();
  const chose = new Map<string, { conn: string; fresh: boolean; decision: DecisionId }>();
  const connected = new Set<string>();
  const closeSeq = new Map<string, number>();
  const perConn = new Map<string, string[]>();
  const binaryFails: { request: string; flag: 'crash' | 'hang'; decision: DecisionId; seq: number }[] = [];
  let lastRequest = '';
  const lines = new Map<string, number>();
  const sentSeq = new Map<string, number>();
  const doneSeq = new Map<string, number>();
  const unsent: string[] = [];
  const answered = new Map<string, string>();
  for (const e of res.trace) {
    if (e.kind === 'answer' && e.request && e.answeredBy) answered.set(e.request, e.answeredBy);
    if (e.request) lastRequest = e.request;
    if (e.kind === 'note' && (e.flag === 'crash' || e.flag === 'hang') && e.decision !== 'W')
      binaryFails.push({ request: e.request ?? lastRequest, flag: e.flag, decision: e.decision, seq: e.seq });
    if (e.kind === 'request.send' && e.request) {
      lines.set(e.request, e.line ?? 0);
      sentSeq.set(e.request, e.seq);
    } else if ((e.kind === 'request.done' || e.kind === 'request.error') && e.request) {
      doneSeq.set(e.request, e.seq);
      if (!sentSeq.has(e.request)) unsent.push(e.request);
    }
    else if (e.kind === 'conn.new' && e.request && e.conn) chose.set(e.request, { conn: e.conn, fresh: true, decision: e.decision });
    else if (e.kind === 'attach' && e.request && e.conn) {
      // An L7 retry back on the connection opened for the same request keeps it the request's new one.
      const had = chose.get(e.request);
      if (!(had?.fresh && had.conn === e.conn)) chose.set(e.request, { conn: e.conn, fresh: false, decision: e.decision });
    }
    else if (e.kind === 'conn.connected' && e.conn) connected.add(e.conn);
    else if (e.kind === 'request.forward' && e.request && e.conn) {
      fwd.set(e.request, { conn: e.conn, server: e.server ?? '' });
      // TC2 (mode tcp): the stream's connection was made when its client connected (TC1); its first request is the fresh one.
      if (e.decision === 'TC2') chose.set(e.request, { conn: e.conn, fresh: !perConn.has(e.conn), decision: perConn.has(e.conn) ? 'TC2' : 'TC1' });
      const l = perConn.get(e.conn) ?? [];
      l.push(e.request);
      perConn.set(e.conn, l);
    } else if (e.kind === 'conn.destroy' && e.conn) closeSeq.set(e.conn, e.seq);
  }
  const stepOf = (seq: number) => {
    let s: number | null = null;
    for (const st of res.steps) if (st.seq <= seq) s = st.stmt;
    return s;
  };
  const requests: EngineRequest[] = [...res.world.requests.values()].map((r) => {
    const f = fwd.get(r.id);
    const c = chose.get(r.id);
    const same = f && c && c.conn === f.conn;
    return {
      id: r.id, client: r.client, session: r.session, method: r.method, path: r.path, line: lines.get(r.id) ?? 0,
      server: f ? f.server : null, conn: f ? f.conn : null, fresh: same ? c.fresh : false, decision: same ? c.decision : null,
      status: r.status || null, ...(answered.has(r.id) ? { answeredBy: answered.get(r.id)! } : {}), error: r.error, sentAt: ms(r.sentAt), doneAt: r.doneAt === null ? null : ms(r.doneAt),
      sentSeq: sentSeq.get(r.id) ?? -1, doneSeq: doneSeq.get(r.id) ?? null,
    };
  });
  const conns: EngineConn[] = [...res.world.conns.values()].map((c) => {
    const seq = closeSeq.get(c.id);
    return {
      id: c.id, server: c.server, connected: connected.has(c.id), openedAt: ms(c.openedAt),
      closedAt: c.closedAt === null ? null : ms(c.closedAt),
      closedBy: c.closer === null ? null : c.closer === 'server' ? 'server' : 'proxy',
      closeDecision: c.closedBy, closedStep: seq === undefined ? null : stepOf(seq), closedSeq: seq ?? null, requests: perConn.get(c.id) ?? [],
    };
  });
  const lastStep = res.steps.length ? ms(res.steps[res.steps.length - 1]!.t) : 0;
  const end = Math.max(lastStep, ...requests.map((r) => r.doneAt ?? 0));
  let endSeq = -1;
  for (const e of res.trace) if (ms(e.t) <= end) endSeq = e.seq;
  return { requests, conns, steps: res.steps.map((s) => ({ stmt: s.stmt, t: ms(s.t), line: s.line })), end, endSeq, binaryFails, unsent };
}
