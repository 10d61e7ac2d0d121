/**
 * Pattern matching methods, as HAProxy 2.6.0's src/pattern.c defines them. A pattern list
 * matches when one of its patterns matches (the list is OR-ed). `-i` makes string comparisons
 * ignore case (PAT_MF_IGNORE_CASE).
 */
import type { MatchMethod, Sample } from '../model/routing';

export interface PatternSet {
  readonly method: MatchMethod;
  readonly icase: boolean;
  readonly patterns: readonly string[];
}

/** Does one sample match the set? (pattern_exec_match, pattern.c:2488-2540) */
export function matchSample(set: PatternSet, smp: Sample): boolean {
  const { method, icase, patterns } = set;
  switch (method) {
    case 'found':
      // No match function: any fetched sample matches (pattern.c:2493-2502).
      return true;
    case 'bool':
      // pat_match_nothing (pattern.c:418-431): true when the value is not zero.
      return smp.type === 'bool' ? smp.v : smp.type === 'int' ? smp.v !== 0 : false;
    case 'int': {
      const n = toInt(smp);
      return n !== null && patterns.some((p) => inRange(p, n));
    }
    case 'len': {
      // pat_match_len (pattern.c:947-963): the string's length in a range.
      const n = toStr(smp).length;
      return patterns.some((p) => inRange(p, n));
    }
    case 'ip':
      return patterns.some((p) => matchIp(p, smp.type === 'ip' || smp.type === 'str' ? String(smp.v) : ''));
    case 'meth': {
      const other = smp.type === 'meth' ? (smp.other ?? !KNOWN_METHODS.has(smp.v)) : !KNOWN_METHODS.has(toStr(smp));
      return patterns.some((p) => matchMethod(p, toStr(smp), other, icase));
    }
    default: {
      const s = toStr(smp);
      return patterns.some((p) => matchString(method, p, s, icase));
    }
  }
}

function toStr(smp: Sample): string {
  return smp.type === 'bool' ? (smp.v ? '1' : '0') : String(smp.v);
}

function toInt(smp: Sample): number | null {
  if (smp.type === 'int') return smp.v;
  if (smp.type === 'bool') return smp.v ? 1 : 0;
  const m = /^\s*[-+]?\d+/.exec(String(smp.v));
  return m ? Number(m[0]) : null;
}

const lower = (s: string, icase: boolean) => (icase ? s.toLowerCase() : s);

/** The string methods: str, beg, end, sub, reg, dom, dir. */
export function matchString(method: MatchMethod, pattern: string, s: string, icase: boolean): boolean {
  const p = lower(pattern, icase);
  const v = lower(s, icase);
  switch (method) {
    case 'str':
      // pat_match_str (pattern.c:435-528): same length and same bytes.
      return v === p;
    case 'beg':
      return v.startsWith(p); // pat_match_beg (pattern.c:636-723)
    case 'end':
      return v.endsWith(p); // pat_match_end (pattern.c:725-769)
    case 'sub':
      return v.includes(p); // pat_match_sub (pattern.c:771-829)
    case 'reg':
      return regexOf(pattern, icase)?.test(s) ?? false; // pat_match_reg (pattern.c:599-633)
    case 'dir':
      return matchWord(v, p, '/?'); // pat_match_dir (pattern.c:889-905)
    case 'dom':
      return matchWord(v, p, '/?.:'); // pat_match_dom (pattern.c:910-926)
    default:
      return false;
  }
}

const regexCache = new Map<string, RegExp | null>();

/** A PCRE-style pattern as a JavaScript RegExp (null when it does not compile). */
export function regexOf(pattern: string, icase: boolean): RegExp | null {
  const key = `${icase ? 'i' : '-'}${pattern}`;
  let re = regexCache.get(key);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, icase ? 'i' : '');
    } catch {
      re = null;
    }
    regexCache.set(key, re);
  }
  return re;
}

/**
 * match_word (pattern.c:836-884): the pattern, stripped of delimiters at both ends, appears in
 * the string between delimiters or the string's ends.
 */
function matchWord(s: string, pattern: string, delims: string): boolean {
  let ps = pattern;
  while (ps.length > 0 && delims.includes(ps[0]!)) ps = ps.slice(1);
  while (ps.length > 0 && delims.includes(ps[ps.length - 1]!)) ps = ps.slice(0, -1);
  const pl = ps.length;
  if (pl > s.length) return false;
  let mayMatch = true;
  for (let c = 0; c <= s.length - pl; c++) {
    if (delims.includes(s[c]!)) {
      mayMatch = true;
      continue;
    }
    if (!mayMatch) continue;
    if (s.startsWith(ps, c) && (c === s.length - pl || delims.includes(s[c + pl]!))) return true;
    mayMatch = false;
  }
  return false;
}

/**
 * An integer pattern: `N`, `N:M`, `:M`, `N:` (pat_parse_int, pattern.c); the operator forms
 * `eq|le|lt|ge|gt N` are rewritten to ranges when the ACL is compiled.
 */
export function inRange(pattern: string, n: number): boolean {
  const m = /^(-?\d+)?(?::(-?\d+)?)?$/.exec(pattern);
  if (!m || pattern === '') return false;
  const min = m[1] !== undefined ? Number(m[1]) : null;
  const hasColon = pattern.includes(':');
  const max = hasColon ? (m[2] !== undefined ? Number(m[2]) : null) : min;
  return (min === null || min <= n) && (max === null || n <= max);
}

/** `eq|le|lt|ge|gt N` as a range pattern (acl.c:520-600 compatibility layer); null if not an operator. */
export function operatorRange(op: string, value: string): string | null {
  const n = Number(value);
  if (!/^-?\d+$/.test(value)) return null;
  switch (op) {
    case 'eq': return `${n}`;
    case 'le': return `:${n}`;
    case 'lt': return `:${n - 1}`;
    case 'ge': return `${n}:`;
    case 'gt': return `${n + 1}:`;
    default: return null;
  }
}

/**
 * Known methods compare by identity; others by string, `-i` allowed (http_acl.c:54-80). `other`:
 * the request's method is none HAProxy knows (its text may then read like a known one after set-method).
 */
function matchMethod(pattern: string, method: string, other: boolean, icase: boolean): boolean {
  if (KNOWN_METHODS.has(pattern)) return !other && method === pattern;
  // A known method in the request has no text to compare with an unknown pattern (`-i post` never matches POST).
  if (!other) return false;
  return icase ? method.toLowerCase() === pattern.toLowerCase() : method === pattern;
}

/** The methods HAProxy knows by number (http.c find_http_meth): compared exactly, case included. */
export const KNOWN_METHODS = new Set(['OPTIONS', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'TRACE', 'CONNECT']);

/** An IPv4 address or network (`10.0.0.0/8`, `192.0.2.1/255.255.255.0`), or an IPv6 address compared as text. */
export function matchIp(pattern: string, addr: string): boolean {
  const [net, maskText] = pattern.split('/');
  const a = ipv4(addr);
  const n = ipv4(net ?? '');
  if (a === null || n === null) {
    // IPv6: only exact addresses are modelled (and `::1` for LOCALHOST).
    return maskText === undefined && addr.toLowerCase() === (net ?? '').toLowerCase();
  }
  let mask = 0xffffffff;
  if (maskText !== undefined) {
    const dotted = ipv4(maskText);
    if (dotted !== null) mask = dotted;
    else {
      const bits = Number(maskText);
      if (!Number.isInteger(bits) || bits < 0 || bits > 32) return false;
      mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    }
  }
  return ((a & mask) >>> 0) === ((n & mask) >>> 0);
}

export function ipv4(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}
