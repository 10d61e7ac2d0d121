/**
 * "Your config, your version" against the real binary, where Debian's haproxy is installed (CI
 * installs it): real configurations from core/test/configs/files/ (origins in the scenarios'
 * headers) run as written, on loopback. The engine and HAProxy must agree on every request's
 * server (or HAProxy's own answer) and status; the same scenario with the configuration derived
 * from SimConfig loses the routing and differs. Skipped when `haproxy` is absent.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { haproxyVersion } from './haproxy';
import { verifyText, type VerifyOptions } from './verify-one';

const available = spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;
if (!available) console.warn('own-config.test: `haproxy` not found on PATH; the real runs are skipped (apt-get install haproxy)');

const DIR = join(__dirname, 'scenarios', 'own-config');
const opts = (): VerifyOptions => ({ haproxy: 'haproxy', binary: haproxyVersion('haproxy'), scale: 1, limitMs: 3000, settleMs: 50, tieMs: 8 });
const servers = (r: Awaited<ReturnType<typeof verifyText>>) =>
  r.kind === 'compared' ? r.real.requests.map((q) => `${q.id} ${q.server ?? 'haproxy'} ${q.status}`) : r.messages;

describe.runIf(available)("a scenario's own configuration against haproxy", () => {
  it('checks basic credentials against a userlist, http-request auth and stats auth, as the engine does', async () => {
    const text = readFileSync(join(DIR, 'basic-auth.scenario'), 'utf8');
    const r = await verifyText(text, 'basic-auth.scenario', opts());
    expect(servers(r)).toEqual(['r1 haproxy 401', 'r2 w1 200', 'r3 haproxy 401', 'r4 w1 200', 'r5 haproxy 403', 'r6 haproxy 200', 'r7 w1 200']);
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
  }, 30_000);

  it('routes by Host and path, serves stats, as the engine does (content-sw-sample)', async () => {
    const text = readFileSync(join(DIR, 'content-switching.scenario'), 'utf8');
    const r = await verifyText(text, 'content-switching.scenario', opts());
    expect(r.kind === 'compared' && r.real.config).toContain('use_backend     static if { hdr_beg(host) -i img }'.replace(/ +/g, ' '));
    expect(servers(r)).toEqual([
      'r1 statsrv1 200', 'r2 statsrv2 200', 'r3 dynsrv1 200', 'r4 statsrv1 200',
      'r5 dynsrv2 200', 'r6 haproxy 200', 'r7 statsrv2 200', 'r8 statsrv1 200', 'r9 statsrv1 200',
    ]);
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
  }, 30_000);

  it('reads map files written from `file` sections, and set-var/var() carry a value from the frontend to the backend (map_redirect regression test)', async () => {
    const text = readFileSync(join(DIR, 'map-redirect.scenario'), 'utf8');
    const r = await verifyText(text, 'map-redirect.scenario', opts());
    expect(servers(r)).toEqual([
      'r1 haproxy 301', 'r2 haproxy 301', 'r3 haproxy 301', 'r4 haproxy 403', 'r5 haproxy 301', 'r6 haproxy 403', 'r7 haproxy 403',
      'r8 s1 200', 'r9 s2 200', 'r10 s3 200', 'r11 s1 200', 'r12 s4 200', 'r13 s1 200',
    ]);
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
  }, 30_000);

  it('gives each client the frontend it enters (several frontends without bind lines)', async () => {
    const text = readFileSync(join(DIR, 'ingress-frontends.scenario'), 'utf8');
    const r = await verifyText(text, 'ingress-frontends.scenario', opts());
    expect(servers(r)).toEqual(['r1 haproxy 503', 'r2 haproxy 200', 'r3 haproxy 503', 'r4 haproxy 200', 'r5 haproxy 503', 'r6 haproxy 200']);
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
  }, 30_000);

  it('adds a frontend to a configuration without one; use-server rules read path and headers (h1 and h2)', async () => {
    const text = readFileSync(join(DIR, 'backend-use-server.scenario'), 'utf8');
    const r = await verifyText(text, 'backend-use-server.scenario', opts());
    expect(servers(r)).toEqual(['r1 s2 200', 'r2 s2 200', 'r3 s1 200', 'r4 s1 200', 'r5 s2 200', 'r6 s1 200', 'r7 s2 200']);
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
  }, 30_000);

  it('a bind line\'s maxconn holds its own listening socket: b waits behind a, c on the other port does not', async () => {
    const text = readFileSync(join(DIR, 'bind-maxconn.scenario'), 'utf8');
    const r = await verifyText(text, 'bind-maxconn.scenario', opts());
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
    if (r.kind !== 'compared') return;
    // b's request, sent while a's was in flight, went on a's connection: HAProxy read it after a left.
    const byId = new Map(r.real.requests.map((q) => [q.id, q]));
    expect(byId.get('r2')!.conn).toBe(byId.get('r1')!.conn);
    expect(byId.get('r3')!.conn).not.toBe(byId.get('r1')!.conn);
  }, 30_000);

  it('routes on what the http-request rewrites leave (set-path, set-header, del-header, replace-path), reusing connections as the engine does', async () => {
    const text = readFileSync(join(DIR, 'rewrites.scenario'), 'utf8');
    const r = await verifyText(text, 'rewrites.scenario', opts());
    expect(servers(r)).toEqual(['r1 a1 200', 'r2 a1 200', 'r3 b1 200', 'r4 w1 200', 'r5 w1 200', 'r6 a1 200']);
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
  }, 30_000);

  it('routes on the cookie HAProxy set (req.cook): a client\'s later requests, h1 and h2, bring it back', async () => {
    const text = readFileSync(join(DIR, 'cookie-acl.scenario'), 'utf8');
    const r = await verifyText(text, 'cookie-acl.scenario', opts());
    expect(servers(r)).toEqual(['r1 f1 200', 'r2 f2 200', 'r3 k1 200', 'r4 k2 200', 'r5 k1 200']);
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
  }, 30_000);

  it('with the configuration derived from SimConfig instead, the routing is lost and verify says so', async () => {
    const text = readFileSync(join(DIR, 'content-switching.scenario'), 'utf8');
    const r = await verifyText(text, 'content-switching.scenario', { ...opts(), cfg: 'derived' });
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('difference');
  }, 30_000);
});
