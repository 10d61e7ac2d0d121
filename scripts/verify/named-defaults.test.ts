/**
 * Named defaults against Debian's HAProxy 2.6.12, where it is installed (CI installs it): a backend
 * with `from never` keeps `http-reuse never` from the defaults it names although a later defaults
 * section says `always`, and a backend without `from` takes that last one
 * (scenarios/named-defaults.scenario); the rules of a named defaults section run before the
 * frontend's (scenarios/named-defaults-rules.scenario). Both also match 3.0.0 and 3.4.0. Verify writes the `from`
 * of each section line into the configuration it hands over. Skipped when `haproxy` is absent.
 */
import { describe, expect, it } from 'vitest';
import { haproxyInstalled as available, verifyScenario } from './scenario-check';

describe.runIf(available)('named defaults against haproxy', () => {
  it('a backend takes the defaults section it names with `from`, another the last one above', async () => {
    const r = await verifyScenario('named-defaults.scenario');
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
    if (r.kind !== 'compared') return;
    const connsOf = (s: string) => r.real.conns.filter((c) => c.server.endsWith(s) && c.requests.length > 0);
    // http-reuse never (from `never`): A and B each have their own connection to s1.
    expect(connsOf('s1')).toHaveLength(2);
    // http-reuse always (the last defaults): B takes A's idle connection to s2.
    expect(connsOf('s2')).toHaveLength(1);
  }, 30_000);

  it("a named defaults section's http-request rules run first, with its own ACLs", async () => {
    const r = await verifyScenario('named-defaults-rules.scenario');
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
    if (r.kind !== 'compared') return;
    // /x and /x/1 denied by the defaults' ACL; /y (the frontend's ACL of that name) and /z pass.
    expect(r.real.requests.map((q) => q.status)).toEqual([403, 200, 403, 200]);
  }, 30_000);
});
