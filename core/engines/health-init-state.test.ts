/**
 * `init-state` (HAProxy 3.2+): the health a checked server starts at (srv_set_init_state,
 * server.h:281-309 of v3.4.0). 3.2.0 reads it only when a server leaves maintenance, not at startup
 * (18c5cd667 fixed that in 3.4): both checked with the binaries (fully-down with rise 3: the start
 * shows across the checks after the first; core/test/modern-34-real/init-fully-down).
 */
import { describe, expect, it } from 'vitest';
import { answersOf as answers, checksOf as checks, runChecked as run } from '../test/health-run';

const backend = (opts: string, refuse?: string) => [
  'backend be', '    balance roundrobin',
  `    server s1 192.0.2.10:80 check inter 100ms ${opts}`, '    server s2 192.0.2.11:80',
  ...(refuse ? ['servers', `    s1 refuse ${refuse}`] : []),
  'script', '    open A h1', '    A GET /1', '    A GET /2', '    wait 500ms', '    A GET /3', '    A GET /4', '    close A',
];

describe('init-state at engine modern 3.4', () => {
  it('down: the server starts DOWN and takes requests once one check passes', () => {
    const r = run(backend('init-state down rise 3'), 'modern 3.4');
    const s1 = checks([...r.trace], 's1');
    expect(s1[0]).toMatchObject({ t: 0, decision: 'HC2', state: 'down' });
    expect(s1[0]!.message).toContain('one passed check brings it UP');
    expect(s1[1]).toMatchObject({ decision: 'HC3', state: 'up' });
    // r1, sent as s1 starts DOWN, goes to s2; s1 is back before r3.
    expect(answers(r)[0]).toBe('s2 200');
    expect(answers(r).slice(2)).toContain('s1 200');
  });

  it('fully-down: rise checks in a row are needed', () => {
    const s1 = checks([...run(backend('init-state fully-down rise 3'), 'modern 3.4').trace], 's1');
    expect(s1.map((e) => e.decision)).toEqual(['HC2', 'HC1', 'HC1', 'HC3']);
    expect(s1[3]!.t).toBeGreaterThanOrEqual(200_000);
  });

  it('fully-up: a server refusing from the start stays UP for fall - 1 failed checks; up (the default) goes DOWN at the first', () => {
    const full = checks([...run(backend('init-state fully-up fall 3', '0ms..1s'), 'modern 3.4').trace], 's1');
    expect(full.findIndex((e) => e.decision === 'HC2')).toBe(2);
    const up = checks([...run(backend('fall 3', '0ms..1s'), 'modern 3.4').trace], 's1');
    expect(up.findIndex((e) => e.decision === 'HC2')).toBe(0);
  });

  it('3.2.0 takes it without applying it at startup: a warning, and the server starts UP', () => {
    const r = run(backend('init-state fully-down rise 3'), 'modern 3.2');
    const d = r.diagnostics.find((x) => x.message.startsWith('init-state fully-down has no effect at startup in HAProxy 3.2.0'))!;
    expect(d.severity).toBe('warning');
    expect(checks([...r.trace], 's1').some((e) => e.decision === 'HC2')).toBe(false);
    expect(answers(r)[0]).toBe('s1 200');
  });

  it('3.0 and 2.6 refuse it (a warning) and start the server UP', () => {
    for (const engine of ['modern 3.0', 'modern']) {
      const r = run(backend('init-state down'), engine);
      expect(r.diagnostics.some((d) => d.code === 'refused-by-haproxy' && d.message.includes("'init-state'")), engine).toBe(true);
      expect(checks([...r.trace], 's1').some((e) => e.decision === 'HC2'), engine).toBe(false);
      expect(answers(r)[0], engine).toBe('s1 200');
    }
  });
});
