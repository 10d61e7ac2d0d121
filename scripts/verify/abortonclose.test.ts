/**
 * `option abortonclose` (mD8) against Debian's HAProxy 2.6.12, where it is installed (CI installs
 * it): which client closes HAProxy sees, and what becomes of the request and of its server
 * connection. The same scenarios match 2.8.0, 3.0.0 and 3.2.0 under their engines (docs/versions.md).
 */
import { describe, expect, it } from 'vitest';
import { haproxyInstalled as available, matchedRequests as verify } from './scenario-check';

describe.runIf(available)('option abortonclose against haproxy', () => {
  it('an HTTP/2 client that leaves while queued: its request leaves the queue and reaches no server', async () => {
    const real = await verify('abortonclose-queue-h2.scenario');
    expect(real[1]!.server).toBeNull();
    // A's next request reuses A's connection: nothing else went over it.
    expect(real[2]!.conn).toBe(real[0]!.conn);
  }, 30_000);

  it('an HTTP/2 client that leaves with its request at the server: that connection is closed, not reused', async () => {
    const real = await verify('abortonclose-inflight-h2.scenario');
    expect(real[3]!.conn).toBe(real[2]!.conn);
    expect(real[3]!.conn).not.toBe(real[1]!.conn);
  }, 30_000);

  it('an HTTP/1 client, the option in the backend only: 2.6 does not see the close, the connection is reused', async () => {
    const real = await verify('abortonclose-h1.scenario');
    expect(real[3]!.conn).toBe(real[1]!.conn);
  }, 30_000);

  it('an HTTP/1 client, the option in defaults (the frontend has it too): the connection is closed', async () => {
    const real = await verify('abortonclose-h1-defaults.scenario');
    expect(real[3]!.conn).not.toBe(real[1]!.conn);
  }, 30_000);

  it('an HTTP/2 server connection under aggressive: pooled after A left, reused by A.2 (2.6: after the response, mD6)', async () => {
    const real = await verify('abortonclose-h2-server-pooled.scenario');
    expect(real[3]!.conn).toBe(real[1]!.conn);
  }, 30_000);

  it('an HTTP/2 server connection loses only the stream: it goes on serving the other client', async () => {
    const real = await verify('abortonclose-h2-server.scenario');
    expect(new Set(real.map((q) => q.conn)).size).toBe(1);
  }, 30_000);
});
