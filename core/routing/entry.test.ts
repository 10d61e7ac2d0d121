/**
 * Several frontends: the bind a client connects to fixes the frontend (core/routing/entry.ts),
 * chosen by `open … to :PORT|FRONTEND` or by `tls` (an ssl bind) — and the trace says which.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../index';
import { checkScenario } from '../scenario';
import { portsOf } from '../scenario/routing/binds';
import { entryFor } from './entry';

const CFG = `defaults
    mode http
    timeout connect 5s
    timeout client 5s
    timeout server 5s
frontend http
    bind :80
    http-request redirect scheme https code 301 unless { path_beg /.well-known/ }
    use_backend acme if { path_beg /.well-known/ }
frontend https
    bind :443 ssl crt /etc/haproxy/site.pem
    use_backend api if { path_beg /api } { dst_port 443 }
    default_backend web
frontend stats
    bind 127.0.0.1:8404,:9000-9001
    stats enable
    stats uri /stats
backend acme
    server acme1 192.0.2.5:80
backend api
    server a1 192.0.2.10:80
backend web
    server w1 192.0.2.20:80
`;

const run = (script: string) => runScenario(`engine modern\n${CFG}script\n${script}`);
const errors = (text: string) => checkScenario(text).diagnostics.filter((d) => d.severity === 'error');

describe('bind addresses (str2sa_range forms)', () => {
  it('reads ports, ranges, IPv6 and sockets', () => {
    expect(portsOf(':80')).toEqual([80, 80]);
    expect(portsOf('*:443')).toEqual([443, 443]);
    expect(portsOf('[::]:8443')).toEqual([8443, 8443]);
    expect(portsOf('ipv4@10.0.0.1:9000-9010')).toEqual([9000, 9010]);
    expect(portsOf('/run/haproxy.sock')).toBeNull();
    expect(portsOf('unix@/run/h.sock')).toBeNull();
    expect(portsOf('"${PORT}"')).toBeNull();
  });
});

describe('which frontend a connection enters', () => {
  const routing = checkScenario(CFG).config.routing!;
  it('a plain client enters the plain bind, a TLS client the ssl bind, by default', () => {
    expect(entryFor(routing, { tls: false, to: null })).toMatchObject({ proxy: 'http', port: 80 });
    expect(entryFor(routing, { tls: true, to: null })).toMatchObject({ proxy: 'https', port: 443 });
  });
  it('`to` names a port (any address form, inside a range) or a frontend', () => {
    expect(entryFor(routing, { tls: false, to: ':8404' })).toMatchObject({ proxy: 'stats', port: 8404 });
    expect(entryFor(routing, { tls: false, to: '127.0.0.1:9001' })).toMatchObject({ proxy: 'stats', port: 9001 });
    expect(entryFor(routing, { tls: false, to: 'stats' })).toMatchObject({ proxy: 'stats', port: 8404 });
    expect(entryFor(routing, { tls: true, to: 'https' })).toMatchObject({ proxy: 'https', port: 443 });
  });
  it('an unknown port or frontend, or TLS against a plain bind (and the reverse), is an error', () => {
    expect(entryFor(routing, { tls: false, to: ':8080' })).toMatchObject({ error: 'unknown-port', port: 8080 });
    expect(entryFor(routing, { tls: false, to: 'htps' })).toMatchObject({ error: 'unknown-frontend' });
    expect(entryFor(routing, { tls: false, to: ':443' })).toMatchObject({ error: 'needs-tls', frontend: 'https' });
    expect(entryFor(routing, { tls: true, to: ':80' })).toMatchObject({ error: 'no-tls', frontend: 'http' });
  });
  it('a single frontend without bind takes every client, whatever its port (old scenarios keep their meaning)', () => {
    const r = checkScenario('frontend fe\n    default_backend b\nbackend b\n    server s 192.0.2.9:80\n').config.routing!;
    expect(entryFor(r, { tls: true, to: null })).toMatchObject({ proxy: 'fe', port: 443 });
    expect(entryFor(r, { tls: false, to: ':8080' })).toMatchObject({ proxy: 'fe', port: 8080 });
  });
});

describe('a script reaches every frontend', () => {
  it('each request is routed or answered by the frontend its connection entered, and the trace names it', () => {
    const res = run(`    open A h1
    open B h2 tls sni www.example.com
    open C h1 to :8404
    A GET /x
    A GET /.well-known/t
    B GET /api/u
    B GET /
    C GET /stats
`);
    expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const routed = res.trace.filter((e) => e.kind === 'route' || e.kind === 'answer').map((e) => [e.request, e.frontend, e.backend ?? e.answeredBy, e.status ?? null]);
    expect(routed).toEqual([
      ['r1', 'http', 'http-request redirect', 301],
      ['r2', 'http', 'acme', null],
      ['r3', 'https', 'api', null], // dst_port is the ssl bind's 443
      ['r4', 'https', 'web', null],
      ['r5', 'stats', 'stats', 200],
    ]);
  });
  it('located errors for `to` with an unknown port or frontend, or a plain client sent to an ssl bind', () => {
    const text = `${CFG}script\n    open A h1 to :8080\n    open B h1 to htps\n    open C h1 to :443\n`;
    const es = errors(text);
    const lines = text.split('\n');
    const at = (n: string) => lines.findIndex((l) => l.includes(n)) + 1;
    expect(es.map((e) => [e.line, e.column, e.message.split(';')[0]])).toEqual([
      [at('to :8080'), 18, 'no frontend binds port 8080'],
      [at('to htps'), 18, "unknown frontend 'htps'"],
      [at('to :443'), 18, "frontend 'https' listens with ssl (line 11: bind :443 ssl crt /etc/haproxy/site.pem): a plain connection cannot talk to it"],
    ]);
    expect(es[0]!.message).toContain(':80 (http), :443 (https, ssl), :8404 (stats), :9000-9001 (stats)');
    expect(es[1]!.suggestion).toBe('https');
  });
  it('`to` is kept when the script is printed again (share links)', async () => {
    const { parseScenario, printScenario } = await import('../scenario');
    const { ast } = parseScenario(`${CFG}script\n    open C h1 from 10.0.0.1 tls to https\n`);
    expect(printScenario(ast)).toContain('open C h1 from 10.0.0.1 tls to https');
  });
});
