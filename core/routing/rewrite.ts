/**
 * The http-request actions that change the request later rules read, as HAProxy 2.6.0 applies
 * them (http_act.c, http_htx.c): headers set, added or deleted, and the start line's method,
 * path, query or URI set from a log-format or rewritten by a regex. Pure but for the request
 * copy it is given to change (route.ts makes one per request).
 */
import type { Rewrite } from '../model/routing';
import { evalLogFormat } from './evaluate';
import { regexOf } from './pattern';
import { pathq, type RequestView } from './request';

/** A request whose start line and headers the rewriting rules change. */
export interface WorkingRequest extends RequestView {
  method: string;
  parsedMethod?: string;
  uri: string;
  headers: readonly { readonly name: string; readonly value: string }[];
}

/** Applies one rewrite; returns what it did, for the trace (null: it left the request as it was). */
export function applyRewrite(w: Rewrite, req: WorkingRequest): string | null {
  switch (w.op) {
    case 'set-header':
    case 'add-header': {
      // The value is built first, from the request as it is (http_action_set_header).
      const value = evalLogFormat(w.value, req, '');
      if (w.op === 'set-header') req.headers = req.headers.filter((h) => h.name.toLowerCase() !== w.name.toLowerCase());
      req.headers = [...req.headers, { name: w.name, value }];
      return `${w.name}: ${value}`;
    }
    case 'del-header': {
      const before = req.headers.length;
      req.headers = req.headers.filter((h) => !nameMatches(w.match, w.name, h.name));
      const gone = before - req.headers.length;
      return gone > 0 ? `${gone} ${w.name} header${gone > 1 ? 's' : ''} removed` : null;
    }
    case 'set-method':
      req.parsedMethod ??= req.method;
      req.method = evalLogFormat(w.value, req, '');
      return `method ${req.method}`;
    case 'set-path':
    case 'set-pathq':
      setPath(req, evalLogFormat(w.value, req, ''), w.op === 'set-pathq');
      return `URI ${req.uri}`;
    case 'set-query':
      setQuery(req, evalLogFormat(w.value, req, ''));
      return `URI ${req.uri}`;
    case 'set-uri':
      setUri(req, evalLogFormat(w.value, req, ''));
      return `URI ${req.uri}`;
    case 'replace-path':
    case 'replace-pathq':
    case 'replace-uri': {
      // The regex is searched in the part the action names; the whole part becomes the
      // replacement, its \1…\9 taken from the match (http_action_replace_uri, regex.c exp_replace).
      const part = w.op === 'replace-uri' ? req.uri : w.op === 'replace-pathq' ? pathq(req.uri) : stripAt(pathq(req.uri), '?');
      if (part === '') return null;
      const m = regexOf(w.regex, false)?.exec(part);
      if (!m) return null;
      const out = expandMatch(evalLogFormat(w.value, req, ''), m);
      if (w.op === 'replace-uri') setUri(req, out);
      else setPath(req, out, w.op === 'replace-pathq');
      return `URI ${req.uri}`;
    }
  }
}

const stripAt = (s: string, ch: string) => (s.includes(ch) ? s.slice(0, s.indexOf(ch)) : s);

/** del-header's `-m` methods on a header name (http_find_header/_pfx_/_sfx_/_sub_, http_match_header): case-insensitive but for `reg`. */
function nameMatches(how: Extract<Rewrite, { op: 'del-header' }>['match'], pattern: string, name: string): boolean {
  const p = pattern.toLowerCase();
  const n = name.toLowerCase();
  switch (how) {
    case 'str':
      return n === p;
    case 'beg':
      return n.startsWith(p);
    case 'end':
      return n.endsWith(p);
    case 'sub':
      return n.includes(p);
    case 'reg':
      return regexOf(pattern, false)?.test(name) ?? false;
  }
}

/** The scheme and authority of an absolute-form URI (`http://h:8080`), or '' for an origin form. */
function authorityPrefix(uri: string): string {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?]*/.exec(uri);
  return m ? m[0] : '';
}

/** http_replace_req_path: the path replaced, the authority kept, the query kept unless `withQuery`. */
function setPath(req: WorkingRequest, path: string, withQuery: boolean): void {
  const head = authorityPrefix(req.uri);
  const rest = req.uri.slice(head.length);
  const q = rest.indexOf('?');
  const query = withQuery || q < 0 ? '' : rest.slice(q);
  req.uri = `${head}${path}${query}`;
}

/**
 * http_replace_req_query: everything after the first '?' replaced; the value is built with a
 * '?' in front (http_action_set_req_line), which is dropped when the URI has one already or the
 * value is empty (then the URI keeps no '?').
 */
function setQuery(req: WorkingRequest, value: string): void {
  const q = req.uri.indexOf('?');
  const base = q < 0 ? req.uri : req.uri.slice(0, q + 1);
  req.uri = q >= 0 ? `${base}${value}` : value.length > 0 ? `${base}?${value}` : base;
}

/** http_replace_req_uri: the whole URI; an absolute one also sets Host to its authority (http_update_host). */
function setUri(req: WorkingRequest, uri: string): void {
  req.uri = uri;
  const head = authorityPrefix(uri);
  if (head === '') return;
  const host = head.slice(head.indexOf('://') + 3);
  req.headers = [...req.headers.filter((h) => h.name.toLowerCase() !== 'host'), { name: 'host', value: host }];
}

/** exp_replace (regex.c): `\N` is group N (empty when it did not take part), `\xHH` a byte, `\C` the character C. */
export function expandMatch(fmt: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i]!;
    if (ch !== '\\' || i + 1 >= fmt.length) {
      out += ch;
      continue;
    }
    const next = fmt[++i]!;
    if (next >= '0' && next <= '9') out += m[Number(next)] ?? '';
    else if (next === 'x' && i + 2 < fmt.length) {
      out += String.fromCharCode(parseInt(fmt.slice(i + 1, i + 3), 16));
      i += 2;
    } else out += next;
  }
  return out;
}
