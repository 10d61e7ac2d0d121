import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';
import { checkScenario } from '../scenario';
import { poolFds } from '../scenario/pool-fds';
import type { TraceEvent } from '../trace/events';

const field = (e: TraceEvent, f: string) => (e as unknown as Record<string, unknown>)[f];

/** k h1 clients, each opened and sending one request after the one before: http-reuse always, global maxconn `max`. */
function sequential(max: number, k: number, version = '') {
  const L = [`engine modern${version}`, 'global', `    maxconn ${max}`, 'defaults', '    mode http', '    timeout connect 1s', '    timeout server 5s', '    timeout client 5s', 'backend be', '    http-reuse always', '    server s1 192.0.2.10:80', 'script'];
  for (let i = 1; i <= k; i++) L.push(`    open k${i} h1`, `    k${i} GET /${i}`);
  return runScenario(L.join('\n')).trace as readonly TraceEvent[];
}

describe('the pools\' descriptor thresholds of a global maxconn (modern engine; haproxy.c, server.c, backend.c of v2.6.0)', () => {
  it('derives maxsock and the two counts as HAProxy does (25 % and 20 %, rounded up)', () => {
    // maxsock = 10 reserved + listeners + 2 × maxconn + 3; in use from the start: the listeners and the pipe.
    expect(poolFds(10, 2)).toEqual({ base: 4, high: 9, low: 7 });
    expect(poolFds(20, 2)).toEqual({ base: 4, high: 14, low: 11 });
    expect(poolFds(4096, 3)).toEqual({ base: 5, high: 2052, low: 1642 });
  });

  it('counts the listening sockets of the binds (one per address and port), two without a frontend', () => {
    const fds = (cfg: string) => checkScenario(`engine modern\nglobal\n    maxconn 10\n${cfg}backend be\n    server s1 192.0.2.10:80\n`).config.poolFds;
    expect(fds('')).toMatchObject({ base: 4 });
    expect(fds('frontend fe\n    bind :80,:81\n    bind :8000-8009 ssl crt x.pem\n    default_backend be\n')).toMatchObject({ base: 14 });
    // Without a global maxconn, or at seed and parent, no threshold.
    expect(checkScenario('engine modern\nbackend be\n    server s1 192.0.2.10:80\n').config.poolFds).toBeUndefined();
    expect(checkScenario('engine seed\nglobal\n    maxconn 10\nbackend be\n    server s1 192.0.2.10:80\n').config.poolFds).toBeUndefined();
  });

  it('stops keeping idle connections once pool-high-count descriptors are in use (as 2.6.12 does: at the 2nd client with maxconn 5, the 3rd with 7, the 4th with 9 and 10, the 9th with 20)', () => {
    for (const [max, first] of [[5, 2], [7, 3], [9, 4], [10, 4], [20, 9]] as const) {
      const t = sequential(max, first + 1);
      const refused = t.find((e) => e.kind === 'conn.destroy' && e.decision === 'mI1');
      expect(field(refused!, 'request'), `maxconn ${max}`).toBe(`r${first}`);
      expect(field(refused!, 'conds')).toContainEqual({ label: `descriptors in use ${4 + first + 1} < pool high ${poolFds(max, 2).high} (global maxconn)`, value: false });
      // Before it, every request reused the one connection.
      expect(t.filter((e) => e.kind === 'conn.new')).toHaveLength(2);
    }
    // Without a global maxconn nothing is refused.
    expect(sequential(0, 12).some((e) => e.decision === 'mI1')).toBe(false);
  });

  it('past pool-high-count, a request first closes its server\'s oldest idle connection (mI3); 3.0 may take a safe one', () => {
    const text = (version: string) => [
      `engine modern${version}`, 'global', '    maxconn 20', 'defaults', '    mode http', '    timeout connect 1s', '    timeout server 5s', '    timeout client 5s',
      'backend be', '    http-reuse safe', '    server s1 192.0.2.10:80',
      // a's second request leaves c1 safe; its third, with b's and c's first ones at once, takes c1
      // again and makes c2 and c3 (need 3): c1 is pooled safe first, then c2 and c3 idle.
      // Five more clients: 15 descriptors in use (2 listeners, the pipe's 2, 8 clients, 3 servers), over 14.
      'script', '    open a h1', '    open b h1', '    open c h1', '    a GET /1', '    a GET /2', '    a GET /3 &', '    b GET /4 &', '    c GET /5 &', '    await',
      ...['d', 'e', 'f', 'g', 'h'].map((n) => `    open ${n} h1`), '    d GET /6',
    ].join('\n');
    const killed = (version: string) => (runScenario(text(version)).trace as readonly TraceEvent[]).filter((e) => e.decision === 'mI3').map((e) => `${field(e, 'request')} ${field(e, 'conn')}`);
    // 2.6 and 2.8 spare the safe connection; 3.0 closes the oldest pooled, whatever its list.
    expect(killed('')).toEqual(['r6 c2']);
    expect(killed(' 2.8')).toEqual(['r6 c2']);
    expect(killed(' 3.0')).toEqual(['r6 c1']);
  });
});
