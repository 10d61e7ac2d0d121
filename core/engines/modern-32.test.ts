import { describe, expect, it } from 'vitest';
import { runScenario } from '../run';
import type { TraceEvent } from '../trace/events';

/** Twelve requests one after another, leastconn over three idle servers; the servers they went to. */
function servers(version: string, seed = 1): string[] {
  const text = [`engine modern${version}`, `seed ${seed}`, 'defaults', '    mode http', '    timeout connect 1s', '    timeout server 5s', '    timeout client 5s',
    'backend be', '    balance leastconn', '    server s1 192.0.2.10:80', '    server s2 192.0.2.11:80', '    server s3 192.0.2.12:80', 'script', '    open A h1',
    ...Array.from({ length: 12 }, (_, i) => `    A GET /${i}`)].join('\n');
  return (runScenario(text).trace as readonly TraceEvent[]).filter((e) => e.kind === 'assign').map((e) => (e as { server: string }).server);
}

describe('engine modern 3.2 (docs/versions.md)', () => {
  it('leastconn: 3.0 takes the equally loaded servers in tree order, 3.2 at random (from the run\'s seed)', () => {
    // 3.0: the server that finished last goes behind the others of its load: s1, s2, s3 in turn.
    expect(servers(' 3.0')).toEqual(['s1', 's2', 's3', 's1', 's2', 's3', 's1', 's2', 's3', 's1', 's2', 's3']);
    const a = servers(' 3.2');
    // Random, not the turn; the same seed gives the same draws, another seed others.
    expect(a).not.toEqual(servers(' 3.0'));
    expect(servers(' 3.2')).toEqual(a);
    expect([2, 3, 4, 5, 6].some((s) => servers(' 3.2', s).join() !== a.join())).toBe(true);
    expect(new Set(a).size).toBe(3);
  });

  it('an HTTP/1 client connection without timeout client is closed by timeout http-keep-alive (3.1 on)', () => {
    const text = (v: string) => [`engine modern${v}`, 'defaults', '    mode http', '    timeout connect 1s', '    timeout server 5s', '    timeout http-keep-alive 300ms',
      'backend be', '    server s1 192.0.2.10:80', 'script', '    open A h1', '    A GET /1', '    wait 600ms', '    A GET /2'].join('\n');
    const closes = (v: string) => (runScenario(text(v)).trace as readonly TraceEvent[]).filter((e) => e.kind === 'client.close').map((e) => e.t / 1000);
    expect(closes(' 3.0')).toEqual([]);
    // At 306 ms (the response at 6 ms, then 300 ms), and again after the request that reopened it.
    expect(closes(' 3.2')).toEqual([306, 912]);
  });
});
