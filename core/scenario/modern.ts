/**
 * Value checks of the `modern` engine's configuration keywords (HAProxy 2.6, haproxy-algorithm.md §7):
 * checks shared by the parser (errors) and the compiler (values), and what the older engines make
 * of them (warnings, see compile.ts). Pure.
 */
import type { EngineName } from './ast';
import { parseCount, parseDuration } from './lexer';
import { suggest } from './suggest';

/** The commit each older engine models: those keywords did not exist there. */
export const ENGINE_COMMITS: Readonly<Record<Exclude<EngineName, 'modern'>, string>> = { seed: '7c6f8b146', parent: '131fd89d5' };

/** The modern server options themselves are entries of grammar/server-options.ts. */
export type { ModernServerOption } from './ast';

export const MAX_CONN_COUNT = 1_000_000_000;

/** A value the parser rejects (an error) or accepts with a remark (a warning). */
export interface ValueProblem {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
  readonly expected?: string;
  readonly suggestion?: string;
}

export type OptionValue =
  | { readonly ok: true; readonly value: number | 'h1' | 'h2'; readonly warning?: ValueProblem }
  | { readonly ok: false; readonly problem: ValueProblem };

/** Spellings of the two protocols that are not HAProxy's but mean one of them. */
const PROTO_ALIASES: Readonly<Record<string, 'h1' | 'h2'>> = {
  h2c: 'h2', http2: 'h2', 'http/2': 'h2', 'http/2.0': 'h2', h1c: 'h1', http1: 'h1', 'http/1': 'h1', 'http/1.1': 'h1', 'http/1.0': 'h1',
};

/** `proto VALUE` of a server line: h1 or h2; fcgi is real but not modelled (warning, h1). */
export function protoValue(text: string): OptionValue {
  if (text === 'h1' || text === 'h2') return { ok: true, value: text };
  if (text === 'fcgi') {
    return {
      ok: true, value: 'h1',
      warning: { severity: 'warning', code: 'not-modelled', message: '`proto fcgi` is not modelled; the simulation talks HTTP/1.1 to this server' },
    };
  }
  const s = PROTO_ALIASES[text.toLowerCase()] ?? suggest(text, ['h1', 'h2']);
  return { ok: false, problem: { severity: 'error', code: 'invalid-value', message: `unknown proto '${text}'; expected h1 or h2`, expected: 'h1 or h2', ...(s ? { suggestion: s } : {}) } };
}

/**
 * A count: a whole number from 0 to MAX_CONN_COUNT, or -1 (unlimited) where `unlimited` says so.
 * `what` names the option in messages.
 */
export function countValue(text: string, what: string, unlimited: boolean): OptionValue {
  if (unlimited && text === '-1') return { ok: true, value: -1 };
  const expected = `a whole number from 0 to ${MAX_CONN_COUNT}${unlimited ? ', or -1 (unlimited)' : ''}`;
  const n = parseCount(text);
  if (n === null || n > MAX_CONN_COUNT) {
    return { ok: false, problem: { severity: 'error', code: n === null ? 'expected-number' : 'out-of-range', message: `invalid count '${text}' for ${what}; expected ${expected}`, expected } };
  }
  return { ok: true, value: n };
}

export const DURATION_WORDS = 'a duration such as 20ms, 2s or 250 (ms)';

export function durationValue(text: string, what: string): OptionValue {
  const us = parseDuration(text);
  if (us === null) {
    return { ok: false, problem: { severity: 'error', code: 'expected-duration', message: `invalid duration '${text}' for ${what}; expected ${DURATION_WORDS}`, expected: DURATION_WORDS } };
  }
  return { ok: true, value: us };
}

/** The warning of an older engine for a keyword it did not have. */
export function notAtCommit(keyword: string, engine: Exclude<EngineName, 'modern'>): string {
  return `'${keyword}' did not exist at ${ENGINE_COMMITS[engine]} (engine ${engine}); ignored by this engine`;
}

export const PROTO_H2_REFUSED = 'HAProxy at this commit rejects `proto h2` on a server (server.c:522-526); the simulation talks HTTP/1.1 to it';
