import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ServerConfig } from '../model/config';
import { runScenario } from '../run';
import type { TraceEvent } from '../trace/events';
import { crc32, djb2, fullHash, sdbm } from './hash-functions';
import { requestLineUri, serverIds, serverMap, sourceHash } from './hash-balance';

const bytes = (s: string) => new TextEncoder().encode(s);
const server = (name: string, weight?: number) => ({ name, ...(weight !== undefined ? { weight } : {}) }) as ServerConfig;

describe('hash functions', () => {
  it('give the values their definitions give', () => {
    // CRC-32's check value; sdbm and djb2 by hand on two bytes.
    expect(crc32(bytes('123456789'))).toBe(0xcbf43926);
    expect(sdbm(bytes('ab'))).toBe((98 + 97 * 65599) >>> 0);
    expect(djb2(bytes('ab'))).toBe(((5381 * 33 + 97) * 33 + 98) >>> 0);
    expect(sdbm(bytes(''))).toBe(0);
  });
  it('full_hash stays a 32-bit unsigned permutation-like spread', () => {
    fc.assert(fc.property(fc.nat(), (n) => {
      const h = fullHash(n);
      expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
    }));
    expect(fullHash(1)).not.toBe(fullHash(2));
  });
});

describe('the server map of a map-based backend (lb_map.c)', () => {
  it('equal weights: one slot each, in configuration order', () => {
    const s = [server('a'), server('b'), server('c')];
    expect(serverMap(s, s).map((x) => x.name)).toEqual(['a', 'b', 'c']);
  });
  it('weights are divided by their common divisor, and the slots interleaved', () => {
    const s = [server('a', 10), server('b', 10), server('c', 20)];
    // 1, 1, 2 once divided by 10: c takes two slots of four, not side by side.
    expect(serverMap(s, s).map((x) => x.name)).toEqual(['a', 'c', 'b', 'c']);
  });
  it('a server of weight 0, or not in the pool, has no slot', () => {
    const s = [server('a', 0), server('b'), server('c')];
    expect(serverMap(s, s).map((x) => x.name)).toEqual(['b', 'c']);
    expect(serverMap(s, [s[2]!]).map((x) => x.name)).toEqual(['c']);
  });
  it('each server gets slots in proportion to its weight', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 5 }), (ws) => {
      const s = ws.map((w, i) => server(`s${i}`, w));
      const map = serverMap(s, s);
      const gcd = ws.reduce((g, w) => { let a = g; let b = w; while (b) [a, b] = [b, a % b]; return a; });
      for (const [i, w] of ws.entries()) expect(map.filter((x) => x === s[i]).length).toBe(w / gcd);
    }));
  });
});

describe('keys', () => {
  const view = (uri: string, version: '1.1' | '2.0', host?: string, ssl = false) =>
    ({ method: 'GET', uri, version, headers: host ? [{ name: 'host', value: host }] : [], src: '198.51.100.1', dstPort: 80, ssl, sni: null });
  it('an HTTP/2 request with an authority has an absolute URI; HTTP/1.1 keeps the origin form', () => {
    expect(requestLineUri(view('/a?b', '2.0', 'x.example'))).toBe('http://x.example/a?b');
    expect(requestLineUri(view('/a', '2.0', 'x.example', true))).toBe('https://x.example/a');
    expect(requestLineUri(view('/a', '2.0'))).toBe('/a');
    expect(requestLineUri(view('/a', '1.1', 'x.example'))).toBe('/a');
  });
  it('an IPv4 source is its address as one word; IPv6 its four words xored', () => {
    expect(sourceHash('127.0.0.2')).toBe(0x7f000002);
    expect(sourceHash('10.1.2.3')).toBe(0x0a010203);
    expect(sourceHash('2001:db8::1')).toBe((0x20010db8 ^ 1) >>> 0);
  });
});

/** A backend of three servers balanced by `line`, and the servers the requests of `reqs` get. */
function servers(balance: string, reqs: string[], extra = ''): string[] {
  const text = [
    'engine modern', 'backend be', `    ${balance}`, ...(extra ? [`    ${extra}`] : []), '    http-reuse always',
    '    server s1 192.0.2.10:80', '    server s2 192.0.2.11:80', '    server s3 192.0.2.12:80',
    'script', '    open A h1', ...reqs.map((r) => `    A ${r}`), '    close A', '',
  ].join('\n');
  const r = runScenario(text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.trace.filter((e) => e.kind === 'assign').map((e) => (e as { server: string }).server);
}

describe('hash balances in a run', () => {
  it('the same key goes to the same server, whatever else the request says', () => {
    const got = servers('balance uri', ['GET /cart?x=1', 'GET /cart?x=2', 'POST /cart', 'GET /cart']);
    expect(new Set(got).size).toBe(1);
    const hdr = servers('balance hdr(host)', ['GET /a host shop.example', 'GET /b host shop.example', 'GET /c host shop.example']);
    expect(new Set(hdr).size).toBe(1);
  });
  it('balance hash EXPR hashes the expression\'s value; without one, round the map', () => {
    const got = servers('balance hash req.hdr(x-user)', ['GET /a header "X-User: ann"', 'GET /b header "X-User: ann"', 'GET /c header "X-User: ann"']);
    expect(new Set(got).size).toBe(1);
    expect(servers('balance hash req.hdr(x-user)', ['GET /a', 'GET /b', 'GET /c'])).toEqual(['s1', 's2', 's3']);
  });
  it('uri depth and whole change what is hashed', () => {
    const depth = servers('balance uri depth 1', ['GET /img/a.png', 'GET /img/b.png', 'GET /img/c/d.png']);
    expect(new Set(depth).size).toBe(1);
    // With `whole` the query counts: 20 queries of one path do not all land on one server.
    const whole = servers('balance uri whole', Array.from({ length: 20 }, (_, i) => `GET /p?i=${i}`));
    expect(new Set(whole).size).toBeGreaterThan(1);
  });
  it('a request without the key goes round the map (and the trace says why)', () => {
    const got = servers('balance url_param id', ['GET /x', 'GET /x', 'GET /x', 'GET /x']);
    expect(got).toEqual(['s1', 's2', 's3', 's1']);
    const r = runScenario('backend be\n    balance url_param id\n    server s1 192.0.2.10:80\n    server s2 192.0.2.11:80\nscript\n    open A h1\n    A GET /x\n');
    const assign = r.trace.find((e) => e.kind === 'assign') as unknown as { conds: { label: string; value: unknown }[] };
    expect(assign.conds).toEqual(expect.arrayContaining([{ label: 'url_param id', value: false }, { label: 'next slot of the map', value: 0 }]));
  });
  it('prefer-last-server does not apply to a hash balance', () => {
    const text = 'backend be\n    balance uri\n    option prefer-last-server\n    http-reuse safe\n    server s1 192.0.2.10:80\n    server s2 192.0.2.11:80\nscript\n    open A h1\n    A GET /a\n    A GET /b\n    A GET /c\n    A GET /d\n';
    const r = runScenario(text);
    expect(r.trace.filter((e) => e.kind === 'assign').map((e) => e.decision)).not.toContain('A1');
  });
  it('weights: a server of weight 3 among two of weight 1 takes most keys', () => {
    const text = (w: string) => ['backend be', '    balance uri', `    server s1 192.0.2.10:80 ${w}`, '    server s2 192.0.2.11:80', '    server s3 192.0.2.12:80', 'script', '    open A h1',
      ...Array.from({ length: 60 }, (_, i) => `    A GET /k${i}`), ''].join('\n');
    const share = (w: string) => runScenario(text(w)).trace.filter((e) => e.kind === 'assign' && (e as { server: string }).server === 's1').length;
    expect(share('weight 3')).toBeGreaterThan(share('weight 1') + 10);
    expect(share('weight 0')).toBe(0);
  });
});

describe('hash-balance-factor (consistent hashing with bounded loads, lb_chash.c)', () => {
  const text = (factor: string, engine = 'modern') => [
    `engine ${engine}`, 'backend be', '    balance uri', '    hash-type consistent', `    hash-balance-factor ${factor}`, '    http-reuse never',
    '    server s1 192.0.2.10:80', '    server s2 192.0.2.11:80', '    server s3 192.0.2.12:80', 'script',
    ...['A', 'B', 'C', 'D', 'E', 'F'].flatMap((c) => [`    open ${c} h1`, `    ${c} GET /same takes 400ms &`, '    wait 20ms']), '    await', '',
  ].join('\n');
  const servers = (t: string) => runScenario(t).trace.filter((e) => e.kind === 'assign').map((e) => (e as { server: string }).server);
  it('one path spreads when its server holds its share of the requests in flight; 0 keeps it on one server', () => {
    // As the real 2.6.12, 2.8.0 and 3.0.0 do (scripts/verify/scenarios/hash-balance-factor.scenario).
    expect(servers(text('150'))).toEqual(['s1', 's3', 's3', 's1', 's3', 's1']);
    expect(new Set(servers(text('0')))).toEqual(new Set(['s1']));
    const passed = runScenario(text('150')).trace.filter((e) => e.kind === 'assign' && e.conds?.some((c) => c.label.startsWith('hash-balance-factor 150: passed over')));
    expect(passed.length).toBeGreaterThan(0);
  });
  it('must be 0 or above 100 (as HAProxy says); seed and parent warn that they do not model it', () => {
    expect(runScenario(text('100')).diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('must be 0 or greater than 100')]);
    for (const engine of ['seed', 'parent']) {
      const r = runScenario(text('150', engine));
      expect(r.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining(`hash-balance-factor is not modelled at engine ${engine}`)]);
      expect(new Set(servers(text('150', engine)))).toEqual(new Set(['s1']));
    }
  });
});

describe('the consistent ring by release', () => {
  it('3.0 places the points from the hash of the server id: the same keys land elsewhere than on 2.6', () => {
    const text = (engine: string) => [`engine ${engine}`, 'backend be', '    balance uri', '    hash-type consistent', '    server s1 192.0.2.10:80', '    server s2 192.0.2.11:80', '    server s3 192.0.2.12:80',
      'script', '    open A h1', ...Array.from({ length: 30 }, (_, i) => `    A GET /k${i}`), ''].join('\n');
    const picks = (engine: string) => runScenario(text(engine)).trace.filter((e) => e.kind === 'assign').map((e) => (e as { server: string }).server);
    expect(picks('modern 2.8')).toEqual(picks('modern'));
    expect(picks('modern 3.0')).not.toEqual(picks('modern'));
  });
});

describe('static-rr (map_get_server_rr)', () => {
  it('goes round the weighted map slot by slot: weights 1 and 2 give a, b, b', () => {
    const text = 'backend be\n    balance static-rr\n    server a 192.0.2.10:80\n    server b 192.0.2.11:80 weight 2\nscript\n    open A h1\n    repeat 6 {\n        A GET /\n    }\n';
    const r = runScenario(text);
    expect(r.diagnostics).toEqual([]);
    expect(serverMap([server('a'), server('b', 2)], [server('a'), server('b', 2)]).map((s) => s.name)).toEqual(['a', 'b', 'b']);
    expect(r.trace.filter((e) => e.kind === 'assign').map((e) => (e as { server: string }).server)).toEqual(['a', 'b', 'b', 'a', 'b', 'b']);
  });
});

describe('the URI an HTTP/2 request hashes, by engine', () => {
  it('absolute at modern (HTX), :path alone at seed and parent (1.9 legacy)', () => {
    const view = { method: 'GET', uri: '/a', version: '2.0' as const, headers: [{ name: 'host', value: 'x.example' }], src: '198.51.100.1', dstPort: 80, ssl: false, sni: null };
    expect(requestLineUri(view, true)).toBe('http://x.example/a');
    expect(requestLineUri(view, false)).toBe('/a');
    const text = (engine: string) => `engine ${engine}\nbackend be\n    balance uri\n    server s1 192.0.2.10:80\n    server s2 192.0.2.11:80\nscript\n    open A h2\n    A GET /index.html host shop.example.com\n`;
    const key = (engine: string) => (runScenario(text(engine)).trace.find((e) => e.kind === 'assign') as unknown as { conds: { label: string; value: unknown }[] }).conds[1]!.value;
    expect(key('modern')).toBe('http://shop.example.com/index.html');
    expect(key('seed')).toBe('/index.html');
    expect(key('parent')).toBe('/index.html');
  });
});

describe('what 1.9 did not have', () => {
  it('balance hash and uri path-only: warned at seed and parent, which balance without them', () => {
    for (const engine of ['seed', 'parent']) {
      const r = runScenario(`engine ${engine}\nbackend be\n    balance hash req.hdr(x)\n    server s1 192.0.2.10:80\n    server s2 192.0.2.11:80\nscript\n    open A h1\n    A GET / header "X: 1"\n    A GET / header "X: 1"\n`);
      expect(r.diagnostics.map((d) => d.code)).toEqual(['not-in-engine']);
      expect(r.trace.filter((e) => e.kind === 'assign').map((e) => (e as { server: string }).server)).toEqual(['s1', 's2']);
      const p = runScenario(`engine ${engine}\nbackend be\n    balance uri path-only\n    server s1 192.0.2.10:80\n`);
      expect(p.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/has no `balance uri … path-only`/)]);
    }
    expect(runScenario('engine modern\nbackend be\n    balance hash req.hdr(x)\n    server s1 192.0.2.10:80\n').diagnostics).toEqual([]);
  });
});

describe('server ids (puid)', () => {
  it('an id is kept; the others take the first free number from a cursor that moves past every server', () => {
    const s = (id?: number) => ({ name: 'x', ...(id !== undefined ? { id } : {}) }) as ServerConfig;
    expect(serverIds([s(), s(), s()])).toEqual([1, 2, 3]);
    expect(serverIds([s(7), s(), s(2), s()])).toEqual([7, 3, 2, 5]);
    expect(serverIds([s(), s(1), s()])).toEqual([2, 1, 4]);
  });
  it('the ring follows the ids, and two servers may not share one', () => {
    const ring = (ids: string) => runScenario(`engine modern\nbackend be\n    balance uri\n    hash-type consistent\n    server s1 192.0.2.10:80${ids}\n    server s2 192.0.2.11:80\nscript\n    open A h1\n${Array.from({ length: 12 }, (_, i) => `    A GET /k${i}\n`).join('')}`)
      .trace.filter((e) => e.kind === 'assign').map((e) => (e as { server: string }).server);
    expect(ring(' id 9')).not.toEqual(ring(''));
    const r = runScenario('backend be\n    server s1 192.0.2.10:80 id 3\n    server s2 192.0.2.11:80 id 3\n');
    expect(r.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/custom id 3 already used \('server s1'\)/)]);
  });
});

describe('a request without the hash key, with server maxconn (lb_map.c:215-250, lb_chash.c:394-460 of v2.6.0)', () => {
  const text = (consistent: boolean, bQuick: boolean) => [
    'engine modern', 'defaults', '    mode http', '    timeout connect 1s', '    timeout server 5s', 'backend be', '    balance url_param id', ...(consistent ? ['    hash-type consistent'] : []),
    '    server s1 192.0.2.10:80 maxconn 1', '    server s2 192.0.2.11:80 maxconn 1', '    server s3 192.0.2.12:80 maxconn 1',
    'script', '    open A h1', '    open B h1', '    open C h1', '    open D h1',
    '    A GET /a takes 300ms &', `    B GET /b takes ${bQuick ? 30 : 300}ms &`, '    wait 60ms', '    C GET /c takes 300ms &', '    wait 20ms', '    D GET /d'].join('\n');
  /** r4's events that say where it went: its assigns (A2: balanced, mQ2: from a queue) and its waits. */
  const r4 = (t: string) => (runScenario(t).trace as readonly TraceEvent[])
    .filter((e) => (e as { request?: string }).request === 'r4' && (e.kind === 'assign' || e.decision === 'mQ1'))
    .map((e) => `${e.decision}${e.kind === 'assign' ? ` ${(e as { server: string }).server}` : ''}`);
  it('passes over a full server: D goes to the server B freed, at once (map: A s1, B s2, C s3, then D past s1)', () => {
    expect(r4(text(false, true))).toEqual(['A2 s2']);
  });
  it('on the ring too: D takes the next point whose server has room', () => {
    const r = r4(text(true, true));
    expect(r).toHaveLength(1);
    expect(r[0]).toMatch(/^A2 s/);
  });
  it('when every server is full it waits in the backend\'s queue, no server fixed', () => {
    // The map gave A s1, which frees first; on the ring, whichever A got.
    expect(r4(text(false, false))).toEqual(['mQ1', 'mQ2 s1']);
    expect(r4(text(true, false))).toEqual(['mQ1', expect.stringMatching(/^mQ2 s[123]$/)]);
  });
});
