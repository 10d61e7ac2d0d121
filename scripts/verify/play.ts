/**
 * Plays a scenario's script against a running HAProxy with real clients, statement by statement
 * and with the engines' semantics (core/engines/runtime/requests.ts): a request waits for its response
 * unless it ends with `&`, an h1 client sends one request at a time, `wait T` ends T × scale real
 * milliseconds after the previous wait's deadline, or after the last thing the player waited for (./schedule.ts), `await` waits for everything in flight, a client whose connection was closed
 * reconnects. Requests are numbered r1, r2, … in the order the script issues them, as the engines
 * number them. Every wait is bounded by the clients' limit.
 */
import { ClientGroups } from '../../core/scenario/groups';
import { headerField } from '../../core/scenario/requestOptions';
import type { ClientRef, Statement } from '../../core/scenario/ast';
import { H1Client, H2Client, type Client, type ClientEvents, type OutRequest } from './clients';
import type { Recorder } from './recorder';
import { Schedule } from './schedule';
import type { EmulatedServer } from './servers';

export interface PlayOptions {
  readonly h1Port: number;
  readonly h2Port: number;
  readonly servers: ReadonlyMap<string, EmulatedServer>;
  readonly rec: Recorder;
  readonly scale: number;
  /** Longest a request or a connect may take (real ms). */
  readonly limitMs: number;
  /** When waits end; shared with the emulated servers (./schedule.ts). */
  readonly schedule: Schedule;
  /** The scenario's own configuration (verbatim-cfg.ts): the port a client's `open` enters. */
  readonly entry?: { portFor(open: OpenStatement, proto: 'h1' | 'h2'): number };
}

type OpenStatement = Extract<Statement, { kind: 'open' }>;

/** Longest the player waits for a request to reach its server before the next statement (real ms). */
const ARRIVAL_MS = 6;

export class Player {
  private readonly clients = new Map<string, Client>();
  private readonly groups = new ClientGroups();
  private readonly inflight = new Set<Promise<void>>();
  private reqCount = 0;
  /** The last request sent, and by which client. */
  private lastSent: { id: string; client: string } | null = null;
  private stmtCount = 0;
  /** Requests the last blocking statement waited for: their completions caused what follows. */
  private released: string[] = [];
  /** Each h1 client's request in progress or last queued (the next one is sent after it). */
  private readonly lastOf = new Map<string, { id: string; over: boolean }>();
  private readonly events: ClientEvents;
  /** When each `wait` ends: at a deadline on the script's clock, not after the previous sleep woke up (./schedule.ts). */
  private readonly schedule: Schedule;

  constructor(private readonly o: PlayOptions) {
    const rec = o.rec;
    this.schedule = o.schedule;
    this.events = {
      sent: (req, session) => rec.sent(req.id, this.clientOf(req.id), session, this.afterOf.get(req.id) ?? []),
      done: (req, status, error, tag) => rec.done(req.id, status, error, tag ?? null),
      unsent: (req, session, error) => rec.unsent(req.id, this.clientOf(req.id), session, error),
    };
  }

  private readonly owner = new Map<string, string>();
  private readonly afterOf = new Map<string, string[]>();
  private clientOf(id: string): string {
    return this.owner.get(id) ?? '';
  }

  /** Plays every statement, then waits (bounded) for what is still in flight; returns the end time. */
  async play(script: readonly Statement[]): Promise<number> {
    this.o.rec.start();
    this.schedule.sync();
    await this.run(script);
    this.schedule.busy();
    await this.settleAll();
    return this.o.rec.now();
  }

  async close(): Promise<void> {
    this.schedule.busy();
    for (const c of this.clients.values()) c.close();
    await this.settleAll();
  }

  private async run(stmts: readonly Statement[]): Promise<void> {
    for (const st of stmts) {
      if (st.kind === 'repeat') {
        for (let i = 0; i < st.count; i++) await this.run(st.body);
        continue;
      }
      this.o.rec.step(this.stmtCount++);
      await this.exec(st);
    }
  }

  private async exec(st: Exclude<Statement, { kind: 'repeat' }>): Promise<void> {
    switch (st.kind) {
      case 'open':
        this.schedule.busy();
        for (const name of this.expand(st.clients, true)) await this.open(name, st);
        this.schedule.sync();
        return;
      case 'request': {
        const waits: Promise<void>[] = [];
        const ids: string[] = [];
        const respond = st.response ? [String(st.response.status), st.response.auth ?? '', st.response.close ? 'close' : ''].filter(Boolean).join(' ') : null;
        for (const c of this.members(st.clients)) {
          // Another client's request sent just before must reach HAProxy first (see arrival).
          if (this.lastSent && this.lastSent.client !== c.name) await this.arrival(this.lastSent.id);
          const req: OutRequest = {
            id: `r${++this.reqCount}`, method: st.method, path: st.path, respond, takesUs: st.takesUs, close: st.close, target: st.to?.text ?? null,
            host: st.host ? st.host.text.replace(/^["']|["']$/g, '') : null, headers: (st.headers ?? []).map(headerField).filter((f) => f !== null),
          };
          ids.push(req.id);
          this.owner.set(req.id, c.name);
          const prev = c.proto === 'h1' ? this.lastOf.get(c.name) : undefined;
          this.afterOf.set(req.id, [...this.released, ...(prev && !prev.over ? [prev.id] : [])]);
          const mark = { id: req.id, over: false };
          if (c.proto === 'h1') this.lastOf.set(c.name, mark);
          const p = c.request(req).then(() => { mark.over = true; });
          this.track(p);
          waits.push(p);
          this.lastSent = { id: req.id, client: c.name };
        }
        if (!st.background && waits.length) {
          this.schedule.busy();
          await Promise.all(waits);
          this.released = ids;
          this.schedule.syncAfter(ids);
        }
        return;
      }
      case 'wait': {
        this.released = [];
        const ms = this.schedule.wait(st.us / 1000);
        if (ms > 0) await new Promise<void>((res) => setTimeout(res, ms));
        return;
      }
      case 'await': {
        const before = [...this.owner.keys()];
        this.schedule.busy();
        await this.settleAll();
        this.released = before;
        this.schedule.sync();
        return;
      }
      case 'close':
        for (const c of this.members(st.clients)) if (c.open) c.close();
        return;
      case 'server-close':
        // A server named as written closes every server of that name (one per backend that has it), as the engine does.
        for (const [name, server] of this.o.servers) if (name === st.server.text || name.endsWith(`/${st.server.text}`)) server.closeConnections(st.what);
        return;
    }
  }

  /**
   * The engines handle a request the instant it is sent, before the next statement; for real,
   * two clients' requests sent back to back reach HAProxy in either order (gen-300036: an h1
   * request overtook the h2 one sent before it, and leastconn gave them each other's server). So
   * another client's next request waits until it reached its server (or is over), at most
   * ARRIVAL_MS real ms (a request that goes nowhere soon). A request still queued behind its h1
   * client's previous one is not waited for. The same client's next request does not wait: on
   * one client connection HAProxy reads them in order, and at the same instant as the engines do
   * (gen-100174: waiting let the first one's new connection finish its connect, which
   * prefer-last-server then saw).
   */
  private async arrival(id: string): Promise<void> {
    if (!this.o.rec.isSent(id)) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.o.rec.reached(id), new Promise<void>((res) => { timer = setTimeout(res, ARRIVAL_MS); })]);
    clearTimeout(timer);
  }

  private track(p: Promise<void>): void {
    this.inflight.add(p);
    void p.then(() => this.inflight.delete(p));
  }

  /** Every request in flight is over (each is bounded by the clients' limit). */
  private async settleAll(): Promise<void> {
    while (this.inflight.size) await Promise.all([...this.inflight]);
  }

  private async open(name: string, st: OpenStatement): Promise<void> {
    const proto = st.proto;
    let c = this.clients.get(name);
    if (c && c.open) return;
    if (!c || c.proto !== proto) {
      const gen = c?.generations ?? 0;
      const port = this.o.entry?.portFor(st, proto) ?? (proto === 'h1' ? this.o.h1Port : this.o.h2Port);
      c = proto === 'h1'
        ? new H1Client(name, port, this.events, this.o.limitMs, gen)
        : new H2Client(name, port, this.events, this.o.limitMs, gen);
      this.clients.set(name, c);
    }
    // A loopback `from` address is the real client's too (`balance source`, `src`): Linux lets a
    // socket bind any address of 127.0.0.0/8.
    const from = st.from?.text;
    c.localAddress = from && /^127\.\d+\.\d+\.\d+$/.test(from) ? from : undefined;
    await c.connect();
  }

  /** The clients a statement names that were ever opened (as the engines' `members`). */
  private members(ref: ClientRef): Client[] {
    return this.expand(ref, false).map((n) => this.clients.get(n)).filter((c): c is Client => c !== undefined);
  }

  private expand(ref: ClientRef, opening: boolean): string[] {
    return this.groups.expand(ref, opening);
  }
}
