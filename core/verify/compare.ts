/**
 * Compares an engine's run of a scenario with what a real HAProxy did with it (a RealTrace):
 * request by request, which server connection carried it (a new one, or which earlier one), the
 * status the client got; then which connections closed during the script, when and by whom, and
 * how many were opened. Says `match`, or the first difference in the words of the trace. Where the
 * real run's timing cannot tell the order of two events (they were closer than `tieMs`), it says
 * so instead of guessing.
 */
import type { EngineConn, EngineRequest, EngineView } from './engine-view';
import type { RealConn, RealRequest, RealTrace } from './real-trace';

export interface CompareOptions {
  /** Real events closer than this (real ms) are too close to call. Default 8 ms. */
  readonly tieMs?: number;
}

export interface RequestRow {
  readonly id: string;
  readonly what: string;
  readonly engine: string;
  readonly real: string;
  readonly same: boolean;
}

export interface Verdict {
  /** `undecided`: the runs part where the real order was too close to call; nothing differs before. */
  readonly outcome: 'match' | 'difference' | 'undecided';
  readonly rows: readonly RequestRow[];
  /**
   * Every point where the runs part, the first (in time) first; one whose real timing could not
   * decide says `too close to call`. After the first, the others may be its consequences.
   */
  readonly differences: readonly string[];
  /** What agreed but should be said (the binary crashed where the engine says it does). */
  readonly remarks: readonly string[];
  /**
   * HAProxy's connection id → the engine's, paired where a request opened a new connection in
   * both runs on the same server (how the comparison tells one connection from another).
   */
  readonly pairs: ReadonlyMap<string, string>;
}

const f1 = (x: number) => (Math.round(x * 10) / 10).toString();
const ord = (n: number) => `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;

export function compareRuns(engine: EngineView, real: RealTrace, opts: CompareOptions = {}): Verdict {
  // Virtual ms below which two real events are a tie.
  const tie = (opts.tieMs ?? 8) / real.scale;
  const realReq = new Map(real.requests.map((r) => [r.id, r]));
  const realConn = new Map(real.conns.map((c) => [c.id, c]));
  const engConn = new Map(engine.conns.map((c) => [c.id, c]));
  const e2r = new Map<string, string>();
  const r2e = new Map<string, string>();
  const rows: RequestRow[] = [];
  // Every point where the runs part, in time order; the first decides (a tie there: undecided).
  const found: { t: number; text: string; tie: boolean }[] = [];

  const engineSays = (q: EngineRequest): string => {
    // HAProxy's own answer: the real run has it as a response that reached no server.
    if (!q.conn && q.answeredBy && q.status) return `no server connection, status ${q.status} (HAProxy's own answer: ${q.answeredBy})`;
    if (!q.conn) return q.status ? `no server connection, status ${q.status}${q.error ? ` (${q.error})` : ''}` : `no server connection, no response${q.error ? ` (${q.error})` : ''}`;
    // TC2: a tcp stream's later requests ride the connection its client connection got (not a reuse).
    const how = q.fresh ? 'new' : q.decision === 'TC2' ? 'its own again' : 'reused';
    return `connection ${q.conn} to ${q.server} (${how}${q.decision ? `, ${q.decision}` : ''})${statusText(q.status, q.error)}`;
  };
  const realSays = (r: RealRequest | undefined): string => {
    if (!r) return 'not played';
    if (!r.conn) return r.status ? `no server connection, status ${r.status}` : `no response (${r.error ?? 'unknown'})`;
    const c = realConn.get(r.conn)!;
    const fresh = c.requests[0] === r.id;
    const eng = r2e.get(r.conn);
    const n = real.conns.filter((x) => x.server === c.server).indexOf(c) + 1;
    const which = fresh ? `a new connection (${r.conn}, its ${ord(n)} to ${c.server})` : `${r.conn}${eng ? ` (the engine's ${eng})` : ''} again`;
    return `${which}${statusText(r.status, r.error)}`;
  };

  // Where the binary dies (the parent's pX), what comes after is not compared: the engine follows
  // the intended semantics from there. The crash itself must be where the engine says.
  const crash = engine.binaryFails.find((f) => f.flag === 'crash') ?? null;
  const crashAt = crash ? engine.requests.findIndex((q) => q.id === crash.request) : -1;
  if (real.crashed && !crash)
    found.push({ t: real.crashed.at, text: `HAProxy died (${real.crashed.how}) at ${f1(real.crashed.at)} ms; the engine says nothing of a crash`, tie: false });
  if (crash && !real.crashed)
    found.push({ t: engine.requests[crashAt]?.sentAt ?? 0, text: `the engine says the real binary crashes at request ${crash.request} (${crash.decision}); HAProxy did not`, tie: false });
  const remarks: string[] = [];
  if (crash && real.crashed) {
    const sent = realReq.get(crash.request)?.sentAt;
    const next = engine.requests[crashAt + 1] ? realReq.get(engine.requests[crashAt + 1]!.id)?.sentAt : undefined;
    if (sent === undefined || real.crashed.at < sent - tie || (next !== undefined && real.crashed.at > next + tie))
      found.push({ t: real.crashed.at, text: `HAProxy died (${real.crashed.how}) at ${f1(real.crashed.at)} ms, not at request ${crash.request} where the engine says it crashes (${crash.decision})`, tie: false });
    else remarks.push(`HAProxy died (${real.crashed.how}) at request ${crash.request}, where the engine says the real binary crashes (${crash.decision}); what follows is not compared`);
  }
  const hangs = new Set(engine.binaryFails.filter((f) => f.flag === 'hang').map((f) => f.request));

  for (const [i, q] of engine.requests.entries()) {
    const r = realReq.get(q.id);
    const what = `${q.session} ${q.method} ${q.path}${q.line ? ` (line ${q.line})` : ''}`;
    if (crash && real.crashed && crashAt >= 0 && i >= crashAt) {
      rows.push({ id: q.id, what, engine: i === crashAt ? `the real binary crashes here (${crash.decision})` : 'after the crash: not compared', real: i === crashAt ? `HAProxy died (${real.crashed.how})` : '', same: true });
      continue;
    }
    if (hangs.has(q.id) && r && r.status === null) {
      rows.push({ id: q.id, what, engine: 'the real binary hangs here (pR2): no response', real: `no response (${r.error})`, same: true });
      continue;
    }
    // A request sent again (an L7 retry, `retry-on`) opened connections of its own before the one
    // that answered: on both sides, in the order they were opened, they are the same connections.
    if (r) {
      const engineFirst = engine.conns.filter((c) => c.requests[0] === q.id && c.id !== q.conn);
      const realFirst = real.conns.filter((c) => c.requests[0] === r.id && c.id !== r.conn);
      for (const [k, ec] of engineFirst.entries()) {
        const rc = realFirst[k];
        if (rc && rc.server === ec.server && !e2r.has(ec.id) && !r2e.has(rc.id)) {
          e2r.set(ec.id, rc.id);
          r2e.set(rc.id, ec.id);
        }
      }
    }
    let diff: string | null = null;
    if (!r) diff = 'HAProxy was never sent it';
    else if ((q.conn === null) !== (r.conn === null)) diff = q.conn ? `it reached ${q.server}` : 'it reached no server';
    else if (q.conn !== null && r.conn !== null) {
      const rc = realConn.get(r.conn)!;
      const realFresh = rc.requests[0] === r.id;
      if (q.server !== rc.server) diff = 'another server';
      else if (q.fresh !== realFresh) diff = q.fresh ? 'new vs reused' : 'reused vs new';
      else if (q.fresh) {
        e2r.set(q.conn, r.conn);
        r2e.set(r.conn, q.conn);
      } else if (e2r.get(q.conn) !== r.conn) diff = 'another connection';
    }
    if (!diff && r && (q.status ?? null) !== (r.status ?? null)) diff = 'status';
    // The client connection it was sent on (A, then A.2 after HAProxy or the client closed A's).
    if (!diff && r && r.session && q.session !== r.session) diff = 'client connection';
    const row: RequestRow = {
      id: q.id, what, same: diff === null,
      ...(diff === 'client connection' ? { engine: `${engineSays(q)}, from client connection ${q.session}`, real: `${realSays(r)}, from client connection ${r!.session}` } : { engine: engineSays(q), real: realSays(r) }),
    };
    rows.push(row);
    if (diff) {
      const text = `request ${q.id} (${what}): engine says ${row.engine}, HAProxy used ${row.real}`;
      const why = r ? tooClose(r, real, engine, r2e, tie) : null;
      found.push({ t: r?.sentAt ?? q.sentAt, text: why ? `${text} — too close to call: ${why}` : text, tie: why !== null });
    }
  }
  for (const r of real.requests) {
    if (engine.requests.some((q) => q.id === r.id)) continue;
    // Neither side sent it: its client had closed (the player records it with no connection, at once).
    const realUnsent = r.conn === null && r.status === null && r.doneAt === r.sentAt;
    if (realUnsent && engine.unsent.includes(r.id)) continue;
    // HAProxy closed the connection before reading it (tcp-request connection reject): the client
    // wrote it and got no answer, HAProxy and the engine never read it — no server, no response either way.
    if (engine.unsent.includes(r.id) && r.conn === null && r.status === null) continue;
    const text = realUnsent ? `request ${r.id}: the client did not send it (${r.error}); the engine never had it` : `request ${r.id}: HAProxy got it, the engine never sent it`;
    found.push({ t: r.sentAt, text, tie: false });
  }

  if (!(crash && real.crashed)) {
    // Connections: closed during the script or not, when (which statement), and by whom.
    for (const [e, rid] of e2r) {
      const ec = engConn.get(e)!;
      const rc = realConn.get(rid)!;
      const d = closeDifference(ec, rc, engine, real, tie);
      // A close HAProxy did not make is placed in real time where the engine makes it: after the
      // last real event the engine has before it (gen-100130: the response that ended there came
      // 200 ms late, after the drift that explains the difference).
      const t = rc.closedAt ?? (ec.closedAt !== null ? realTimeAt(engine, real, ec.closedAt) : null) ?? Math.min(ec.closedAt ?? Infinity, engine.end);
      if (d === 'undecided') found.push({ t, text: `connection ${e} (HAProxy's ${rid}): whether it closed before the script ended is too close to call`, tie: true });
      else if (d) found.push({ t, text: `connection ${e} (HAProxy's ${rid}): ${d}`, tie: false });
    }
    const engOpened = engine.conns.filter((c) => c.connected).length;
    if (engOpened !== real.conns.length) {
      const spare = (n: number, list: string[]) => (list.length ? ` (${list.join(', ')} carried no request)` : n ? '' : '');
      found.push({
        tie: false,
        // A count is known at the end of the real run (a drift before it makes it undecided).
        t: real.end,
        text: `connections opened: engine ${engOpened}${spare(engOpened, engine.conns.filter((c) => c.connected && c.requests.length === 0).map((c) => c.id))}, HAProxy ${real.conns.length}${spare(real.conns.length, real.conns.filter((c) => c.requests.length === 0).map((c) => c.id))}`,
      });
    }
  }
  // Where the real run stopped following the engine's timeline, what follows may be timing.
  const drift = firstDrift(engine, real, e2r);
  if (drift) for (const f of found) if (!f.tie && f.t >= drift.t - tie) Object.assign(f, { tie: true, text: `${f.text} — too close to call: ${drift.why}` });
  found.sort((a, b) => a.t - b.t);
  const outcome = found.length === 0 ? 'match' : found[0]!.tie ? 'undecided' : 'difference';
  return { outcome, rows, differences: found.map((d) => d.text), remarks, pairs: r2e };
}

/**
 * The first point where the real run met two events in another order than the engine's timeline
 * (a send and a response, two responses, a server's idle close): from there on, a slower or
 * faster real run is not the run the engine describes. Compared are the events both runs have:
 * sends, ends of requests both saw end, and closes both have the server make.
 */
function firstDrift(engine: EngineView, real: RealTrace, e2r: ReadonlyMap<string, string>): { t: number; why: string } | null {
  const eng = new Map(engine.requests.map((q) => [q.id, q]));
  const evs: { t: number; seq: number; what: string }[] = [];
  // A server's own close (idle-timeout) is a timer too, when both runs have the server close it.
  for (const ec of engine.conns) {
    const rc = real.conns.find((c) => c.id === e2r.get(ec.id));
    if (rc && ec.closedBy === 'server' && rc.closedBy === 'server' && ec.closedSeq !== null && rc.closedAt !== null)
      evs.push({ t: rc.closedAt, seq: ec.closedSeq, what: `the server's close of ${rc.id}` });
  }
  for (const r of real.requests) {
    const q = eng.get(r.id);
    if (!q || q.sentSeq < 0) continue;
    evs.push({ t: r.sentAt, seq: q.sentSeq, what: `${r.id}'s send` });
    if (r.doneAt !== null && q.doneSeq !== null) evs.push({ t: r.doneAt, seq: q.doneSeq, what: `${r.id}'s end` });
  }
  // The end of the script: a timer the engine has fire after it must not fire before it for real.
  evs.push({ t: real.end, seq: engine.endSeq + 0.5, what: 'the end of the script' });
  evs.sort((a, b) => a.t - b.t);
  for (let i = 1; i < evs.length; i++) {
    const a = evs[i - 1]!;
    const b = evs[i]!;
    if (a.seq > b.seq) return { t: a.t, why: `the real run met ${a.what} before ${b.what} (${f1(b.t - a.t)} ms apart); the engine has them the other way round` };
  }
  return null;
}

/** The real time of the last event both runs have (a send, an end) at or before engine time `at` (the same instant included). */
function realTimeAt(engine: EngineView, real: RealTrace, at: number): number | null {
  const realReq = new Map(real.requests.map((r) => [r.id, r]));
  let t: number | null = null;
  for (const q of engine.requests) {
    const r = realReq.get(q.id);
    if (!r) continue;
    if (q.sentSeq >= 0 && q.sentAt <= at) t = Math.max(t ?? -Infinity, r.sentAt);
    if (q.doneAt !== null && q.doneAt <= at && r.doneAt !== null) t = Math.max(t ?? -Infinity, r.doneAt);
  }
  return t;
}

function statusText(status: number | null, error: string | null): string {
  if (status && status !== 200) return `, status ${status}`;
  if (!status && error) return `, no response (${error})`;
  return '';
}

/** An event of the real run, with its place in the engine's order (trace seq) when the engine has it. */
interface Ev { t: number; what: string; seq: number | null; et: number | null }

/**
 * Why the connection a request got may depend on an order the real run could not tell: another
 * event (a response, a close, another send) within `tie` of its send, or two such events within
 * `tie` of each other since the previous send — and the engine put that pair the other way round.
 * (A pair the engine orders as the real run did cannot explain a difference.) Completions the
 * send waited for are its causes, not rivals.
 */
function tooClose(r: RealRequest, real: RealTrace, engine: EngineView, r2e: ReadonlyMap<string, string>, tie: number): string | null {
  const engReq = new Map(engine.requests.map((q) => [q.id, q]));
  const engConn = new Map(engine.conns.map((c) => [c.id, c]));
  const events: Ev[] = [];
  for (const q of real.requests) {
    if (q.id === r.id) continue;
    const e = engReq.get(q.id);
    if (q.doneAt !== null && !r.after.includes(q.id)) events.push({ t: q.doneAt, what: `${q.id}'s response`, seq: e?.doneSeq ?? null, et: e?.doneAt ?? null });
    events.push({ t: q.sentAt, what: `${q.id}'s send`, seq: e ? e.sentSeq : null, et: e ? e.sentAt : null });
  }
  for (const c of real.conns) {
    if (c.closedAt === null) continue;
    const ec = engConn.get(r2e.get(c.id) ?? '');
    events.push({ t: c.closedAt, what: `the close of ${c.id}`, seq: ec?.closedSeq ?? null, et: ec?.closedAt ?? null });
  }
  const mine = engReq.get(r.id);
  const me: Ev = { t: r.sentAt, what: `${r.id}'s send`, seq: mine?.sentSeq ?? null, et: mine?.sentAt ?? null };
  /**
   * The engine has both events close together too, in the other order: a run a little faster or
   * slower could have gone the engine's way. (Far apart in the engine, or absent from it, the
   * pair is a difference of timing, not a tie.)
   */
  const flipped = (a: Ev, b: Ev) =>
    a.seq !== null && b.seq !== null && a.et !== null && b.et !== null && Math.abs(a.et - b.et) < tie && (a.t <= b.t) !== (a.seq < b.seq);
  for (const e of events) {
    const d = me.t - e.t;
    if (Math.abs(d) < tie && flipped(e, me)) return `${r.id} was sent ${f1(Math.abs(d))} ms ${d >= 0 ? 'after' : 'before'} ${e.what} in the real run`;
  }
  const prev = Math.max(-Infinity, ...real.requests.filter((q) => q.sentAt < r.sentAt && q.id !== r.id).map((q) => q.sentAt));
  const between = events.filter((e) => e.t > prev && e.t <= r.sentAt).sort((a, b) => a.t - b.t);
  for (let i = 1; i < between.length; i++) {
    const a = between[i - 1]!;
    const b = between[i]!;
    if (b.t - a.t < tie && flipped(a, b)) return `${a.what} and ${b.what} came ${f1(b.t - a.t)} ms apart in the real run`;
  }
  return null;
}

/** The statements whose run overlaps [t - tie, t + tie] in the real run (more than one: too close to call which). */
function realSteps(real: RealTrace, t: number, tie: number): Set<number> {
  const out = new Set<number>();
  real.steps.forEach((st, i) => {
    const next = real.steps[i + 1]?.t ?? Infinity;
    if (st.t <= t + tie && next >= t - tie) out.add(st.stmt);
  });
  return out;
}

/**
 * A close the engine makes at once during a statement reaches the server a moment later, and
 * statements that take no time (`close A`, `open B`) may have started meanwhile: the real close
 * still belongs to that statement when no request was sent or answered between the two.
 */
function lateClose(real: RealTrace, stmt: number, closedAt: number, tie: number): boolean {
  const start = real.steps.find((s) => s.stmt === stmt)?.t;
  if (start === undefined || closedAt < start - tie) return false;
  return !real.requests.some((r) => (r.sentAt > start + tie && r.sentAt < closedAt - tie) || (r.doneAt !== null && r.doneAt > start + tie && r.doneAt < closedAt - tie));
}

function closeDifference(ec: EngineConn, rc: RealConn, engine: EngineView, real: RealTrace, tie: number): string | 'undecided' | null {
  // Only closes while the script runs are compared: after it, the engine runs its timers to the end and the real run stops.
  const engDuring = ec.closedAt !== null && ec.closedAt <= engine.end;
  // A close the script's last statement caused reaches the server a moment after the script ended;
  // that grace is for a close the engine makes during the script. One the engine makes after the
  // end (a response that comes later frees a session) is after the end for real as well.
  const realDuring = rc.closedAt !== null && rc.closedAt <= real.end + (engDuring ? 3 * tie : 0);
  if (!engDuring && !realDuring) return null;
  if (engDuring !== realDuring) {
    // A close either side of the end by little more than a tie cannot be placed; a close that
    // never came while verify waited after the script (settle time) is a difference.
    // Near means near on both sides: a close the engine makes long before the end is no tie.
    const near =
      ec.closedAt !== null && rc.closedAt !== null && Math.abs(ec.closedAt - engine.end) <= 5 * tie && Math.abs(rc.closedAt - real.end) <= 5 * tie;
    if (near) return 'undecided';
    return engDuring
      ? `the engine closes it at ${f1(ec.closedAt!)} ms (${ec.closeDecision}, by the ${ec.closedBy === 'server' ? 'server' : 'proxy'}); HAProxy kept it open while the script ran`
      : `HAProxy's ${rc.closedBy === 'server' ? 'server' : 'side'} closed it at ${f1(rc.closedAt!)} ms; the engine keeps it open while the script runs`;
  }
  if (ec.closedBy !== rc.closedBy)
    return `the engine has the ${ec.closedBy} close it (${ec.closeDecision}); for real the ${rc.closedBy === 'server' ? 'server' : 'proxy'} closed it first`;
  const steps = realSteps(real, rc.closedAt!, tie);
  if (ec.closedStep !== null && !steps.has(ec.closedStep) && !lateClose(real, ec.closedStep, rc.closedAt!, tie)) {
    const line = (stmt: number | null) => {
      const l = engine.steps.find((s) => s.stmt === stmt)?.line;
      return stmt === null ? 'before the script' : `statement ${stmt + 1}${l ? ` (line ${l})` : ''}`;
    };
    const at = [...realSteps(real, rc.closedAt!, 0)].pop() ?? null;
    return `the engine closes it during ${line(ec.closedStep)} at ${f1(ec.closedAt!)} ms (${ec.closeDecision}); HAProxy closed it during ${line(at)}, at ${f1(rc.closedAt!)} ms`;
  }
  return null;
}
