import type { SimConfig } from '../../model/config';
import { ClientGroups } from '../../scenario/groups';
import type { ArriveStatement, ClientRef, Statement } from '../../scenario/ast';
import type { Client, Waiter } from '../types';
import type { SimOptions } from './driver';
import { SimRequests } from './requests';

/**
 * The script interpreter: runs the scenario's statements in order (repeat frames, blocking on
 * `wait`, `await` and a request's answers), and the clients a statement names.
 */
export abstract class SimScript extends SimRequests {
  private readonly groups = new ClientGroups();
  /** Clients of each group, as of when the group had `names` names. */
  private readonly groupClients = new Map<string, { names: number; clients: Client[] }>();
  private stmtCount = 0;
  private readonly frames: { stmts: readonly Statement[]; i: number; left: number }[] = [];
  private blocked = false;

  constructor(config: SimConfig, script: readonly Statement[], opts: SimOptions = {}) {
    super(config, opts);
    this.frames.push({ stmts: script, i: 0, left: 1 });
  }

  protected runScript(): void {
    this.blocked = false;
    while (!this.blocked) {
      const f = this.frames[this.frames.length - 1];
      if (!f) {
        this.meter?.scriptEnded(this.world, this.now, this.seq);
        return;
      }
      if (f.i >= f.stmts.length) {
        f.left--;
        if (f.left > 0) f.i = 0;
        else this.frames.pop();
        continue;
      }
      const st = f.stmts[f.i++]!;
      if (st.kind === 'repeat') {
        if (st.count > 0) this.frames.push({ stmts: st.body, i: 0, left: st.count });
        continue;
      }
      const idx = this.stmtCount++;
      const line = this.lineOf(st.span.from);
      this.steps.push({ stmt: idx, t: this.now, seq: this.seq, line });
      const prev = this.enter(line);
      this.exec(st);
      this.curLine = prev;
    }
  }

  private block(): () => void {
    this.blocked = true;
    let resumed = false;
    return () => {
      if (resumed) return;
      resumed = true;
      this.at(0, () => this.runScript());
    };
  }

  /*
   * The loops over a statement's clients live in methods of their own, one per kind of statement:
   * in `exec`, the loop of `web[*] GET /` was compiled seeing request statements only, and each
   * run's first `open` threw that code away (10,000 clients then ran in slower code until it was
   * compiled again).
   */
  private exec(st: Statement): void {
    switch (st.kind) {
      case 'open':
        this.openAll(st);
        return;
      case 'request':
        this.requestAll(st);
        return;
      case 'wait': {
        const resume = this.block();
        this.at(st.us, resume);
        return;
      }
      case 'await':
        if (this.inflight > 0) this.awaitWaiter = this.block();
        return;
      case 'close':
        for (const c of this.members(st.clients)) if (c.session?.open) this.closeClient(c.session, 'client', 'W');
        return;
      case 'server-close':
        this.serverClose(st.server.text, st.what);
        return;
      case 'arrive':
        this.arrive(st);
        return;
    }
  }

  private openAll(st: Extract<Statement, { kind: 'open' }>): void {
    for (const name of this.expand(st.clients, true)) this.openClient(name, st.proto, st);
  }

  private requestAll(st: Extract<Statement, { kind: 'request' }>): void {
    const clients = this.members(st.clients);
    const waiter: Waiter | null = st.background || clients.length === 0 ? null : { remaining: clients.length, resume: () => {} };
    if (waiter) (waiter as { resume: () => void }).resume = this.block();
    for (const client of clients) {
      const req = this.newRequest(client, st, this.curLine, waiter);
      this.inflight++;
      this.submit(req);
    }
  }

  /**
   * `arrive` (scenario/arrive.ts): clients NAME1, NAME2, … arrive with exponential gaps (a Poisson
   * process) until `forUs` has passed; each opens, sends its requests one after the other (the next
   * `thinkUs` after the previous one ended) and closes. The script resumes when the last has closed.
   */
  private arrive(st: ArriveStatement): void {
    const line = this.curLine;
    const end = this.now + st.forUs;
    const meanGap = 1_000_000 / st.rate;
    const names = this.groups.members(st.name);
    let live = 0;
    let window = true;
    const resume = st.background ? null : this.block();
    const done = () => {
      if (!window && live === 0 && resume) resume();
    };
    const client = (name: string) => {
      let left = st.requests;
      const one = () => {
        const prev = this.enter(line);
        const c = this.clients.get(name)!;
        const waiter: Waiter = { remaining: 1, resume: () => {} };
        const req = this.newRequest(c, st.request, line, waiter);
        // The next step waits for the end of this transaction's own work (a task, not a call).
        (waiter as { resume: () => void }).resume = () => this.at(--left > 0 ? st.thinkUs : 0, left > 0 ? one : leave);
        this.inflight++;
        this.submit(req);
        this.curLine = prev;
      };
      const leave = () => {
        const prev = this.enter(line);
        const sess = this.clients.get(name)!.session;
        if (sess?.open) this.closeClient(sess, 'client', 'W');
        this.curLine = prev;
        if (this.counting && sess && !sess.open) {
          // A totals-only run forgets the sessions of arrivals that have left (60,000 would stay
          // in two maps; 10-15 % of such a run). Its client stays, so a later session of the same
          // client is still numbered `.2`. (A property test checks the totals match a full run.)
          this.sessions.delete(sess.id);
          this.world.sessions.delete(sess.id);
        }
        live--;
        done();
      };
      return one;
    };
    const next = () => {
      const gap = Math.round(this.random.exp(meanGap));
      if (this.now + gap >= end) {
        this.at(end - this.now, () => {
          window = false;
          done();
        });
        return;
      }
      this.at(gap, () => {
        const prev = this.enter(line);
        // Numbered after every client of the group so far (an earlier `arrive` or `open NAME[1..N]`).
        const name = `${st.name}${names.length + 1}`;
        names.push(name);
        live++;
        this.openClient(name, st.proto);
        this.curLine = prev;
        client(name)();
        next();
      });
    };
    next();
  }

  /**
   * The clients a statement names, opened ones only. A group (`web[*]`) keeps its list of
   * clients between statements: a load script names the same thousands every round.
   */
  private members(ref: ClientRef): readonly Client[] {
    if (ref.kind === 'all') {
      const names = this.groups.members(ref.prefix);
      let cached = this.groupClients.get(ref.prefix);
      if (!cached || cached.names !== names.length) {
        const clients: Client[] = [];
        for (const n of names) {
          const c = this.clients.get(n);
          if (c) clients.push(c);
        }
        cached = { names: names.length, clients };
        this.groupClients.set(ref.prefix, cached);
      }
      return cached.clients;
    }
    const out: Client[] = [];
    for (const n of this.expand(ref, false)) {
      const c = this.clients.get(n);
      if (c) out.push(c);
    }
    return out;
  }

  private expand(ref: ClientRef, opening: boolean): string[] {
    return this.groups.expand(ref, opening);
  }
}
