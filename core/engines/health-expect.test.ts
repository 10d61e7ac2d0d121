import { describe, expect, it } from 'vitest';
import { checkScenario } from '../scenario/index';
import { answersOf as answers, checksOf as checks, runChecked as run } from '../test/health-run';

describe('http-check expect (tcpcheck.c of v2.6.0; checks.c httpchk_expect at 7c6f8b146)', () => {
  it('a server answering 503 in a window: its requests get 503 until its checks mark it DOWN; it comes back when the window ends', () => {
    const r = run([
      'backend be', '    option httpchk GET /health', '    http-check expect status 200',
      '    server s1 192.0.2.10:80 check inter 100ms rise 2 fall 2', '    server s2 192.0.2.11:80 check inter 100ms rise 2 fall 2',
      'servers', '    s2 status 503 300ms..950ms',
      'script', '    open A h1', '    wait 400ms', '    A GET /a', '    A GET /b', '    wait 200ms', '    A GET /c', '    A GET /d', '    wait 700ms', '    A GET /e', '    A GET /f', '    close A',
    ]);
    expect(answers(r)).toEqual(['s1 200', 's2 503', 's1 200', 's1 200', 's1 200', 's2 200']);
    const s2 = checks(r.trace, 's2');
    expect(s2.map((e) => e.decision)).toEqual(['HC1', 'HC1', 'HC2', 'HC1', 'HC3']);
    expect(s2[2]!.message).toContain('HTTP status 503 fails expect status 200');
  });

  it('without an expect 200 to 399 pass; a plain connect check passes whatever the server answers', () => {
    const lines = (chk: string[]) => ['backend be', ...chk, '    server s1 192.0.2.10:80 check inter 100ms', '    server s2 192.0.2.11:80 check inter 100ms', 'servers', '    s2 status 500', 'script', '    open A h1', '    wait 300ms', '    A GET /1', '    A GET /2', '    close A'];
    expect(answers(run(lines(['    option httpchk'])))).toEqual(['s1 200', 's1 200']);
    expect(answers(run(lines([])))).toEqual(['s1 200', 's2 500']);
  });

  it('2.6 reads `status` as codes and ranges; 1.9 compares its first three characters', () => {
    const lines = ['backend be', '    option httpchk', '    http-check expect status 200-399', '    server s1 192.0.2.10:80 check inter 100ms', '    server s2 192.0.2.11:80 check inter 100ms',
      'servers', '    s2 status 302', 'script', '    open A h1', '    wait 300ms', '    A GET /1', '    A GET /2', '    close A'];
    expect(answers(run(lines, 'modern'))).toEqual(['s1 200', 's2 302']);
    expect(answers(run(lines, 'seed'))).toEqual(['s1 200', 's1 200']);
  });

  it('every expect must pass; `!` inverts one; rstatus is a regex on the three digits', () => {
    const r = run([
      'backend be', '    option httpchk', '    http-check expect status 200-299,401,404', '    http-check expect ! rstatus ^40[13]',
      '    server s1 192.0.2.10:80 check inter 100ms', '    server s2 192.0.2.11:80 check inter 100ms', '    server s3 192.0.2.12:80 check inter 100ms',
      'servers', '    s2 status 404', '    s3 status 401',
      'script', '    open A h1', '    wait 300ms', '    A GET /1', '    A GET /2', '    A GET /3', '    A GET /4', '    close A',
    ]);
    expect(answers(r)).toEqual(['s1 200', 's2 404', 's1 200', 's2 404']);
    expect(checks(r.trace, 's3')[0]!.message).toContain('HTTP status 401 fails expect ! rstatus ^40[13]');
  });

  it("2.6: a backend's own option httpchk or http-check line replaces the rules of defaults; 1.9 keeps the inherited expect", () => {
    const text = (engine: string) => [`engine ${engine}`, 'defaults', '    option httpchk', '    http-check expect status 201', 'backend be', '    option httpchk GET /health', '    server s1 192.0.2.10:80 check', ''].join('\n');
    expect(checkScenario(text('modern')).config.backends[0]!.servers[0]!.check!.expects).toBeUndefined();
    expect(checkScenario(text('seed')).config.backends[0]!.servers[0]!.check!.expects).toEqual([{ invert: false, codes: [[201, 201]], text: 'status 201' }]);
    const inherited = checkScenario('engine modern\ndefaults\n    option httpchk\n    http-check expect status 201\nbackend be\n    server s1 192.0.2.10:80 check\n');
    expect(inherited.config.backends[0]!.servers[0]!.check!.expects).toEqual([{ invert: false, codes: [[201, 201]], text: 'status 201' }]);
  });
});

describe('http-check disable-on-404 (tcpcheck.c:1676-1685 of v2.6.0; checks.c:893-897 at 7c6f8b146): NOLB', () => {
  const drain = (engine: string, extra: string[] = []) => run([
    'backend app', '    balance roundrobin', '    cookie SRV insert indirect nocache', '    option httpchk GET /health', '    http-check disable-on-404',
    '    server s1 192.0.2.10:80 check inter 200ms cookie a', '    server s2 192.0.2.11:80 check inter 200ms cookie b',
    'servers', '    s2 check-status 404 500ms..2s', ...extra,
    'script', '    open A h1', '    open B h1', '    open D h1', '    A GET /', '    B GET /', '    D GET /', '    wait 880ms',
    '    open C h1', '    B GET /', '    C GET /', '    C GET /', '    wait 1500ms', '    open E h1', '    E GET /', '    close A', '    close B', '    close C', '    close D', '    close E',
  ], engine);

  for (const engine of ['seed', 'modern']) {
    it(`${engine}: a 404 puts a server that is up in NOLB: out of load balancing, still reached by its cookie; a 200 brings it back`, () => {
      const r = drain(engine);
      expect([...r.world.requests.values()].map((q) => q.server).slice(0, 6)).toEqual(['s1', 's2', 's1', 's2', 's1', 's1']);
      // Back UP: the balance leaves nothing out any more.
      expect(r.trace.find((e) => e.kind === 'assign' && e.request === 'r7')!.conds!.map((c) => c.label)).not.toContain('NOLB (disable-on-404), left out');
      const s2 = checks(r.trace, 's2').filter((e) => e.decision !== 'HC1');
      expect(s2.map((e) => [e.decision, e.state])).toEqual([['HC4', 'stopping'], ['HC3', 'up']]);
      // The balance says which server it left out.
      expect(r.trace.find((e) => e.kind === 'assign' && e.request === 'r5')!.conds).toContainEqual({ label: 'NOLB (disable-on-404), left out', value: 's2' });
      expect(r.world.stopping.size).toBe(0);
    });
  }

  it('check-status answers the checks only; status answers the requests too; a DOWN server is not drained by a 404', () => {
    const r = drain('modern', ['    s2 refuse 100ms..400ms']);
    // Refused from 100 ms: DOWN; the 404s from 500 ms do not make it NOLB (only an UP server drains), they fail.
    const s2 = checks(r.trace, 's2').filter((e) => e.decision !== 'HC1');
    expect(s2.map((e) => e.decision)).toEqual(['HC2', 'HC3']);
    expect([...r.world.requests.values()].every((q) => q.status === 200)).toBe(true);
  });
});

describe('check timeouts (tcpcheck.c:1271-1313 of v2.6.0; checks.c:781-784, 2022-2030 at 7c6f8b146)', () => {
  const slow = (extra: string[], props: string) => run([
    ...extra, 'backend be', '    option httpchk', '    server s1 192.0.2.10:80 check inter 100ms', '    server s2 192.0.2.11:80 check inter 100ms',
    'servers', `    s2 ${props}`, 'script', '    open A h1', '    wait 400ms', '    A GET /1', '    A GET /2', '    close A',
  ]);

  it('without timeout check the whole check has inter: a slower answer is a Layer7 timeout, at inter from its start', () => {
    const r = slow([], 'response-time 150ms');
    expect(answers(r)).toEqual(['s1 200', 's1 200']);
    // s2's first check starts at 50 ms (spread), times out 100 ms later.
    expect(checks(r.trace, 's2')[0]).toMatchObject({ decision: 'HC2', t: 150_000 });
    expect(checks(r.trace, 's2')[0]!.message).toContain('Layer7 timeout');
  });

  it('timeout check gives the answer that long once connected', () => {
    const r = run([
      'backend be', '    timeout check 300ms', '    option httpchk', '    server s1 192.0.2.10:80 check inter 100ms', '    server s2 192.0.2.11:80 check inter 100ms',
      'servers', '    s2 response-time 150ms', 'script', '    open A h1', '    wait 400ms', '    A GET /1', '    A GET /2', '    close A',
    ]);
    expect(answers(r)).toEqual(['s1 200', 's2 200']);
  });

  it('with timeout check, the connect has the smaller of inter and timeout connect (a Layer4 timeout)', () => {
    const lines = (timeouts: string[]) => [
      'backend be', ...timeouts, '    server s1 192.0.2.10:80 check inter 1s', '    server s2 192.0.2.11:80 check inter 1s',
      'servers', '    s2 connect-time 600ms', 'script', '    open A h1', '    wait 2s', '    A GET /1', '    A GET /2', '    close A',
    ];
    const limited = run(lines(['    timeout connect 500ms', '    timeout check 2s']));
    expect(checks(limited.trace, 's2')[0]!.message).toContain('Layer4 timeout');
    expect(answers(limited)).toEqual(['s1 200', 's1 200']);
    // Without timeout check the connect may take up to inter (1s): s2's checks pass (its requests still time out connecting).
    expect(checks(run(lines(['    timeout connect 500ms'])).trace, 's2').map((e) => [e.decision, e.state])).toEqual([['HC1', 'up']]);
  });
});

describe('http-check and servers status: the language', () => {
  const diags = (text: string) => checkScenario(text).diagnostics.map((d) => `${d.severity} ${d.message}`);

  it('bad input says where and what is expected', () => {
    expect(diags('backend be\n    option httpchk\n    http-check expect status\n    server s1 192.0.2.10:80 check\n')).toContainEqual(expect.stringMatching(/^error 'http-check expect status' expects a pattern; expected e\.g\. http-check expect status 200/));
    expect(diags('backend be\n    http-check expect rstatus (\n    server s1 192.0.2.10:80\n')).toContainEqual(expect.stringMatching(/^error bad regular expression '\(' .*expected a regular expression/));
    expect(diags('backend be\n    http-check expect sttaus 200\n    server s1 192.0.2.10:80\n')).toContainEqual(expect.stringMatching(/^error .*'sttaus'.*did you mean 'status'/));
    expect(diags('backend be\n    server s1 192.0.2.10:80\nservers\n    s1 status 99\n')).toContainEqual(expect.stringMatching(/^error invalid status '99' for status; expected a status code from 200 to 599/));
    expect(diags('backend be\n    server s1 192.0.2.10:80\nservers\n    s1 status 503 2s..1s\n')).toContainEqual(expect.stringMatching(/^error invalid window '2s\.\.1s' for status: 1s is not after 2s/));
  });

  it("what each engine's HAProxy refuses is a warning there, and the line is ignored", () => {
    const bad = 'engine ENGINE\nbackend be\n    option httpchk\n    http-check expect status 200-199\n    http-check send meth GET uri /health\n    server s1 192.0.2.10:80 check\n';
    const modern = diags(bad.replace('ENGINE', 'modern'));
    expect(modern).toContainEqual(expect.stringMatching(/^warning HAProxy 2\.6 refuses 'http-check expect': invalid range of status codes '200-199'; ignored by the simulation/));
    expect(modern.filter((m) => m.includes('http-check send'))).toEqual([]);
    const seed = diags(bad.replace('ENGINE', 'seed'));
    expect(seed).toContainEqual(expect.stringMatching(/^warning HAProxy 1\.9 refuses 'http-check send': 'http-check' only supports 'disable-on-404', 'send-state', 'expect'/));
    expect(seed.filter((m) => m.includes('200-199'))).toEqual([]);
    expect(diags('engine modern\nbackend be\n    http-check expect status 200\n    server s1 192.0.2.10:80 check\n')).toContainEqual(
      expect.stringMatching(/uses http-check rules without 'option httpchk', so the rules are ignored/),
    );
  });
});
