/**
 * The real run end to end, where Debian's haproxy is installed (CI installs it): emulated h1 and
 * h2 servers (one behind send-proxy), real h1 and h2 clients, use-server for `to SERVER`, a 401
 * with its challenge, and nothing left running afterwards. Only what does not depend on timing is
 * asserted: which server received each request, its status, that a closed client reconnects.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { checkScenario } from '../../core/scenario/compile';
import { freePort, haproxyVersion, startHaproxy } from './haproxy';
import { realRun } from './real-run';

const SCENARIO = `
backend be
    http-reuse safe
    server s1 127.0.0.1:8001 send-proxy
    server s2 127.0.0.1:8002 proto h2

servers
    s2 max-streams 2

script
    open A h1
    A GET /a1 to s1
    A GET /a2 to s2
    open B h2
    B GET /b1 to s2 -> 401 ntlm
    B GET /b2 to s1
    close A
    A GET /a3 to s1 close
`;

const available = spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;

describe.runIf(available)('a real run against haproxy', () => {
  it('records which server connection received each request, and leaves nothing behind', async () => {
    const c = checkScenario(SCENARIO, { engine: 'modern' });
    const t = await realRun(c.config, c.plan, { haproxy: 'haproxy', binary: haproxyVersion('haproxy'), scale: 1, limitMs: 5000, settleMs: 30, title: 'test' });
    expect(t.requests.map((r) => `${r.id}:${r.session}:${r.server}:${r.status}`)).toEqual([
      'r1:A:s1:200', 'r2:A:s2:200', 'r3:B:s2:401', 'r4:B:s1:200', 'r5:A.2:s1:200',
    ]);
    // Each request arrived on a connection its server accepted, and the connection lists it.
    for (const r of t.requests) expect(t.conns.find((x) => x.id === r.conn)?.requests).toContain(r.id);
    expect(t.conns.every((x) => x.server === x.id.split('.')[0])).toBe(true);
    expect(t.config).toContain('send-proxy');
    expect(t.crashed).toBeNull();
  });

  it('a client that closes sends none of the requests queued behind the one in flight', async () => {
    const text = `
backend be
    server s1 127.0.0.1:8001
script
    open A h1
    A GET /1 takes 200ms &
    A GET /2 &
    A GET /3 &
    wait 40ms
    close A
`;
    const c = checkScenario(text, { engine: 'modern' });
    const t = await realRun(c.config, c.plan, { haproxy: 'haproxy', binary: haproxyVersion('haproxy'), scale: 1, limitMs: 5000, settleMs: 30, title: 'test' });
    expect(t.requests.map((r) => `${r.id}:${r.conn === null ? '-' : r.server}:${r.error}`)).toEqual([
      'r1:s1:client closed its connection', 'r2:-:not sent: client connection closed', 'r3:-:not sent: client connection closed',
    ]);
    expect(t.conns).toHaveLength(1);
  });

  it('requests sent back to back by different clients reach HAProxy in the order of the script', async () => {
    // node's h2 client writes a little later than a plain socket: without the player's wait for
    // each request to reach its server, A's h1 request overtook C's and took s1 (gen-300036).
    const text = `
backend be
    balance roundrobin
    server s1 127.0.0.1:8001
    server s2 127.0.0.1:8002
script
    open C h2
    open A h1
    open B h1
    C GET /1 takes 100ms &
    A GET /2 takes 100ms &
    B GET /3 takes 100ms &
    await
`;
    const c = checkScenario(text, { engine: 'modern' });
    const t = await realRun(c.config, c.plan, { haproxy: 'haproxy', binary: haproxyVersion('haproxy'), scale: 1, limitMs: 5000, settleMs: 30, title: 'test' });
    expect(t.requests.map((r) => `${r.id}:${r.server}`)).toEqual(['r1:s1', 'r2:s2', 'r3:s1']);
  });

  it('stops haproxy and removes its directory; a configuration it rejects is an error, with its words', async () => {
    const port = await freePort();
    const h = await startHaproxy('haproxy', `defaults\n    mode http\nfrontend fe\n    bind 127.0.0.1:${port}\n`, port);
    expect(existsSync(h.dir)).toBe(true);
    h.stop();
    await h.gone; // bounded by vitest's timeout; SIGKILL ends it at once
    expect(existsSync(h.dir)).toBe(false);
    await expect(startHaproxy('haproxy', 'frontend fe\n    bind 127.0.0.1:1\n    no-such-keyword\n', 1)).rejects.toThrow(/haproxy rejected the configuration:[\s\S]*no-such-keyword/);
  });
});
