import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario } from '../run';
import type { TraceEvent } from '../trace/events';

const HEAD = ['defaults', '    mode http', '    timeout connect 1s', '    timeout server 5s', '    timeout client 5s'];

function run(lines: string[], engine = 'modern') {
  const text = [`engine ${engine}`, ...HEAD, ...lines, ''].join('\n');
  const r = runScenario(text);
  expect(r.ok, r.diagnostics.map((d) => d.message).join('\n')).toBe(true);
  return { ...r, text };
}

const of = <K extends TraceEvent['kind']>(trace: readonly TraceEvent[], kind: K) => trace.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);
const servedBy = (r: ReturnType<typeof run>) => [...r.world.requests.values()].map((q) => q.server);

describe('health checks (check.c of v2.6.0; checks.c at 7c6f8b146)', () => {
  for (const engine of ['seed', 'parent', 'modern']) {
    it(`${engine}: fall failed checks in a row mark a server DOWN, rise passed ones UP; balancing follows`, () => {
      const r = run([
        'backend be', '    balance first',
        '    server s1 192.0.2.10:80 check inter 100ms fall 3 rise 2', '    server s2 192.0.2.11:80',
        'servers', '    s1 refuse 250ms..1000ms',
        'script', '    open A h1', '    A GET /1', '    wait 700ms', '    A GET /2', '    wait 800ms', '    A GET /3', '    close A',
      ], engine);
      const checks = of(r.trace, 'server.check').filter((e) => e.server === 's1');
      // Up at rise (2) from the start, fully up (rise + fall - 1 = 4) after its first passed check.
      expect(checks[0]).toMatchObject({ decision: 'HC1', state: 'up', t: 1000 });
      // Three failures from 250 ms: 3/3, 2/3, then DOWN (health below rise drops to 0).
      const fails = checks.filter((e) => e.t > 250_000 && e.t < 1_000_000);
      expect(fails.map((e) => [e.decision, e.state])).toEqual([['HC1', 'up'], ['HC1', 'up'], ['HC2', 'down']]);
      // A check starts `inter` after the last one ended: a passed one after its 1 ms connect, a refused one at once.
      expect(fails.map((e) => e.t)).toEqual([303_000, 403_000, 503_000]);
      // Refused checks end at once; from 1000 ms two passed checks (1/2, then UP).
      const back = checks.filter((e) => e.t >= 1_000_000);
      expect(back.map((e) => [e.decision, e.state])).toEqual([['HC1', 'down'], ['HC3', 'up']]);
      expect(servedBy(r)).toEqual(['s1', 's2', 's1']);
      // The balance says which server it left out.
      expect(of(r.trace, 'assign').find((e) => e.request === 'r2')!.conds).toContainEqual({ label: 'DOWN by health checks, left out', value: 's1' });
      expect(r.world.down.size).toBe(0);
    });
  }

  it('the first checks are spread over the interval, in configuration order (start_check_task)', () => {
    const r = run([
      'backend be', '    server s1 192.0.2.10:80 check', '    server s2 192.0.2.11:80 check', '    server s3 192.0.2.12:80 check',
      'script', '    open A h1', '    A GET /', '    wait 3s', '    close A',
    ]);
    // inter 2s: 0, 2000 × 1/3, 2000 × 2/3 (whole ms), each passed after its 1 ms connect.
    expect(of(r.trace, 'server.check').map((e) => [e.server, e.t])).toEqual([['s1', 1000], ['s2', 667_000], ['s3', 1_334_000]]);
  });

  it('fastinter while changing state, downinter while down', () => {
    const r = run([
      'backend be', '    server s1 192.0.2.10:80 check inter 1s fastinter 100ms downinter 500ms fall 2 rise 2', '    server s2 192.0.2.11:80',
      'servers', '    s1 refuse 1500ms..10s',
      'script', '    open A h1', '    wait 4s', '    close A',
    ]);
    const t = of(r.trace, 'server.check').map((e) => [e.t / 1000, e.decision, e.state]);
    // Fully up: every second (+1 ms connect). The failure at 2002 ms (1/2 UP) brings fastinter: 2102 ms DOWN; then downinter.
    expect(t).toEqual([[1, 'HC1', 'up'], [2002, 'HC1', 'up'], [2102, 'HC2', 'down']]);
  });

  it('a check that changes nothing is not written, and checks stop when nothing else is left to run', () => {
    const r = run([
      'backend be', '    server s1 192.0.2.10:80 check inter 100ms', 'script', '    open A h1', '    A GET /', '    wait 2s', '    A GET /', '    close A',
    ]);
    expect(of(r.trace, 'server.check')).toHaveLength(1);
    // The run ends with the script's last event (modern's idle purge aside), not on a check.
    expect(r.trace.at(-1)!.kind).not.toBe('server.check');
  });

  it('every server DOWN: 503 at once, no connection; totals only counts the same', () => {
    const lines = [
      'backend be', '    server s1 192.0.2.10:80 check inter 100ms fall 1', '    server s2 192.0.2.11:80 check inter 100ms fall 1',
      'servers', '    s1 refuse 100ms..1s', '    s2 refuse 100ms..1s',
      'script', '    open A h1', '    wait 500ms', '    A GET /', '    wait 1s', '    A GET /', '    close A',
    ];
    const r = run(lines);
    expect([...r.world.requests.values()].map((q) => q.status)).toEqual([503, 200]);
    expect(of(r.trace, 'request.error')[0]!.error).toMatch(/every server of backend 'be' is DOWN/);
    expect(r.totals.opened).toBe(1);
    expect(runScenario(r.text, { totalsOnly: true }).totals).toEqual(r.totals);
  });

  it('option httpchk: a server answering 401 fails; a plain connect check passes it', () => {
    const be = (chk: string) => ['backend be', ...(chk ? [chk] : []), '    server s1 192.0.2.10:80 check inter 100ms', '    server s2 192.0.2.11:80 check inter 100ms',
      'servers', '    s1 auth ntlm', 'script', '    open A h1', '    wait 300ms', '    A GET /', '    A GET /', '    close A'];
    expect(servedBy(run(be('    option httpchk GET /health')))).toEqual(['s2', 's2']);
    // Without it the connect passes: s1 takes the first request (and keeps the NTLM session).
    expect(servedBy(run(be('')))).toEqual(['s1', 's1']);
  });

  it('every active server DOWN: the first backup takes the requests until one is UP again', () => {
    const r = run([
      'backend be', '    server s1 192.0.2.10:80 check inter 100ms fall 1 rise 1', '    server b1 192.0.2.20:80 backup', '    server b2 192.0.2.21:80 backup',
      'servers', '    s1 refuse 100ms..1s',
      'script', '    open A h1', '    A GET /', '    wait 500ms', '    A GET /', '    A GET /', '    wait 1s', '    A GET /', '    close A',
    ]);
    expect(servedBy(r)).toEqual(['s1', 'b1', 'b1', 's1']);
  });

  it('use-server, `to` and stickiness pass over a DOWN server', () => {
    const r = run([
      'backend be', '    use-server s1 if { path /one }', '    server s1 192.0.2.10:80 check inter 100ms fall 1', '    server s2 192.0.2.11:80',
      'servers', '    s1 refuse 100ms..2s',
      'script', '    open A h1', '    wait 500ms', '    A GET /one', '    A GET /x to s1', '    close A',
    ]);
    expect(servedBy(r)).toEqual(['s2', 's2']);
  });

  it('default-server check applies to the servers below it; no-check turns it off', () => {
    const r = run([
      'backend be', '    default-server check inter 100ms fall 1', '    server s1 192.0.2.10:80', '    server s2 192.0.2.11:80 no-check',
      'servers', '    s1 refuse', '    s2 refuse',
      'script', '    open A h1', '    wait 300ms', '    close A',
    ]);
    expect(of(r.trace, 'server.check').map((e) => [e.server, e.state])).toEqual([['s1', 'down']]);
  });

  it('mode tcp: a client connecting while a server is DOWN is balanced among the others', () => {
    const r = run([
      'backend be', '    mode tcp', '    server s1 192.0.2.10:80 check inter 100ms fall 1', '    server s2 192.0.2.11:80 check inter 100ms',
      'servers', '    s1 refuse 50ms..5s',
      'script', '    wait 300ms', '    open A h1', '    open B h1', '    A GET /', '    B GET /', '    close A', '    close B',
    ]);
    expect(of(r.trace, 'conn.new').map((e) => e.server)).toEqual(['s2', 's2']);
  });
});

describe("a check's connection in the modern pool's accounting", () => {
  it('counts as used while the check lasts: the estimate of connections needed rises, and a second idle connection is kept', () => {
    const text = readFileSync(join(__dirname, '../../scripts/verify/scenarios/health-pool-estimate.scenario'), 'utf8');
    const kept = (t: string) => {
      const r = runScenario(t);
      return r.trace.filter((e) => e.kind === 'list.add' && e.server === 'be/s1').map((e) => e.conn);
    };
    expect(kept(text)).toEqual(['c1', 'c3']);
    // Without the checks the estimate stays at one connection, and the second is closed (mI1).
    expect(kept(text.replace(' check inter 100ms fall 2 rise 2', ''))).toEqual(['c1']);
  });
});

describe('health-check keywords', () => {
  it('bad values are errors that say what is expected', () => {
    const r = runScenario('backend be\n    server s1 192.0.2.10:80 check inter 0 rise 0\n');
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      "invalid value '0' for argument 'inter' (HAProxy refuses it); expected a delay above 0 such as 2s or 500ms",
      "'rise' has to be > 0 (got '0'); expected a whole number above 0",
    ]);
    const w = runScenario('backend be\n    server s1 192.0.2.10:80\nservers\n    s1 refuse 2s..1s\n');
    expect(w.diagnostics[0]!.message).toBe("invalid window '2s..1s' for refuse: 1s is not after 2s; expected a window of the run's clock such as 1s..3s");
  });

  it('check and option httpchk are modelled: no warning says they are ignored', () => {
    const r = runScenario('backend be\n    option httpchk GET /health HTTP/1.1\n    server s1 192.0.2.10:80 check inter 2s fall 3 rise 2\n');
    expect(r.diagnostics.filter((d) => /ignored/.test(d.message))).toEqual([]);
  });
});

describe('backup servers and the weighted wheel (lb_fwrr.c: one wheel for active servers, one for backups)', () => {
  const lines = (option: string, clients = ['B', 'B']) => [
    'backend be',
    `    server s1 192.0.2.10:80 check inter 100ms fall 1 rise 1${option}`,
    '    server b1 192.0.2.20:80 backup',
    'servers', '    s1 refuse 200ms..700ms',
    'script', '    open A h1', '    open B h1', '    open C h1', '    wait 400ms', '    A GET /1 takes 1s &', `    ${clients[0]} GET /2`, '    wait 700ms', `    ${clients[1]} GET /3`,
    '    close A', '    close B', '    close C',
  ];
  for (const engine of ['seed', 'parent', 'modern']) {
    it(`${engine}: a backend first balanced while its active server was DOWN goes back to it once it is UP`, () => {
      // The backup's wheel served while s1 was DOWN; s1 UP again takes every request (its own wheel).
      expect(servedBy(run(lines(''), engine))).toEqual(['b1', 'b1', 's1']);
      expect(servedBy(run(lines('', ['B', 'C']), engine))).toEqual(['b1', 'b1', 's1']);
    });

    it(`${engine}: on-marked-up shutdown-backup-sessions shuts the streams on the backups when the server is UP`, () => {
      const r = run(lines(' on-marked-up shutdown-backup-sessions'), engine);
      const note = of(r.trace, 'note').find((e) => e.decision === 'HC3');
      expect(note?.message).toMatch(/server s1 is UP: HAProxy shuts the streams on backup server b1's c1 \(on-marked-up shutdown-backup-sessions\)/);
      const r1 = r.world.requests.get('r1')!;
      expect([r1.server, r1.status]).toEqual(['b1', 502]);
      // Without the option the request on the backup goes on (until its client closes).
      const without = run(lines(''), engine);
      expect(without.world.requests.get('r1')!.status).not.toBe(502);
      expect(of(without.trace, 'note').filter((e) => e.decision === 'HC3')).toEqual([]);
    });
  }
});
