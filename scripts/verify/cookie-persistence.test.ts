/**
 * Cookie persistence (U2, U3) against Debian's HAProxy 2.6.12, where it is installed (CI installs
 * it): the clients keep the cookie HAProxy sets, and each request's connection (so its server)
 * is the engine's. Skipped when `haproxy` is absent.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { haproxyVersion } from './haproxy';
import { CookieJar } from './clients';
import { verifyText, type VerifyOptions } from './verify-one';

const available = spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;
const opts = (): VerifyOptions => ({ haproxy: 'haproxy', binary: haproxyVersion('haproxy'), scale: 1, limitMs: 3000, settleMs: 50, tieMs: 8 });
const TEXT = readFileSync(join(__dirname, 'scenarios', 'cookie-persistence.scenario'), 'utf8');

describe('the verify clients keep cookies as a browser', () => {
  it('sets, replaces and deletes (an empty value, as HAProxy deletes)', () => {
    const jar = new CookieJar();
    expect(jar.header()).toBeNull();
    jar.take(['SRV=a; path=/', 'OTHER=x']);
    expect(jar.header()).toBe('SRV=a; OTHER=x');
    jar.take(['SRV=b; path=/']);
    expect(jar.header()).toBe('SRV=b; OTHER=x');
    jar.take(['SRV=; Expires=Thu, 01-Jan-1970 00:00:01 GMT; path=/']);
    expect(jar.header()).toBe('OTHER=x');
  });
});

describe.runIf(available)('cookie persistence against haproxy', () => {
  for (const config of ['derived', 'own'] as const) {
    it(`a client that brings the cookie goes back to its server, before roundrobin (${config} configuration)`, async () => {
      const r = await verifyText(TEXT, 'cookie-persistence.scenario', { ...opts(), cfg: config });
      expect(r.kind).toBe('compared');
      if (r.kind !== 'compared') return;
      expect(r.verdict.outcome).toBe('match');
      // The servers that answered in the real run (the engine's, since they match): A (cookie a)
      // stays on s1, B on s2, C is balanced again after s3 deleted its cookie, then keeps s2's;
      // D (h2) keeps s1's. Roundrobin alone would have gone on s1, s2, s3 in turn.
      const servers = r.real.requests.map((q) => `${q.id} ${q.server}`);
      expect(servers).toEqual([
        'r1 s1', 'r2 s2', 'r3 s3', 'r4 s1', 'r5 s1', 'r6 s2', 'r7 s2', 'r8 s1', 'r9 s1', 'r10 s2', 'r11 s2', 'r12 s1',
      ]);
    }, 30_000);
  }

  it('a use-server rule wins over the cookie; a cookie for a disabled server, or for none, is balanced', async () => {
    const text = readFileSync(join(__dirname, 'scenarios', 'cookie-use-server.scenario'), 'utf8');
    const r = await verifyText(text, 'cookie-use-server.scenario', opts());
    expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
    if (r.kind !== 'compared') return;
    expect(r.real.requests.map((q) => `${q.id} ${q.server}`)).toEqual(['r1 s2', 'r2 s2', 'r3 s1', 'r4 s1', 'r5 s1', 'r6 s2', 'r7 s2']);
  }, 30_000);

  for (const mode of ['prefix', 'rewrite'] as const) {
    it(`cookie JSESSIONID ${mode}: the session cookie the application sets, changed by HAProxy, brings each client back to its server`, async () => {
      const name = `cookie-${mode}.scenario`;
      const r = await verifyText(readFileSync(join(__dirname, 'scenarios', name), 'utf8'), name, opts());
      expect(r.kind === 'compared' && r.verdict.outcome).toBe('match');
      if (r.kind !== 'compared') return;
      // Roundrobin alone: s1 s2 s1 s2 s1 s2 s1.
      expect(r.real.requests.map((q) => q.server)).toEqual(['s1', 's2', 's1', 's1', 's2', 's1', 's2']);
    }, 30_000);
  }
});
