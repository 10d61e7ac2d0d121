/**
 * Server maxconn, the queues, `timeout queue` and `maxqueue` (src/queue.c, assign_server_and_queue
 * in src/backend.c) against Debian's HAProxy 2.6.12, where it is installed (CI installs it): which
 * server each request reaches, and which ones get 503, are the engine's. Skipped when `haproxy` is absent.
 */
import { describe, expect, it } from 'vitest';
import { haproxyInstalled as available, matchedRequests as verify } from './scenario-check';

describe.runIf(available)('server maxconn and the queues against haproxy', () => {
  it('every server full: the backend queue, served by the server that frees first', async () => {
    const real = await verify('maxconn-backend-queue.scenario');
    expect(real.map((q) => q.server)).toEqual(['s1', 's2', 's1', 's2']);
  }, 30_000);

  it('roundrobin skips the full servers', async () => {
    const real = await verify('maxconn-rr-skip.scenario');
    expect(real.map((q) => q.server)).toEqual(['s1', 's2', 's3', 's2', 's2', 's2']);
  }, 30_000);

  it('balance first fills a server up to its maxconn before the next', async () => {
    const real = await verify('maxconn-first.scenario');
    expect(real.map((q) => q.server)).toEqual(['s1', 's1', 's2', 's2', 's1']);
  }, 30_000);

  it('balance first takes the servers in order of their ids', async () => {
    const real = await verify('first-by-id.scenario');
    expect(real.map((q) => q.server)).toEqual(['s2', 's1']);
  }, 30_000);

  it('leastconn with maxconn, one HTTP/2 client', async () => {
    await verify('maxconn-leastconn-h2.scenario');
  }, 30_000);

  it('timeout queue: 503 for the requests that wait too long', async () => {
    const real = await verify('maxconn-timeout-queue.scenario');
    expect(real.map((q) => q.status)).toEqual([200, 503, 503]);
  }, 30_000);

  it('a queued request whose client leaves still goes to the server when a slot frees (mD6)', async () => {
    const real = await verify('maxconn-client-leaves.scenario');
    // r2 reached s1 on r1's connection, after r1's response, although B had left.
    expect(real[1]!.conn).toBe(real[0]!.conn);
  }, 30_000);

  it('minconn and fullconn: the limit grows with the requests in the backend, the ending one still counted', async () => {
    const real = await verify('minconn-fullconn.scenario');
    // B and C went on together when A ended (limit 2): B on A's idle connection, C on a new one; D after C.
    expect(new Set(real.map((q) => q.conn)).size).toBe(2);
    expect(real[3]!.sentAt).toBeLessThan(real[1]!.doneAt!);
  }, 30_000);

  it('fullconn not written: a tenth of the frontend\'s maxconn (the global one)', async () => {
    const real = await verify('minconn-default-fullconn.scenario');
    expect(real.map((q) => q.server)).toEqual(['s1', 's2', 's3', 's1', 's3', 's1', 's1', 's1']);
  }, 30_000);

  it('a frontend at its maxconn: the next connection waits in the backlog until a client leaves (FE1, FE2)', async () => {
    const real = await verify('frontend-maxconn.scenario');
    // B's request, sent at once, went on the connection A's request had left idle: HAProxy read it after A left.
    expect(real[1]!.conn).toBe(real[0]!.conn);
  }, 30_000);

  it('a global maxconn\'s descriptor threshold: no idle connection kept, the idle one closed before connecting (mI1, mI3)', async () => {
    const real = await verify('global-maxconn-fds.scenario');
    // Three requests, three connections: c1 closed when B connected, c2 not kept.
    expect(new Set(real.map((q) => q.conn)).size).toBe(3);
  }, 30_000);

  it('the threshold closes the oldest idle connection, not the safe one (2.6; 3.0 differs, docs/versions.md)', async () => {
    const real = await verify('global-maxconn-kill.scenario');
    // a's last request took c3: c2, the oldest idle, was closed for d's request, c1 (safe) kept but behind c3.
    expect(real[6]!.conn).toBe(real[4]!.conn);
  }, 30_000);

  it('a hash balance\'s request without its key goes round the servers, passing over a full one', async () => {
    const real = await verify('hash-nokey-maxconn.scenario');
    // D went to s2 at once, on the connection B left, not to s1 (held by A) after a wait.
    expect(real[3]!.conn).toBe(real[1]!.conn);
  }, 30_000);

  it('a client that leaves with a request in flight keeps its place under maxconn until that request ends', async () => {
    const real = await verify('frontend-maxconn-lingering.scenario');
    // B was accepted after A's response: its request took the connection A's request left.
    expect(real[1]!.conn).toBe(real[0]!.conn);
  }, 30_000);

  it('maxqueue: the request that finds the server queue full gets 503 at once', async () => {
    const real = await verify('maxconn-hash-maxqueue.scenario');
    expect(real.map((q) => q.status)).toEqual([200, 200, 503, 200]);
  }, 30_000);
});
