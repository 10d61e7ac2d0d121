/**
 * default-server lines against Debian's HAProxy 2.6.12, where it is installed (CI installs it):
 * their weight, backup and send-proxy are the servers' below them, and a server's own options undo
 * them (scenarios/default-server-options.scenario). Skipped when `haproxy` is absent.
 */
import { describe, expect, it } from 'vitest';
import { haproxyInstalled as available, verifyScenario } from './scenario-check';

describe.runIf(available)('default-server against haproxy', () => {
  it("weight, backup and send-proxy come from the default-server lines above a server; no-backup, no-send-proxy and weight undo them", async () => {
    const r = await verifyScenario('default-server-options.scenario');
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
    if (r.kind !== 'compared') return;
    const count = (s: string) => r.real.requests.filter((q) => q.server === s).length;
    // Weights 3 (from defaults), 1, 2 and 3 over 18 requests; the backup b1 takes none.
    expect([count('s1'), count('s2'), count('s3'), count('s4'), count('b1')]).toEqual([6, 2, 4, 6, 0]);
    // s4 sends a PROXY header (from the default-server line): A and B never share its connections; s3 does not.
    const connsOf = (s: string) => r.real.conns.filter((c) => c.server.endsWith(s) && c.requests.length > 0);
    expect(connsOf('s3')).toHaveLength(1);
    expect(connsOf('s4').length).toBeGreaterThan(1);
  }, 30_000);
});
