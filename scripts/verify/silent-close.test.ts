/**
 * A client connection HAProxy closes without a response (mD7, the browser retries) against Debian's
 * HAProxy 2.6.12, where it is installed: the requests the client kept behind the failed one go on a
 * new connection (runtime/requests.ts closeSilently). The same scenario matches 3.0.0 and 3.4.0.
 */
import { describe, expect, it } from 'vitest';
import { haproxyInstalled as available, matchedRequests as verify } from './scenario-check';

describe.runIf(available)('a silent close with requests waiting behind', () => {
  it('the waiting request is sent on a new client connection and answered', async () => {
    const real = await verify('silent-close-pending.scenario');
    expect(real.map((q) => [q.session, q.status])).toEqual([['A', 200], ['A', null], ['A.2', 200]]);
  }, 30_000);
});
