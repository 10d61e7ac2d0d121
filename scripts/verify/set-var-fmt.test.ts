/**
 * http-request set-var-fmt against Debian's HAProxy 2.6.12, where it is installed (CI installs it):
 * a variable built from a log-format routes the request (scenarios/set-var-fmt.scenario; it also
 * matches 3.4.0). Skipped when `haproxy` is absent.
 */
import { describe, expect, it } from 'vitest';
import { haproxyInstalled as available, verifyScenario } from './scenario-check';

describe.runIf(available)('set-var-fmt against haproxy', () => {
  it('routes by the string the log-format builds', async () => {
    const r = await verifyScenario('set-var-fmt.scenario');
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
    if (r.kind !== 'compared') return;
    expect(r.real.requests.map((q) => q.server)).toEqual(['s1', 's2', 's1']);
  }, 30_000);
});
