import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runScenario } from '../../run';
import type { TraceEvent } from '../../trace/events';

const field = (e: TraceEvent, f: string) => (e as unknown as Record<string, unknown>)[f];
const trace = (text: string, engine = 'modern') => runScenario(text, { engine } as never).trace as readonly TraceEvent[];
/** When each client's session starts (ms), and with which decision. */
const opens = (t: readonly TraceEvent[]) => t.filter((e) => e.kind === 'client.open').map((e) => `${field(e, 'client')}@${e.t / 1000}${e.decision === 'FE2' ? ' FE2' : ''}`);

const HEAD = ['defaults', '    mode http', '    timeout connect 1s', '    timeout server 5s', '    timeout client 5s'];

describe('maxconn of a frontend and of the process: the listen backlog (listener.c of v2.6.0, FE1 and FE2)', () => {
  it('past the frontend maxconn a connection waits; a freed slot takes the oldest, whose requests go then', () => {
    const t = trace([
      ...HEAD, 'frontend fe', '    bind :80', '    maxconn 2', '    default_backend be', 'backend be', '    server s1 192.0.2.10:80',
      'script', '    open a h1', '    open b h1', '    open c h1', '    open d h2',
      '    c GET /c &', '    d GET /d1 &', '    d GET /d2 &', '    wait 30ms', '    close a', '    wait 30ms', '    close b', '    await',
    ].join('\n'));
    // FE1: the connection waits, named by the session it will have; the conditions say why.
    expect(t.filter((e) => e.kind === 'client.wait').map((e) => `${e.decision} ${field(e, 'client')} ${field(e, 'session')}`)).toEqual(['FE1 c c', 'FE1 d d']);
    expect(field(t.find((e) => e.kind === 'client.wait')!, 'conds')).toEqual([{ label: 'client connections of frontend fe', value: 2 }, { label: 'maxconn', value: 2 }]);
    expect(opens(t)).toEqual(['a@0', 'b@0', 'c@30 FE2', 'd@60 FE2']);
    // Requests sent at 0 are read when their connection is accepted.
    const sends = t.filter((e) => e.kind === 'request.send').map((e) => `${field(e, 'request')}@${e.t / 1000}`);
    expect(sends).toEqual(['r1@30', 'r2@60', 'r3@60']);
    expect(t.filter((e) => e.kind === 'request.done')).toHaveLength(3);
  });

  it('the global maxconn counts every frontend; each frontend\'s own maxconn only its own', () => {
    const text = (global: string) => [
      'global', `    maxconn ${global}`, ...HEAD,
      'frontend f1', '    bind :80', '    maxconn 1', '    default_backend be',
      'frontend f2', '    bind :81', '    default_backend be',
      'backend be', '    server s1 192.0.2.10:80',
      'script', '    open a h1 to f1', '    open b h1 to f1', '    open c h1 to f2', '    open d h1 to f2', '    wait 10ms', '    close a', '    close c', '    wait 10ms', '    close b', '    close d',
    ].join('\n');
    // f1 full at one; f2 has no limit of its own.
    expect(opens(trace(text('0')))).toEqual(['a@0', 'c@0', 'd@0', 'b@10 FE2']);
    // The process full at two: c and d wait too; freed slots go oldest first, each within its frontend's limit.
    expect(opens(trace(text('2')))).toEqual(['a@0', 'c@0', 'b@10 FE2', 'd@10 FE2']);
  });

  it('a client that leaves while it waits never had a session: its requests end unsent', () => {
    const t = trace([...HEAD, '    maxconn 1', 'backend be', '    server s1 192.0.2.10:80', 'script', '    open a h1', '    open b h1', '    b GET / &', '    wait 5ms', '    close b', '    wait 5ms', '    close a'].join('\n'));
    expect(opens(t)).toEqual(['a@0']);
    expect(t.find((e) => e.kind === 'request.error')).toMatchObject({ request: 'r1', error: 'not sent: the client closed its connection before HAProxy accepted it' });
    // It leaves the backlog (client.close), with no session to end.
    expect(t.filter((e) => field(e, 'client') === 'b' || field(e, 'session') === 'b').map((e) => e.kind)).toEqual(['client.wait', 'client.close']);
  });

  it('every engine applies it (listener.c at 7c6f8b146 has the same checks)', () => {
    for (const engine of ['seed', 'parent', 'modern']) {
      const t = trace([...HEAD, '    maxconn 1', 'backend be', '    server s1 192.0.2.10:80', 'script', '    open a h1', '    open b h1', '    b GET / &', '    wait 7ms', '    close a', '    await'].join('\n'), engine);
      expect(opens(t), engine).toEqual(['a@0', 'b@7 FE2']);
    }
  });

  it('property: never more sessions than maxconn; every request ends once its client is accepted, and totals-only agrees', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }), fc.array(fc.record({ h2: fc.boolean(), requests: fc.integer({ min: 0, max: 3 }), leaveMs: fc.integer({ min: 1, max: 60 }) }), { minLength: 1, maxLength: 7 }),
        (max, clients) => {
          const L = [...HEAD, `    maxconn ${max}`, 'backend be', '    server s1 192.0.2.10:80', 'servers', '    s1 response-time 4ms', 'script'];
          clients.forEach((c, i) => L.push(`    open k${i} ${c.h2 ? 'h2' : 'h1'}`));
          clients.forEach((c, i) => { for (let j = 0; j < c.requests; j++) L.push(`    k${i} GET /${j} &`); });
          // Each leaves at its own time (in order of leaving), which frees slots for the ones waiting.
          const order = clients.map((c, i) => ({ i, at: c.leaveMs })).sort((a, b) => a.at - b.at);
          let now = 0;
          for (const o of order) {
            if (o.at > now) L.push(`    wait ${o.at - now}ms`);
            now = Math.max(now, o.at);
            L.push(`    close k${o.i}`);
          }
          const text = L.join('\n');
          const full = runScenario(text);
          let open = 0;
          for (const e of full.trace as readonly TraceEvent[]) {
            if (e.kind === 'client.open') open++;
            if (e.kind === 'session.end') open--;
            expect(open).toBeLessThanOrEqual(max);
          }
          const sent = clients.reduce((n, c) => n + c.requests, 0);
          const ended = (full.trace as readonly TraceEvent[]).filter((e) => e.kind === 'request.done' || e.kind === 'request.error').length;
          expect(ended).toBe(sent);
          expect(runScenario(text, { totalsOnly: true }).totals).toEqual(full.totals);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('maxconn on a bind line: each of its listening sockets (listener.c:888-897 of v2.6.0)', () => {
  it('limits the connections entering through that line, not the frontend\'s others', () => {
    const t = trace([
      ...HEAD, 'frontend fe', '    bind :80 maxconn 1', '    bind :81', '    default_backend be', 'backend be', '    server s1 192.0.2.10:80',
      'script', '    open a h1 to :80', '    open b h1 to :80', '    open c h1 to :81', '    open d h1 to :81', '    wait 10ms', '    close a', '    wait 10ms', '    close b', '    close c', '    close d',
    ].join('\n'));
    expect(opens(t)).toEqual(['a@0', 'c@0', 'd@0', 'b@10 FE2']);
    expect(field(t.find((e) => e.kind === 'client.wait')!, 'conds')).toEqual([{ label: 'client connections of its listening socket', value: 1 }, { label: 'bind maxconn', value: 1 }]);
  });
  it('gives each port of a range its own socket', () => {
    const t = trace([
      ...HEAD, 'frontend fe', '    bind :8000-8001 maxconn 1', '    default_backend be', 'backend be', '    server s1 192.0.2.10:80',
      'script', '    open a h1 to :8000', '    open b h1 to :8001', '    open c h1 to :8000', '    wait 10ms', '    close a', '    close b', '    close c',
    ].join('\n'));
    expect(opens(t)).toEqual(['a@0', 'b@0', 'c@10 FE2']);
  });
});
