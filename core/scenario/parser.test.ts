import { describe, expect, it } from 'vitest';
import type { Diagnostic } from './diagnostics';
import { checkScenario, parseScenario, printScenario } from './index';
import { SPEC_EXAMPLE } from './spec-example';


/** Line/column of the first occurrence of `needle` (after `after`, if given). */
function at(text: string, needle: string, after = ''): { line: number; column: number } {
  const off = text.indexOf(needle, after ? text.indexOf(after) : 0);
  if (off < 0) throw new Error(`no ${needle}`);
  const before = text.slice(0, off).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

function only(ds: Diagnostic[], code: string): Diagnostic {
  const found = ds.filter((d) => d.code === code);
  expect(found, `${code} in ${JSON.stringify(ds.map((d) => d.message))}`).toHaveLength(1);
  return found[0]!;
}

const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');

describe('the spec example', () => {
  it('parses with zero diagnostics into the expected tree', () => {
    const { ast, diagnostics } = parseScenario(SPEC_EXAMPLE);
    expect(diagnostics).toEqual([]);
    expect(ast.engine?.text).toBe('seed');
    expect(ast.config.map((s) => [s.kind, s.name?.text ?? null])).toEqual([['defaults', null], ['backend', 'app']]);
    expect(ast.config[1]!.directives.map((d) => d.words.map((w) => w.text).join(' '))).toEqual([
      'http-reuse safe', 'server s1 192.0.2.10:80', 'server s2 192.0.2.11:80',
    ]);
    expect(ast.servers).toMatchObject([{ server: { text: 's1' }, behaviour: { prop: 'response-time', us: 20_000 } }]);
    expect(ast.script.map((s) => s.kind)).toEqual(['open', 'request', 'request', 'request', 'close']);
    expect(ast.script[0]).toMatchObject({ kind: 'open', clients: { kind: 'one', name: 'A' }, proto: 'h2' });
    expect(ast.script[2]).toMatchObject({ kind: 'request', method: 'GET', path: '/two', response: null, to: null, close: false, takesUs: null, background: false });
    // spans point at the text they came from
    const req = ast.script[1]!;
    expect(SPEC_EXAMPLE.slice(req.span.from, req.span.to)).toBe('A GET /one');
    expect(SPEC_EXAMPLE.slice(ast.engine!.span.from, ast.engine!.span.to)).toBe('seed');
  });
});

describe('script statements', () => {
  const script = (body: string) => parseScenario(`script\n${body}\n`);
  it('reads request options in any order', () => {
    const a = script('    A POST /x -> 401 ntlm close to s1 takes 50ms &').ast.script[0];
    const b = script('    A POST /x takes 50ms to s1 -> 401 ntlm close &').ast.script[0];
    const want = { kind: 'request', method: 'POST', path: '/x', response: { status: 401, auth: 'ntlm', close: true }, to: { text: 's1' }, close: false, takesUs: 50_000, background: true };
    expect(a).toMatchObject(want);
    expect(b).toMatchObject(want);
  });
  it('a close after the answer belongs to the answer; a second one to the request', () => {
    expect(script('A GET / -> 200 close').ast.script[0]).toMatchObject({ response: { close: true }, close: false });
    expect(script('A GET / -> 200 close close').ast.script[0]).toMatchObject({ response: { close: true }, close: true });
    expect(script('A GET / close -> 200').ast.script[0]).toMatchObject({ response: { close: false }, close: true });
    expect(script('A GET / close').ast.script[0]).toMatchObject({ response: null, close: true });
  });
  it('reads groups, waits, awaits, server closes and nested repeats', () => {
    const { ast, diagnostics } = script(['open web[1..50] h1', 'web[*] GET /', 'web7 HEAD /a', 'wait 100ms', 'await', 's1 close idle', 's2 close all', 'close web[*]',
      'repeat 3 {', '  repeat 2 {', '    A DELETE /r', '  }', '  wait 1s', '}'].join('\n'));
    expect(diagnostics).toEqual([]);
    expect(ast.script).toMatchObject([
      { kind: 'open', clients: { kind: 'range', prefix: 'web', from: 1, to: 50 }, proto: 'h1' },
      { kind: 'request', clients: { kind: 'all', prefix: 'web' }, method: 'GET', path: '/' },
      { kind: 'request', clients: { kind: 'one', name: 'web7' }, method: 'HEAD' },
      { kind: 'wait', us: 100_000 },
      { kind: 'await' },
      { kind: 'server-close', server: { text: 's1' }, what: 'idle' },
      { kind: 'server-close', server: { text: 's2' }, what: 'all' },
      { kind: 'close', clients: { kind: 'all', prefix: 'web' } },
      { kind: 'repeat', count: 3, body: [{ kind: 'repeat', count: 2, body: [{ kind: 'request', method: 'DELETE' }] }, { kind: 'wait', us: 1_000_000 }] },
    ]);
  });
  it('accepts a repeat on one line', () => {
    const one = script('repeat 2 { repeat 3 { A GET / } }');
    const many = script('repeat 2 {\nrepeat 3 {\nA GET /\n}\n}');
    expect(one.diagnostics).toEqual([]);
    expect(printScenario(one.ast)).toBe(printScenario(many.ast));
    expect(one.ast.script).toMatchObject([{ kind: 'repeat', count: 2, body: [{ kind: 'repeat', count: 3, body: [{ kind: 'request' }] }] }]);
  });
});

describe('errors: location, message, expected, suggestion', () => {
  it('misspelt config keyword', () => {
    const text = 'backend app\n    http-resue safe\n    server s1 192.0.2.10:80\n';
    const d = only(parseScenario(text).diagnostics, 'unknown-keyword');
    expect(d).toMatchObject({ severity: 'error', ...at(text, 'http-resue'), endLine: 2, endColumn: 15, suggestion: 'http-reuse' });
    expect(d.message).toBe("unknown keyword 'http-resue'; did you mean 'http-reuse'?");
    expect(d.expected).toMatch(/keyword/);
  });
  it('misspelt server property', () => {
    const text = 'backend app\n server s1 1.2.3.4:80\nservers\n    s1 respons-time 20ms\n';
    const d = only(parseScenario(text).diagnostics, 'unknown-property');
    expect(d).toMatchObject({ ...at(text, 'respons-time'), suggestion: 'response-time' });
    expect(d.message).toContain("did you mean 'response-time'?");
    expect(d.expected).toContain('response-time, connect-time');
  });
  it('misspelt script keyword', () => {
    const text = 'script\n    opne A h2\n';
    const d = only(parseScenario(text).diagnostics, 'unknown-statement');
    expect(d).toMatchObject({ ...at(text, 'opne'), suggestion: 'open' });
    expect(d.message).toBe("unknown statement 'opne'; did you mean 'open'?");
  });
  it('bad duration says what a duration looks like', () => {
    const text = 'defaults\n    timeout connect 10x\nscript\n  wait soon\n';
    const ds = parseScenario(text).diagnostics.filter((d) => d.code === 'expected-duration');
    expect(ds).toHaveLength(2);
    expect(ds[0]).toMatchObject({ ...at(text, '10x'), endColumn: at(text, '10x').column + 3 });
    expect(ds[0]!.message).toBe("invalid duration '10x' for timeout connect; expected a duration such as 20ms, 2s or 250 (ms)");
    expect(ds[0]!.expected).toBe('a duration such as 20ms, 2s or 250 (ms)');
    expect(ds[1]).toMatchObject(at(text, 'soon'));
  });
  it('unknown engine lists the known ones', () => {
    const text = 'engine sed\n';
    const d = only(parseScenario(text).diagnostics, 'unknown-engine');
    expect(d).toMatchObject({ line: 1, column: 8, suggestion: 'seed' });
    expect(d.message).toContain('seed, parent or modern');
  });
  it('engine must come first', () => {
    const text = 'backend app\n  server s1 1.2.3.4:80\nengine seed\n';
    expect(only(parseScenario(text).diagnostics, 'engine-not-first')).toMatchObject({ line: 3, column: 1 });
  });
  it('bad enum values suggest the right one', () => {
    const ds = parseScenario('backend app\n  http-reuse allways\n  balance roundrobn\n  option http-keep-alvie\n  timeout conect 1s\n').diagnostics;
    expect(ds.map((d) => [d.line, d.code, d.suggestion])).toEqual([
      [2, 'invalid-value', 'always'],
      [3, 'invalid-value', 'roundrobin'],
      [4, 'unknown-option', 'http-keep-alive'],
      [5, 'unknown-timeout', 'connect'],
    ]);
  });
  it('methods must be in capitals', () => {
    const text = 'script\n  A get /x\n';
    expect(only(parseScenario(text).diagnostics, 'expected-method')).toMatchObject({ ...at(text, 'get'), suggestion: 'GET' });
    expect(parseScenario('script\n  A GTE /x\n').diagnostics).toEqual([]);
  });
  it('paths, statuses, protocols, ranges, counts', () => {
    const text = ['script', 'A GET x', 'A GET /x -> 700', 'open B H2', 'open w[5..1] h1', 'open w[1..100001] h1', 'repeat 1000001 {', '}', 'open w[*] h1', 'A GET /x & to s1', 'A GET /x to s1 to s2'].join('\n');
    const ds = parseScenario(text).diagnostics;
    expect(ds.map((d) => [d.line, d.code])).toEqual([
      [2, 'expected-path'], [3, 'out-of-range'], [4, 'expected-protocol'], [5, 'out-of-range'], [6, 'out-of-range'],
      [7, 'out-of-range'], [9, 'expected-client'], [10, 'misplaced-ampersand'], [11, 'duplicate-option'],
    ]);
    expect(ds[1]!.message).toContain('100 to 599');
    expect(ds[4]!.message).toContain('at most 100000');
    expect(ds[5]!.message).toContain('from 0 to 1000000');
    expect(ds[2]!.suggestion).toBe('h2');
  });
  it('reports every problem at once and recovers at the next line', () => {
    const text = 'backend app\n  http-resue safe\n  server s1 1.2.3.4:80\n  mode htp\nservers\n  s1 respons-time 1ms\nscript\n  opne A h1\n  open A h1\n  A GET /ok\n';
    const { ast, diagnostics } = parseScenario(text);
    expect(errors(diagnostics).map((d) => d.line)).toEqual([2, 4, 6, 8]);
    // what was valid is kept
    expect(ast.script.map((s) => s.kind)).toEqual(['open', 'request']);
  });
  it('braces: unclosed, unexpected, missing', () => {
    const ds = parseScenario('script\n  repeat 2 {\n    A GET /\n').diagnostics;
    expect(only(ds, 'unclosed-block')).toMatchObject({ line: 2, column: 3 });
    expect(only(parseScenario('script\n  }\n').diagnostics, 'unexpected-brace')).toMatchObject({ line: 2, column: 3 });
    const missing = parseScenario('script\n  repeat 2\n    A GET /\n  }\n').diagnostics;
    expect(missing.map((d) => d.code)).toEqual(['missing-brace']);
  });
  it('a directive before any section, a misspelt section header', () => {
    const a = parseScenario('mode http\ndefaults\n  mode http\n').diagnostics;
    expect(a.map((d) => [d.line, d.code])).toEqual([[1, 'outside-section']]);
    expect(a[0]!.message).toContain('expected a section header');
    const b = parseScenario('backnd app\n  server s1 1.2.3.4:80\n').diagnostics;
    expect(b.map((d) => [d.line, d.code, d.suggestion])).toEqual([[1, 'unknown-section', 'backend']]);
  });
  it('keywords in the wrong section', () => {
    const ds = parseScenario('global\n  http-reuse safe\nfrontend fe\n  server s1 1.2.3.4:80\nbackend be\n  default_backend x\n  tune.h2.max-concurrent-streams 10\n').diagnostics;
    expect(ds.map((d) => [d.line, d.code])).toEqual([[2, 'misplaced-keyword'], [4, 'misplaced-keyword'], [6, 'misplaced-keyword'], [7, 'misplaced-keyword']]);
    expect(ds[1]!.expected).toBe('a backend or listen section');
  });
  it('an error at the end of the file has a span inside the text', () => {
    for (const text of ['script\n  repeat 2 {', 'engine', 'defaults\n  timeout connect', 'x "abc']) {
      for (const d of parseScenario(text).diagnostics) {
        expect(d.span.from).toBeGreaterThanOrEqual(0);
        expect(d.span.to).toBeLessThanOrEqual(text.length);
        expect(d.span.from).toBeLessThanOrEqual(d.span.to);
      }
    }
  });
});

describe('real HAProxy keywords the simulation does not model', () => {
  const pasted = `global
    daemon
    maxconn 4096
    log /dev/log local0
    nbthread 4
    stats socket /run/haproxy.sock mode 660 level admin
    tune.ssl.default-dh-param 2048
    ssl-default-bind-options no-sslv3

defaults
    mode http
    log global
    option httplog
    option dontlognull
    option forwardfor except 127.0.0.0/8
    option redispatch
    retries 3
    timeout queue 1m
    timeout check 10s
    timeout connect 5s
    timeout client 30s
    timeout server 30s
    maxconn 3000
    errorfile 503 /etc/haproxy/errors/503.http
    log-format "%ci:%cp [%tr] %ft %b/%s %ST"

frontend fe
    bind :80
    bind :443 ssl crt /etc/ssl/site.pem alpn h2,http/1.1
    http-request set-header X-Forwarded-Proto https if { ssl_fc }
    acl is_api path_beg /api
    use_backend api if is_api
    default_backend app

backend app
    balance roundrobin
    cookie SRV insert indirect nocache
    option httpchk GET /health
    http-check expect status 200
    default-server inter 3s fall 3 rise 2
    server s1 10.0.0.1:80 check inter 2s weight 10 maxconn 100 cookie s1
    server s2 10.0.0.2:443 ssl verify none alpn h2 proto h2 check

backend api
    stats enable
    server a1 10.0.1.1:8080 check backup
`;
  it('give warnings "ignored by the simulation", never errors, and values are consumed', () => {
    const { diagnostics } = checkScenario(pasted);
    expect(errors(diagnostics)).toEqual([]);
    const warnings = diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.length).toBeGreaterThanOrEqual(16);
    // `http-check expect status 200` is modelled: no warning on its line.
    expect(warnings.filter((w) => pasted.split('\n')[w.line - 1]!.includes('http-check'))).toEqual([]);
    // `proto h2` is modelled, but the default engine (seed) talks HTTP/1.1 to such a server.
    const proto = warnings.filter((w) => w.code === 'not-in-engine');
    expect(proto.map((w) => w.message)).toEqual(['HAProxy at this commit rejects `proto h2` on a server (server.c:522-526); the simulation talks HTTP/1.1 to it']);
    // maxconn: modelled by the modern engine only (its queues); the default engine says so.
    const maxconn = warnings.filter((w) => w.code === 'not-modelled' && w.message.startsWith("server option 'maxconn'"));
    expect(maxconn.map((w) => w.message)).toEqual(["server option 'maxconn' is not modelled at engine seed: it never queues requests, so a server may get more than 100 at once (engine modern models it)"]);
    // ssl: read for connection reuse (the SNI at 3.4), the handshake itself not simulated.
    const ssl = warnings.filter((w) => w.message.startsWith("'ssl'"));
    expect(ssl.map((w) => w.message)).toEqual([expect.stringContaining('the TLS handshake is not simulated')]);
    for (const w of warnings.filter((x) => x.code !== 'not-in-engine' && !maxconn.includes(x) && !ssl.includes(x))) expect(w.message).toMatch(/ignored by the simulation/);
    const s1 = warnings.filter((w) => w.line === at(pasted, 'server s1').line && w.code === 'ignored-server-option').map((w) => w.message);
    // `cookie s1` (cookie persistence), `weight 10` (weighted roundrobin), `check` and `inter` (health checks) are modelled.
    expect(s1).toEqual([]);
    expect(checkScenario(`engine modern\n${pasted}`).diagnostics.filter((d) => d.message.includes("server option 'maxconn'"))).toEqual([]);
    for (const kw of ['daemon', 'nbthread', 'stats', 'option httplog', 'option forwardfor', 'log-format']) {
      expect(warnings.some((w) => w.message.startsWith(`'${kw}'`)), kw).toBe(true);
    }
    // Where leaving a keyword out matters to reuse, the warning says how.
    expect(warnings.find((w) => w.message.startsWith(`'nbthread'`))!.message).toMatch(/one thread, as `nbthread 1`: HAProxy keeps each thread's idle server connections apart/);
    expect(warnings.find((w) => w.message.startsWith(`'daemon'`))!.message).toBe("'daemon' is ignored by the simulation");
  });
  it('says what leaving out http-response means for a request', () => {
    const ws = parseScenario('defaults\n    retry-on all-retryable-errors\nbackend be\n    http-response deny if { status 500 }\n    server s1 192.0.2.10:80\n').diagnostics;
    expect(ws.find((w) => w.line === 4)!.message).toMatch(/^'http-response' is ignored by the simulation\..*`http-response deny` blocks would get HAProxy's 502 and close both the client and the server connection/);
  });
  it('mode tcp is modelled (no diagnostic); mode health is a warning', () => {
    expect(parseScenario('defaults\n  mode tcp\n').diagnostics).toEqual([]);
    const ds = parseScenario('defaults\n  mode health\n').diagnostics;
    expect(ds).toMatchObject([{ severity: 'warning', line: 2, column: 8 }]);
    expect(ds[0]!.message).toMatch(/not simulated/);
  });
  it('ignored sections are skipped with one warning', () => {
    const ds = parseScenario('peers mypeers\n  peer lb1 10.0.0.1:1024\n  whatever here\nbackend app\n  server s1 1.2.3.4:80\n').diagnostics;
    expect(ds).toMatchObject([{ severity: 'warning', code: 'ignored-section', line: 1 }]);
  });
});

describe('never throws', () => {
  it('on odd inputs', () => {
    for (const t of ['', '\n\n', '}', '{', '"', '\\', 'script\n}}}}', 'engine\nengine', 'script\nrepeat', '\u0000\uffff\ud800', 'servers\n s1', 'backend\n server', 'script\n A B', 'script\n web[1..', 'frontend fe\n use_backend x if { path_beg /a'])
      expect(() => checkScenario(t)).not.toThrow();
    // @ts-expect-error: JS callers may pass anything
    expect(() => parseScenario(undefined)).not.toThrow();
  });
});

describe('request option typos', () => {
  it('suggest the option', () => {
    const ds = parseScenario('script\n  A GET / -> 401 NTLM\n  A GET / take 5ms\n').diagnostics;
    expect(ds.map((d) => [d.line, d.code, d.suggestion])).toEqual([[2, 'unknown-option', 'ntlm'], [3, 'unknown-option', 'takes']]);
  });
});
