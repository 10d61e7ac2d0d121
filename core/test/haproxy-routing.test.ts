/**
 * Routing checked against the real binary: Debian's HAProxy 2.6.12 started on 127.0.0.1 with
 * the same configuration as the scenario, each request sent to both; the backend server that
 * answered (or HAProxy itself) and the status must agree. Skipped when `haproxy` is absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../index';
import { haproxyAvailable, startHaproxy, type RealHaproxy, type RealRequest } from './haproxy/harness';

const available = haproxyAvailable();
if (!available) console.warn('haproxy-routing.test: `haproxy` not found on PATH; the comparison with the real binary is skipped (apt-get install haproxy)');

const DEFAULTS = `defaults
    mode http
    timeout connect 5s
    timeout client 5s
    timeout server 5s
`;

interface Case extends RealRequest {
  readonly host: string;
}

/** The scenario for the simulation: the same configuration with documentation addresses, and one request per case. */
function scenario(cfg: string, servers: readonly string[], cases: readonly Case[]): string {
  let text = cfg.replace(/@FRONTEND@/g, '*:80');
  servers.forEach((s, i) => (text = text.replaceAll(`@${s}@`, `192.0.2.${10 + i}:80`)));
  const lines = cases.map((c) => {
    const hs = Object.entries(c.headers ?? {}).map(([k, v]) => ` header "${k}: ${v}"`).join('');
    return `    A ${c.method} ${c.path} host ${c.host}${hs}`;
  });
  return `engine modern\n${text}\nscript\n    open A h1 from 127.0.0.1\n${lines.join('\n')}\n`;
}

async function compare(cfg: string, servers: readonly string[], cases: readonly Case[], real: RealHaproxy) {
  const res = runScenario(scenario(cfg, servers, cases));
  expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const sim = res.report().requests.map((r) => ({ status: r.status, server: r.answeredBy ? null : r.server }));
  const got = [];
  for (const c of cases) {
    const r = await real.send({ method: c.method, path: c.path, headers: { host: c.host, ...(c.headers ?? {}) } });
    got.push({ status: r.status, server: r.server });
  }
  // Side by side with the request, so a difference says which request it is.
  const label = (i: number) => `${cases[i]!.method} ${cases[i]!.path} host ${cases[i]!.host}`;
  expect(sim.map((s, i) => [label(i), s])).toEqual(got.map((g, i) => [label(i), g]));
}

const ROUTES = `${DEFAULTS}
frontend fe
    bind @FRONTEND@
    acl host_api hdr(host) -i api.example.com
    acl host_exact hdr(host) Exact.example.com
    acl is_static path_beg /static /img
    acl is_static path_beg /assets
    acl admin path_beg /admin
    http-request deny if admin !{ hdr(x-admin) -m found }
    http-request return status 204 if { path /health }
    redirect location /new code 301 if { path /old }
    http-request redirect prefix https://secure.example.com if { hdr_beg(host) -i secure. }
    stats enable
    stats uri /stats
    use_backend api if host_api || host_exact
    use_backend static if is_static METH_GET
    use_backend b_%[req.hdr(host),lower,field(1,.)] if { hdr_end(host) -i .internal }
    use_backend api if { url_param(v) -m str 2 } or { query -m sub debug=1 }
    use_backend static if { path_end .css .js } !METH_POST
    use_backend api if { path_reg ^/v[0-9]+/ }
    use_backend static if { path_dir img2 }
    use_backend api if { hdr_dom(host) -i shop }
    use_backend api if { hdr_cnt(x-test) gt 1 }
    default_backend web

backend api
    server a1 @a1@
backend static
    balance first
    server s1 @s1@
    server s2 @s2@
    use-server s2 if { path_end .png }
backend b_intra
    server i1 @i1@
backend web
    server w1 @w1@
`;
const ROUTE_SERVERS = ['a1', 's1', 's2', 'i1', 'w1'];
const ROUTE_CASES: Case[] = [
  { method: 'GET', path: '/', host: 'api.example.com' },
  { method: 'GET', path: '/', host: 'API.Example.COM' },
  { method: 'GET', path: '/', host: 'exact.example.com' },
  { method: 'GET', path: '/', host: 'Exact.example.com' },
  { method: 'GET', path: '/', host: 'api.example.com:8080' },
  { method: 'GET', path: '/static/a.png', host: 'www.example.com' },
  { method: 'GET', path: '/assets/app', host: 'www.example.com' },
  { method: 'HEAD', path: '/img/x', host: 'www.example.com' },
  { method: 'POST', path: '/static/a.png', host: 'www.example.com' },
  { method: 'GET', path: '/STATIC/a', host: 'www.example.com' },
  { method: 'GET', path: '/admin/x', host: 'www.example.com' },
  { method: 'GET', path: '/admin/x', host: 'www.example.com', headers: { 'x-admin': '1' } },
  { method: 'GET', path: '/health', host: 'www.example.com' },
  { method: 'GET', path: '/old', host: 'www.example.com' },
  { method: 'GET', path: '/old?x=1', host: 'www.example.com' },
  { method: 'GET', path: '/', host: 'secure.example.com' },
  { method: 'GET', path: '/stats', host: 'www.example.com' },
  { method: 'GET', path: '/stats;csv', host: 'www.example.com' },
  { method: 'DELETE', path: '/stats', host: 'www.example.com' },
  { method: 'GET', path: '/', host: 'Intra.internal' },
  { method: 'GET', path: '/', host: 'nothere.internal' },
  { method: 'GET', path: '/q?a=1&v=2', host: 'www.example.com' },
  { method: 'GET', path: '/q?v=20', host: 'www.example.com' },
  { method: 'GET', path: '/q?x=1;v=2', host: 'www.example.com' },
  { method: 'GET', path: '/q?debug=1', host: 'www.example.com' },
  { method: 'GET', path: '/site.css', host: 'www.example.com' },
  { method: 'PUT', path: '/site.js', host: 'www.example.com' },
  { method: 'POST', path: '/site.js', host: 'www.example.com' },
  { method: 'GET', path: '/v2/users', host: 'www.example.com' },
  { method: 'GET', path: '/v/users', host: 'www.example.com' },
  { method: 'GET', path: '/a/img2/b', host: 'www.example.com' },
  { method: 'GET', path: '/a/img22/b', host: 'www.example.com' },
  { method: 'GET', path: '/', host: 'www.shop.example.com' },
  { method: 'GET', path: '/', host: 'www.shopping.example.com' },
  { method: 'GET', path: '/', host: 'www.example.com', headers: { 'x-test': 'a, b' } },
  { method: 'GET', path: '/', host: 'www.example.com', headers: { 'x-test': 'a' } },
];

const NO_DEFAULT = `${DEFAULTS}
frontend fe
    bind @FRONTEND@
    use_backend api if { hdr(host) -i api.example.com }
    use_backend empty if { path_beg /empty }
    use_backend %[req.hdr(host),lower] if { hdr_beg(host) -i dyn }
backend api
    server a1 @a1@
backend empty
backend dyn1
    server d1 @d1@
`;

describe.skipIf(!available)('routing against the real HAProxy 2.6.12 on 127.0.0.1', () => {
  let routes: RealHaproxy;
  let noDefault: RealHaproxy;
  beforeAll(async () => {
    routes = await startHaproxy(ROUTES, ROUTE_SERVERS);
    noDefault = await startHaproxy(NO_DEFAULT, ['a1', 'd1']);
  }, 20_000);
  afterAll(async () => {
    await routes?.stop();
    await noDefault?.stop();
  });

  it('ACL fetches and flags, use_backend order, log-format names, use-server, deny/return/redirect/stats', async () => {
    await compare(ROUTES, ROUTE_SERVERS, ROUTE_CASES, routes);
  }, 30_000);

  it('the client connection stays open after each answer HAProxy gives itself (deny, return, redirect, stats, 503)', async () => {
    const paths = ['/admin/x', '/health', '/old', '/stats', '/'];
    const real = await noDefault.sendKeepAlive([...paths.map((path) => ({ method: 'GET', path, headers: { host: 'www.example.com' } }))]);
    const realRoutes = await routes.sendKeepAlive(paths.slice(0, 4).map((path) => ({ method: 'GET', path, headers: { host: 'www.example.com' } })));
    expect(realRoutes.map((r) => [r.status, r.reused])).toEqual([[403, false], [204, true], [301, true], [200, true]]);
    expect(real.map((r) => r.status)).toEqual([503, 503, 503, 503, 503]);
    expect(real.every((r, i) => r.reused === i > 0)).toBe(true);
    // The simulation: one session for all of them (no reconnection, so no session A.2).
    const sim = runScenario(scenario(ROUTES, ROUTE_SERVERS, paths.slice(0, 4).map((path) => ({ method: 'GET', path, host: 'www.example.com' }))));
    expect(sim.report().requests.map((r) => [r.status, r.streamId])).toEqual([[403, 'A/1'], [204, 'A/1'], [301, 'A/1'], [200, 'A/1']]);
  }, 30_000);

  it('no default_backend: 503 when no rule matches; a backend without server: 503; a dynamic name resolves case by case, an unresolved one falls to the (absent) default: 503', async () => {
    await compare(NO_DEFAULT, ['a1', 'd1'], [
      { method: 'GET', path: '/', host: 'api.example.com' },
      { method: 'GET', path: '/', host: 'www.example.com' },
      { method: 'GET', path: '/empty', host: 'www.example.com' },
      { method: 'GET', path: '/', host: 'DYN1' },
      { method: 'GET', path: '/', host: 'dyn2' },
    ], noDefault);
  }, 30_000);
});
