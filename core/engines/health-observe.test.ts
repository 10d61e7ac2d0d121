import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScenario } from '../run';
import { checkScenario } from '../scenario/index';
import { answersOf as answers, checksOf as checks, runChecked as run } from '../test/health-run';

/** Two checked servers observing their traffic; s2 answers 503 from `from`; `n` requests after `after`. */
const observing = (opts: string, from: string, after: string, n: number, extra: string[] = []) => [
  'backend be', '    balance roundrobin', ...extra,
  `    server s1 192.0.2.10:80 check ${opts}`, `    server s2 192.0.2.11:80 check ${opts}`,
  'servers', `    s2 status 503 ${from}..9s`,
  'script', '    open A h1', `    wait ${after}`, `    repeat ${n} {`, '        A GET /', '    }', '    close A',
];

describe('observe: passive health checks (health_adjust, check.c:627-700 of v2.6.0)', () => {
  it('layer7, mark-down: error-limit 5xx answers in a row take the server DOWN at once, between its checks', () => {
    const r = run(observing('inter 2s observe layer7 error-limit 2 on-error mark-down', '100ms', '200ms', 6));
    expect(answers(r)).toEqual(['s1 200', 's2 503', 's1 200', 's2 503', 's1 200', 's1 200']);
    const down = checks(r.trace, 's2').find((e) => e.decision === 'HC2')!;
    expect(down.message).toContain('Detected 2 consecutive errors, last one was: Wrong http response');
    // Long before s2's first check (at 1 s: the checks are spread over inter).
    expect(down.t).toBeLessThan(300_000);
  });

  it('layer7, fail-check (the default): each error-limit errors count as one failed check', () => {
    const r = run(observing('inter 1s observe layer7 error-limit 2', '600ms', '700ms', 14));
    const s2 = checks(r.trace, 's2');
    // Passed at 500 ms (4 = rise + fall - 1), then three failures: 3, 2, DOWN.
    expect(s2.map((e) => [e.decision, e.state])).toEqual([['HC1', 'up'], ['HC1', 'up'], ['HC1', 'up'], ['HC2', 'down'], ['HC1', 'down'], ['HC3', 'up']]);
    expect(answers(r).filter((a) => a === 's2 503')).toHaveLength(6);
  });

  it('sudden-death leaves one failure before DOWN; fastinter only brings the next check forward', () => {
    const sudden = run(observing('inter 1s observe layer7 error-limit 2 on-error sudden-death', '600ms', '700ms', 10));
    // Fully up (4), sudden death puts it at rise + 1 (3) and fails it (2: still UP); the next two errors: DOWN.
    expect(checks(sudden.trace, 's2').slice(1, 3).map((e) => [e.decision, e.state])).toEqual([['HC1', 'up'], ['HC2', 'down']]);
    const fast = run(observing('inter 2s fastinter 100ms observe layer7 error-limit 2 on-error fastinter', '100ms', '200ms', 4, ['    option httpchk']));
    // Two 503s by 222 ms: s2's next check, due about 2 s later, comes 100 ms after them and fails (503); no failure is counted for the errors themselves.
    const s2 = checks(fast.trace, 's2');
    expect(s2[1]).toMatchObject({ decision: 'HC1', state: 'up', t: 328_000 });
    expect(s2[1]!.message).toContain('HTTP status 503');
  });

  it('layer7 does not count 501 and 505; a passed check or a good answer clears the count', () => {
    const r = run([
      'backend be', '    server s1 192.0.2.10:80 check inter 2s observe layer7 error-limit 2 on-error mark-down',
      'script', '    open A h1', '    wait 100ms', '    A GET /a -> 501', '    A GET /b -> 505', '    A GET /c -> 500', '    A GET /d -> 200', '    A GET /e -> 502', '    A GET /f', '    close A',
    ]);
    expect(checks(r.trace, 's1').filter((e) => e.decision !== 'HC1')).toEqual([]);
  });

  it('layer4: failed connection attempts are errors; 1.9 clears the count as a request gets its connection, 2.6 does not', () => {
    const lines = [
      'backend be', '    option httpclose', '    retries 0', '    timeout connect 100ms', '    server s1 192.0.2.10:80 check inter 5s observe layer4 error-limit 2 on-error mark-down',
      'servers', '    s1 refuse 200ms..300ms', '    s1 refuse 500ms..600ms',
      'script', '    open A h1', '    wait 250ms', '    A GET /1', '    wait 300ms', '    A GET /2', '    close A',
      // A request between the two refusing spans: 1.9 clears the count, 2.6 keeps it.
    ];
    lines.splice(lines.indexOf('    wait 300ms'), 1, '    wait 100ms', '    A GET /between', '    wait 150ms');
    const modern = run(lines, 'modern');
    const seed = run(lines, 'seed');
    expect(checks(modern.trace, 's1').some((e) => e.decision === 'HC2')).toBe(true);
    expect(checks(seed.trace, 's1').some((e) => e.decision === 'HC2')).toBe(false);
  });

  it('the options parse, print back, and bad values say what is expected', () => {
    const ok = checkScenario('backend be\n    default-server observe layer7 on-error sudden-death error-limit 3\n    server s1 192.0.2.10:80 check\n');
    expect(ok.config.backends[0]!.servers[0]!.check!.observe).toEqual({ mode: 'layer7', errorLimit: 3, onError: 'sudden-death' });
    const bad = checkScenario('backend be\n    server s1 192.0.2.10:80 check observe layr7 on-error mark-dwn\n');
    expect(bad.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([
      "'observe' expects one of 'none', 'layer4', 'layer7' but got 'layr7'; did you mean 'layer7'?",
      "'on-error' expects one of 'fastinter', 'fail-check', 'sudden-death', 'mark-down' but got 'mark-dwn'; did you mean 'mark-down'?",
    ]);
  });
});

describe('observe without check', () => {
  it('has no effect, and a warning says so', () => {
    const r = checkScenario('backend be\n    server s1 192.0.2.10:80 observe layer7\n');
    expect(r.diagnostics.map((d) => d.message)).toContainEqual("'observe' has no effect on server 's1' without 'check': HAProxy observes the traffic of checked servers only");
    expect(r.config.backends[0]!.servers[0]!.check).toBeUndefined();
  });
});

describe('track (srv_apply_track, server.c:5056-5125 of v2.6.0)', () => {
  const tracking = (api: string[]) => run([
    'frontend fe', '    bind :80', '    use_backend api if { path_beg /api }', '    default_backend web',
    'backend web', '    balance roundrobin', '    server s1 192.0.2.10:80 check inter 100ms fall 1 rise 1', '    server s2 192.0.2.11:80 check inter 100ms',
    'backend api', '    balance roundrobin', ...api,
    'servers', '    web/s1 refuse 330ms..1130ms',
    'script', '    open A h1', '    A GET /api/1', '    A GET /api/2', '    wait 500ms', '    A GET /api/3', '    A GET /api/4', '    close A',
  ]);

  it('a tracking server follows the tracked one, and a server tracking it in turn too', () => {
    const r = tracking(['    server s1 192.0.2.20:80 track web/s1', '    server s2 192.0.2.21:80', '    server s3 192.0.2.22:80 track s1']);
    const down = r.trace.filter((e) => e.kind === 'server.check' && e.decision === 'HC2').map((e) => e.server);
    expect(down).toEqual(['web/s1', 'api/s1', 's3']);
    expect(answers(r).slice(2)).toEqual(['api/s2 200', 'api/s2 200']);
    expect(checks(r.trace, 'api/s1')[0]!.message).toBe('server api/s1 is DOWN via web/s1, which it tracks');
  });

  it('what HAProxy refuses is a warning, and the option is ignored', () => {
    const say = (line: string) => checkScenario(`backend be\n    server s1 192.0.2.10:80 check\n    server s2 192.0.2.11:80\n    ${line}\n`).diagnostics.map((d) => d.message);
    expect(say('server s3 192.0.2.12:80 track s2')).toContain("HAProxy refuses 'track s2' on server 's3': unable to use be/s2 for tracking as it does not have any check nor agent enabled; ignored by the simulation");
    expect(say('server s3 192.0.2.12:80 track nope/s1')).toContain("HAProxy refuses 'track nope/s1' on server 's3': unable to find required proxy 'nope' for tracking; ignored by the simulation");
    expect(say('server s3 192.0.2.12:80 track s9')).toContain("HAProxy refuses 'track s9' on server 's3': unable to find required server 's9' for tracking; ignored by the simulation");
    expect(say('server s3 192.0.2.12:80 check track s1')).toContain("HAProxy refuses 'track s1' on server 's3': unable to enable checks and tracking at the same time; ignored by the simulation");
  });
});

describe('on-marked-down shutdown-sessions (srv_shutdown_streams, server.c:5340-5343 of v2.6.0)', () => {
  const TEXT = readFileSync(join(import.meta.dirname, '../../scripts/verify/scenarios/health-shutdown-sessions.scenario'), 'utf8');

  it('2.6: the request in flight on the server marked DOWN gets a 502 and its connection is closed; the client goes on', () => {
    const r = runScenario(TEXT);
    expect([...r.world.requests.values()].map((q) => q.status)).toEqual([502, 200, 200, 200]);
    expect(r.trace.some((e) => e.kind === 'note' && e.decision === 'HC2' && e.conn === 'c1')).toBe(true);
    expect(r.world.conns.get('c1')!.phase).toBe('closed');
    // Without the option the request is answered at 600 ms.
    const plain = runScenario(TEXT.replaceAll(' on-marked-down shutdown-sessions', ''));
    expect([...plain.world.requests.values()][0]!.status).toBe(200);
  });

  it('3.4: the stream shuts itself down, and its client connection is closed without an answer', () => {
    const r = runScenario(TEXT.replace('engine modern', 'engine modern 3.4'));
    const first = [...r.world.requests.values()][0]!;
    expect(first.status).toBe(0);
    expect(r.trace.some((e) => e.kind === 'client.close' && e.session === 'A')).toBe(true);
  });
});
