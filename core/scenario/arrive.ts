/**
 * Open-loop load (issue 18): the `arrive` script statement.
 *
 *   arrive NAME rate R/s for T [h1|h2] METHOD PATH [request options] [requests K] [think T] [&]
 *
 * Clients NAME1, NAME2, … arrive as a Poisson process of rate R per second during T; each opens a
 * connection (h1 by default), sends K requests (default 1) — the next one `think` (default 0)
 * after the previous response — and closes. The request part is read by the parser's own request
 * reader, so every request option (`-> STATUS`, `to SERVER`, `close`, `takes T`, …) means here what
 * it means on a request line. The script waits until the last client has closed, unless the line
 * ends with `&`. Draws come from the run's seeded generator (`seed N`). Pure.
 */
import type { ArriveStatement, Span, Statement, Word } from './ast';
import { parseCount, parseDuration } from './lexer';
import { suggest } from './suggest';

type RequestStatement = Extract<Statement, { kind: 'request' }>;

/** The parser's report, as this module uses it. */
export interface ArriveReport {
  error(code: string, span: Span, message: string, expected?: string, suggestion?: string): void;
}

/** Most clients one `arrive` may expect (rate × time), as many as the largest client range. */
export const MAX_ARRIVALS = 100_000;
export const MAX_RATE = 1_000_000;
export const MAX_REQUESTS_PER_CLIENT = 1_000_000;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const RATE_RE = /^(\d{1,7}(?:\.\d{1,3})?)\/s$/;
const DURATION = 'a duration such as 60s';
export const ARRIVE_FORM = 'arrive NAME rate R/s for T [h1|h2] METHOD PATH [options] [requests K] [think T] [&]';

/** `arrive GET /x` is an old script's request from a client named `arrive`, not this statement. */
export function isArrive(ws: readonly Word[]): boolean {
  return ws[0]?.text === 'arrive' && (ws[2]?.text === 'rate' || !/^[A-Z][A-Z0-9_-]*$/.test(ws[1]?.text ?? ''));
}

export function parseArrive(
  ws: readonly Word[],
  r: ArriveReport,
  readRequest: (words: readonly Word[]) => RequestStatement | null,
): ArriveStatement | null {
  const head = ws[0]!;
  const span: Span = { from: head.span.from, to: ws[ws.length - 1]!.span.to };
  const missing = (after: Word, what: string) => {
    r.error('missing-argument', after.span, `missing ${what} after '${ws.slice(0, ws.indexOf(after) + 1).map((w) => w.text).join(' ')}'; expected ${ARRIVE_FORM}`, what);
    return null;
  };
  const expect = (i: number, word: string) => {
    const w = ws[i];
    if (!w) return missing(ws[i - 1]!, `'${word}'`);
    if (w.text === word) return w;
    r.error('expected-keyword', w.span, `unexpected '${w.text}' in arrive; expected '${word}' (${ARRIVE_FORM})`, `'${word}'`, suggest(w.text, [word]));
    return null;
  };
  const name = ws[1];
  if (!name) return missing(head, 'a client name such as user');
  if (!NAME_RE.test(name.text)) {
    r.error('expected-client', name.span, `invalid client name '${name.text}' for arrive; expected a name such as user (clients user1, user2, …)`, 'a name such as user');
    return null;
  }
  if (!expect(2, 'rate')) return null;
  const rateWord = ws[3];
  if (!rateWord) return missing(ws[2]!, 'a rate such as 100/s');
  const m = RATE_RE.exec(rateWord.text);
  const rate = m ? Number(m[1]) : NaN;
  if (!m || rate <= 0 || rate > MAX_RATE) {
    r.error('expected-rate', rateWord.span, `invalid rate '${rateWord.text}'; expected arrivals per second above 0 and at most ${MAX_RATE}, such as 100/s`, 'a rate such as 100/s');
    return null;
  }
  if (!expect(4, 'for')) return null;
  const forWord = ws[5];
  if (!forWord) return missing(ws[4]!, DURATION);
  const forUs = parseDuration(forWord.text);
  if (forUs === null || forUs === 0) {
    r.error('expected-duration', forWord.span, `invalid duration '${forWord.text}' for arrive; expected ${DURATION} (above 0)`, DURATION);
    return null;
  }
  const expected = (rate * forUs) / 1_000_000;
  if (expected > MAX_ARRIVALS) {
    r.error('out-of-range', { from: rateWord.span.from, to: forWord.span.to }, `${rateWord.text} for ${forWord.text} expects ${Math.round(expected)} clients; expected at most ${MAX_ARRIVALS} (a lower rate or a shorter time)`, `at most ${MAX_ARRIVALS} clients`);
    return null;
  }
  let i = 6;
  let proto: 'h1' | 'h2' = 'h1';
  if (ws[i]?.text === 'h1' || ws[i]?.text === 'h2') proto = ws[i++]!.text as 'h1' | 'h2';
  if (!ws[i]) return missing(ws[i - 1]!, 'a method and a path such as GET /');
  // `requests K` and `think T` are this statement's; every other word is the request's.
  const rest: Word[] = [];
  let requests = 1;
  let thinkUs = 0;
  const seen = new Set<string>();
  for (let k = i; k < ws.length; k++) {
    const w = ws[k]!;
    if ((w.text !== 'requests' && w.text !== 'think') || k < i + 2) {
      rest.push(w);
      continue;
    }
    if (seen.has(w.text)) {
      r.error('duplicate-option', w.span, `'${w.text}' is given twice; expected each option at most once`, 'each option at most once');
      return null;
    }
    seen.add(w.text);
    const v = ws[k + 1];
    if (!v || v.text === '&') return missing(w, w.text === 'requests' ? 'a number of requests such as 3' : DURATION);
    if (w.text === 'requests') {
      const n = parseCount(v.text);
      if (n === null || n < 1 || n > MAX_REQUESTS_PER_CLIENT) {
        r.error(n === null ? 'expected-number' : 'out-of-range', v.span, `invalid request count '${v.text}'; expected a whole number from 1 to ${MAX_REQUESTS_PER_CLIENT}`, `a whole number from 1 to ${MAX_REQUESTS_PER_CLIENT}`);
        return null;
      }
      requests = n;
    } else {
      const us = parseDuration(v.text);
      if (us === null) {
        r.error('expected-duration', v.span, `invalid duration '${v.text}' for think; expected ${DURATION}`, DURATION);
        return null;
      }
      thinkUs = us;
    }
    k++;
  }
  const group: Word = { text: `${name.text}[*]`, span: name.span };
  const request = readRequest([group, ...rest]);
  if (!request) return null;
  return { kind: 'arrive', name: name.text, rate, forUs, proto, request, requests, thinkUs, background: request.background, span };
}
