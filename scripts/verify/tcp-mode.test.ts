/**
 * `mode tcp` against Debian's HAProxy 2.6.12, where it is installed (CI installs it): the real run
 * uses the server connections the engine says (scenarios/tcp-*.scenario), and what only a real run
 * shows holds too: a client that never sends still gets its server connection, every request of a
 * client connection rides that one connection, and no connection carries two clients' requests.
 * Skipped when `haproxy` is absent.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import type { RealTrace } from '../../core/verify/real-trace';
import { matchedRun } from './matched-run';

const available = spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;

const realRun = (name: string): Promise<RealTrace> => matchedRun(name, 3000);

/** Each server connection's sessions: the client connections whose requests it carried. */
function sessionsPerConn(real: RealTrace): string[][] {
  const sessionOf = new Map(real.requests.map((q) => [q.id, q.session]));
  return real.conns.map((c) => [...new Set(c.requests.map((id) => sessionOf.get(id)!))]);
}

describe.runIf(available)('mode tcp against haproxy', () => {
  it('connects each client connection when accepted, one connection for all its requests, none shared', async () => {
    const real = await realRun('tcp-mode.scenario');
    // A, B, E (no request) and C: four client connections, four server connections.
    expect(real.conns.length).toBe(4);
    expect(real.conns.filter((c) => c.requests.length === 0)).toHaveLength(1);
    const a = real.requests.filter((q) => q.session === 'A').map((q) => q.conn);
    expect(a).toHaveLength(3);
    expect(new Set(a).size).toBe(1);
    for (const sessions of sessionsPerConn(real)) expect(sessions.length).toBeLessThanOrEqual(1);
  }, 30_000);

  it('a server that closes closes the client connection; the next request is balanced again', async () => {
    const real = await realRun('tcp-server-close.scenario');
    expect(real.requests.find((q) => q.client === 'C')!.server).toBe('s3');
    const b = real.requests.filter((q) => q.client === 'B');
    expect(b.map((q) => q.session)).toEqual(['B', 'B', 'B.2']);
    expect(b[2]!.conn).not.toBe(b[0]!.conn);
  }, 30_000);

  it('timeout tunnel replaces the client and server timeouts once connected, and closes both sides when it passes', async () => {
    const real = await realRun('tcp-tunnel.scenario');
    expect(real.requests.map((q) => q.status)).toEqual([200, 200, null, 200]);
    expect(real.conns).toHaveLength(2);
    expect(real.conns[0]!.requests).toHaveLength(3);
  }, 30_000);

  it('tcp-request connection reject resets a connection unread; tcp-request content reject closes one without an answer', async () => {
    const real = await realRun('tcp-request-rules.scenario');
    const by = new Map(real.requests.map((q) => [q.id, q]));
    expect(by.get('r2')).toMatchObject({ conn: null, status: null });
    expect(by.get('r3')).toMatchObject({ session: 'B.2', status: 200 });
    // C's connections are reset before HAProxy reads a byte: no server ever sees its request.
    expect(by.get('r4')).toMatchObject({ conn: null, status: null });
    expect(real.conns.flatMap((c) => c.requests)).not.toContain('r4');
  }, 30_000);

  it('a backend\u2019s own tcp-request content rules reject at accept with no frontend written in front', async () => {
    const real = await realRun('tcp-backend-rules.scenario');
    expect(real.requests.map((q) => [q.client, q.status])).toEqual([['B', null], ['A', 200], ['C', 200]]);
    expect(real.conns).toHaveLength(2);
  }, 30_000);

  it('use-server reads the connection and names the server before load balancing', async () => {
    const real = await realRun('tcp-use-server.scenario');
    expect(real.requests.map((q) => [q.client, q.server])).toEqual([['A', 's2'], ['B', 's2'], ['C', 's1']]);
  }, 30_000);

  it('stick on src: read when a client connects, written as its connection is established', async () => {
    const real = await realRun('tcp-stick.scenario');
    expect(real.requests.map((q) => [q.session, q.server])).toEqual([['A', 's1'], ['B', 's2'], ['C', 's1'], ['A.2', 's1'], ['E', 's2'], ['G', 's1']]);
  }, 30_000);

  it('a refused connect is retried on the same server, and closed with no answer; option redispatch moves it', async () => {
    const plain = await realRun('tcp-retries-plain.scenario');
    expect(plain.requests.map((q) => [q.client, q.server, q.status])).toEqual([['A', null, null], ['B', 's2', 200]]);
    const moved = await realRun('tcp-retries-redispatch.scenario');
    expect(moved.requests.map((q) => [q.client, q.server, q.status])).toEqual([['A', 's2', 200], ['B', 's2', 200]]);
  }, 30_000);

  it('a tcp frontend hands its streams to an http backend, whose connections are reused', async () => {
    const real = await realRun('tcp-to-http.scenario');
    expect(real.conns).toHaveLength(1);
    expect(real.conns[0]!.requests).toHaveLength(3);
  }, 30_000);
});
