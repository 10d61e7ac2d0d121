/**
 * ACL fetches, flags and match methods pinned to HAProxy 2.6.0's semantics (src/pattern.c,
 * src/http_fetch.c, src/acl.c). Each case names the rule it pins.
 */
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../scenario';
import { evalCond, evalLogFormat } from './evaluate';
import { matchIp } from './pattern';
import type { RequestView } from './request';
import { route } from './route';

const req = (over: Partial<RequestView> & { host?: string; h?: Record<string, string> } = {}): RequestView => ({
  method: over.method ?? 'GET', uri: over.uri ?? '/', version: over.version ?? '1.1', src: over.src ?? '192.0.2.1',
  dstPort: over.dstPort ?? 80, ssl: over.ssl ?? false, sni: over.sni ?? null,
  headers: [...(over.host !== undefined ? [{ name: 'Host', value: over.host }] : []), ...Object.entries(over.h ?? {}).map(([name, value]) => ({ name, value })), ...(over.headers ?? [])],
});

/** Compiles `acl t CRITERION…` in a frontend and evaluates `if t` for the request. */
function acl(criterion: string, r: RequestView): boolean {
  const res = checkScenario(`frontend fe\n  acl t ${criterion}\n  use_backend b if t\n  default_backend b\nbackend b\n  server s 192.0.2.9:80\n`);
  const errors = res.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => d.message).join('; '));
  return evalCond(res.config.routing!.proxies.fe!.switching[0]!.cond!, r).value;
}

describe('string match methods and -i (pattern.c)', () => {
  it('hdr(host) is an exact, case-sensitive match; -i ignores case; the port is part of the value', () => {
    expect(acl('hdr(host) example.com', req({ host: 'example.com' }))).toBe(true);
    expect(acl('hdr(host) example.com', req({ host: 'Example.com' }))).toBe(false);
    expect(acl('hdr(host) -i example.com', req({ host: 'EXAMPLE.COM' }))).toBe(true);
    expect(acl('hdr(host) -i example.com', req({ host: 'example.com:8080' }))).toBe(false);
    expect(acl('hdr(Host) -i example.com', req({ h: { HOST: 'example.com' } }))).toBe(true); // header names ignore case
  });
  it('an absent header never matches, not even with an empty pattern; -m found tests presence', () => {
    expect(acl('hdr(x-api) -m str ""', req())).toBe(false);
    expect(acl('hdr(x-api) -m found', req())).toBe(false);
    expect(acl('hdr(x-api) -m found', req({ h: { 'X-Api': '' } }))).toBe(true);
    expect(acl('req.hdr(x-api) -m len 0', req({ h: { 'X-Api': '' } }))).toBe(true);
  });
  it('hdr iterates every comma-separated value of every occurrence', () => {
    expect(acl('hdr(x-v) b', req({ h: { 'X-V': 'a, b' } }))).toBe(true);
    expect(acl('hdr(x-v) b', req({ headers: [{ name: 'x-v', value: 'a' }, { name: 'x-v', value: 'b' }] }))).toBe(true);
    expect(acl('hdr_cnt(x-v) 3', req({ headers: [{ name: 'x-v', value: 'a, b' }, { name: 'x-v', value: 'c' }] }))).toBe(true);
    expect(acl('hdr_cnt(x-v) eq 0', req())).toBe(true);
  });
  it('hdr(name,N) takes one occurrence: N from the first, -N from the last, 0 all of them', () => {
    const three = req({ headers: [{ name: 'x-v', value: 'a, b' }, { name: 'x-v', value: 'c' }] });
    expect(acl('hdr(x-v,1) a', three)).toBe(true);
    expect(acl('hdr(x-v,1) b', three)).toBe(false);
    expect(acl('hdr(x-v,2) b', three)).toBe(true);
    expect(acl('hdr(x-v,-1) c', three)).toBe(true);
    expect(acl('hdr(x-v,-1) a', three)).toBe(false);
    expect(acl('hdr(x-v,-3) a', three)).toBe(true);
    expect(acl('hdr(x-v,4) -m found', three)).toBe(false);
    expect(acl('hdr(x-v,0) b', three)).toBe(true);
    // req.fhdr counts whole lines, not comma-separated values
    expect(acl('req.fhdr(x-v,1) -m str "a, b"', three)).toBe(true);
    expect(acl('req.fhdr(x-v,-1) c', three)).toBe(true);
  });
  it('_beg _end _sub _reg, and -m beg on a plain fetch', () => {
    expect(acl('hdr_beg(host) api.', req({ host: 'api.example.com' }))).toBe(true);
    expect(acl('hdr_beg(host) API.', req({ host: 'api.example.com' }))).toBe(false);
    expect(acl('hdr_beg(host) -i API.', req({ host: 'api.example.com' }))).toBe(true);
    expect(acl('hdr_end(host) .com', req({ host: 'api.example.com' }))).toBe(true);
    expect(acl('hdr_sub(host) example', req({ host: 'api.example.com' }))).toBe(true);
    expect(acl('hdr_reg(host) ^api\\.[a-z]+\\.com$', req({ host: 'api.example.com' }))).toBe(true);
    expect(acl('req.hdr(host) -m beg api', req({ host: 'api.example.com' }))).toBe(true);
    expect(acl('req.hdr(host) api', req({ host: 'api.example.com' }))).toBe(false); // default: exact string
  });
  it('_dom and _dir match whole words between delimiters (match_word)', () => {
    expect(acl('hdr_dom(host) example', req({ host: 'www.example.com' }))).toBe(true);
    expect(acl('hdr_dom(host) exam', req({ host: 'www.example.com' }))).toBe(false);
    expect(acl('hdr_dom(host) example.com', req({ host: 'www.example.com:80' }))).toBe(true);
    expect(acl('path_dir img', req({ uri: '/a/img/b.png' }))).toBe(true);
    expect(acl('path_dir img', req({ uri: '/a/imgs/b.png' }))).toBe(false);
    expect(acl('path_dir /a/img/', req({ uri: '/a/img/b.png' }))).toBe(true); // delimiters around the pattern are ignored
  });
});

describe('request fetches (http_fetch.c)', () => {
  it('path stops at the query; url and base keep what they keep', () => {
    expect(acl('path /x', req({ uri: '/x?y=1' }))).toBe(true);
    expect(acl('path_beg /api', req({ uri: '/api/v1' }))).toBe(true);
    expect(acl('path_end .png', req({ uri: '/a.png?w=2' }))).toBe(true);
    expect(acl('path_sub adm', req({ uri: '/x/admin' }))).toBe(true);
    expect(acl('path_reg ^/v[0-9]+/', req({ uri: '/v2/x' }))).toBe(true);
    expect(acl('url /x?y=1', req({ uri: '/x?y=1' }))).toBe(true);
    expect(acl('url_beg /x?', req({ uri: '/x?y=1' }))).toBe(true);
    expect(acl('base example.com/x', req({ uri: '/x?y=1', host: 'example.com' }))).toBe(true);
    expect(acl('base /x', req({ uri: '/x' }))).toBe(true); // no Host: the path alone
  });
  it('query and url_param: & and ; separate parameters, a name needs its =', () => {
    expect(acl('query a=1&b=2', req({ uri: '/p?a=1&b=2' }))).toBe(true);
    expect(acl('query -m found', req({ uri: '/p' }))).toBe(false);
    expect(acl('url_param(b) 2', req({ uri: '/p?a=1;b=2' }))).toBe(true);
    expect(acl('url_param(b) -m found', req({ uri: '/p?a=1&b' }))).toBe(false);
    expect(acl('urlp(id) -m int 10:20', req({ uri: '/p?id=15' }))).toBe(true);
  });
  it('method: known methods compare exactly, others honour -i; METH_GET includes HEAD', () => {
    expect(acl('method POST', req({ method: 'POST' }))).toBe(true);
    expect(acl('method -i post', req({ method: 'POST' }))).toBe(false); // `post` is not a known method
    expect(acl('method -i purge', req({ method: 'PURGE' }))).toBe(true);
    const r = checkScenario('frontend fe\n  use_backend b if METH_GET\n  default_backend b\nbackend b\n  server s 192.0.2.9:80\n');
    const cond = r.config.routing!.proxies.fe!.switching[0]!.cond!;
    expect([evalCond(cond, req({ method: 'HEAD' })).value, evalCond(cond, req({ method: 'POST' })).value]).toEqual([true, false]);
  });
  it('src (networks), dst_port, ssl_fc, ssl_fc_sni, req.ssl_sni, HTTP_2.0 and LOCALHOST', () => {
    expect(acl('src 10.0.0.0/8 192.0.2.0/24', req({ src: '192.0.2.77' }))).toBe(true);
    expect(acl('src 10.0.0.0/8', req({ src: '192.0.2.77' }))).toBe(false);
    expect(matchIp('127.0.0.1/8', '127.9.9.9')).toBe(true);
    expect(acl('dst_port 443', req({ dstPort: 443 }))).toBe(true);
    expect(acl('ssl_fc', req({ ssl: true }))).toBe(true);
    expect(acl('ssl_fc', req({ ssl: false }))).toBe(false);
    expect(acl('ssl_fc_sni -i Example.com', req({ ssl: true, sni: 'example.com' }))).toBe(true);
    expect(acl('req.ssl_sni -m end .example.com', req({ ssl: true, sni: 'api.example.com' }))).toBe(true);
    expect(acl('ssl_fc_sni -m found', req({ ssl: false }))).toBe(false);
  });
});

describe('conditions (acl.c)', () => {
  const cfg = (c: string) => checkScenario(`frontend fe\n  acl a path_beg /a\n  acl b hdr(x) 1\n  acl a path_beg /z\n  use_backend b ${c}\n  default_backend b\nbackend b\n  server s 192.0.2.9:80\n`);
  const holds = (c: string, r: RequestView) => evalCond(cfg(c).config.routing!.proxies.fe!.switching[0]!.cond!, r).value;
  it('lines of one name are OR-ed; terms AND-ed; || and or separate suites; ! negates; unless inverts', () => {
    expect(holds('if a', req({ uri: '/z' }))).toBe(true);
    expect(holds('if a b', req({ uri: '/a' }))).toBe(false);
    expect(holds('if a b', req({ uri: '/a', h: { x: '1' } }))).toBe(true);
    expect(holds('if a || b', req({ uri: '/q', h: { x: '1' } }))).toBe(true);
    expect(holds('if a or b', req({ uri: '/q' }))).toBe(false);
    expect(holds('if !a', req({ uri: '/q' }))).toBe(true);
    expect(holds('unless a', req({ uri: '/a' }))).toBe(false);
    expect(holds('if { path_beg /q } !b', req({ uri: '/q' }))).toBe(true);
  });
  it('a negated anonymous ACL is named once with its `!` (the trace shows `!{ … }`, not `!!{ … }`)', () => {
    const c = evalCond(cfg('if !{ path_beg /q }').config.routing!.proxies.fe!.switching[0]!.cond!, req({ uri: '/a' }));
    expect(c).toMatchObject({ value: true, terms: [{ label: '!{ path_beg /q }', value: true }] });
  });
  it('an unknown ACL name is an error, as HAProxy refuses it; a fetch not modelled is a warning and false', () => {
    expect(cfg('if nope').diagnostics.find((d) => d.severity === 'error')?.message).toMatch(/no such ACL : 'nope'/);
    const r = checkScenario('frontend fe\n  use_backend b unless { req.body_param(s) -m found }\n  default_backend b\nbackend b\n  server s 192.0.2.9:80\n');
    expect(r.diagnostics.map((d) => d.severity)).toEqual(['warning']);
    const c = evalCond(r.config.routing!.proxies.fe!.switching[0]!.cond!, req());
    expect(c.value).toBe(false);
    expect(c.terms[0]).toEqual({ label: '{ req.body_param(s) -m found }', value: 'not evaluated (not modelled)' });
  });
  it('-f FILE without its file section: a warning, and its patterns never match; an unknown -m method is an error', () => {
    const r = checkScenario('frontend fe\n  acl a hdr(host) -i -f /etc/haproxy/hosts.lst\n  use_backend b if a\n  default_backend b\nbackend b\n  server s 192.0.2.9:80\n');
    expect(r.diagnostics.map((d) => [d.severity, d.line])).toEqual([['warning', 2]]);
    expect(evalCond(r.config.routing!.proxies.fe!.switching[0]!.cond!, req({ host: 'x' })).value).toBe(false);
    expect(checkScenario('frontend fe\n  acl a path -m start /x\n').diagnostics.some((d) => d.severity === 'error' && /unknown matching method 'start'/.test(d.message))).toBe(true);
  });
});

describe('log-format backend names and converters', () => {
  const lf = (name: string, r: RequestView) => {
    const res = checkScenario(`frontend fe\n  use_backend ${name}\n  default_backend web\nbackend web\n  server s 192.0.2.9:80\n`);
    const b = res.config.routing!.proxies.fe!.switching[0]!.backend;
    if (typeof b === 'string') throw new Error('not a log-format');
    return evalLogFormat(b, r);
  };
  it('lower, upper, word, field, regsub; the last occurrence of a header; `-` when it is absent', () => {
    expect(lf('b_%[req.hdr(host),lower]', req({ host: 'API.Example.com' }))).toBe('b_api.example.com');
    expect(lf('%[req.hdr(host),upper]', req({ host: 'a' }))).toBe('A');
    expect(lf('%[req.hdr(host),word(2,.)]', req({ host: 'www..example.com' }))).toBe('example');
    expect(lf('%[req.hdr(host),field(2,.)]', req({ host: 'www..example.com' }))).toBe('');
    expect(lf('%[req.hdr(host),regsub(\\.,_,g)]', req({ host: 'a.b.c' }))).toBe('a_b_c');
    expect(lf('%[req.hdr(x)]', req({ headers: [{ name: 'x', value: 'one' }, { name: 'x', value: 'two' }] }))).toBe('two');
    expect(lf('b_%[req.hdr(host)]', req())).toBe('b_-');
  });
  it('map with a file the scenario does not give: a warning that says how to give it; the default value applies', () => {
    const res = checkScenario('frontend fe\n  use_backend %[req.hdr(host),lower,map(/etc/haproxy/hosts.map,web)]\n  default_backend web\nbackend web\n  server s 192.0.2.9:80\n');
    expect(res.diagnostics.map((d) => [d.severity, d.line, d.message])).toEqual([
      ['warning', 2, "map file /etc/haproxy/hosts.map is not in the scenario: every key misses and the default 'web' applies; add a section `file /etc/haproxy/hosts.map` with the file's lines under it"],
    ]);
    const b = res.config.routing!.proxies.fe!.switching[0]!.backend;
    expect(typeof b !== 'string' && evalLogFormat(b, req({ host: 'x' }))).toBe('web');
  });
});

describe('route (stream.c, http_ana.c)', () => {
  const cfg = checkScenario(`frontend fe
  http-request allow if { src 10.0.0.0/8 }
  http-request deny deny_status 429 if { path_beg /private }
  http-request auth if { path_beg /login }
  use_backend api if { path_beg /api }
backend api
  server a 192.0.2.1:80
backend stats
  stats enable
`).config;
  const to = (r: RequestView) => {
    const d = route(cfg.routing!, r, cfg.defaultBackend);
    return d.kind === 'answer' ? `${d.by} ${d.status}` : d.choice.backend;
  };
  it('http-request rules in order: allow stops them; deny_status; auth answers 401 when its condition holds', () => {
    expect(to(req({ uri: '/private' }))).toBe('http-request deny 429');
    expect(to(req({ uri: '/private', src: '10.1.1.1' }))).toBe('no backend 503');
    expect(to(req({ uri: '/login' }))).toBe('http-request auth 401');
    // Credentials do not matter to the rule itself: only a condition such as !{ http_auth(L) } checks them.
    expect(to(req({ uri: '/login', h: { Authorization: 'Basic eDp5' } }))).toBe('http-request auth 401');
  });
  it('use-server naming no server of the backend: a warning (HAProxy refuses it), the rule is left out', () => {
    const r = checkScenario('backend b\n  server s1 192.0.2.1:80\n  use-server s9 if TRUE\n');
    expect(r.diagnostics.map((d) => [d.severity, d.line])).toEqual([['warning', 3]]);
    expect(r.config.routing!.proxies.b!.serverRules).toEqual([]);
  });
  it('no default_backend: 503 from HAProxy when no rule matches', () => {
    expect(to(req({ uri: '/api/x' }))).toBe('api');
    expect(to(req({ uri: '/' }))).toBe('no backend 503');
  });
});
