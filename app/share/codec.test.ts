import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EXAMPLES } from '../../core';
import {
  decodeShare,
  deflateRaw,
  encodeShare,
  fromBase64Url,
  MAX_FRAGMENT_CHARS,
  splitFragment,
  toBase64Url,
  validatePayload,
  type DecodeResult,
  type SharePayload,
} from './codec';

const payload = (scenario: string, view: SharePayload['view'] = {}): SharePayload => ({
  v: 1,
  engine: { name: 'seed', commit: '7c6f8b146de309e14f0b7ff9e680794683498c54' },
  scenario,
  view,
});

async function packJson(json: string): Promise<string> {
  return `s=1.d.${toBase64Url(await deflateRaw(new TextEncoder().encode(json)))}`;
}

const errorCode = (r: DecodeResult) => (r.ok ? 'ok' : r.error.code);

// Scenario-like text: statements, comments, unicode, odd whitespace.
const scenarioText = fc
  .array(
    fc.oneof(
      fc.constantFrom('engine seed', 'backend be', '    mode http', '    http-reuse safe', '    server X 192.0.2.10:80', 'script', '    open A h2', '    A GET /1 to X', '    close A', ''),
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
    ),
    { maxLength: 40 },
  )
  .map((lines) => lines.join('\n'));

const view = fc.record(
  {
    index: fc.integer({ min: 0, max: 100_000 }),
    conn: fc.integer({ min: 1, max: 9999 }).map((n) => `c${n}`),
    editor: fc.constant('folded' as const),
    compare: fc.constantFrom('seed' as const, 'parent' as const, 'modern' as const),
    filter: fc.constantFrom('c3', 'R3n swap', 'web7/1, destroy'),
  },
  { requiredKeys: [] },
);

describe('share codec', () => {
  it('base64url round-trips bytes and rejects other alphabets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        const s = toBase64Url(b);
        expect(s).toMatch(/^[A-Za-z0-9_-]*$/);
        expect([...fromBase64Url(s)!]).toEqual([...b]);
      }),
    );
    expect(fromBase64Url('ab+c')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull(); // length % 4 === 1 is impossible
    expect(fromBase64Url('ab=c')).toBeNull();
  });

  it('round-trips random scenarios and views', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioText, view, async (text, v) => {
        const frag = await encodeShare(payload(text, v));
        expect(frag).toMatch(/^s=1\.d\.[A-Za-z0-9_-]+$/);
        const r = await decodeShare(`#${frag}`);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.payload.scenario).toBe(text);
        expect(r.payload.view).toEqual(v);
        expect(r.payload.engine.name).toBe('seed');
        expect(r.warnings).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips every example, and the motivating one fits a chat message', async () => {
    for (const ex of EXAMPLES) {
      const frag = await encodeShare(payload(ex.text, { index: 3 }));
      const r = await decodeShare(frag);
      expect(r.ok && r.payload.scenario).toBe(ex.text);
    }
    const sc02 = await encodeShare(payload(EXAMPLES[0].text));
    expect(sc02.length).toBeLessThan(600);
  });

  it('the same state gives the same link', async () => {
    const a = await encodeShare({ ...payload('x'), view: { index: -1, editor: 'open' } });
    const b = await encodeShare(payload('x'));
    expect(a).toBe(b);
  });

  it('says what is wrong with broken links', async () => {
    const good = await encodeShare(payload(EXAMPLES[0].text, { index: 5 }));
    expect(errorCode(await decodeShare('#s='))).toBe('empty');
    expect(errorCode(await decodeShare('#s=1'))).toBe('damaged');
    expect(errorCode(await decodeShare('#x=1.d.abc'))).toBe('malformed');
    expect(errorCode(await decodeShare(good.slice(0, good.length - 40)))).toBe('damaged'); // cut off
    expect(errorCode(await decodeShare(good.replace('.d.', '.z.')))).toBe('codec');
    expect(errorCode(await decodeShare(good.replace('s=1.', 's=2.')))).toBe('newer');
    expect(errorCode(await decodeShare(good.replace('s=1.', 's=999999.')))).toBe('newer');
    expect(errorCode(await decodeShare(good.replace('s=1.', 's=x.')))).toBe('damaged');
    expect(errorCode(await decodeShare(`${good}!!`))).toBe('damaged');
    expect(errorCode(await decodeShare(`#s=1.d.${'A'.repeat(MAX_FRAGMENT_CHARS)}`))).toBe('too-large');
    const newer = await decodeShare(good.replace('s=1.', 's=2.'));
    expect(!newer.ok && newer.error.message).toMatch(/newer version/);
  });

  it('refuses hostile payloads without running anything', async () => {
    // A zip bomb: 5 MB of spaces compress to a few kB.
    const bomb = await packJson(`{"v":1,"scenario":"${' '.repeat(5_000_000)}"}`);
    expect(bomb.length).toBeLessThan(20_000);
    expect(errorCode(await decodeShare(bomb))).toBe('too-large');
    expect(errorCode(await decodeShare(await packJson('not json')))).toBe('invalid');
    expect(errorCode(await decodeShare(await packJson('[1,2]')))).toBe('invalid');
    expect(errorCode(await decodeShare(await packJson('{"v":1,"scenario":42}')))).toBe('invalid');
    expect(errorCode(await decodeShare(await packJson('{"v":"1","scenario":"x"}')))).toBe('invalid');
    expect(errorCode(await decodeShare(await packJson('{"v":7,"scenario":"x"}')))).toBe('newer');
    expect(errorCode(await decodeShare(await packJson('{"v":1,"scenario":"x","__proto__":{"polluted":1}}')))).toBe('ok');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    // Script-looking text is data: it comes back as the same string, nothing else.
    const script = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const r = await decodeShare(await packJson(JSON.stringify({ v: 1, engine: { name: '<b>x</b>', commit: 'javascript:alert(1)' }, scenario: script, view: { index: '3', conn: '<i>', editor: 'x', compare: 'rm -rf', filter: 'c1\u0000' } })));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.payload.scenario).toBe(script);
    expect(r.payload.engine).toEqual({ name: 'unknown', commit: '' });
    expect(r.payload.view).toEqual({});
    expect(r.warnings.join(' ')).toMatch(/event, connection, editor, compare, filter/);
  });

  it('validatePayload copies only known fields', () => {
    const r = validatePayload({ v: 1, scenario: 's', engine: { name: 'parent', commit: 'abc', extra: 1 }, view: { index: 2, junk: true }, more: 1 }, 1);
    expect(r.ok && r.payload).toEqual({ v: 1, engine: { name: 'parent', commit: 'abc' }, scenario: 's', view: { index: 2 } });
  });

  it('splitFragment recognises only share fragments', () => {
    expect(splitFragment('#example/sc02')).toBeNull();
    expect(splitFragment('s=1.d.abc')).toEqual({ format: '1', codec: 'd', data: 'abc' });
    expect(splitFragment('#s=1.d.')).toEqual({ format: '1', codec: 'd', data: '' });
  });

  it('fuzz: 10,000 random and mutated fragments give a result, never an exception', async () => {
    const seeds = await Promise.all(
      [EXAMPLES[0].text, EXAMPLES[6].text, '', 'x'].map((t, i) => encodeShare(payload(t, { index: i, conn: 'c1' }))),
    );
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=#%/+ \u0000é😀';
    const mutate = fc
      .tuple(
        fc.constantFrom(...seeds),
        fc.array(
          fc.tuple(
            fc.constantFrom('flip', 'cut', 'insert', 'delete', 'dup', 'swap-dot'),
            fc.nat(),
            fc.integer({ min: 0, max: alphabet.length - 1 }),
          ),
          { minLength: 1, maxLength: 4 },
        ),
      )
      .map(([s, ops]) => {
        let out = s;
        for (const [op, at, ch] of ops) {
          const i = out.length ? at % out.length : 0;
          const c = alphabet[ch];
          if (op === 'flip') out = out.slice(0, i) + c + out.slice(i + 1);
          else if (op === 'cut') out = out.slice(0, i);
          else if (op === 'insert') out = out.slice(0, i) + c + out.slice(i);
          else if (op === 'delete') out = out.slice(0, i) + out.slice(i + 1);
          else if (op === 'dup') out = out + out.slice(i);
          else out = out.replace('.', c);
        }
        return out;
      });
    const random = fc.oneof(
      fc.string({ maxLength: 200 }).map((s) => `s=${s}`),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.tuple(fc.nat({ max: 12 }), fc.string({ maxLength: 4 }), fc.base64String({ maxLength: 400 })).map(([v, c, d]) => `#s=${v}.${c}.${d}`),
      fc.uint8Array({ maxLength: 400 }).map((b) => `#s=1.d.${toBase64Url(b)}`),
    );
    const inputs = fc.sample(fc.oneof(mutate, random), { numRuns: 10_000, seed: 4 });
    expect(inputs).toHaveLength(10_000);
    const counts: Record<string, number> = {};
    for (const input of inputs) {
      const r = await decodeShare(input);
      const k = errorCode(r);
      counts[k] = (counts[k] ?? 0) + 1;
      if (r.ok) {
        expect(typeof r.payload.scenario).toBe('string');
        expect(r.payload.v).toBe(1);
      } else {
        expect(r.error.message.length).toBeGreaterThan(10);
        // Messages never quote the link.
        const piece = input.slice(8, 30);
        if (piece.length >= 12) expect(r.error.message).not.toContain(piece);
      }
    }
    // The fuzz reaches every failure kind that mutations can produce.
    for (const k of ['ok', 'damaged', 'malformed', 'newer', 'codec']) expect(counts[k] ?? 0, k).toBeGreaterThan(0);
  }, 120_000);
});
