/**
 * http-request rules that change the request (set-header, add-header, del-header, set-path,
 * set-query, set-uri, set-method, replace-path, replace-uri) checked against Debian's HAProxy
 * 2.6.12: the backend each request reaches (the rules after a rewrite, use_backend and the
 * backend read the changed request) and the method and URI its server receives, which the
 * simulation's H8 notes must name. Skipped when `haproxy` is absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../index';
import { compare, DEFAULTS, scenario, type Case } from './haproxy/compare-routing';
import { haproxyAvailable, startHaproxy, type RealHaproxy } from './haproxy/harness';

const available = haproxyAvailable();

const REWRITES = `${DEFAULTS}
frontend fe
    bind @FRONTEND@
    http-request set-path /v2%[path] if { path_beg /old }
    http-request set-header X-Route api if { path_beg /v2 }
    http-request del-header X-Drop
    http-request del-header x-strip- -m beg
    http-request add-header X-Added yes if { hdr(x-want-added) -m found }
    http-request set-query lang=fr if { path /q }
    http-request set-query %[url_param(keep)] if { path /only }
    http-request replace-path ^/shop/(.*)$ /store/\\1
    http-request set-header Host internal.example.com if { path_beg /internal }
    http-request set-method POST if { path /m } || { path /m2 }
    http-request set-uri http://uri.example.com/u?x=1 if { path /seturi }
    http-request set-pathq /pq?a=b if { path /pathq }
    http-request replace-header X-Env ^stag(ing)?$ prod\\1
    http-request replace-value X-List ^b(.*)$ z\\1
    http-request deny if { hdr(x-drop) -m found } || { hdr_cnt(x-strip-me) gt 0 }
    use_backend static if { hdr(x-env) proding }
    use_backend api if { hdr(x-list) zz }
    use_backend api if { hdr(x-route) api }
    use_backend static if { path_beg /store }
    use_backend api if { hdr(host) -i internal.example.com }
    use_backend static if { query -m sub lang=fr }
    use_backend api if METH_POST
    use_backend static if { hdr(host) uri.example.com }
    use_backend api if { hdr(x-added) yes }
    default_backend web

backend api
    http-request replace-uri ^/v2/(.*) /api/\\1
    server a1 @a1@
backend static
    server s1 @s1@
backend web
    server w1 @w1@
`;
const SERVERS = ['a1', 's1', 'w1'];

const CASES: Case[] = [
  { method: 'GET', path: '/old/x?y=1', host: 'h' },
  { method: 'GET', path: '/v2/direct', host: 'h' },
  { method: 'GET', path: '/plain', host: 'h', headers: { 'x-drop': '1', 'x-strip-me': '2' } },
  { method: 'GET', path: '/plain', host: 'h', headers: { 'x-want-added': '1' } },
  { method: 'GET', path: '/q', host: 'h' },
  { method: 'GET', path: '/q?a=1', host: 'h' },
  { method: 'GET', path: '/only?keep=k1&z=2', host: 'h' },
  { method: 'GET', path: '/only?z=2', host: 'h' },
  { method: 'GET', path: '/shop/cart?id=3', host: 'h' },
  { method: 'GET', path: '/shopping', host: 'h' },
  { method: 'GET', path: '/internal/a', host: 'h' },
  { method: 'GET', path: '/m', host: 'h' },
  // PATCH is none of the methods HAProxy knows by number: the method fetch then reads the new start line.
  { method: 'PATCH', path: '/m2', host: 'h' },
  { method: 'GET', path: '/seturi', host: 'h' },
  { method: 'GET', path: '/pathq?old=1', host: 'h' },
  { method: 'GET', path: '/rh', host: 'h', headers: { 'x-env': 'staging' } },
  { method: 'GET', path: '/rh', host: 'h', headers: { 'x-env': 'stage' } },
  { method: 'GET', path: '/rv', host: 'h', headers: { 'x-list': 'a, bz ,"b,c",b' } },
];

/** Per request of the simulation: the method and URI after its H8 notes (the script's when none). */
function simSeen(cfg: string, cases: readonly Case[]): { method: string; uri: string }[] {
  const res = runScenario(scenario(cfg, SERVERS, cases));
  return res.report().requests.map((r, i) => {
    let method = cases[i]!.method;
    let uri = cases[i]!.path;
    for (const e of res.trace) {
      if (e.kind !== 'note' || e.decision !== 'H8' || e.request !== r.id) continue;
      const what = /^request \S+: (.*) \(line \d+ of /.exec(e.message)![1]!;
      if (what.startsWith('URI ')) uri = what.slice(4);
      if (what.startsWith('method ')) method = what.slice(7);
    }
    return { method, uri };
  });
}

describe.skipIf(!available)('request rewriting against the real HAProxy 2.6.12 on 127.0.0.1', () => {
  let real: RealHaproxy;
  beforeAll(async () => {
    real = await startHaproxy(REWRITES, SERVERS);
  }, 20_000);
  afterAll(async () => {
    await real?.stop();
  });

  it('routes each rewritten request to the backend 2.6.12 chooses', async () => {
    await compare(REWRITES, SERVERS, CASES, real);
  }, 30_000);

  it('the method and URI the server receives are those the H8 notes end with', async () => {
    const got = [];
    for (const c of CASES) {
      const r = await real.send({ method: c.method, path: c.path, headers: { host: c.host, ...(c.headers ?? {}) } });
      got.push(r.seen ? { method: r.seen.method, uri: r.seen.uri } : null);
    }
    // set-uri to an absolute URI: HAProxy sends the server that absolute form (h1 keeps it).
    expect(simSeen(REWRITES, CASES)).toEqual(got);
  }, 30_000);

  it('replace-value rewrites each comma-separated value and keeps the separators, as the server then receives them', async () => {
    const c = CASES[CASES.length - 1]!;
    const r = await real.send({ method: c.method, path: c.path, headers: { host: c.host, ...(c.headers ?? {}) } });
    const raw = r.seen!.headers;
    const seen: string[] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i]!.toLowerCase() === 'x-list') seen.push(raw[i + 1]!);
    const res = runScenario(scenario(REWRITES, SERVERS, [c]));
    const notes = res.trace.flatMap((e) => (e.kind === 'note' && e.decision === 'H8' ? [e.message] : []));
    const note = notes.find((m) => m.includes('X-List'));
    expect(note && /^request \S+: X-List: (.*) \(line \d+ of /.exec(note)![1]).toBe(seen.join(', '));
  }, 30_000);
});

describe('request rewriting in the simulation', () => {
  it('reads its rules without warnings or errors', () => {
    const res = runScenario(scenario(REWRITES, SERVERS, CASES));
    expect(res.diagnostics).toEqual([]);
  });
});
