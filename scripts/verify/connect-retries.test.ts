/**
 * Connection retries (C3) against Debian's HAProxy 2.6.12, where it is installed (CI installs it):
 * a refused attempt is retried after a turn-around, so a client that leaves in between never gets
 * the 503; with `retries 0` it gets it at once. Skipped when `haproxy` is absent.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { haproxyVersion } from './haproxy';
import { verifyText, type VerifyOptions } from './verify-one';

const available = spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;
const opts = (): VerifyOptions => ({ haproxy: 'haproxy', binary: haproxyVersion('haproxy'), scale: 1, limitMs: 3000, settleMs: 50, tieMs: 8 });
const TEXT = readFileSync(join(__dirname, 'scenarios', 'connect-retries.scenario'), 'utf8');
const statuses = (r: Awaited<ReturnType<typeof verifyText>>) =>
  r.kind === 'compared' ? r.real.requests.map((q) => `${q.id} ${q.status ?? 'none'}`) : r.messages;

describe.runIf(available)('connection retries against haproxy', () => {
  it('a refused connection is still being retried when its client leaves: no 503, as in the engine', async () => {
    const r = await verifyText(TEXT, 'connect-retries.scenario', opts());
    expect(statuses(r)).toEqual(['r1 none', 'r2 200', 'r3 200']);
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
  }, 30_000);

  it("after HAProxy's own 503 the client's next request is not its first: it takes another session's idle connection", async () => {
    const text = readFileSync(join(__dirname, 'scenarios', 'after-503-not-first.scenario'), 'utf8');
    const r = await verifyText(text, 'after-503-not-first.scenario', opts());
    expect(statuses(r)).toEqual(['r1 503', 'r2 200', 'r3 200']);
    expect(r.kind === 'compared' && r.real.conns.length).toBe(1);
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
  }, 30_000);

  it('with retries 0 the 503 comes at once, as in the engine', async () => {
    const text = TEXT.replace('    timeout connect 300ms\n', '    timeout connect 300ms\n    retries 0\n');
    const r = await verifyText(text, 'connect-retries.scenario', opts());
    expect(statuses(r)).toEqual(['r1 503', 'r2 200', 'r3 200']);
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
  }, 30_000);

  const REDISPATCH = `engine modern
defaults
    mode http
    timeout connect 300ms
    timeout server 5s
    timeout client 5s
backend be
    balance roundrobin
    option redispatch
    server s1 192.0.2.1:80
    server s2 192.0.2.2:80
servers
    s1 refuse
    s2 response-time 10ms
script
    open A h1
    A GET /a
    A GET /b
    A GET /c
`;
  const servers = (r: Awaited<ReturnType<typeof verifyText>>) =>
    r.kind === 'compared' ? r.real.requests.map((q) => `${q.id} ${q.server ?? 'none'} ${q.status ?? 'none'}`) : r.messages;

  it('option redispatch: under roundrobin with two servers up, each refused attempt is retried at once on the next server, as in the engine', async () => {
    const r = await verifyText(REDISPATCH, 'redispatch.scenario', opts());
    expect(servers(r)).toEqual(['r1 s2 200', 'r2 s2 200', 'r3 s2 200']);
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
  }, 30_000);

  it('without it, the retries stay on the refusing server: 503, and roundrobin sends the next request to the other one', async () => {
    const r = await verifyText(REDISPATCH.replace('    option redispatch\n', ''), 'no-redispatch.scenario', opts());
    expect(servers(r)).toEqual(['r1 none 503', 'r2 s2 200', 'r3 none 503']);
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
  }, 30_000);
});
