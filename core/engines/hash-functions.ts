/**
 * The hash functions HAProxy's hash balancing applies to a key (src/hash.c and
 * include/haproxy/intops.h of v2.6.0), over the key's bytes (UTF-8), as unsigned 32-bit
 * integers. Pure; written from the algorithms' definitions, checked against the real binary by
 * the servers it picks (scripts/verify/hash-balance.test.ts).
 */
import type { HashFunction } from '../model/config';
import { utf8Bytes } from '../sim/utf8';

/** sdbm, HAProxy's default (hash.c:77-89): h = c + (h << 6) + (h << 16) - h. */
export function sdbm(bytes: Uint8Array): number {
  let h = 0;
  for (const c of bytes) h = (c + (h << 6) + (h << 16) - h) >>> 0;
  return h;
}

/** djb2 (hash.c:49-75): h = h * 33 + c from 5381. */
export function djb2(bytes: Uint8Array): number {
  let h = 5381;
  for (const c of bytes) h = (Math.imul(h, 33) + c) >>> 0;
  return h;
}

/** wt6 (hash.c:20-47): two words rotated by steps that the data itself chooses. */
export function wt6(bytes: Uint8Array): number {
  let h0 = 0xa53c965a;
  let h1 = 0x5ca6953a;
  let step0 = 6;
  let step1 = 18;
  for (const c of bytes) {
    h0 = ~(h0 ^ c) >>> 0;
    h1 = ~(h1 + c) >>> 0;
    const t = ((h1 << step0) | (h1 >>> (32 - step0))) >>> 0;
    // A step of 0 shifts by 32: x86 (and JavaScript) take the count mod 32, so it rotates by 0.
    h1 = ((h0 << step1) | (h0 >>> (32 - step1))) >>> 0;
    h0 = t;
    const m = ((h0 >>> 16) ^ h1) & 0xffff;
    step0 = m & 0x1f;
    step1 = m >>> 11;
  }
  return (h0 ^ h1) >>> 0;
}

/** CRC-32 (reflected polynomial 0xedb88320, hash.c:100-112), bit by bit. */
export function crc32(bytes: Uint8Array): number {
  let h = 0xffffffff;
  for (const c of bytes) {
    h ^= c;
    for (let b = 0; b < 8; b++) h = (h >>> 1) ^ (h & 1 ? 0xedb88320 : 0);
  }
  return ~h >>> 0;
}

/** Bob Jenkins' 32-bit full-avalanche integer hash, times a prime (intops.h:270-290): `avalanche`, and the consistent-hash ring. */
export function fullHash(x: number): number {
  let a = x >>> 0;
  a = (a + 0x7ed55d16 + (a << 12)) >>> 0;
  a = (a ^ 0xc761c23c ^ (a >>> 19)) >>> 0;
  a = (a + 0x165667b1 + (a << 5)) >>> 0;
  a = ((a + 0xd3a2646c) ^ (a << 9)) >>> 0;
  a = (a + 0xfd7046c5 + (a << 3)) >>> 0;
  a = (a ^ 0xb55a4f09 ^ (a >>> 16)) >>> 0;
  // Then spread over the whole range by a large prime near 3/4 of it (intops.h:286-289).
  return Math.imul(a, 3221225473 | 0) >>> 0;
}


/** gen_hash (backend.c:73-95): the backend's function over the key's bytes. */
export function hashKey(fn: HashFunction, key: string): number {
  return hashBytes(fn, utf8Bytes(key));
}

export function hashBytes(fn: HashFunction, bytes: Uint8Array): number {
  switch (fn) {
    case 'none':
      return readInt64(bytes);
    case 'djb2':
      return djb2(bytes);
    case 'wt6':
      return wt6(bytes);
    case 'crc32':
      return crc32(bytes);
    default:
      return sdbm(bytes);
  }
}

/**
 * `hash-type … none` (HAProxy 3.0+, a7563158f; gen_hash, backend.c:80-87 of v3.0.0): the key's bytes
 * read as a decimal number (read_int64, tools.c:2439-2460: an optional sign, then digits up to the
 * first other byte, saturating at the 64-bit limits), kept to its low 32 bits. A key that does not
 * start with a digit hashes to 0.
 */
export function readInt64(bytes: Uint8Array): number {
  let i = 0;
  let neg = false;
  if (bytes[0] === 0x2d) {
    neg = true;
    i = 1;
  } else if (bytes[0] === 0x2b) i = 1;
  const MAX = (1n << 64n) - 1n;
  let n = 0n;
  for (; i < bytes.length; i++) {
    const d = bytes[i]! - 0x30;
    if (d < 0 || d > 9) break;
    n = n * 10n + BigInt(d);
    if (n > MAX) {
      n = MAX;
      break;
    }
  }
  let v: bigint;
  if (neg) v = n > 1n << 63n ? -(1n << 63n) : -n;
  else v = n > (1n << 63n) - 1n ? (1n << 63n) - 1n : n;
  return Number(BigInt.asUintN(32, v));
}
