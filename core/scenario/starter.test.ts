import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkScenario } from './compile';
import { runScenario } from '../run';
import { ENGINE_HEAD, isBareHaproxyCfg, withStarterScript } from './starter';

const CFG = `global
    daemon
defaults
    mode http
frontend fe
    bind :80
    acl host_api hdr(host) -i api.example.com
    http-request deny if { path_beg /admin } !LOCALHOST
    http-request return status 200 if { path /ping }
    redirect prefix https://www.example.com code 302 if { hdr(host) -i example.com }
    use_backend api if host_api
    use_backend static if { path_end .css .js } METH_GET
    use_backend tls if { ssl_fc_sni -i pay.example.com }
    use_backend fromlan if { src 10.0.0.0/8 }
    use_backend b_%[req.hdr(host),lower,field(1,.)] if { hdr_end(host) -i .internal }
    use_backend q if { url_param(v) 2 }
    use_backend stats if { path_beg /admin-stats }
    default_backend web
backend api
    server a 192.0.2.1:80
backend static
    server s 192.0.2.2:80
backend tls
    server t 192.0.2.3:80
backend fromlan
    server l 192.0.2.4:80
backend b_intra
    server i 192.0.2.5:80
backend q
    server q1 192.0.2.6:80
backend stats
    stats enable
    stats uri /admin-stats
backend web
    server w 192.0.2.7:80
`;

describe('starter script for a bare haproxy.cfg', () => {
  it('only bare configurations get one; the configuration is kept verbatim', () => {
    expect(isBareHaproxyCfg(CFG)).toBe(true);
    expect(isBareHaproxyCfg(`${CFG}script\n  open A h1\n`)).toBe(false);
    expect(isBareHaproxyCfg('# notes\n')).toBe(false);
    const r = withStarterScript(CFG);
    // The configuration follows the engine line, unchanged: a haproxy.cfg runs on the 2.6 engine.
    expect(r.text.startsWith(`${ENGINE_HEAD}${CFG.trimEnd()}\n`)).toBe(true);
    expect(runScenario(r.text).engine).toBe('modern');
    expect(withStarterScript(r.text).text).toBe(r.text);
  });

  it('sends one request down each route: every backend is used and every answer of HAProxy shows', () => {
    const r = withStarterScript(CFG);
    expect(r.missed).toBe(0);
    const run = runScenario(r.text);
    expect(run.ok).toBe(true);
    const seen = run.report().requests.map((q) => q.answeredBy ? `${q.answeredBy} ${q.status}` : q.backend);
    expect(seen).toEqual([
      'http-request deny 403', 'http-request return 200', 'redirect 302',
      // The stats backend's page is reached by its use_backend rule, from loopback (the deny rule catches /admin*).
      'api', 'static', 'tls', 'fromlan', 'b_intra', 'q', 'stats 200', 'web',
    ]);
  });

  it('covers the routes of every frontend, each from a client that connects to it (tls for the ssl bind, to :PORT for another)', () => {
    const cfg = `defaults
    mode http
frontend http
    bind :80
    http-request redirect scheme https code 301 unless { path_beg /.well-known/ }
    use_backend acme if { path_beg /.well-known/ }
frontend https
    bind :::443 v4v6 ssl crt /etc/haproxy/site.pem
    use_backend api if { path_beg /api }
    default_backend web
frontend stats
    bind :8404
    stats enable
    stats uri /stats
backend acme
    server acme1 192.0.2.5:80
backend api
    server a1 192.0.2.10:80
backend web
    server w1 192.0.2.20:80
`;
    const r = withStarterScript(cfg);
    expect(r.missed).toBe(0);
    expect(r.text.split('script\n')[1]!.split('\n').filter((l) => l.includes('open '))).toEqual(['    open A h1', '    open B h1 tls', '    open C h1 to :8404']);
    const run = runScenario(r.text);
    expect(run.ok).toBe(true);
    const routed = run.trace.filter((e) => e.kind === 'route' || e.kind === 'answer').map((e) => `${e.frontend} ${e.backend ?? e.answeredBy}`);
    expect(routed).toEqual(['http http-request redirect', 'http acme', 'https api', 'https web', 'stats stats']);
  });
});

describe('starter scripts for the real-configuration corpus (core/test/configs)', () => {
  const dir = join(import.meta.dirname, '../test/configs/files');
  const files = readdirSync(dir).filter((f) => f.endsWith('.cfg'));
  it('every bare configuration that compiles runs with its starter script, each request ending where the starter aimed it', () => {
    let scripted = 0;
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      if (!isBareHaproxyCfg(text) || checkScenario(text).diagnostics.some((d) => d.severity === 'error')) continue;
      const s = withStarterScript(text);
      if (s.requests === 0) continue;
      scripted++;
      const run = runScenario(s.text);
      expect(run.ok, f).toBe(true);
      expect(run.report().requests.map((q) => q.answeredBy ?? q.backend), f).toEqual(s.outcomes);
    }
    // Most of the corpus gets a script (a configuration whose only frontend has no route gets none).
    expect(scripted).toBeGreaterThan(files.length / 2);
  });
});
