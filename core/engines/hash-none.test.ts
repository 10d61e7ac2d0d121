import { describe, expect, it } from 'vitest';
import { checkScenario } from '../scenario/compile';
import { utf8Bytes } from '../sim/utf8';
import { hashBytes, readInt64 } from './hash-functions';

// `hash-type … none` (HAProxy 3.0+): the key read as a number is the hash (gen_hash and read_int64 of
// v3.0.0). The picks themselves are checked against 3.0.0 and 3.4.0 (core/test/modern-30-real/hash-none,
// modern-34-real/hash-none-src).
describe('hash-type none', () => {
  it('reads the key as read_int64 does, keeping the low 32 bits', () => {
    const h = (s: string) => readInt64(utf8Bytes(s));
    expect(h('7')).toBe(7);
    expect(h('10abc')).toBe(10);
    expect(h('x9')).toBe(0);
    expect(h('')).toBe(0);
    expect(h('+5')).toBe(5);
    expect(h('4294967297')).toBe(1);
    expect(h('-1')).toBe(4294967295);
    // Past 2^63 - 1: that value, whose low 32 bits are all ones.
    expect(h('99999999999999999999')).toBe(4294967295);
    expect(h('-99999999999999999999')).toBe(0);
    expect(hashBytes('none', Uint8Array.from([1, 2, 3, 4]))).toBe(0);
  });

  const text = (engine: string) => `engine ${engine}\nbackend be\n    balance hash req.hdr(x-id)\n    hash-type map-based none\n    server s1 192.0.2.10:80\n`;
  it('is read from engine modern 3.0 on, and refused before (HAProxy does not start)', () => {
    for (const v of ['modern 3.0', 'modern 3.2', 'modern 3.4']) expect(checkScenario(text(v)).diagnostics, v).toEqual([]);
    for (const [engine, release] of [['modern', '2.6'], ['modern 2.8', '2.8'], ['seed', '1.9']] as const) {
      const errors = checkScenario(text(engine)).diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => [d.line, d.message]), engine).toEqual([[4, `HAProxy ${release} refuses hash function 'none' (it came with 3.0): 'hash-type' only supports 'sdbm', 'djb2', 'crc32', or 'wt6' hash functions; expected sdbm, djb2, wt6 or crc32`]]);
    }
  });
});
