import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';
import type { TraceEvent } from '../trace/events';

const TCP = ['defaults', '    mode tcp', '    timeout connect 1s', '    timeout server 5s', '    timeout client 5s'];

function run(lines: string[], engine = 'modern') {
  const r = runScenario([`engine ${engine}`, ...lines, ''].join('\n'));
  expect(r.ok, r.diagnostics.map((d) => d.message).join('\n')).toBe(true);
  return r;
}

const of = <K extends TraceEvent['kind']>(trace: readonly TraceEvent[], kind: K) => trace.filter((e): e is Extract<TraceEvent, { kind: K }> => e.kind === kind);

describe('mode tcp (TC1-TC3): the same in every engine', () => {
  const script = [
    'backend be', '    balance roundrobin', '    http-reuse always', '    server s1 192.0.2.10:80', '    server s2 192.0.2.11:80',
    'script', '    open A h1', '    open B h2', '    A GET /a', '    B GET /b', '    A GET /c', '    A GET /d', '    open E h1', '    wait 5ms', '    close E', '    close A', '    open C h1', '    C GET /e', '    close B', '    close C',
  ];
  for (const engine of ['seed', 'parent', 'modern']) {
    it(`${engine}: a connection per client connection, made when it is accepted, never reused`, () => {
      const r = run([...TCP, ...script], engine);
      const news = of(r.trace, 'conn.new');
      // A, B, E (which sends nothing) and C: one each, balanced in turn at accept.
      expect(news.map((e) => [e.session, e.server, e.decision])).toEqual([['A', 's1', 'TC1'], ['B', 's2', 'TC1'], ['E', 's1', 'TC1'], ['C', 's2', 'TC1']]);
      expect(news.every((e) => e.request === undefined)).toBe(true);
      expect(of(r.trace, 'attach')).toEqual([]);
      // Every request rides its client connection's one connection.
      const fwd = of(r.trace, 'request.forward');
      expect(fwd.every((e) => e.decision === 'TC2')).toBe(true);
      const connOf = new Map(news.map((e) => [e.session, e.conn]));
      const sessionOf = new Map(of(r.trace, 'request.send').map((e) => [e.request, e.session]));
      for (const e of fwd) expect(e.conn).toBe(connOf.get(sessionOf.get(e.request)!));
      // Each closes with its client connection (TC3), and the totals count no reuse.
      expect(of(r.trace, 'conn.destroy').map((e) => e.decision)).toEqual(['TC3', 'TC3', 'TC3', 'TC3']);
      expect(r.totals).toMatchObject({ requests: 5, opened: 4, reused: 0, destroyed: 4 });
      // The same engine code over the counting writer (totals only) counts the same.
      expect(runScenario([`engine ${engine}`, ...TCP, ...script, ''].join('\n'), { totalsOnly: true }).totals).toEqual(r.totals);
      expect([...r.world.requests.values()].map((q) => [q.id, q.server, q.conn, q.backend])).toEqual([
        ['r1', 's1', 'c1', 'be'], ['r2', 's2', 'c2', 'be'], ['r3', 's1', 'c1', 'be'], ['r4', 's1', 'c1', 'be'], ['r5', 's2', 'c4', 'be'],
      ]);
    });
  }

  it('routes at accept on what the connection says (its address), with default_backend as the fallback', () => {
    const r = run([...TCP,
      'frontend fe', '    bind :8080', '    acl office src 10.0.0.0/8', '    use_backend office if office', '    default_backend be',
      'backend be', '    server s1 192.0.2.10:80', 'backend office', '    server s3 192.0.2.12:80',
      'script', '    open A h1 from 10.1.2.3', '    open B h1', '    A GET /', '    B GET /',
    ]);
    expect(of(r.trace, 'conn.new').map((e) => [e.session, e.server])).toEqual([['A', 's3'], ['B', 's1']]);
    expect(of(r.trace, 'route').map((e) => [e.request, e.backend, e.decision])).toEqual([['r1', 'office', 'TC2'], ['r2', 'be', 'TC2']]);
  });

  it('balance random draws for each client connection at modern (and goes round at the 1.9 engines)', () => {
    const servers = (engine: string) =>
      of(run([...TCP, 'backend be', '    balance random', '    server s1 192.0.2.10:80', '    server s2 192.0.2.11:80', '    server s3 192.0.2.12:80',
        'script', '    open web[1..30] h1'], engine).trace, 'conn.new').map((e) => e.server);
    const modern = servers('modern');
    // Two draws, the less loaded kept: every server gets a share, none all of them.
    for (const s of ['s1', 's2', 's3']) expect(modern.filter((x) => x === s).length).toBeGreaterThan(5);
    expect(modern.slice(0, 6)).not.toEqual(['s1', 's2', 's3', 's1', 's2', 's3']);
    expect(servers('seed').slice(0, 6)).toEqual(['s1', 's2', 's3', 's1', 's2', 's3']);
  });

  it('use-server names the server from what the connection says, before load balancing', () => {
    const r = run([...TCP, 'backend be', '    use-server s2 if { src 10.0.0.5 }', '    server s1 192.0.2.10:80', '    server s2 192.0.2.11:80',
      'script', '    open A h1 from 10.0.0.5', '    open B h1', '    open C h1']);
    expect(of(r.trace, 'conn.new').map((e) => [e.session, e.server])).toEqual([['A', 's2'], ['B', 's1'], ['C', 's2']]);
    expect(r.diagnostics).toEqual([]);
  });

  for (const engine of ['seed', 'parent', 'modern']) {
    it(`${engine}: stick on src is read at accept (U4) and written as the connection is established (U5), bytes or not`, () => {
      const r = run([...TCP, 'backend be', '    stick-table type ip size 1k expire 30s', '    stick on src', '    server s1 192.0.2.10:80', '    server s2 192.0.2.11:80',
        'script', '    open F h1 from 10.0.0.9', '    open B h1 from 10.0.0.2', '    open C h1 from 10.0.0.3', '    wait 10ms', '    close F', '    open G h1 from 10.0.0.9', '    G GET /'], engine);
      // F (s1) sends nothing but is stored when connected; B s2, C s1; G, from F's address, goes to s1 where the round robin says s2.
      expect(of(r.trace, 'conn.new').map((e) => [e.session, e.server])).toEqual([['F', 's1'], ['B', 's2'], ['C', 's1'], ['G', 's1']]);
      expect(of(r.trace, 'note').filter((e) => e.decision === 'U5').map((e) => e.stream)).toEqual(['F/1', 'B/1', 'C/1', 'G/1']);
      expect(r.diagnostics).toEqual([]);
    });
  }

  it('a TLS pass-through routes on the name in the client hello (req_ssl_sni)', () => {
    const r = run(['defaults', '    mode tcp', 'frontend fe', '    bind :443', '    tcp-request inspect-delay 5s', '    tcp-request content accept if { req_ssl_hello_type 1 }',
      '    use_backend foo if { req_ssl_sni -i foo.example.com }', '    default_backend other', 'backend foo', '    server f1 192.0.2.10:443', 'backend other', '    server o1 192.0.2.11:443',
      'script', '    open A h1 tls sni foo.example.com', '    open B h1 tls sni bar.example.com']);
    expect(of(r.trace, 'conn.new').map((e) => [e.session, e.server])).toEqual([['A', 'f1'], ['B', 'o1']]);
  });

  it('balance source hashes the client address; uri finds no request and goes round', () => {
    const servers = (balance: string) =>
      of(run([...TCP, 'backend be', `    balance ${balance}`, '    server s1 192.0.2.10:80', '    server s2 192.0.2.11:80',
        'script', '    open A h1 from 198.51.100.7', '    open B h1 from 198.51.100.7', '    open C h1 from 198.51.100.7'], 'modern').trace, 'conn.new').map((e) => e.server);
    expect(new Set(servers('source')).size).toBe(1);
    expect(servers('uri')).toEqual(['s1', 's2', 's1']);
  });

  it('leastconn: a tcp stream holds its slot while it lives; at modern the server it left goes behind the idle ones (lb_fwlc.c)', () => {
    const picks = (engine: string) =>
      of(run([...TCP, 'backend be', '    balance leastconn', '    server s1 192.0.2.10:80', '    server s2 192.0.2.11:80', '    server s3 192.0.2.12:80',
        'script', '    open A h1', '    open B h1', '    close A', '    wait 10ms', '    open C h1', '    open D h1'], engine).trace, 'conn.new').map((e) => e.server);
    // A on s1, B on s2 (s1 is busy); A leaves: s1 is idle again but behind s3, which C takes; D then s1.
    expect(picks('modern')).toEqual(['s1', 's2', 's3', 's1']);
    // The 1.9 engines count busy connections and take the first of the least busy.
    expect(picks('seed')).toEqual(['s1', 's2', 's1', 's3']);
  });

  it('a server that closes closes the client connection; the next request reconnects and is balanced again', () => {
    const r = run([...TCP, 'backend be', '    server s1 192.0.2.10:80', '    server s2 192.0.2.11:80', 'servers', '    s1 close-after 1',
      'script', '    open A h1', '    A GET /a', '    A GET /b']);
    expect(of(r.trace, 'conn.server-close').map((e) => e.conn)).toEqual(['c1']);
    expect(of(r.trace, 'client.close')[0]).toMatchObject({ session: 'A', closer: 'proxy' });
    expect(of(r.trace, 'conn.new').map((e) => [e.session, e.server])).toEqual([['A', 's1'], ['A.2', 's2']]);
    expect([...r.world.requests.values()].map((q) => q.status)).toEqual([200, 200]);
  });

  it('timeout client closes a tcp connection with nothing on the wire, and its server connection', () => {
    const r = run(['defaults', '    mode tcp', '    timeout client 50ms', 'backend be', '    server s1 192.0.2.10:80', 'script', '    open A h1', '    A GET /', '    wait 1s']);
    const close = of(r.trace, 'client.close')[0]!;
    expect(close).toMatchObject({ closer: 'proxy', message: 'timeout client (mode tcp)' });
    expect(close.t).toBe(of(r.trace, 'request.done')[0]!.t + 50_000);
    expect(of(r.trace, 'conn.destroy')[0]).toMatchObject({ decision: 'TC3', t: close.t });
  });

  it('timeout tunnel replaces timeout client and timeout server once the tcp stream is connected', () => {
    const r = run(['defaults', '    mode tcp', '    timeout client 50ms', '    timeout server 50ms', '    timeout tunnel 1s', 'backend be', '    server s1 192.0.2.10:80',
      'servers', '    s1 response-time 200ms', 'script', '    open A h1', '    A GET /', '    wait 2s']);
    // The 200 ms response comes (not cut at 50 ms); the client is closed 1 s after it, not 50 ms.
    expect([...r.world.requests.values()][0]).toMatchObject({ status: 200 });
    const close = of(r.trace, 'client.close')[0]!;
    expect(close).toMatchObject({ message: 'timeout tunnel (mode tcp)' });
    expect(close.t).toBe(of(r.trace, 'request.done')[0]!.t + 1_000_000);
  });

  it('a refused connect is retried `retries` times, then the client connection is closed and its request fails', () => {
    const r = run(['defaults', '    mode tcp', '    retries 2', 'backend be', '    server s1 192.0.2.10:80', '    server s2 192.0.2.11:80', 'servers', '    s1 refuse', 'script', '    open A h1', '    A GET /']);
    // Every attempt to the server the stream was assigned (no redispatch).
    expect(of(r.trace, 'conn.new').map((e) => e.server)).toEqual(['s1', 's1', 's1']);
    expect(of(r.trace, 'note').filter((e) => e.decision === 'C3')).toHaveLength(2);
    // No HTTP status in mode tcp: the client gets nothing.
    expect([...r.world.requests.values()][0]).toMatchObject({ status: null });
    expect(of(r.trace, 'request.error')[0]!.error).toMatch(/connection refused by the server \(after 2 retries\)/);
    expect(of(r.trace, 'client.close')[0]).toMatchObject({ closer: 'proxy' });
  });

  it('an HTTP/2 client\u2019s requests go together on its one connection, an HTTP/1 client\u2019s one after another', () => {
    const at = (proto: string) => {
      const r = run([...TCP, 'backend be', '    server s1 192.0.2.10:80', 'servers', '    s1 response-time 10ms', 'script', `    open A ${proto}`, '    A GET /a &', '    A GET /b &', '    A GET /c']);
      expect(of(r.trace, 'conn.new')).toHaveLength(1);
      return of(r.trace, 'request.forward').map((e) => e.t);
    };
    expect(new Set(at('h2')).size).toBe(1);
    expect(new Set(at('h1')).size).toBe(3);
  });

  it('a tcp frontend in front of an http backend: the stream is upgraded and the backend reuses as usual', () => {
    const r = run(['defaults', '    timeout client 5s', 'frontend fe', '    mode tcp', '    bind :80', '    default_backend be', 'backend be', '    mode http', '    http-reuse always', '    server s1 192.0.2.10:80',
      'script', '    open A h1', '    open B h1', '    A GET /', '    B GET /']);
    expect(r.totals).toMatchObject({ requests: 2, opened: 1, reused: 1 });
  });
});

describe('tcp-request rules (tcp_rules.c of v2.6.0)', () => {
  it('connection reject (H11): the connection is closed when accepted, its requests never read; accept ends the rules', () => {
    const r = run(['frontend fe', '    bind :80', '    tcp-request connection accept if { src 10.0.0.1 }', '    tcp-request connection reject if { src 10.0.0.0/8 }', '    default_backend be', 'backend be', '    server s1 192.0.2.10:80',
      'script', '    open A h1 from 10.0.0.1', '    open B h1 from 10.0.0.2', '    A GET /', '    B GET /']);
    expect(of(r.trace, 'note').filter((e) => e.decision === 'H11').map((e) => e.session)).toEqual(['B', 'B.2']);
    expect([...r.world.requests.values()].map((q) => [q.client, q.status])).toEqual([['A', 200]]);
    expect(of(r.trace, 'request.error').map((e) => e.error)).toEqual([expect.stringMatching(/tcp-request connection reject/)]);
  });

  it('content reject (H12): per request in mode http (the request may be read), at accept in mode tcp', () => {
    const http = run(['frontend fe', '    bind :80', '    tcp-request content reject if { path_beg /admin }', '    default_backend be', 'backend be', '    server s1 192.0.2.10:80',
      'script', '    open A h1', '    A GET /', '    A GET /admin', '    A GET /next']);
    expect(of(http.trace, 'answer').map((e) => [e.request, e.decision, e.answeredBy])).toEqual([['r2', 'H12', 'tcp-request content reject']]);
    expect(of(http.trace, 'client.close')[0]).toMatchObject({ session: 'A', closer: 'proxy' });
    expect([...http.world.requests.values()].map((q) => [q.session, q.status])).toEqual([['A', 200], ['A', null], ['A.2', 200]]);
    const tcp = run([...TCP, 'frontend fe', '    bind :5432', '    tcp-request content reject if { src 10.0.0.2 }', '    default_backend be', 'backend be', '    server s1 192.0.2.10:80',
      'script', '    open A h1 from 10.0.0.1', '    open B h1 from 10.0.0.2']);
    expect(of(tcp.trace, 'conn.new').map((e) => e.session)).toEqual(['A']);
    expect(of(tcp.trace, 'note').find((e) => e.decision === 'H12')).toMatchObject({ session: 'B' });
  });

  it('content reject in a backend with no frontend in front still rejects (the backend\u2019s own rules, AN_REQ_INSPECT_BE)', () => {
    const be = ['backend be', '    tcp-request content reject if { src 10.0.0.2 }', '    server s1 192.0.2.10:80'];
    const tcp = run([...TCP, ...be, 'script', '    open A h1 from 10.0.0.1', '    open B h1 from 10.0.0.2', '    B GET /']);
    expect(of(tcp.trace, 'conn.new').map((e) => e.session)).toEqual(['A']);
    expect(of(tcp.trace, 'note').find((e) => e.decision === 'H12')).toMatchObject({ session: 'B' });
    const http = run([...be, 'script', '    open A h1 from 10.0.0.1', '    open B h1 from 10.0.0.2', '    A GET /', '    B GET /']);
    expect(of(http.trace, 'answer').map((e) => [e.request, e.decision])).toEqual([['r2', 'H12']]);
  });

  it('other tcp-request forms are said to be ignored, naming the modelled ones', () => {
    const ds = runScenario('frontend fe\n    bind :80\n    tcp-request content track-sc0 src\n    default_backend be\nbackend be\n    server s1 192.0.2.10:80\n').diagnostics;
    expect(ds.map((d) => d.message)).toEqual([expect.stringMatching(/^'tcp-request content track-sc0' is ignored by the simulation \(it models tcp-request connection accept, connection reject, content accept, content reject, inspect-delay\)/)]);
  });
});

describe('mode tcp when compiling (cfgparse.c of v2.6.0)', () => {
  const diags = (text: string) => runScenario(text).diagnostics.map((d) => `${d.severity} ${d.line}: ${d.message}`);

  it('an http frontend may not send its requests to a tcp backend (HAProxy refuses)', () => {
    const text = 'frontend fe\n    mode http\n    bind :80\n    use_backend db if { path_beg /db }\n    default_backend web\nbackend web\n    server w 192.0.2.1:80\nbackend db\n    mode tcp\n    server d 192.0.2.2:5432\n';
    expect(diags(text)).toEqual([expect.stringMatching(/^error 4: frontend 'fe' is in mode http and backend 'db' in mode tcp: HAProxy refuses .*; expected a backend in mode http/)]);
  });

  it('http-request, redirect and stats of a tcp proxy are ignored, with a warning each', () => {
    const text = ['defaults', '    mode tcp', 'frontend fe', '    bind :80', '    http-request deny', '    redirect prefix /x', '    default_backend be', 'backend be', '    http-reuse always', '    server s1 192.0.2.10:80',
      'script', '    open A h1', '    A GET /'].join('\n');
    const r = runScenario(text);
    expect(r.diagnostics.map((d) => [d.line, d.severity])).toEqual([[5, 'warning'], [6, 'warning'], [9, 'warning']]);
    expect(r.diagnostics[0]!.message).toMatch(/'http-request' rules are ignored in frontend 'fe'/);
    expect(r.diagnostics[2]!.message).toMatch(/'http-reuse' has no effect in mode tcp/);
    expect(diags('defaults\n    mode tcp\nbackend be\n    server s1 192.0.2.10:80 maxconn 5\n').join('\n')).toMatch(/warning 4: server maxconn is not modelled for mode tcp/);
    // HTTP-only options (cfgparse.c:3631-3660): ignored in a tcp proxy, with HAProxy's warning; not in an http one.
    expect(diags('defaults\n    mode tcp\nbackend be\n    option prefer-last-server\n    server s1 192.0.2.10:80\n')).toEqual([
      expect.stringMatching(/^warning 4: 'option prefer-last-server' is ignored in backend 'be': it needs mode http/),
    ]);
    expect(diags('defaults\n    mode http\nbackend be\n    option prefer-last-server\n    server s1 192.0.2.10:80\n')).toEqual([]);
    // The deny does not apply: the request reaches the server.
    expect([...r.world.requests.values()][0]).toMatchObject({ server: 's1', status: 200 });
  });
});
