/**
 * `http-request` actions that change the request (http_act.c of v2.6.0): set-header, add-header,
 * del-header, set-method, set-path, set-pathq, set-query, set-uri, replace-path, replace-pathq and
 * replace-uri, read with the argument checks of their parsers (parse_http_set_header,
 * parse_http_del_header, parse_set_req_line, parse_replace_uri); and set-src (tcp_act.c). Pure.
 */
import type { LogFormat, Rewrite } from '../../model/routing';
import type { Span, Word } from '../ast';
import type { Problems } from './acl';
import { withMaps } from './files';
import { parseLogFormat, parseSampleExpr, unquote } from './sampleExpr';

/** The rewriting actions the router applies, with the arguments each takes before its condition. */
export const REWRITE_ACTIONS = {
  'set-header': 'NAME FMT',
  'add-header': 'NAME FMT',
  'del-header': 'NAME [-m str|beg|end|sub|reg]',
  'set-method': 'FMT',
  'set-path': 'FMT',
  'set-pathq': 'FMT',
  'set-query': 'FMT',
  'set-uri': 'FMT',
  'replace-path': 'REGEX FMT',
  'replace-pathq': 'REGEX FMT',
  'replace-uri': 'REGEX FMT',
  'replace-header': 'NAME REGEX FMT',
  'replace-value': 'NAME REGEX FMT',
  'set-src': 'EXPR',
} as const;

export type RewriteAction = keyof typeof REWRITE_ACTIONS;

export function isRewriteAction(a: string | undefined): a is RewriteAction {
  return a !== undefined && Object.hasOwn(REWRITE_ACTIONS, a);
}

const spanOf = (ws: readonly Word[]): Span => ({ from: ws[0]!.span.from, to: ws[ws.length - 1]!.span.to });

/**
 * The rewrite of `http-request ACTION ARGS… [if|unless COND]` (`at`: where the condition starts,
 * or the line's length); null, with the problem reported, when HAProxy refuses the line or the
 * simulation cannot evaluate its format.
 */
export function rewriteRule(action: RewriteAction, ws: readonly Word[], at: number, p: Problems): Rewrite | null {
  const args = ws.slice(2, at);
  const line = spanOf(ws.slice(0, Math.max(2, at)));
  const usage = `http-request ${action} ${REWRITE_ACTIONS[action]} [if|unless COND]`;
  const wrongCount = (what: string) => {
    p.error(line, `'http-request ${action}' ${what}`, usage);
    return null;
  };
  switch (action) {
    case 'set-header':
    case 'add-header': {
      if (args.length !== 2) return wrongCount('expects exactly 2 arguments (a header name and a format), then an optional condition');
      const value = format(args[1]!, p);
      return value ? { op: action, name: unquote(args[0]!.text), value } : null;
    }
    case 'del-header': {
      if (args.length === 1) return { op: action, name: unquote(args[0]!.text), match: 'str' };
      if (args.length !== 3 || args[1]!.text !== '-m') return wrongCount('expects a header name, then optionally -m and a matching method, then an optional condition');
      const m = args[2]!.text;
      if (m !== 'str' && m !== 'beg' && m !== 'end' && m !== 'sub' && m !== 'reg') {
        p.error(args[2]!.span, `-m with unsupported matching method '${m}'`, 'str, beg, end, sub or reg');
        return null;
      }
      if (m === 'reg' && !compiles(unquote(args[0]!.text), args[0]!, p)) return null;
      return { op: action, name: unquote(args[0]!.text), match: m };
    }
    case 'replace-header':
    case 'replace-value': {
      if (args.length !== 3) return wrongCount('expects exactly 3 arguments (a header name, a regex and a replacement format), then an optional condition');
      const regex = unquote(args[1]!.text);
      if (!compiles(regex, args[1]!, p)) return null;
      const value = format(args[2]!, p);
      return value ? { op: action, name: unquote(args[0]!.text), regex, value } : null;
    }
    case 'replace-path':
    case 'replace-pathq':
    case 'replace-uri': {
      if (args.length !== 2) return wrongCount('expects exactly 2 arguments (a regex and a replacement format), then an optional condition');
      const regex = unquote(args[0]!.text);
      if (!compiles(regex, args[0]!, p)) return null;
      const value = format(args[1]!, p);
      return value ? { op: action, regex, value } : null;
    }
    case 'set-src': {
      // parse_set_src_dst (tcp_act.c of v2.6.0): one sample expression, cast to an address when run.
      if (args.length !== 1) return wrongCount('expects exactly 1 argument (a sample expression such as hdr_ip(X-Forwarded-For)), then an optional condition');
      const parsed = parseSampleExpr(unquote(args[0]!.text));
      if (parsed.error || !parsed.expr) {
        p.error(args[0]!.span, parsed.error ?? 'cannot read the sample expression', 'a sample expression such as hdr_ip(X-Forwarded-For)');
        return null;
      }
      if (parsed.unmodelled) {
        p.warn(args[0]!.span, `${parsed.unmodelled} is not modelled by the simulation: this rule is ignored`);
        return null;
      }
      return { op: action, expr: withMaps(parsed.expr, args[0]!.span, p.file, p.warn) };
    }
    default: {
      if (args.length !== 1) return wrongCount('expects exactly 1 argument (a format), then an optional condition');
      const value = format(args[0]!, p);
      return value ? { op: action, value } : null;
    }
  }
}

/** A regex HAProxy would compile (PCRE), read as a JavaScript one: refused when it does not compile. */
function compiles(regex: string, w: Word, p: Problems): boolean {
  try {
    new RegExp(regex);
    return true;
  } catch (e) {
    p.error(w.span, `failed to parse the regex: ${e instanceof Error ? e.message : String(e)}`, 'a regular expression such as ^/api/(.*)');
    return false;
  }
}

/**
 * The action's log-format (`%[req.hdr(host),lower]` parts and text). A log-format variable other
 * than `%[…]` (`%ci`, `%T`…) or an unmodelled fetch: the rule is ignored, with a warning.
 */
export function format(w: Word, p: Problems): LogFormat | null {
  const text = unquote(w.text);
  const variable = /%(?!\[)(\{[^}]*\})?[A-Za-z]*/.exec(text);
  if (variable) {
    p.warn(w.span, `log-format variable '${variable[0]}' is not modelled by the simulation (only %[…] sample expressions are): this rule is ignored`);
    return null;
  }
  const lf = parseLogFormat(w.text);
  if (lf.error) {
    p.error(w.span, lf.error, 'a format such as /v2%[path] or %[req.hdr(host),lower]');
    return null;
  }
  if (lf.unmodelled) {
    p.warn(w.span, `${lf.unmodelled} is not modelled by the simulation: this rule is ignored`);
    return null;
  }
  return { ...lf.format, parts: lf.format.parts.map((part) => ('expr' in part ? { expr: withMaps(part.expr, w.span, p.file, p.warn) } : part)) };
}
