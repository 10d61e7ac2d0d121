/**
 * Several frontends: a client's session takes its client-side settings (connection mode, `timeout
 * client`, `timeout http-keep-alive`, `max-session-srv-conns`) from the frontend its client entered —
 * HAProxy's sess->fe — not from the first frontend of the configuration.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../index';

const CFG = `defaults
    mode http
    timeout connect 5s
    timeout server 5s
frontend short
    bind :80
    timeout client 1s
    timeout http-request 1s
    timeout http-keep-alive 1s
    option httpclose
    default_backend web
frontend long
    bind :8080
    timeout client 30s
    timeout http-request 30s
    timeout http-keep-alive 30s
    default_backend web
backend web
    server w1 192.0.2.20:80
`;

const SCRIPT = `script
    open A h1 to :80
    open B h1 to :8080
    open C h2 to :80
    open D h2 to :8080
    A GET /
    B GET /
    C GET /
    D GET /
    wait 5s
    B GET /again
    D GET /again
`;

for (const engine of ['seed', 'parent', 'modern'] as const) {
  describe(`${engine}: each session reads the frontend its client entered`, () => {
    const res = runScenario(`engine ${engine}\n${CFG}${SCRIPT}`);
    const closes = res.trace.filter((e) => e.kind === 'client.close').map((e) => [e.session, e.closer, e.message ?? null]);
    it('compiles without error', () => {
      expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });
    it('option httpclose of the entered frontend: A (h1, short) is in close mode and closed with its response; B (h1, long) keeps alive', () => {
      const modes = Object.fromEntries(res.trace.filter((e) => e.kind === 'mode').map((e) => [e.request, e.mode]));
      expect(modes).toEqual({ r1: 'close', r2: 'keep-alive', r3: 'close', r4: 'keep-alive', r5: 'keep-alive', r6: 'keep-alive' });
      expect(closes[0]).toEqual(['A', 'proxy', 'close mode: the client connection ends with the response']);
    });
    it('timeout client of the entered frontend: idle C (h2, short) is closed during the wait; D (h2, long) and B still serve their second request', () => {
      const at = (pred: (e: (typeof res.trace)[number]) => boolean) => res.trace.findIndex(pred);
      const secondSent = at((e) => e.kind === 'request.send' && e.request === 'r5');
      expect(secondSent).toBeGreaterThan(0);
      expect(at((e) => e.kind === 'client.close' && e.session === 'C')).toBeLessThan(secondSent);
      expect(at((e) => e.kind === 'client.close' && e.session === 'C')).toBeGreaterThan(0);
      for (const s of ['B', 'D']) expect(at((e) => e.kind === 'client.close' && e.session === s)).toBeGreaterThan(secondSent);
      // The second requests ride the first client connections (no B.2 / D.2) and are answered.
      expect(res.trace.some((e) => e.kind === 'client.open' && /^[BD]\./.test(e.session))).toBe(false);
      expect(res.report().requests.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    });
  });
}
