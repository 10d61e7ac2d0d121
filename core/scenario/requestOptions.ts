/**
 * The options of a request line after `METHOD PATH`, in any order:
 * `-> STATUS [ntlm|negotiate] [close]`, `to SERVER`, `close`, `takes TIME`, `host NAME`,
 * `header "NAME: VALUE"` (repeatable) and a final `&`. One function so that every statement
 * that sends a request (`A GET /x …`, `arrive … METHOD PATH …`) reads them the same way.
 */
import type { ResponseSpec, Span, Word } from './ast';
import { parseCount, parseDuration } from './lexer';
import { DURATION_WORDS } from './modern';
import { REQUEST_OPTION_WORDS } from './grammar/script-words';
import { suggest } from './suggest';

export interface OptionReport {
  error(code: string, span: Span, message: string, expected?: string, suggestion?: string): void;
}

export interface RequestOptions {
  readonly response: ResponseSpec | null;
  readonly to: Word | null;
  readonly close: boolean;
  readonly takesUs: number | null;
  readonly background: boolean;
  readonly host: Word | null;
  readonly headers: readonly Word[];
}


/** A header option's text without quotes: `"X-Api: 1"` → name `X-Api`, value `1`; null when malformed. */
export function headerField(w: Word): { name: string; value: string } | null {
  let t = w.text;
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) t = t.slice(1, -1);
  t = t.replace(/\\(.)/g, '$1');
  const colon = t.indexOf(':');
  if (colon <= 0) return null;
  const name = t.slice(0, colon).trim();
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return null;
  return { name, value: t.slice(colon + 1).trim() };
}

/** Reads the options from ws[start]; null after an error (reported). */
export function parseRequestOptions(ws: readonly Word[], start: number, r: OptionReport): RequestOptions | null {
  let response: ResponseSpec | null = null;
  let to: Word | null = null;
  let close = false;
  let takesUs: number | null = null;
  let background = false;
  let host: Word | null = null;
  const headers: Word[] = [];
  const dup = (w: Word) => {
    r.error('duplicate-option', w.span, `'${w.text}' is given twice; expected each request option at most once`, 'each option at most once');
    return null;
  };
  const value = (w: Word, what: string): Word | null => {
    const s = ws[i + 1];
    if (!s || s.text === '&') {
      r.error('missing-argument', w.span, `missing ${what} after '${w.text}'; expected ${what}`, what);
      return null;
    }
    return s;
  };
  let i = start;
  while (i < ws.length) {
    const w = ws[i]!;
    switch (w.text) {
      case '&':
        if (i !== ws.length - 1) {
          r.error('misplaced-ampersand', w.span, `'&' must end the statement; expected it after every option`, "'&' at the end of the line");
          return null;
        }
        background = true;
        i++;
        continue;
      case '->': {
        if (response) return dup(w);
        const s = ws[i + 1];
        const expected = 'a status from 100 to 599, e.g. -> 401 ntlm';
        const n = s ? parseCount(s.text) : null;
        if (!s || n === null || !/^\d{3}$/.test(s.text) || n < 100 || n > 599) {
          r.error(s && n !== null ? 'out-of-range' : 'expected-status', (s ?? w).span, s ? `invalid status '${s.text}'; expected ${expected}` : `missing status after '->'; expected ${expected}`, expected);
          return null;
        }
        let auth: ResponseSpec['auth'] = null;
        let rclose = false;
        i += 2;
        // The answer's own words, in either order; a later `close` belongs to the request.
        for (;;) {
          const t = ws[i]?.text;
          if (auth === null && (t === 'ntlm' || t === 'negotiate')) auth = t;
          else if (!rclose && t === 'close') rclose = true;
          else break;
          i++;
        }
        response = { status: n, auth, close: rclose };
        continue;
      }
      case 'to': {
        if (to) return dup(w);
        const s = value(w, 'a server name');
        if (!s) return null;
        to = s;
        i += 2;
        continue;
      }
      case 'host': {
        if (host) return dup(w);
        const s = value(w, 'a host name such as example.com');
        if (!s) return null;
        host = s;
        i += 2;
        continue;
      }
      case 'header': {
        const s = value(w, 'a quoted header such as "X-Api: 1"');
        if (!s) return null;
        if (!headerField(s)) {
          r.error('invalid-value', s.span, `invalid header ${s.text}; expected "NAME: VALUE" in quotes, e.g. header "X-Api: 1"`, '"NAME: VALUE"');
          return null;
        }
        headers.push(s);
        i += 2;
        continue;
      }
      case 'close':
        if (close) return dup(w);
        close = true;
        i++;
        continue;
      case 'takes': {
        if (takesUs !== null) return dup(w);
        const s = ws[i + 1];
        if (!s) {
          r.error('missing-argument', w.span, `missing duration after 'takes'; expected ${DURATION_WORDS}`, DURATION_WORDS);
          return null;
        }
        const us = parseDuration(s.text);
        if (us === null) {
          r.error('expected-duration', s.span, `invalid duration '${s.text}' for takes; expected ${DURATION_WORDS}`, DURATION_WORDS);
          return null;
        }
        takesUs = us;
        i += 2;
        continue;
      }
      default: {
        const expected = "a request option: '-> STATUS', 'to SERVER', 'close', 'takes TIME', 'host NAME', 'header \"NAME: VALUE\"' or '&'";
        r.error('unknown-option', w.span, `unexpected '${w.text}' in a request; expected ${expected}`, expected, suggest(w.text, REQUEST_OPTION_WORDS));
        return null;
      }
    }
  }
  return { response, to, close, takesUs, background, host, headers };
}
