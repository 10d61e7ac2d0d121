/**
 * `timeout server` and `timeout connect` belong to the backend a request is routed to
 * (stream.c:927-929 and backend.c:1811 of v2.6.0 read s->be), not to the frontend's default
 * backend: checked against Debian's HAProxy 2.6.12 on 127.0.0.1. Skipped when `haproxy` is absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario } from '../index';
import { haproxyAvailable, startHaproxy, type RealHaproxy } from './haproxy/harness';

const available = haproxyAvailable();

const CFG = `defaults
    mode http
    timeout connect 5s
    timeout client 5s
    timeout server 5s
frontend fe
    bind @FRONTEND@
    use_backend slow if { path_beg /slow }
    default_backend fast
backend fast
    server f1 @f1@
backend slow
    timeout server 100ms
    server s1 @s1@
`;

/** Each server answers in 300 ms: over the slow backend's 100 ms, under the fast one's 5 s. */
function scenario(engine: string): string {
  const cfg = CFG.replace('@FRONTEND@', '*:80').replace('@f1@', '192.0.2.10:80').replace('@s1@', '192.0.2.11:80');
  return `engine ${engine}\n${cfg}\nservers\n    f1 response-time 300ms\n    s1 response-time 300ms\n\nscript\n    open A h1\n    open B h1\n    A GET /fast\n    B GET /slow\n`;
}

describe('timeouts of the routed backend', () => {
  for (const engine of ['seed', 'parent', 'modern']) {
    it(`${engine}: /slow gets 504 from its backend's 100ms server timeout, /fast its 200 after 300ms`, () => {
      const res = runScenario(scenario(engine));
      expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(res.report().requests.map((r) => [r.path, r.status, r.server])).toEqual([
        ['/fast', 200, 'f1'],
        ['/slow', 504, 's1'],
      ]);
    });
  }
});

describe.skipIf(!available)('timeouts of the routed backend, against the real HAProxy 2.6.12', () => {
  let real: RealHaproxy;
  beforeAll(async () => {
    real = await startHaproxy(CFG, ['f1', 's1']);
  }, 20_000);
  afterAll(async () => real?.stop());

  it('the same statuses as the simulation', async () => {
    const res = runScenario(scenario('modern'));
    const sim = res.report().requests.map((r) => r.status);
    const got = [];
    for (const path of ['/fast', '/slow']) got.push((await real.send({ method: 'GET', path, headers: { 'x-delay-ms': '300' } })).status);
    expect(got).toEqual(sim);
  });
});
