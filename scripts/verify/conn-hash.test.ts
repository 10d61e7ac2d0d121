/**
 * A connection's reuse hash against Debian's HAProxy 2.6.12, where it is installed (CI installs
 * it): `sni req.hdr(host)` pools connections by Host (a build with OpenSSL: Debian's), `usesrc
 * clientip` binds each one to its client connection (TPROXY, and CAP_NET_ADMIN here). Each suite is
 * skipped where what it needs is missing. The engine's side: core/engines/conn-hash.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { haproxyFeatures, mayBindTransparent } from './haproxy';
import { haproxyInstalled, matchedRequests } from './scenario-check';

const features = haproxyInstalled ? haproxyFeatures('haproxy') : new Set<string>();

describe.runIf(features.has('OPENSSL'))('sni against haproxy', () => {
  it('sni req.hdr(host): a connection serves only requests for its Host, from any client', async () => {
    const real = await matchedRequests('sni-pools.scenario');
    const hostOf = ['a', 'b', 'b', 'a', 'a'];
    const byConn = new Map<string, Set<string>>();
    real.forEach((q, i) => byConn.set(q.conn!, (byConn.get(q.conn!) ?? new Set()).add(hostOf[i]!)));
    for (const hosts of byConn.values()) expect(hosts.size).toBe(1);
    // B's a.example request takes A's connection: not private, only pooled by SNI.
    expect(real[3]!.conn).toBe(real[0]!.conn);
  }, 30_000);
});

describe.runIf(features.has('TPROXY') && mayBindTransparent())('usesrc against haproxy', () => {
  it('usesrc clientip at 2.6: each client connection keeps its own server connection, even with http-reuse always', async () => {
    const real = await matchedRequests('usesrc-clientip.scenario');
    expect(real.map((q) => q.conn === real[0]!.conn)).toEqual([true, false, true, false]);
  }, 30_000);
});
