/**
 * Routing checked against the real binary: Debian's HAProxy 2.6.12 started on 127.0.0.1 with
 * the same configuration as the scenario, each request sent to both; the backend server that
 * answered (or HAProxy itself) and the status must agree. Skipped when `haproxy` is absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../index';
import { compare, DEFAULTS, scenario, type Case } from './haproxy/compare-routing';
import { haproxyAvailable, startHaproxy, withHaproxy, type RealHaproxy } from './haproxy/harness';

const available = haproxyAvailable();
if (!available) console.warn('haproxy-routing.test: `haproxy` not found on PATH; the comparison with the real binary is skipped (apt-get install haproxy)');

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

/** Three frontends on their own ports: the port a client connects to chooses the frontend. */
const FRONTENDS = `${DEFAULTS}
frontend http
    bind @FRONTEND@
    http-request redirect scheme https code 301 unless { path_beg /.well-known/ }
    use_backend acme if { path_beg /.well-known/ }
frontend app
    bind @FRONTEND2@
    http-request deny if { path_beg /admin }
    use_backend api if { path_beg /api }
    default_backend web
frontend stats
    bind @FRONTEND3@
    stats enable
    stats uri /stats
backend acme
    server acme1 @acme1@
backend api
    server a1 @a1@
backend web
    server w1 @w1@
`;
const FRONTEND_SERVERS = ['acme1', 'a1', 'w1'];
const SIM_PORTS = ['*:80', '*:8080', '*:8404'];

/** Sends each case to its frontend (1, 2, 3) on both, the simulation's client using `open … to :PORT`. */
async function compareFrontends(cases: readonly (Case & { fe: number })[], real: RealHaproxy) {
  let text = FRONTENDS;
  SIM_PORTS.forEach((p, i) => (text = text.replaceAll(`@FRONTEND${i === 0 ? '' : i + 1}@`, p)));
  FRONTEND_SERVERS.forEach((s, i) => (text = text.replaceAll(`@${s}@`, `192.0.2.${10 + i}:80`)));
  // Client F1 without `to` (a plain client's default frontend: the first with a plain bind), F2, F3 with it.
  const opens = [`    open F1 h1`, `    open F2 h1 to :8080`, `    open F3 h1 to :8404`];
  const lines = cases.map((c) => `    F${c.fe} ${c.method} ${c.path} host ${c.host}`);
  const res = runScenario(`engine modern\n${text}\nscript\n${opens.join('\n')}\n${lines.join('\n')}\n`);
  expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const sim = res.report().requests.map((r) => ({ status: r.status, server: r.answeredBy ? null : r.server }));
  const got = [];
  for (const c of cases) {
    const r = await real.send({ method: c.method, path: c.path, headers: { host: c.host } }, c.fe);
    got.push({ status: r.status, server: r.server });
  }
  const label = (i: number) => `frontend ${cases[i]!.fe}: ${cases[i]!.method} ${cases[i]!.path}`;
  expect(sim.map((x, i) => [label(i), x])).toEqual(got.map((g, i) => [label(i), g]));
}

/**
 * tarpit and reject. The tarpit's wait is that of the proxy running the rule: the frontend here
 * has no `timeout tarpit` and inherits no `timeout connect` (a backend-only default), so it answers
 * at once; the backend inherits `timeout connect 1500ms` and holds the request that long.
 */
const TARPIT = `defaults
    mode http
    timeout connect 1500ms
    timeout client 5s
    timeout server 5s
frontend fe
    bind @FRONTEND@
    http-request tarpit if { path /tp }
    http-request tarpit deny_status 429 if { path /tp429 }
    http-request reject if { path /rj }
    default_backend b
backend b
    http-request tarpit if { path /btp }
    server w1 @w1@
`;

/** Pattern and map files: the real binary reads them from disk, the scenario from its `file` sections. */
const FILES: Readonly<Record<string, string>> = {
  'hosts.map': '# host to backend\napi.example.com   api\n  www.example.com\tweb  \nshop.example.com  shop\n',
  'paths.map': '/img  static\n/img/big  api\n/assets static\n',
  'blocked.lst': 'bad.example.com\nEvil.Example.com\n\n',
  'ends.map': '.css static\n.js api\n',
  'moves.map': '/old /new\n',
};
const WITH_FILES = `${DEFAULTS}
frontend fe
    bind @FRONTEND@
    acl blocked hdr(host) -i -f @FILES@/blocked.lst
    http-request deny if blocked
    http-request redirect code 301 location %[path,map_str(@FILES@/moves.map)] ignore-empty
    use_backend %[path,map_beg(@FILES@/paths.map)] if { path,map_beg(@FILES@/paths.map) -m found }
    use_backend %[path,map_end(@FILES@/ends.map,web)] if { path_beg /f/ }
    use_backend %[req.hdr(host),lower,map(@FILES@/hosts.map,web)]
backend api
    server a1 @a1@
backend static
    server s1 @s1@
backend web
    server w1 @w1@
`;
const FILE_CASES: Case[] = [
  { method: 'GET', path: '/', host: 'api.example.com' },
  { method: 'GET', path: '/', host: 'API.example.com' },
  { method: 'GET', path: '/', host: 'www.example.com' },
  { method: 'GET', path: '/', host: 'shop.example.com' },
  { method: 'GET', path: '/', host: 'other.example.com' },
  { method: 'GET', path: '/', host: 'bad.example.com' },
  { method: 'GET', path: '/', host: 'EVIL.example.com' },
  { method: 'GET', path: '/img/a.png', host: 'x' },
  { method: 'GET', path: '/img/big/a.png', host: 'x' },
  { method: 'GET', path: '/imgx', host: 'x' },
  { method: 'GET', path: '/assets/app.js', host: 'x' },
  { method: 'GET', path: '/f/site.css', host: 'x' },
  { method: 'GET', path: '/f/site.js', host: 'x' },
  { method: 'GET', path: '/f/site.html', host: 'x' },
  { method: 'GET', path: '/old', host: 'x' },
  { method: 'GET', path: '/older', host: 'x' },
];

/** HTTP basic authentication: a userlist with clear-text and hashed passwords, http_auth and http_auth_group. */
const AUTH = `${DEFAULTS}
userlist admins
    group dev
    group ops users carol
    user alice insecure-password s3cret groups dev
    user bob password $5$saltsalt$Jf0F0Uk3mXMrFwcIi6KyObv2BPMahOnzgjIU8xS9Wf.
    user carol insecure-password pw
frontend fe
    bind @FRONTEND@
    acl ok http_auth(admins)
    acl is_ops http_auth_group(admins) ops
    http-request auth realm Admin if { path_beg /admin } !ok
    http-request deny if { path_beg /ops } !is_ops
    http-request auth if { path_beg /login }
    stats uri /stats
    stats auth admin:pw
    stats auth other:x
    default_backend web
backend web
    server w1 @w1@
`;
const basic = (userPass: string) => ({ authorization: `Basic ${Buffer.from(userPass).toString('base64')}` });
const AUTH_CASES: Case[] = [
  { method: 'GET', path: '/admin', host: 'x' },
  { method: 'GET', path: '/admin', host: 'x', headers: basic('alice:s3cret') },
  { method: 'GET', path: '/admin', host: 'x', headers: basic('alice:wrong') },
  { method: 'GET', path: '/admin', host: 'x', headers: basic('nobody:s3cret') },
  { method: 'GET', path: '/admin', host: 'x', headers: { authorization: 'Bearer abc' } },
  { method: 'GET', path: '/ops', host: 'x', headers: basic('carol:pw') },
  { method: 'GET', path: '/ops', host: 'x', headers: basic('alice:s3cret') },
  { method: 'GET', path: '/login', host: 'x' },
  { method: 'GET', path: '/login', host: 'x', headers: basic('alice:s3cret') },
  { method: 'GET', path: '/', host: 'x' },
  { method: 'GET', path: '/stats', host: 'x' },
  { method: 'GET', path: '/stats', host: 'x', headers: basic('admin:pw') },
  { method: 'GET', path: '/stats', host: 'x', headers: basic('other:x') },
  { method: 'GET', path: '/stats', host: 'x', headers: basic('admin:nope') },
];

/** The scenario's file sections: each file's text, indented under `file /etc/haproxy/NAME`. */
function fileSections(files: Readonly<Record<string, string>>): string {
  return Object.entries(files)
    .map(([name, content]) => `file /etc/haproxy/${name}\n${content.split('\n').map((l) => `    ${l}`).join('\n')}\n`)
    .join('\n');
}

describe.skipIf(!available)('routing against the real HAProxy 2.6.12 on 127.0.0.1', () => {
  let routes: RealHaproxy;
  let noDefault: RealHaproxy;
  let fronts: RealHaproxy;
  let tarpit: RealHaproxy;
  beforeAll(async () => {
    routes = await startHaproxy(ROUTES, ROUTE_SERVERS);
    noDefault = await startHaproxy(NO_DEFAULT, ['a1', 'd1']);
    fronts = await startHaproxy(FRONTENDS, FRONTEND_SERVERS);
    tarpit = await startHaproxy(TARPIT, ['w1']);
  }, 20_000);
  afterAll(async () => {
    await routes?.stop();
    await noDefault?.stop();
    await fronts?.stop();
    await tarpit?.stop();
  });

  it('a frontend and a backend of the same name (accepted by 2.6.12): the frontend routes, the backend serves', async () => {
    const cfg = `${DEFAULTS}
frontend www
    bind @FRONTEND@
    use_backend api if { path_beg /api }
    default_backend www
backend www
    server w1 @w1@
backend api
    server a1 @a1@
`;
    await withHaproxy(cfg, ['w1', 'a1'], async (real) => {
      await compare(cfg, ['w1', 'a1'], [{ method: 'GET', path: '/api/x', host: 'h' }, { method: 'GET', path: '/', host: 'h' }], real);
    });
  }, 30_000);

  it('several frontends: each request is routed or answered by the frontend of the port it was sent to', async () => {
    await compareFrontends([
      { fe: 1, method: 'GET', path: '/x', host: 'www.example.com' },
      { fe: 1, method: 'GET', path: '/.well-known/t', host: 'www.example.com' },
      { fe: 1, method: 'GET', path: '/stats', host: 'www.example.com' },
      { fe: 2, method: 'GET', path: '/api/u', host: 'www.example.com' },
      { fe: 2, method: 'GET', path: '/', host: 'www.example.com' },
      { fe: 2, method: 'GET', path: '/admin', host: 'www.example.com' },
      { fe: 2, method: 'GET', path: '/stats', host: 'www.example.com' },
      { fe: 3, method: 'GET', path: '/stats', host: 'www.example.com' },
      { fe: 3, method: 'GET', path: '/', host: 'www.example.com' },
    ], fronts);
  }, 30_000);

  it('http-request tarpit answers 500 (or its deny_status), reject closes without a response; the client connection stays open after a tarpit', async () => {
    const paths = ['/tp', '/tp429', '/rj', '/x'];
    const real = [];
    for (const path of paths) real.push((await tarpit.send({ method: 'GET', path, headers: { host: 'h' } })).status);
    expect(real).toEqual([500, 429, 0, 200]);
    const kept = await tarpit.sendKeepAlive([{ method: 'GET', path: '/tp' }, { method: 'GET', path: '/x' }]);
    expect(kept.map((r) => [r.status, r.reused])).toEqual([[500, false], [200, true]]);

    const text = TARPIT.replace('@FRONTEND@', '*:80').replace('@w1@', '192.0.2.10:80');
    const res = runScenario(`engine modern\n${text}\nscript\n    open A h1\n${paths.map((p) => `    A GET ${p}`).join('\n')}\n    A GET /tp\n    A GET /x\n`);
    const reqs = res.report().requests;
    expect(reqs.map((r) => r.status ?? 0)).toEqual([...real, 500, 200]);
    // reject ends the connection (the next request reconnects: A.2); a tarpit keeps it (the last two share A.2).
    expect(reqs.map((r) => r.streamId)).toEqual(['A/1', 'A/1', 'A/1', 'A.2/1', 'A.2/1', 'A.2/1']);
  }, 30_000);

  it("the tarpit's wait: the backend's (timeout connect from defaults) holds the request, the frontend's (none) does not", async () => {
    // Sent together: the order of the answers says which one waited (1.5 s against none).
    const order: string[] = [];
    const track = (path: string) => tarpit.send({ method: 'GET', path, headers: { host: 'h' } }).then((r) => order.push(`${path} ${r.status}`));
    const held = track('/btp');
    await new Promise((r) => setTimeout(r, 100));
    await Promise.all([held, track('/tp'), track('/x')]);
    expect(order.indexOf('/btp 500')).toBe(2);

    const text = TARPIT.replace('@FRONTEND@', '*:80').replace('@w1@', '192.0.2.10:80');
    const res = runScenario(`engine modern\n${text}\nscript\n    open A h2\n    A GET /btp &\n    A GET /tp &\n    A GET /x &\n    await\n`);
    const done = res.trace.filter((e) => e.kind === 'request.done').map((e) => e.request);
    expect(done[2]).toBe('r1');
    const answers = res.trace.filter((e) => e.kind === 'answer').map((e) => [e.request, e.decision, e.t]);
    expect(answers).toEqual([['r2', 'H6', 0], ['r1', 'H6', 1_500_000]]);
  }, 30_000);

  it('pattern files (acl -f) and map files (map, map_beg, map_end) given in the scenario route as the files on disk do', async () => {
    await withHaproxy(WITH_FILES, ['a1', 's1', 'w1'], async (real) => {
      const cfg = `${WITH_FILES.replaceAll('@FILES@', '/etc/haproxy')}\n${fileSections(FILES)}`;
      await compare(cfg, ['a1', 's1', 'w1'], FILE_CASES, real);
      expect(runScenario(scenario(cfg, ['a1', 's1', 'w1'], FILE_CASES)).diagnostics).toEqual([]);
    }, FILES);
  }, 30_000);

  it('http-request use-service prometheus-exporter answers every method itself, 400 for a query it cannot parse; the backend serves the rest', async () => {
    const cfg = `${DEFAULTS}
frontend fe
    bind @FRONTEND@
    http-request use-service prometheus-exporter if { path_beg /metrics }
    default_backend be
backend be
    http-request use-service prometheus-exporter if { path /bm }
    server w1 @w1@
`;
    await withHaproxy(cfg, ['w1'], async (real) => {
      await compare(cfg, ['w1'], [
        { method: 'GET', path: '/metrics', host: 'h' },
        { method: 'DELETE', path: '/metrics/x', host: 'h' },
        { method: 'GET', path: '/metrics?scope=backend&scope=server&no-maint', host: 'h' },
        { method: 'GET', path: '/metrics?scope=none', host: 'h' },
        { method: 'GET', path: '/metrics?scope', host: 'h' },
        { method: 'GET', path: '/metrics?a=b=c', host: 'h' },
        { method: 'GET', path: '/metrics?x=%zz', host: 'h' },
        { method: 'GET', path: '/metrics?scope=glob%61l', host: 'h' },
        { method: 'GET', path: '/bm', host: 'h' },
        { method: 'GET', path: '/x', host: 'h' },
      ], real);
    });
  }, 30_000);

  it('monitor-uri (inherited from defaults) is answered before any rule, 200 or 503 with monitor fail; a frontend with its own compares the whole URI', async () => {
    const cfg = `${DEFAULTS}    monitor-uri /health
frontend fe
    bind @FRONTEND@
    acl down hdr(x-down) -m found
    monitor fail if down
    http-request deny if { path_beg /health }
    default_backend be
frontend fe2
    bind @FRONTEND2@
    monitor-uri http://h/ping
    default_backend be
backend be
    server w1 @w1@
`;
    await withHaproxy(cfg, ['w1'], async (real) => {
      await compare(cfg, ['w1'], [
        { method: 'GET', path: '/health', host: 'h' },
        { method: 'POST', path: '/health', host: 'h' },
        { method: 'GET', path: '/health', host: 'h', headers: { 'x-down': '1' } },
        { method: 'GET', path: '/health?x=1', host: 'h' },
        { method: 'GET', path: '/health/x', host: 'h' },
        { method: 'GET', path: '/', host: 'h' },
      ], real);
      // The client connection stays open after both answers (the next request reuses it), as in the engine.
      const kept = await real.sendKeepAlive([{ method: 'GET', path: '/health', headers: { host: 'h' } }, { method: 'GET', path: '/health', headers: { host: 'h', 'x-down': '1' } }, { method: 'GET', path: '/x', headers: { host: 'h' } }]);
      expect(kept.map((k) => [k.status, k.reused])).toEqual([[200, false], [503, true], [200, true]]);
      const sim = runScenario(scenario(cfg.replace(/@FRONTEND2@/g, '*:81'), ['w1'], [{ method: 'GET', path: '/health', host: 'h' }, { method: 'GET', path: '/health', host: 'h', headers: { 'x-down': '1' } }, { method: 'GET', path: '/x', host: 'h' }]));
      expect(sim.report().requests.map((q) => [q.status, q.streamId])).toEqual([[200, 'A/1'], [503, 'A/1'], [200, 'A/1']]);
      // The second frontend: the URI as sent (origin form) is not its absolute monitor-uri.
      const r = await real.send({ method: 'GET', path: '/ping', headers: { host: 'h' } }, 2);
      const res = runScenario(`engine modern\n${cfg.replace(/@FRONTEND@/g, '*:80').replace(/@FRONTEND2@/g, '*:81').replace('@w1@', '192.0.2.10:80')}\nscript\n    open B h1 to :81\n    B GET /ping\n`);
      expect(res.report().requests.map((q) => [q.status, q.answeredBy ? null : q.server])).toEqual([[r.status, r.server]]);
    });
  }, 30_000);

  it('sess. variables last as long as the client connection, proc. ones for every request after them, txn. ones for one request', async () => {
    const cfg = `${DEFAULTS}
frontend fe
    bind @FRONTEND@
    http-request set-var(sess.user) req.hdr(x-user) if { hdr(x-user) -m found }
    http-request set-var(txn.once) str(yes) if { hdr(x-user) -m found }
    http-request set-var(proc.seen) str(yes) if { path /mark }
    use_backend by_sess if { var(sess.user) -m str alice } !{ var(txn.once) -m found }
    use_backend by_proc if { var(proc.seen) -m found }
    default_backend web
backend by_sess
    server s1 @s1@
backend by_proc
    server p1 @p1@
backend web
    server w1 @w1@
`;
    const servers = ['s1', 'p1', 'w1'];
    await withHaproxy(cfg, servers, async (real) => {
      const first = await real.sendKeepAlive([
        { method: 'GET', path: '/a', headers: { host: 'h', 'x-user': 'alice' } },
        { method: 'GET', path: '/b', headers: { host: 'h' } },
        { method: 'GET', path: '/mark', headers: { host: 'h' } },
      ]);
      const second = await real.sendKeepAlive([{ method: 'GET', path: '/c', headers: { host: 'h' } }]);
      let text = cfg.replace(/@FRONTEND@/g, '*:80');
      servers.forEach((s, i) => (text = text.replaceAll(`@${s}@`, `192.0.2.${10 + i}:80`)));
      const res = runScenario(`engine modern\n${text}\nscript\n    open A h1\n    A GET /a host h header "x-user: alice"\n    A GET /b host h\n    A GET /mark host h\n    open B h1\n    B GET /c host h\n`);
      expect(res.diagnostics).toEqual([]);
      const sim = res.report().requests.map((q) => q.server);
      expect(sim).toEqual([...first, ...second].map((r) => r.server));
      // r1: txn.once is set, so not by_sess; r2, r3: the connection's sess.user; r4, a new connection: only proc.seen.
      expect(sim).toEqual(['w1', 's1', 's1', 'p1']);
    });
  }, 30_000);

  it('basic authentication: http_auth and http_auth_group against a userlist, http-request auth and stats auth answer as 2.6.12 does', async () => {
    await withHaproxy(AUTH, ['w1'], async (real) => {
      await compare(AUTH, ['w1'], AUTH_CASES, real);
    });
  }, 30_000);

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
