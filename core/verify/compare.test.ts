import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';
import { compareRuns } from './compare';
import { engineView, type EngineView } from './engine-view';
import { REAL_TRACE_FORMAT, type RealConn, type RealRequest, type RealTrace } from './real-trace';

// Two h1 clients one after the other under `safe`: B's first request may not take A's idle
// connection (it is not safe yet), its second one does.
const SCENARIO = `
backend be
    http-reuse safe
    server s1 127.0.0.1:8001
servers
    s1 response-time 40ms
script
    open A h1
    A GET /a1
    open B h1
    B GET /b1
    B GET /b2
    close A
`;

/** A real trace that says exactly what the engine says (connection c1 → s1.c1, …). */
function agreeing(v: EngineView): { real: RealTrace; name: Map<string, string> } {
  const name = new Map<string, string>();
  const per = new Map<string, number>();
  for (const c of v.conns.filter((c) => c.connected).sort((a, b) => a.openedAt - b.openedAt)) {
    const n = (per.get(c.server) ?? 0) + 1;
    per.set(c.server, n);
    name.set(c.id, `${c.server}.c${n}`);
  }
  const requests: RealRequest[] = v.requests.map((q, i) => ({
    id: q.id, client: q.client, session: q.session, server: q.server, conn: q.conn ? name.get(q.conn)! : null, status: q.status,
    error: q.status ? null : q.error, sentAt: q.sentAt + 0.7, doneAt: q.doneAt === null ? null : q.doneAt + 0.5, after: i > 0 ? [v.requests[i - 1]!.id] : [],
  }));
  const conns: RealConn[] = v.conns.filter((c) => c.connected).map((c) => ({
    id: name.get(c.id)!, server: c.server, openedAt: c.openedAt + 0.4, closedAt: c.closedAt !== null && c.closedAt <= v.end ? c.closedAt + 0.5 : null,
    closedBy: c.closedAt !== null && c.closedAt <= v.end ? c.closedBy : null, requests: c.requests,
  }));
  const real: RealTrace = {
    format: REAL_TRACE_FORMAT, binary: 'HAProxy test', recordedAt: '2026-12-06T00:00:00Z', scale: 1, engine: 'modern', config: '',
    requests, conns, steps: v.steps.map((s) => ({ stmt: s.stmt, t: s.t + 0.2 })), end: v.end + 0.7, notes: [],
  };
  return { real, name };
}

describe('compareRuns', () => {
  const res = runScenario(SCENARIO, { engine: 'modern' });
  const view = engineView(res);

  it('reads the engine run: connections, new or reused, the deciding rule', () => {
    expect(view.requests.map((q) => `${q.id}:${q.conn}:${q.fresh ? 'new' : 'reused'}`)).toEqual(['r1:c1:new', 'r2:c2:new', 'r3:c1:reused']);
    expect(view.requests[2]!.decision).toMatch(/^mR/);
  });

  it('says match when the real run agrees', () => {
    const v = compareRuns(view, agreeing(view).real);
    expect(v.outcome).toBe('match');
    expect(v.rows.every((r) => r.same)).toBe(true);
  });

  it('names the first request that got another connection, in the trace words', () => {
    const { real } = agreeing(view);
    // HAProxy opened a third connection for B's second request.
    const requests = real.requests.map((r) => (r.id === 'r3' ? { ...r, conn: 's1.c3' } : r));
    const conns = [...real.conns.map((c) => ({ ...c, requests: c.requests.filter((x) => x !== 'r3') })), { id: 's1.c3', server: 's1', openedAt: 83, closedAt: null, closedBy: null, requests: ['r3'] }];
    const v = compareRuns(view, { ...real, requests, conns });
    expect(v.outcome).toBe('difference');
    expect(v.differences[0]).toContain('request r3 (B GET /b2');
    expect(v.differences[0]).toContain('engine says connection c1 to s1 (reused, mR4a)');
    expect(v.differences[0]).toContain('HAProxy used a new connection (s1.c3, its 3rd to s1)');
  });

  it('names a request sent on another client connection than the engine says (the client had to reconnect)', () => {
    const { real } = agreeing(view);
    const requests = real.requests.map((r) => (r.id === 'r3' ? { ...r, session: 'B.2' } : r));
    const v = compareRuns(view, { ...real, requests });
    expect(v.outcome).toBe('difference');
    expect(v.differences[0]).toMatch(/request r3 .*from client connection B, HAProxy used .*from client connection B\.2/);
  });

  it('reports a close the engine does not make', () => {
    const { real } = agreeing(view);
    const conns = real.conns.map((c) => (c.id === 's1.c1' ? { ...c, closedAt: 60, closedBy: 'server' as const } : c));
    const v = compareRuns(view, { ...real, conns });
    expect(v.outcome).toBe('difference');
    expect(v.differences.join('\n')).toMatch(/connection c1 \(HAProxy's s1\.c1\): HAProxy's server closed it at 60 ms/);
  });

  it('does not guess where the real run met two events in the other order than the engine', () => {
    const { real } = agreeing(view);
    // r3 is sent before r2's response arrives (the engine has it after), and lands on a new connection.
    const requests = real.requests.map((r) => (r.id === 'r3' ? { ...r, sentAt: done(real, 'r2') - 1, conn: 's1.c3' } : r));
    const conns = [...real.conns.map((c) => ({ ...c, requests: c.requests.filter((x) => x !== 'r3') })), { id: 's1.c3', server: 's1', openedAt: 82, closedAt: null, closedBy: null, requests: ['r3'] }];
    const v = compareRuns(view, { ...real, requests, conns });
    expect(v.outcome).toBe('undecided');
    expect(v.differences[0]).toContain('too close to call');
  });
});

// gen-700037 of the differential run: an h2 client leaves with r1 in flight; its session (and the
// NTLM-private c2 it holds) is freed only when r1's response comes, after the script's end.
const LATE_FREE = `
backend be
    http-reuse aggressive
    server s1 127.0.0.1:8001
servers
    s1 response-time 60ms
script
    open A h2
    A GET /1 takes 190ms &
    A GET /2 -> 401 ntlm
    A GET /3
    close A
    wait 40ms
    await
`;

describe('compareRuns: closes around the end of the script', () => {
  const view = engineView(runScenario(LATE_FREE, { engine: 'modern' }));
  const c2 = view.conns.find((c) => c.id === 'c2')!;

  it('the engine frees the private connection after the end, when the request in flight ends', () => {
    expect(c2.closedAt).toBeGreaterThan(view.end);
    expect(c2.closedAt! - view.end).toBeLessThan(40);
  });

  const closing = (real: RealTrace, at: number): RealTrace => ({
    ...real,
    conns: real.conns.map((c) => (c.id === 's1.c2' ? { ...c, closedAt: at, closedBy: 'proxy' as const } : c)),
  });

  it('a real close shortly after the end is after the end, as the engine has it: match', () => {
    const { real } = agreeing(view);
    // 20 ms after the real end: within the grace a close made during the script gets, which must not apply here.
    expect(compareRuns(view, closing(real, real.end + 20)).outcome).toBe('match');
  });

  it('a real close just before the end is too close to call', () => {
    const { real } = agreeing(view);
    expect(compareRuns(view, closing(real, real.end - 2)).outcome).toBe('undecided');
  });

  it('a real close long before the end differs', () => {
    const { real } = agreeing(view);
    const v = compareRuns(view, closing(real, real.end - 100));
    expect(v.outcome).toBe('difference');
    expect(v.differences.join('\n')).toMatch(/HAProxy's side closed it at .* the engine keeps it open while the script runs/);
  });
});

// gen-200063: an h1 client closes with one request in flight and two queued behind it.
const QUEUED = `
backend be
    server s1 127.0.0.1:8001
servers
    s1 response-time 60ms
script
    open A h1
    A GET /1 takes 110ms &
    A GET /2 &
    A GET /3 &
    wait 35ms
    close A
`;

describe('compareRuns: requests a closed client never sent', () => {
  const view = engineView(runScenario(QUEUED, { engine: 'modern' }));
  const unsent = (real: RealTrace, id: string): RealRequest => ({ id, client: 'A', session: 'A', server: null, conn: null, status: null, error: 'not sent: client connection closed', sentAt: real.end - 1, doneAt: real.end - 1, after: [] });

  it('the engine numbers them but never sends them', () => {
    expect(view.unsent).toEqual(['r2', 'r3']);
    expect(view.requests.map((q) => q.id)).toEqual(['r1']);
  });

  it('unsent on both sides: match', () => {
    const { real } = agreeing(view);
    expect(compareRuns(view, { ...real, requests: [...real.requests, unsent(real, 'r2'), unsent(real, 'r3')] }).outcome).toBe('match');
  });

  it('one that reached HAProxy differs', () => {
    const { real } = agreeing(view);
    const sent: RealRequest = { ...unsent(real, 'r2'), server: 's1', conn: 's1.c2', status: 200, error: null, doneAt: real.end + 60 };
    const conns = [...real.conns, { id: 's1.c2', server: 's1', openedAt: real.end - 1, closedAt: null, closedBy: null, requests: ['r2'] }];
    const v = compareRuns(view, { ...real, requests: [...real.requests, sent, unsent(real, 'r3')], conns });
    expect(v.outcome).toBe('difference');
    expect(v.differences[0]).toBe('request r2: HAProxy got it, the engine never sent it');
  });
});

// gen-100130: the pool refuses B's connection when r2 ends (mI1) while A's idles until the server's idle-timeout.
const REFUSED = `
backend be
    balance first
    http-reuse aggressive
    server s1 127.0.0.1:8001
servers
    s1 response-time 60ms
    s1 idle-timeout 250ms
script
    open A h1
    open B h1
    wait 80ms
    A GET /1
    B GET /2
    await
`;

describe('compareRuns: a close HAProxy did not make, after the real run left the timeline', () => {
  const view = engineView(runScenario(REFUSED, { engine: 'modern' }));
  const keptOpen = (real: RealTrace): RealTrace => ({ ...real, conns: real.conns.map((c) => (c.id === 's1.c2' ? { ...c, closedAt: null, closedBy: null } : c)) });

  it('on the timeline it is a difference', () => {
    const v = compareRuns(view, keptOpen(agreeing(view).real));
    expect(v.outcome).toBe('difference');
    expect(v.differences[0]).toMatch(/connection c2 .*the engine closes it at 202 ms \(mI1/);
  });

  it("when r2's response came after the server closed A's idle connection, it is too close to call", () => {
    const { real } = agreeing(view);
    // r2 ends 200 ms late, after the server's idle close of s1.c1 (at 391 + 0.5 ms).
    const requests = real.requests.map((r) => (r.id === 'r2' ? { ...r, doneAt: 400 } : r));
    const conns = keptOpen(real).conns.map((c) => (c.id === 's1.c1' ? { ...c, closedAt: 391.5, closedBy: 'server' as const } : c));
    const v = compareRuns(view, { ...real, requests, conns, end: 400.5 });
    expect(v.outcome).toBe('undecided');
    expect(v.differences.join('\n')).toMatch(/connection c2 .*HAProxy kept it open while the script ran — too close to call: the real run met the server's close of s1\.c1 before r2's end/);
  });
});

const done = (t: RealTrace, id: string) => t.requests.find((r) => r.id === id)!.doneAt!;

describe('compareRuns: requests HAProxy answers itself', () => {
  const res = runScenario(`engine modern
frontend fe
    bind :80
    http-request deny if { path_beg /admin }
    redirect location /new code 301 if { path /old }
    default_backend be
backend be
    server s1 127.0.0.1:8001
servers
    s1 response-time 40ms
script
    open A h1
    A GET /a
    wait 20ms
    A GET /admin
    wait 20ms
    A GET /old
    wait 20ms
    A GET /b
`);
  const view = engineView(res);
  /** agreeing(), with HAProxy's own answers arriving after their send (the fixture shifts ends less than sends). */
  const agreeingAnswers = () => {
    const { real } = agreeing(view);
    return { real: { ...real, requests: real.requests.map((r) => (r.conn === null ? { ...r, doneAt: r.sentAt + 0.1 } : r)) } };
  };

  it('reads who answered from the trace', () => {
    expect(view.requests.map((q) => `${q.id}:${q.conn ?? '-'}:${q.status}:${q.answeredBy ?? ''}`))
      .toEqual(['r1:c1:200:', 'r2:-:403:http-request deny', 'r3:-:301:redirect', 'r4:c1:200:']);
  });

  it('matches a real run where HAProxy answered them itself with the same statuses', () => {
    expect(compareRuns(view, agreeingAnswers().real).outcome).toBe('match');
  });

  it('differs when the real run sent one to a server, or answered with another status', () => {
    const { real } = agreeingAnswers();
    // r2 took the server's 40 ms, and what follows came 40 ms later.
    const later = (r: RealRequest) => ({ ...r, sentAt: r.sentAt + 40, doneAt: r.doneAt === null ? null : r.doneAt + 40 });
    const forwarded = real.requests.map((r) => (r.id === 'r2' ? { ...r, server: 's1', conn: 's1.c1', status: 200, doneAt: r.sentAt + 40 } : r.id > 'r2' ? later(r) : r));
    const conns = real.conns.map((c) => (c.id === 's1.c1' ? { ...c, requests: ['r1', 'r2', 'r4'] } : c));
    const v = compareRuns(view, { ...real, requests: forwarded, conns });
    expect(v.outcome).toBe('difference');
    expect(v.differences[0]).toMatch(/request r2 .*engine says no server connection, status 403 \(HAProxy's own answer: http-request deny\), HAProxy used s1\.c1 \(the engine's c1\) again/);
    const other = compareRuns(view, { ...real, requests: real.requests.map((r) => (r.id === 'r3' ? { ...r, status: 302 } : r)) });
    expect(other.outcome).toBe('difference');
    expect(other.differences[0]).toMatch(/request r3 .*status 301 \(HAProxy's own answer: redirect\), HAProxy used no server connection, status 302/);
  });
});
