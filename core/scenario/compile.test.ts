import { describe, expect, it } from 'vitest';
import type { SimConfig } from '../model/config';
import { checkScenario, compileScenario, parseScenario } from './index';
import { SPEC_EXAMPLE } from './spec-example';
import { route } from '../routing/route';


const errors = (t: string, engine?: 'seed' | 'parent' | 'modern') =>
  checkScenario(t, engine ? { engine } : {}).diagnostics.filter((d) => d.severity === 'error');
function config(text: string, engine?: 'seed' | 'parent' | 'modern'): SimConfig {
  const r = checkScenario(text, engine ? { engine } : {});
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.config;
}

describe('the spec example', () => {
  it('compiles to the expected SimConfig', () => {
    const r = checkScenario(SPEC_EXAMPLE);
    expect(r.diagnostics).toEqual([]);
    const server = (name: string, addr: string, responseUs: number) => ({
      name, addr, sendProxy: false, sni: false, usesrc: 'none', disabled: false,
      connectUs: 1_000, responseUs, closeAfter: 0, finAfter: 0, idleTimeoutUs: 0, auth: null, refuse: false,
      proto: 'h1', maxReuse: -1, poolMaxConn: -1, poolLowConn: 0, poolPurgeDelayUs: 5_000_000, maxStreams: 100,
    });
    // The routing tables (config lines of each rule) are checked in core/routing/*.test.ts.
    const { routing, ...config } = r.config;
    expect(routing?.entry).toBeNull();
    expect(config).toEqual({
      engine: 'seed',
      frontendMode: 'keep-alive',
      timeouts: { connect: 0, server: 0, client: 0, httpKeepAlive: 10_000_000, httpRequest: 0 },
      backends: [{
        name: 'app', reuse: 'safe', balance: 'roundrobin', httpMode: 'keep-alive', preferLastServer: false, usesrc: 'none',
        servers: [server('s1', '192.0.2.10:80', 20_000), server('s2', '192.0.2.11:80', 5_000)],
        timeouts: { connect: 0, server: 0 },
        retries: 3,
      }],
      defaultBackend: 'app',
      routes: [],
      h2MaxStreams: 100,
      maxSessionSrvConns: 5,
    });
    expect(r.plan).toEqual(r.ast.script);
    expect(r.plan).toHaveLength(5);
  });
});

describe('engine and reuse defaults', () => {
  const bare = 'backend be\n  server s1 1.2.3.4:80\n';
  it('defaults to seed with http-reuse never; modern defaults to safe', () => {
    expect(config(bare)).toMatchObject({ engine: 'seed', backends: [{ reuse: 'never' }] });
    expect(config(`engine parent\n${bare}`)).toMatchObject({ engine: 'parent', backends: [{ reuse: 'never' }] });
    expect(config(`engine modern\n${bare}`)).toMatchObject({ engine: 'modern', backends: [{ reuse: 'safe' }] });
  });
  it('the option overrides the file (the CLI --engine)', () => {
    expect(config(`engine parent\n${bare}`, 'modern')).toMatchObject({ engine: 'modern', backends: [{ reuse: 'safe' }] });
    const ast = parseScenario(`engine modern\n${bare}`).ast;
    expect(compileScenario(ast, { engine: 'seed' }).config).toMatchObject({ engine: 'seed', backends: [{ reuse: 'never' }] });
  });
});

describe('haproxy.cfg semantics', () => {
  it('defaults are inherited by the sections that follow, and a new defaults starts afresh', () => {
    const c = config(`defaults
  http-reuse always
  balance leastconn
  option http-server-close
  option prefer-last-server
  timeout connect 2s
  timeout server 1m
backend a
  server s1 1.2.3.4:80
defaults
  timeout connect 3s
backend b
  http-reuse aggressive
  server s2 1.2.3.4:80
frontend fe
  default_backend a
  use_backend b if { path_beg /b }
`);
    expect(c.backends).toMatchObject([
      { name: 'a', reuse: 'always', balance: 'leastconn', httpMode: 'server-close', preferLastServer: true },
      { name: 'b', reuse: 'aggressive', balance: 'roundrobin', httpMode: 'keep-alive', preferLastServer: false },
    ]);
    expect(c.timeouts).toMatchObject({ connect: 2_000_000, server: 60_000_000 });
    // the frontend follows the second defaults section
    expect(c.frontendMode).toBe('keep-alive');
  });
  it('connection modes: the last option of a section wins; frontend and backend are kept apart', () => {
    const c = config(`defaults
  option httpclose
frontend fe
  option http-server-close
  default_backend be
backend be
  option http-server-close
  option forceclose
  server s1 1.2.3.4:80
`);
    expect(c.frontendMode).toBe('server-close');
    expect(c.backends[0]!.httpMode).toBe('close');
  });
  it('timeouts: client side from the frontend, server side from the default backend', () => {
    const c = config(`frontend fe
  timeout client 7s
  timeout http-keep-alive 250
  timeout http-request 500us
  default_backend be
backend be
  timeout connect 1h
  timeout server 2m
  server s1 1.2.3.4:80
`);
    expect(c.timeouts).toEqual({ connect: 3_600_000_000, server: 120_000_000, client: 7_000_000, httpKeepAlive: 250_000, httpRequest: 500 });
  });
  it('server options and usesrc', () => {
    const c = config(`backend be
  source 0.0.0.0 usesrc clientip
  server a 1.2.3.4:80 send-proxy
  server b 1.2.3.4:80 send-proxy-v2 weight 10 sni str(x) check
  server c 1.2.3.4:80 source 0.0.0.0 usesrc hdr_ip(x-forwarded-for,-1) disabled
  server d 1.2.3.4:80 source 0.0.0.0 usesrc client inter 2s
  server e 1.2.3.4:80 source 10.0.0.1
`);
    expect(c.backends[0]!.usesrc).toBe('clientip');
    expect(c.backends[0]!.servers.map((s) => [s.name, s.sendProxy, s.sni, s.usesrc, s.disabled])).toEqual([
      ['a', true, false, 'clientip', false],
      ['b', true, true, 'clientip', false],
      ['c', false, false, 'hdr_ip', true],
      ['d', false, false, 'client', false],
      ['e', false, false, 'none', false],
    ]);
  });
  it('the servers section sets behaviour by server name', () => {
    const c = config(`backend be
  server s1 1.2.3.4:80
  server s2 1.2.3.4:80
servers
  s1 response-time 20ms
  s1 connect-time 2ms
  s1 close-after 3
  s1 idle-timeout 200ms
  s2 auth negotiate
  s2 refuse
  s1 response-time 30ms
`);
    expect(c.backends[0]!.servers).toMatchObject([
      { name: 's1', responseUs: 30_000, connectUs: 2_000, closeAfter: 3, idleTimeoutUs: 200_000, auth: null, refuse: false },
      { name: 's2', responseUs: 5_000, connectUs: 1_000, closeAfter: 0, idleTimeoutUs: 0, auth: 'negotiate', refuse: true },
    ]);
  });
  it('routing: use_backend path_beg (inline or named acl), default_backend, listen', () => {
    const c = config(`global
  tune.h2.max-concurrent-streams 8
frontend fe
  acl is_api path_beg /api /v2
  use_backend api if is_api
  use_backend static if { path_beg /img /css }
  use_backend api
  default_backend app
backend app
  server s1 1.2.3.4:80
backend api
  server s2 1.2.3.4:80
backend static
  server s3 1.2.3.4:80
`);
    expect(c.h2MaxStreams).toBe(8);
    expect(c.defaultBackend).toBe('app');
    // In order: the is_api rule, the anonymous path_beg rule, the unconditional use_backend.
    const at = (path: string) => {
      const d = route(c.routing!, { method: 'GET', uri: path, headers: [], version: '1.1', src: '192.0.2.1', dstPort: 80, ssl: false, sni: null }, c.defaultBackend);
      return d.kind === 'backend' ? d.choice.backend : d.by;
    };
    expect([at('/api/x'), at('/v2'), at('/img/a'), at('/css'), at('/')]).toEqual(['api', 'api', 'static', 'static', 'api']);
    expect(c.routing!.proxies.fe!.switching.map((r) => r.line)).toEqual([5, 6, 7]);
    const l = config('listen web\n  bind :80\n  option http-server-close\n  server s1 1.2.3.4:80\n');
    expect(l).toMatchObject({ defaultBackend: 'web', frontendMode: 'server-close', backends: [{ name: 'web', httpMode: 'server-close' }] });
  });
  it('a condition on a fetch the simulation does not model: a warning, and the rule never matches', () => {
    const r = checkScenario('frontend fe\n  use_backend b if { req.body_param(sid) -m found }\n  default_backend a\nbackend a\n  server s1 1.2.3.4:80\nbackend b\n  server s2 1.2.3.4:80\n');
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([['warning', 'routing', 2]]);
    expect(r.diagnostics[0]!.message).toMatch(/fetch 'req.body_param' is not modelled.*taken as false/);
    const d = route(r.config.routing!, { method: 'GET', uri: '/', headers: [{ name: 'Cookie', value: 'sid=1' }], version: '1.1', src: '192.0.2.1', dstPort: 80, ssl: false, sni: null }, 'a');
    expect(d).toMatchObject({ kind: 'backend', choice: { how: 'default_backend', backend: 'a' } });
  });
});

describe('whole-scenario errors', () => {
  it('no server at all: an error only when the script has no proxy to talk to', () => {
    const e = errors('script\n  open A h1\n');
    expect(e.map((d) => d.code)).toContain('no-server');
    expect(e.find((d) => d.code === 'no-server')!.message).toBe('no server defined; add e.g. `server s1 192.0.2.10:80` in a backend');
    // Real HAProxy runs a backend without server and answers 503: a warning.
    const r = checkScenario('backend app\n  mode http\n');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.diagnostics.find((d) => d.code === 'no-server')).toMatchObject({ severity: 'warning', line: 1 });
  });
  it('several backends and no frontend', () => {
    const e = errors('backend a\n  server s1 1.2.3.4:80\nbackend b\n  server s2 1.2.3.4:80\n');
    expect(e).toMatchObject([{ code: 'ambiguous-backend', line: 3, column: 9 }]);
    expect(e[0]!.message).toContain('add a `frontend` section with `default_backend NAME`');
  });
  it('unknown backend, server, duplicate names, with did-you-mean', () => {
    const text = `frontend fe
  default_backend appp
  use_backend apii if { path_beg /x }
backend app
  server web1 1.2.3.4:80
  server web1 1.2.3.4:81
backend api
  server web2 1.2.3.4:80
servers
  wbe1 response-time 1ms
script
  open A h1
  A GET / to wbe2
  web3 close idle
`;
    const e = errors(text);
    expect(e.map((d) => [d.line, d.code, d.suggestion])).toEqual([
      [2, 'unknown-backend', 'app'],
      [3, 'unknown-backend', 'api'],
      [6, 'duplicate-server', undefined],
      [10, 'unknown-server', 'web1'],
      [13, 'unknown-server', 'web2'],
      [14, 'unknown-server', 'web1'],
    ]);
    expect(e[3]!.message).toBe("unknown server 'wbe1'; did you mean 'web1'?");
  });
  it('clients must be opened before use, repeat bodies and groups included', () => {
    const text = `backend be
  server s1 1.2.3.4:80
script
  B GET /early
  open A h1
  repeat 2 {
    open web[1..5] h1
    web[*] GET /
  }
  web5 GET /
  web6 GET /
  web[2..4] GET /
  web[2..6] GET /
  api[*] GET /
  close A
  close Z
  A GET /
`;
    const e = errors(text);
    expect(e.map((d) => [d.line, d.column])).toEqual([[4, 3], [11, 3], [13, 3], [14, 3], [16, 9]]);
    expect(e[0]!.message).toBe("client 'B' is not opened; add `open B h1` (or h2) before this line");
    expect(e[3]!.message).toContain("group 'api' is not opened");
  });
  it('compile gives line/column without being given the text again', () => {
    const ast = parseScenario('backend be\n  server s1 1.2.3.4:80\nscript\n  X GET /\n').ast;
    const d = compileScenario(ast).diagnostics;
    expect(d).toMatchObject([{ code: 'client-not-opened', line: 4, column: 3, endLine: 4, endColumn: 4 }]);
  });
  it('diagnostics of both passes come sorted by position', () => {
    const ds = checkScenario('backend be\n  server s1 1.2.3.4:80\nscript\n  X GET /\n  open A h9\n  Y GET /\n').diagnostics;
    expect(ds.map((d) => d.line)).toEqual([4, 5, 6]);
  });
});

describe('1.9\'s default maxconn (2000) is not applied, and a script past it is told', () => {
  const text = (cfg: string, engine = 'seed', n = 2001) => `engine ${engine}\n${cfg}backend be\n    server s1 192.0.2.10:80\nscript\n    open a[1..${n}] h1\n`;
  const warned = (t: string) => checkScenario(t).diagnostics.filter((d) => d.code === 'default-maxconn').map((d) => d.message);
  it('warns at seed and parent past 2000 clients opened without a written maxconn', () => {
    expect(warned(text(''))).toEqual([expect.stringMatching(/^HAProxy 1\.9 \(engine seed\) would accept at most 2000 client connections at once/)]);
    expect(warned(text('', 'parent'))).toHaveLength(1);
    // A repeat multiplies its opens (the same names are opened again, but the count says how many at most).
    expect(warned(`engine seed\nbackend be\n    server s1 192.0.2.10:80\nscript\n    repeat 3 {\n        open a[1..700] h1\n    }\n`)).toHaveLength(1);
  });
  it('says nothing at 2000, at modern, or with maxconn written for the process and the frontend', () => {
    expect(warned(text('', 'seed', 2000))).toEqual([]);
    expect(warned(text('', 'modern'))).toEqual([]);
    expect(warned(text('global\n    maxconn 5000\ndefaults\n    maxconn 5000\n'))).toEqual([]);
    // The process's alone is not enough at 1.9: each frontend keeps its own default of 2000.
    expect(warned(text('global\n    maxconn 5000\n'))).toHaveLength(1);
  });

  it('a server with send-proxy and proto h2 under aggressive or always: a warning that HAProxy would stall it (modern)', () => {
    const text = (reuse: string) => `engine modern\nbackend be\n  http-reuse ${reuse}\n  server s1 1.2.3.4:80 send-proxy proto h2\n  server s2 1.2.3.4:80 proto h2\n`;
    const stalls = (reuse: string) => checkScenario(text(reuse)).diagnostics.filter((d) => d.code === 'binary-stall');
    expect(stalls('always').map((d) => [d.line, d.message.slice(0, 40)])).toEqual([[4, "HAProxy would stall s1's HTTP/2 connecti"]]);
    expect(stalls('aggressive')).toHaveLength(1);
    expect(stalls('safe')).toEqual([]);
  });
});
