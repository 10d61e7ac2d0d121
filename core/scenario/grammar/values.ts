/**
 * Readers of the values several keywords share: a duration (with HAProxy's own leniency in
 * haproxy.cfg) and `source ADDR [usesrc X] [interface NAME]`. Each checks and reports on `r`,
 * and returns the value the simulation uses. Pure.
 */
import type { Word } from '../ast';
import type { UseSrc } from '../../model/config';
import { environmentValue, refusedTimeValue, trailingDuration, trailingMessage, unquote } from '../haproxy-durations';
import { parseDuration } from '../lexer';
import { DURATION_WORDS, MAX_CONN_COUNT } from '../modern';
import { suggest } from '../suggest';
import type { Report } from './report';

/** atoi / atol as HAProxy reads a number: the leading integer of a word, 0 when there is none. */
export function leadingInt(text: string | undefined): number {
  const m = text === undefined ? null : /^\s*[+-]?\d+/.exec(text);
  return m ? Number(m[0]) : 0;
}

/** A duration; in haproxy.cfg (`config`), also HAProxy's reading of `15min` (with a warning). */
export function readDuration(r: Report, w: Word, what: string, config = false): number | null {
  if (config && w.text.startsWith('"')) {
    const inner = unquote(w.text);
    const env = environmentValue(inner);
    if (env) {
      const fallback = env.fallback !== null ? parseDuration(env.fallback) ?? trailingDuration(env.fallback)?.us ?? null : null;
      r.warn('environment-variable', w.span, fallback !== null
        ? `'${w.text}' is read from the environment variable ${env.name} when HAProxy starts; the environment is not modelled, the simulation uses the default ${env.fallback}`
        : `'${w.text}' is read from the environment variable ${env.name} when HAProxy starts; the environment is not modelled, this value is ignored by the simulation`);
      return fallback;
    }
    if (inner !== w.text) return readDuration(r, { text: inner, span: w.span }, what, config);
  }
  const refused = config ? refusedTimeValue(w.text, what) : null;
  if (refused) {
    r.error('expected-duration', w.span, refused, 'a whole number with a unit such as 1500ms');
    return null;
  }
  const us = parseDuration(w.text);
  const trailing = config && us === null ? trailingDuration(w.text) : null;
  if (trailing) {
    r.warn('duration-trailing', w.span, trailingMessage(w.text, trailing));
    return trailing.us;
  }
  if (us === null) r.error('expected-duration', w.span, `invalid duration '${w.text}' for ${what}; expected ${DURATION_WORDS}`, DURATION_WORDS);
  return us;
}

/** Values offered after `usesrc`. */
export const USESRC_VALUES = ['client', 'clientip', 'hdr_ip(X-Forwarded-For)'] as const;

/**
 * `source ADDR [usesrc X] [interface NAME]` starting at ws[at]: the usesrc kind, and the index
 * after it. A fixed usesrc address is shared by every client, so for reuse it is like none.
 */
export function readSource(r: Report, ws: readonly Word[], at: number): { usesrc: UseSrc; next: number } {
  let usesrc: UseSrc = 'none';
  if (!ws[at + 1]) {
    r.error('missing-argument', ws[at]!.span, `missing address after 'source'; expected a source address such as 0.0.0.0`, 'a source address such as 0.0.0.0');
    return { usesrc, next: at + 1 };
  }
  let i = at + 2;
  while (i < ws.length && (ws[i]!.text === 'usesrc' || ws[i]!.text === 'interface')) {
    const key = ws[i]!;
    const v = ws[i + 1];
    const expected = key.text === 'usesrc' ? 'client, clientip, hdr_ip(HEADER) or an address' : 'an interface name';
    if (!v) {
      r.error('missing-argument', key.span, `missing value after '${key.text}'; expected ${expected}`, expected);
      return { usesrc, next: i + 1 };
    }
    if (key.text === 'usesrc') {
      const t = v.text;
      const ok = t === 'client' || t === 'clientip' || /^hdr_ip\(.+\)$/.test(t) || /[0-9:.[]/.test(t);
      if (!ok) r.error('invalid-value', v.span, `unknown usesrc value '${t}'; expected ${expected}`, expected, suggest(t, ['client', 'clientip']));
      usesrc = t === 'client' ? 'client' : t === 'clientip' ? 'clientip' : t.startsWith('hdr_ip(') ? 'hdr_ip' : 'none';
    } else r.warn('ignored-keyword', { from: key.span.from, to: v.span.to }, `'interface' is ignored by the simulation`);
    i += 2;
  }
  return { usesrc, next: i };
}

/**
 * A `maxconn` value as HAProxy reads it (atol: the leading number, no number is 0). A negative
 * one would stop every accept; the simulation reads it as 0 and says so.
 */
export function readMaxconn(r: Report, w: Word): number {
  const m = /^\s*[+-]?\d+/.exec(w.text);
  const n = m ? Number(m[0]) : 0;
  const count = Math.min(MAX_CONN_COUNT, Math.max(0, n));
  if (n < 0) r.warn('not-modelled', w.span, `HAProxy would accept no client connection at all with maxconn ${w.text}; the simulation reads it as 0 (no limit of its own)`);
  else if (!m || m[0].trim() !== w.text) r.warn('not-modelled', w.span, `HAProxy would read 'maxconn ${w.text}' as maxconn ${count} (it takes the leading number), as the simulation does`);
  return count;
}
