/**
 * `http-check …` lines (a backend's HTTP health checks): how the directive table's entry reads and applies them, and what an
 * engine makes of the `expect` rules (HAProxy 2.6 reads `status` as a list of codes and ranges,
 * 1.9 compares the first three characters). Pure.
 */
import type { EngineName, NodeOf, Span, Word } from '../ast';
import type { StatusExpect } from '../../model/config';
import { unquote } from '../routing/sampleExpr';
import { suggest } from '../suggest';
import { REFUSED_CODE, spanOfWords, type Report } from './report';
import type { HttpCheckLine, Settings } from './settings';

/** What may follow `http-check` at 2.6 (tcpcheck.c:3955-4030 of v2.6.0; set-var(…) and unset-var(…) too). */
const ACTIONS_26 = ['disable-on-404', 'send-state', 'comment', 'connect', 'send', 'expect'] as const;
/** …and at 1.9 (cfgparse.c:5400-5530 at 7c6f8b146). */
const ACTIONS_19 = ['disable-on-404', 'send-state', 'expect'] as const;
/** `http-check expect` options before the matcher that take a value (tcpcheck.c parse_tcpcheck_expect). */
const EXPECT_OPTIONS = ['min-recv', 'comment', 'ok-status', 'error-status', 'tout-status', 'on-success', 'on-error', 'status-code'] as const;
/** Those that change how a check ends, which the simulation does not model. */
const EXPECT_RESULT_OPTIONS = new Set(['ok-status', 'error-status', 'tout-status']);
const MATCHERS = ['status', 'rstatus', 'string', 'rstring', 'hdr', 'fhdr'] as const;

const isVarAction = (w: string) => /^(set-var|set-var-fmt|unset-var)\(.*\)$/.test(w);

export const HTTP_CHECK_SYNTAX = 'http-check expect [!] status CODES | rstatus REGEX  (also send, connect, comment, send-state, disable-on-404)';
export const HTTP_CHECK_ACTIONS: readonly string[] = ACTIONS_26;
export const HTTP_CHECK_DOC =
  'How a backend\'s HTTP health checks (`option httpchk`) judge the answer: `http-check expect status 200` (2.6: a list of codes and ranges, `200,301-302`; 1.9: the first three characters, one code) or `rstatus REGEX` on the three digits; `!` inverts it. ' +
  'Every expect line must pass; without one, 200 to 399 pass. At 2.6 a backend\'s own `option httpchk` or `http-check` line replaces the rules of `defaults` (tcpcheck.c:3955-4030 of v2.6.0); 1.9 keeps one expect, inherited or not (a second is refused). ' +
  '`disable-on-404`: a check answered 404 by a server that is not DOWN passes on condition and puts it in NOLB (draining: load balancing leaves it out, persistence still reaches it; HC4). `send`, `connect`, `comment`, `send-state` and the variables have no effect on the emulated servers; `expect string|rstring|hdr|fhdr` and the result options are not modelled (warnings). Without `option httpchk` HAProxy ignores the rules (a warning).';

/** An `http-check` line: its node (null: nothing the simulation applies), its diagnostics on `r`; `noEffect` says where HAProxy ignores it. */
export function parseHttpCheck(ws: readonly Word[], r: Report, noEffect: () => void): NodeOf<'http-check'> | null {
  const action = ws[1];
  if (!action) {
    r.error('missing-argument', ws[0]!.span, `'http-check' expects an action; expected one of ${ACTIONS_26.join(', ')}`, ACTIONS_26.join(', '));
    return null;
  }
  const a = action.text;
  if (!(ACTIONS_26 as readonly string[]).includes(a) && !isVarAction(a)) {
    // Both parsers refuse it (HAProxy would not start); the simulation goes on without the line.
    const near = suggest(a, ACTIONS_26);
    r.warn(REFUSED_CODE, spanOfWords(ws), `HAProxy refuses 'http-check ${a}': 'http-check' only supports ${ACTIONS_26.join(', ')}, set-var(NAME), unset-var(NAME)${near ? ` (did you mean '${near}'?)` : ''}; ignored by the simulation`);
    return null;
  }
  noEffect();
  if (a !== 'expect') {
    if (a === 'connect' && ws.length > 2) r.warn('not-modelled', spanOfWords(ws.slice(2)), `'http-check connect' options are not modelled: the simulation's checks connect to the server itself, without TLS or PROXY line`);
    return { kind: 'http-check', action: a, words: ws.slice(1).map((w) => w.text) };
  }
  let i = 2;
  let invert = false;
  for (; i < ws.length; i++) {
    const t = ws[i]!.text;
    if ((EXPECT_OPTIONS as readonly string[]).includes(t)) {
      if (EXPECT_RESULT_OPTIONS.has(t)) r.warn('not-modelled', spanOfWords(ws.slice(i, i + 2)), `'${t}' of 'http-check expect' is not modelled: a check passes or fails here, without the status it would report`);
      i++;
      continue;
    }
    const bangs = /^!*/.exec(t)![0].length;
    if (bangs % 2 === 1) invert = !invert;
    if (bangs === t.length) continue;
    break;
  }
  const m = ws[i];
  const matcher = m?.text.replace(/^!+/, '');
  if (!m || !(MATCHERS as readonly string[]).includes(matcher!)) {
    const span = m?.span ?? spanOfWords(ws);
    r.error('invalid-value', span, `'http-check expect' expects a match such as 'status 200' or 'rstatus ^2'${m ? `, not '${matcher}'` : ''}; expected one of ${MATCHERS.join(', ')}`, MATCHERS.join(', '), m ? suggest(matcher!, MATCHERS) : undefined);
    return null;
  }
  const p = ws[i + 1];
  if (!p) {
    r.error('missing-argument', m.span, `'http-check expect ${matcher}' expects a pattern; expected e.g. http-check expect status 200`, `${matcher} PATTERN`);
    return null;
  }
  if (matcher !== 'status' && matcher !== 'rstatus') {
    r.warn('not-modelled', spanOfWords(ws.slice(i)), `'http-check expect ${matcher}' is not modelled (the emulated servers' answers have no body or headers to match): the simulation ignores this rule`);
    return null;
  }
  const pattern = unquote(p.text);
  if (matcher === 'rstatus') {
    try {
      new RegExp(pattern);
    } catch {
      r.error('invalid-value', p.span, `bad regular expression '${pattern}' for 'http-check expect rstatus'; expected a regular expression such as ^2`, 'a regular expression such as ^2');
      return null;
    }
  }
  return { kind: 'http-check', action: 'expect', words: ws.slice(1).map((w) => w.text), expect: { invert, match: matcher, pattern, text: `${invert ? '! ' : ''}${matcher} ${pattern}` } };
}

/** What an `http-check` line sets: a rule line of the section (send-state only sets a flag: tcpcheck.c:3975-3981 of v2.6.0). */
export function applyHttpCheck(s: Settings, n: NodeOf<'http-check'>, ws: readonly Word[]): void {
  if (n.action === 'send-state') return;
  // A flag of the proxy too (PR_O_DISABLE404, tcpcheck.c:3966-3972 of v2.6.0), inherited from defaults.
  if (n.action === 'disable-on-404') {
    s.disable404 = true;
    return;
  }
  const span = spanOfWords(ws);
  s.httpChecks = [...s.httpChecks, n.expect ? { kind: 'expect', expect: n.expect, span, inherited: false } : { kind: 'rule', span, inherited: false }];
}

/**
 * The codes of `status PATTERN` at 2.6: a comma-separated list of codes and ranges (tcpcheck.c:3328-3360
 * of v2.6.0), or the reason HAProxy refuses it.
 */
export function statusCodes26(pattern: string): { codes: [number, number][] } | { refused: string } {
  const codes: [number, number][] = [];
  for (const part of pattern.split(',')) {
    // read_uint: leading digits (none: 0), then an optional '-' and more digits.
    const m = /^(\d*)(?:-(\d*))?(.*)$/.exec(part)!;
    const lo = Number(m[1] || 0);
    const hi = m[2] !== undefined ? Number(m[2] || 0) : lo;
    if (lo > hi) return { refused: `invalid range of status codes '${pattern}'` };
    if (m[3]) return { refused: `invalid character '${m[3][0]}' in the list of status codes` };
    codes.push([lo, hi]);
  }
  return { codes };
}

/** At 1.9 the first three characters are compared to the answer's code (strncmp, checks.c:2449-2450 at 7c6f8b146). */
function statusCodes19(pattern: string): [number, number][] {
  return /^\d{3}/.test(pattern) ? [[Number(pattern.slice(0, 3)), Number(pattern.slice(0, 3))]] : [];
}

type Warn = (code: string, span: Span, message: string) => void;

/**
 * The expect rules a backend's checks apply at this engine, from its `http-check` lines (inherited
 * ones first): at 2.6 its own lines replace those of `defaults` once it has one; 1.9 keeps the first
 * expect and refuses another. `refusedCode`: the diagnostics code of a line HAProxy refuses.
 */
export function checkExpects(lines: readonly HttpCheckLine[], engine: EngineName, refusedCode: string, warn: Warn, warned: Set<number>): StatusExpect[] | undefined {
  const say = (span: Span, message: string) => {
    if (warned.has(span.from)) return;
    warned.add(span.from);
    warn(refusedCode, span, `${message}; ignored by the simulation (engine ${engine})`);
  };
  const out: StatusExpect[] = [];
  if (engine === 'modern') {
    const own = lines.some((l) => !l.inherited);
    for (const l of lines) {
      if (!l.expect || l.inherited === own) continue;
      const e = l.expect;
      if (e.match === 'rstatus') out.push({ invert: e.invert, regex: e.pattern, text: e.text });
      else {
        const c = statusCodes26(e.pattern);
        if ('refused' in c) say(l.span, `HAProxy 2.6 refuses 'http-check expect': ${c.refused}`);
        else out.push({ invert: e.invert, codes: c.codes, text: e.text });
      }
    }
  } else {
    for (const l of lines) {
      if (!l.expect) continue;
      if (out.length > 0) {
        say(l.span, `HAProxy 1.9 refuses 'http-check expect': 'http-check expect' already specified${l.inherited ? '' : ' (a backend inherits the one of defaults)'}`);
        continue;
      }
      const e = l.expect;
      out.push(e.match === 'rstatus' ? { invert: e.invert, regex: e.pattern, text: e.text } : { invert: e.invert, codes: statusCodes19(e.pattern), text: e.text });
    }
  }
  return out.length > 0 ? out : undefined;
}

/** 1.9's `http-check` takes three actions: those 2.6 added are refused there (an unknown one, by both: the parser says so). */
export function refused19(action: string): string | null {
  const later = !(ACTIONS_19 as readonly string[]).includes(action) && ((ACTIONS_26 as readonly string[]).includes(action) || isVarAction(action));
  return later ? `'http-check' only supports 'disable-on-404', 'send-state', 'expect'` : null;
}
