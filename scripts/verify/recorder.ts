/**
 * The real run's record, kept as it happens: server connections (opened, closed, by whom, the
 * requests they received) and requests (sent, answered). Times are virtual ms: real ms since the
 * script started, divided by the scale. Builds the RealTrace at the end.
 */
import { performance } from 'node:perf_hooks';
import { REAL_TRACE_FORMAT, type RealConn, type RealRequest, type RealTrace } from '../../core/verify/real-trace';

interface ConnRec { id: string; server: string; openedAt: number; closedAt: number | null; closedBy: 'proxy' | 'server' | null; requests: string[] }
interface ReqRec {
  id: string; client: string; session: string; server: string | null; conn: string | null; status: number | null;
  error: string | null; sentAt: number; doneAt: number | null; after: string[];
}

export class Recorder {
  private t0 = performance.now();
  private readonly conns: ConnRec[] = [];
  private readonly perServer = new Map<string, number>();
  private readonly reqs = new Map<string, ReqRec>();
  readonly steps: { stmt: number; t: number }[] = [];
  readonly notes = new Set<string>();

  constructor(readonly scale: number) {}

  /** The script starts now: times count from here. */
  start(): void {
    this.t0 = performance.now();
  }

  now(): number {
    return (performance.now() - this.t0) / this.scale;
  }

  /** A server accepted a connection from HAProxy; returns its id (`s1.c2`). */
  connOpened(server: string): string {
    const n = (this.perServer.get(server) ?? 0) + 1;
    this.perServer.set(server, n);
    const id = `${server}.c${n}`;
    this.conns.push({ id, server, openedAt: this.now(), closedAt: null, closedBy: null, requests: [] });
    return id;
  }

  /** The first side to close wins: the server when it ends the socket, HAProxy when its FIN or reset arrives first. */
  connClosed(id: string, by: 'proxy' | 'server'): void {
    const c = this.conns.find((x) => x.id === id);
    if (!c || c.closedAt !== null) return;
    c.closedAt = this.now();
    c.closedBy = by;
  }

  /** Resolves when request `id` has reached a server or is over (see `reached`). */
  private readonly arrivals = new Map<string, () => void>();

  /** Whether request `id` was sent (a queued h1 request is not, yet). */
  isSent(id: string): boolean {
    return this.reqs.has(id);
  }

  /** Request `id` reached its server, or is over (answered, failed, never sent). */
  reached(id: string): Promise<void> {
    const r = this.reqs.get(id);
    if (r && (r.conn !== null || r.doneAt !== null)) return Promise.resolve();
    return new Promise((res) => this.arrivals.set(id, res));
  }

  private arrived(id: string): void {
    this.arrivals.get(id)?.();
    this.arrivals.delete(id);
  }

  received(connId: string, reqId: string | undefined): void {
    if (reqId) this.arrived(reqId);
    const c = this.conns.find((x) => x.id === connId);
    if (!c) return;
    if (!reqId) {
      this.notes.add(`${c.server} received a request without the x-req tag`);
      return;
    }
    c.requests.push(reqId);
    // A request a server receives again (an L7 retry, `retry-on`) is the last one's: its answer is the one the client gets.
    const r = this.reqs.get(reqId);
    if (r) {
      r.conn = connId;
      r.server = c.server;
    }
  }

  sent(id: string, client: string, session: string, after: string[]): void {
    this.reqs.set(id, { id, client, session, server: null, conn: null, status: null, error: null, sentAt: this.now(), doneAt: null, after });
  }

  /** The client got its response (status), or gave up on it (error). */
  done(id: string, status: number | null, error: string | null, tag: string | null = null): void {
    const r = this.reqs.get(id);
    if (!r || r.doneAt !== null) return;
    // The response's own tag says which connection answered: it must be the one that received the request.
    if (tag !== null && tag !== r.conn) this.notes.add(`${id}: the response came from ${tag}, the request was received on ${r.conn ?? 'no connection'}`);
    r.doneAt = this.now();
    r.status = status;
    r.error = status === null ? error : null;
    this.arrived(id);
  }

  /** A request that was never sent (its client closed first): the engines still number it. */
  unsent(id: string, client: string, session: string, error: string): void {
    const t = this.now();
    this.reqs.set(id, { id, client, session, server: null, conn: null, status: null, error, sentAt: t, doneAt: t, after: [] });
    this.arrived(id);
  }

  step(stmt: number): void {
    this.steps.push({ stmt, t: this.now() });
  }

  trace(meta: { binary: string; engine: string; config: string; end: number }): RealTrace {
    const round = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
    const requests: RealRequest[] = [...this.reqs.values()]
      .sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1)))
      .map((r) => ({ ...r, sentAt: round(r.sentAt)!, doneAt: round(r.doneAt) }));
    const conns: RealConn[] = this.conns.map((c) => ({ ...c, openedAt: round(c.openedAt)!, closedAt: round(c.closedAt) }));
    return {
      format: REAL_TRACE_FORMAT, binary: meta.binary, recordedAt: new Date().toISOString(), scale: this.scale, engine: meta.engine,
      config: meta.config, requests, conns, steps: this.steps.map((s) => ({ stmt: s.stmt, t: round(s.t)! })), end: round(meta.end)!,
      notes: [...this.notes],
    };
  }
}
