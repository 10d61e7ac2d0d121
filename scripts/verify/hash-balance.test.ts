/**
 * Hash balancing (balance source|uri|url_param|hdr, hash-type, weights) against Debian's HAProxy
 * 2.6.12, where it is installed (CI installs it): every request's connection, so its server, is
 * the engine's. Skipped when `haproxy` is absent.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { haproxyVersion } from './haproxy';
import { verifyText, type VerifyOptions } from './verify-one';

const available = spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;
const opts = (): VerifyOptions => ({ haproxy: 'haproxy', binary: haproxyVersion('haproxy'), scale: 1, limitMs: 3000, settleMs: 50, tieMs: 8 });
const read = (name: string) => readFileSync(join(__dirname, 'scenarios', name), 'utf8');

async function realServers(name: string, cfg?: 'derived' | 'own'): Promise<string[]> {
  const r = await verifyText(read(name), name, { ...opts(), ...(cfg ? { cfg } : {}) });
  expect(r.kind).toBe('compared');
  if (r.kind !== 'compared') return [];
  expect(r.verdict.outcome).toBe('match');
  return r.real.requests.map((q) => q.server ?? '');
}

describe.runIf(available)('hash balancing against haproxy', () => {
  it('balance uri on a weighted map: a path keeps its server over h1; over h2 the URI is absolute', async () => {
    const s = await realServers('hash-uri.scenario');
    // /api/users?id=7 and ?id=8 hash the same path; /index.html over h2 (http://shop.example.com/…) lands elsewhere than over h1.
    expect(s[2]).toBe(s[3]);
    expect(s[7]).not.toBe(s[0]);
  }, 30_000);

  it('hash-balance-factor: one path spreads over the ring as its server holds its share', async () => {
    expect(await realServers('hash-balance-factor.scenario')).toEqual(['s1', 's3', 's3', 's1', 's3', 's1']);
  }, 30_000);

  it('balance uri depth, whole and len, with djb2 and avalanche', async () => {
    const s = await realServers('hash-uri-options.scenario');
    expect(s[0]).toBe(s[1]); // /shop/a/b and /shop/a/c: depth 2 hashes /shop/a
  }, 30_000);

  // Its frontend routes by path: the scenario's own configuration is run (verbatim-cfg.ts).
  it('url_param, and hdr(Host) use_domain_only on a consistent wt6 ring', async () => {
    const s = await realServers('hash-param-hdr.scenario', 'own');
    expect(s[0]).toBe(s[5]); // user=alice twice
    expect(s[6]).toBe(s[7]); // www. and img.example.com hash "example"
  }, 30_000);

  it('balance hash EXPR: path,lower, a header on a ring, src', async () => {
    const s = await realServers('hash-expr.scenario', 'own');
    expect(s[8]).not.toBe(s[9]); // 127.0.0.2 and 127.0.0.7 hash apart here
  }, 30_000);

  it('server ids place the points of a consistent ring', async () => {
    const s = await realServers('hash-server-ids.scenario');
    // Numbered 1, 2, 3, 4 by their lines (without the ids) the real order is s4 s2 s1 s3 s3 s1 s2 s1.
    expect(s).not.toEqual(['s4', 's2', 's1', 's3', 's3', 's1', 's2', 's1']);
  }, 30_000);

  it('balance source on a consistent ring: clients bound to loopback addresses keep their server', async () => {
    const s = await realServers('hash-source.scenario');
    expect(s.slice(0, 5)).toEqual(s.slice(5, 10));
    expect(new Set(s).size).toBeGreaterThan(1);
  }, 30_000);
});
