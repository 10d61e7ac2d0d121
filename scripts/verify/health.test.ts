/**
 * Health checks against Debian's HAProxy 2.6.12, where it is installed (CI installs it): the real
 * run sends each request where the engine says (scenarios/health-*.scenario), and what only the
 * real run shows holds too — a server whose checks fail stops taking requests, and takes them
 * again once they pass. The checks go to each emulated server's own check listener (`port N`), so
 * they are not counted as server connections. Skipped when `haproxy` is absent.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import type { RealTrace } from '../../core/verify/real-trace';
import { matchedRun } from './matched-run';

const available = spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;

const realRun = (name: string): Promise<RealTrace> => matchedRun(name, 5000);

const servers = (real: RealTrace) => real.requests.map((q) => q.server);

describe.runIf(available)('health checks against haproxy', () => {
  it('a server whose checks fail is marked DOWN and skipped; UP again once they pass', async () => {
    const real = await realRun('health-first.scenario');
    expect(servers(real)).toEqual(['s1', 's2', 's1']);
    expect(real.conns).toHaveLength(2);
  }, 30_000);

  it('roundrobin: a DOWN server leaves the wheel, and rejoins it where its weight places it', async () => {
    const real = await realRun('health-roundrobin.scenario');
    expect(servers(real).slice(4, 9).every((s) => s !== 's2')).toBe(true);
    expect(servers(real).slice(9)).toEqual(['s1', 's3', 's2', 's1', 's3', 's2']);
  }, 30_000);

  it('option httpchk: a server answering 401 fails its checks and takes no request', async () => {
    const real = await realRun('health-httpchk.scenario');
    expect(servers(real)).toEqual(['s1', 's1', 's1']);
  }, 30_000);

  it('every server DOWN: 503 at once, no connection tried', async () => {
    const real = await realRun('health-all-down.scenario');
    expect(real.requests.map((q) => q.status)).toEqual([200, 503, 200]);
    expect(real.requests[1]!.conn).toBeNull();
  }, 30_000);

  it("a check's connection counts in the pool's estimate: a second idle connection is kept", async () => {
    const real = await realRun('health-pool-estimate.scenario');
    expect(real.conns.filter((c) => c.server === 'be/s1' && c.requests.length > 0)).toHaveLength(2);
  }, 30_000);

  it('the first backup takes the requests while the only active server is DOWN', async () => {
    const real = await realRun('health-backup.scenario');
    expect(servers(real)).toEqual(['s1', 'b1', 'b1', 's1']);
  }, 30_000);

  it('http-check expect status 200: a server answering 503 serves 503s until its checks mark it DOWN, then rejoins', async () => {
    const real = await realRun('health-expect-status.scenario');
    expect(real.requests.map((q) => `${q.server} ${q.status}`)).toEqual(['s1 200', 's2 503', 's1 200', 's1 200', 's1 200', 's2 200']);
  }, 30_000);

  it('every expect rule must pass: a list of codes and ranges, an inverted regex', async () => {
    const real = await realRun('health-expect-rules.scenario');
    expect(real.requests.map((q) => `${q.server} ${q.status}`)).toEqual(['s1 200', 's2 404', 's1 200', 's2 404']);
  }, 30_000);

  it('a slow answer: the check times out after inter, unless timeout check gives it longer', async () => {
    const inter = await realRun('health-timeout-inter.scenario');
    expect(servers(inter)).toEqual(['s1', 's1', 's1']);
    const check = await realRun('health-timeout-check.scenario');
    expect(servers(check)).toEqual(['s1', 's2', 's1']);
  }, 60_000);

  it('observe layer7: error-limit 5xx answers in a row mark the server down (mark-down), or count as failed checks (fail-check)', async () => {
    const md = await realRun('health-observe-markdown.scenario');
    expect(md.requests.map((q) => `${q.server} ${q.status}`)).toEqual(['s1 200', 's2 503', 's1 200', 's2 503', 's1 200', 's1 200']);
    const fc = await realRun('health-observe-failcheck.scenario');
    expect(fc.requests.filter((q) => q.server === 's2').map((q) => q.status)).toEqual([503, 503, 503, 503, 503, 503]);
    expect(fc.requests.slice(12).map((q) => q.server)).toEqual(['s1', 's1']);
  }, 60_000);

  it('http-check disable-on-404: a 404 from the health page drains the server: its cookie clients still reach it, new ones go elsewhere', async () => {
    const real = await realRun('health-drain.scenario');
    expect(servers(real)).toEqual(['s1', 's2', 's1', 's2', 's1', 's1']);
  }, 30_000);

  it('track: a server with no checks of its own goes DOWN and UP with the one it tracks, in another backend', async () => {
    const real = await realRun('health-track.scenario');
    expect(servers(real)).toEqual(['api/s1', 'api/s2', 'api/s2', 'api/s2', 'web/s2', 'web/s2', 'api/s2', 'api/s1']);
  }, 30_000);

  it('on-marked-down shutdown-sessions: the request in flight on a server marked DOWN gets a 502, its connection closed', async () => {
    const real = await realRun('health-shutdown-sessions.scenario');
    expect(real.requests.map((q) => `${q.server} ${q.status}`)).toEqual(['s1 502', 's2 200', 's2 200', 's2 200']);
  }, 30_000);

  it('on-marked-up shutdown-backup-sessions: when s1 is UP again the request on the backup fails, and the next one goes to s1', async () => {
    const real = await realRun('health-marked-up-backup.scenario');
    expect(real.requests.map((q) => `${q.server} ${q.status}`)).toEqual(['b1 502', 'b1 200', 's1 200']);
  }, 30_000);

  it('on-marked-up in a configuration that routes (written as the user wrote it): the same', async () => {
    const real = await realRun('health-marked-up-backup-routed.scenario');
    expect(real.requests.map((q) => `${q.server} ${q.status}`)).toEqual(['b1 502', 'b1 200', 's1 200']);
  }, 30_000);

  it('mode tcp, leastconn and cookie persistence skip a DOWN server', async () => {
    const tcp = await realRun('health-tcp.scenario');
    expect(servers(tcp).slice(2, 4)).toEqual(['s2', 's2']);
    const lc = await realRun('health-leastconn.scenario');
    expect(servers(lc)).toEqual(['s1', 's2', 's3', 's2', 's1']);
    const ck = await realRun('health-cookie.scenario');
    expect(servers(ck)).toEqual(['s1', 's1', 's2', 's2', 's2']);
  }, 60_000);
});
