/**
 * `retry-on` against Debian's HAProxy 2.6.12, where it is installed (CI installs it): L7 retries on a
 * status, a server close before the response and a response timeout, with and without option
 * redispatch, and a `retry-on` without conn-failure that stops connection retries
 * (scenarios/retry-on-*.scenario; each also matches 3.0.0 and 3.4.0). The engine must match the
 * binary on each; what only the real run shows is checked too: how many times a server received a
 * request. Skipped when `haproxy` is absent.
 */
import { describe, expect, it } from 'vitest';
import { haproxyInstalled as available, verifyScenario } from './scenario-check';

async function real(name: string) {
  const r = await verifyScenario(name);
  expect(r.kind === 'compared' && r.verdict.outcome, name).toBe('match');
  if (r.kind !== 'compared') throw new Error(`${name}: not compared`);
  return r.real;
}
/** How many times the servers received `id`. */
const receipts = (t: Awaited<ReturnType<typeof real>>, id: string) => t.conns.flatMap((c) => c.requests).filter((x) => x === id).length;

describe.runIf(available)('retry-on against haproxy', () => {
  it('503: a first request is sent 1 + retries times, each on a new connection; a later one again on its connection', async () => {
    const t = await real('retry-on-status.scenario');
    expect(receipts(t, 'r1')).toBe(4);
    expect(t.conns.filter((c) => c.requests.includes('r1'))).toHaveLength(4);
    expect(receipts(t, 'r3')).toBe(4);
    expect(t.conns.filter((c) => c.requests.includes('r3'))).toHaveLength(1);
    expect(t.requests.map((q) => q.status)).toEqual([503, 200, 503]);
  }, 30_000);

  it('503 from an HTTP/2 client: every attempt on the one connection, the pool giving it back', async () => {
    const t = await real('retry-on-h2.scenario');
    expect(receipts(t, 'r1')).toBe(4);
    expect(t.conns.filter((c) => c.server === 's1')).toHaveLength(1);
  }, 30_000);

  it('503 with option redispatch: the retry goes to the other server, and the client gets its 200', async () => {
    const t = await real('retry-on-redisp.scenario');
    expect(t.requests.map((q) => `${q.server} ${q.status}`)).toEqual(['s2 200', 's2 200', 's2 200']);
  }, 30_000);

  it('empty-response: a request whose server connection closes is sent again, where the default closes the client silently', async () => {
    const t = await real('retry-on-empty.scenario');
    expect(t.requests.map((q) => q.status)).toEqual([200, 200, 200]);
    const no = await real('retry-on-empty-no.scenario');
    expect(no.requests[1]!.status).toBeNull();
  }, 30_000);

  it('response-timeout: a request past timeout server is sent again, to the other server', async () => {
    const t = await real('retry-on-timeout.scenario');
    expect(t.requests.map((q) => `${q.server} ${q.status}`)).toEqual(['s2 200', 's2 200']);
  }, 30_000);

  it('without conn-failure a refused connection is not retried: 503 at once', async () => {
    const t = await real('retry-on-no-connfail.scenario');
    expect(t.requests.map((q) => q.status)).toEqual([503, 200]);
  }, 30_000);
});
