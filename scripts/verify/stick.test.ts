/**
 * Stick tables (`stick-table`, `stick on|match|store-request`: U4, U5) against Debian's HAProxy
 * 2.6.12, where it is installed (CI installs it). Both scenarios match 3.4.0 too (docs/versions.md).
 */
import { describe, expect, it } from 'vitest';
import { haproxyInstalled as available, matchedRequests as verify } from './scenario-check';

describe.runIf(available)('stick tables against haproxy', () => {
  it('stick on src: a client address goes back to its server, and roundrobin keeps its turn', async () => {
    const real = await verify('stick-on-src.scenario');
    expect(real.map((q) => q.server)).toEqual(['s1', 's2', 's1', 's1', 's3', 's2']);
  }, 30_000);

  it('an entry unused for longer than expire is gone: the request is balanced again', async () => {
    const real = await verify('stick-expire.scenario');
    expect(real.map((q) => q.server)).toEqual(['s1', 's1', 's1', 's2']);
  }, 30_000);

  it("two backends' rules on a third proxy's table: an address stored by one finds the server of that name in the other", async () => {
    // The two backends' servers share names (s1, s2): four servers, four connections, none reused across backends.
    const real = await verify('stick-shared-table.scenario');
    expect(real.map((q) => q.server)).toEqual(['one/s1', 'one/s2', 'two/s2', 'two/s1']);
    expect(new Set(real.map((q) => q.conn)).size).toBe(4);
  }, 30_000);

  it('stick store-response res.cook(JSESSIONID): a session the server started stays on that server', async () => {
    const real = await verify('stick-store-response.scenario');
    expect(real.map((q) => q.server)).toEqual(['s1', 's2', 's1', 's1', 's2', 's1', 's2']);
  }, 30_000);
});
