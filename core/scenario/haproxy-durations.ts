/**
 * HAProxy's own reading of a time value in haproxy.cfg (parse_time_err: tools.c at v2.6.0,
 * standard.c at 7c6f8b146): digits, then one unit (us, ms, s, m, h, d), then — what the strict
 * reader of lexer.ts refuses — any characters, which HAProxy ignores. `timeout client 15min` is
 * therefore 15 minutes; 2.6 warns about the `in` ("unexpected character 'i' after the timer
 * value"), 1.9 says nothing. Pure.
 */
import { parseDuration } from './lexer';

export interface LenientDuration {
  readonly us: number;
  /** The part HAProxy reads, e.g. `15m`. */
  readonly read: string;
  /** The characters after the unit that HAProxy ignores, e.g. `in`. */
  readonly rest: string;
}

/** `15min` → 15m and `in`; null when the strict reader accepts the text or HAProxy would refuse it too. */
export function trailingDuration(text: string): LenientDuration | null {
  if (parseDuration(text) !== null) return null;
  // A `u` must be followed by `s` (2.6 refuses `5u`); `m` then `s` is milliseconds.
  const m = /^(\d{1,16})(us|ms|s|m|h|d)(.+)$/.exec(text);
  if (!m) return null;
  const read = `${m[1]}${m[2]}`;
  const us = parseDuration(read);
  return us === null ? null : { us, read, rest: m[3]! };
}

/** A configuration time value as HAProxy reads it: strict form, else with trailing characters ignored. */
export function configDuration(text: string): number | null {
  const w = unquote(text);
  const env = environmentValue(w);
  const v = env ? env.fallback : w;
  return v === null ? null : parseDuration(v) ?? trailingDuration(v)?.us ?? null;
}

/**
 * HAProxy's refusal of a time value with a character before its unit (`1.5s`, `2,5s`): parse_time_err
 * stops at the `.` and proxy_parse_timeout (proxy.c:601 at v2.6.0, :223 at 7c6f8b146) fails the line
 * with "unexpected character '.' in 'timeout client'"; 2.6.12 says so and does not start. Null: no such character.
 */
export function refusedTimeValue(text: string, what: string): string | null {
  const m = /^\d+([^\dA-Za-z])/.exec(unquote(text));
  if (!m) return null;
  const whole = /^(\d+)[.,](\d+)(us|ms|s|m|h|d)?$/.exec(unquote(text));
  const hint = whole && whole[3] === 's' ? `, e.g. ${Number(`${whole[1]}.${whole[2]}`) * 1000}ms` : '';
  return `unexpected character '${m[1]}' in '${what}': HAProxy reads only whole numbers in a time value and refuses this line; expected a whole number with a unit${hint}`;
}

/** `"5s"`: HAProxy reads a word the same with or without double quotes. */
export function unquote(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}

/**
 * `${NAME}` or `${NAME-default}` (inside double quotes HAProxy expands environment variables when
 * it starts): the variable's name and the default the simulation can use, if any.
 */
export function environmentValue(text: string): { readonly name: string; readonly fallback: string | null } | null {
  const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?:-([^}]*))?\}$/.exec(text);
  return m ? { name: m[1]!, fallback: m[2] ?? null } : null;
}

export function trailingMessage(text: string, d: LenientDuration): string {
  return `'${text}' is read as ${d.read}: HAProxy reads a time value up to its unit, the rest ('${d.rest}') is ignored (2.6 warns "unexpected character '${d.rest[0]}' after the timer value", 1.9 says nothing); write ${d.read}`;
}
