/**
 * The http-request actions that change the request later rules read, as HAProxy 2.6.0 applies
 * them (http_act.c, http_htx.c): headers set, added or deleted, and the start line's method,
 * path, query or URI set from a log-format or rewritten by a regex. Pure but for the request
 * copy it is given to change (route.ts makes one per request).
 */
import type { Rewrite } from '../model/routing';
import { evalLogFormat, sampleValues } from './evaluate';
import { addressIn } from './sample';
import { regexOf } from './pattern';
import { pathq, type RequestView } from './request';

/** A request whose start line and headers the rewriting rules change. */
export interface WorkingRequest extends RequestView {
  method: string;
  src: string;
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
    case 'replace-header':
    case 'replace-value':
      return replaceHeaders(w, req);
    case 'set-src': {
      // tcp_action_req_set_src (tcp_act.c of v2.6.0): the stream's client address (s->scf->src, so
      // this request's, from 2.5 on), when the sample casts to an address (the last value; a string
      // as c_str2addr reads it); otherwise the address stays.
      const v = sampleValues(w.expr, req);
      const last = v[v.length - 1];
      const addr = last?.type === 'ip' ? String(last.v) : last?.type === 'str' ? addressIn(String(last.v), false) : null;
      if (addr === null) return null;
      req.src = addr;
      return `source address ${addr}`;
    }
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

/**
 * replace-header: each occurrence of the header whose whole value the regex finds a match in
 * becomes the replacement; replace-value: each comma-separated value of it, which loses the
 * spaces around it when replaced, the others kept as they are (http_replace_hdrs,
 * http_ana.c:2644-2662 of v2.6.0, http_find_header with full=1 or 0; checked against 2.6.12).
 */
function replaceHeaders(w: Extract<Rewrite, { op: 'replace-header' | 'replace-value' }>, req: WorkingRequest): string | null {
  const re = regexOf(w.regex, false);
  if (!re) return null;
  const fmt = evalLogFormat(w.value, req, '');
  const name = w.name.toLowerCase();
  let changed = 0;
  const replace = (v: string): string | null => {
    const m = re.exec(v);
    if (!m) return null;
    changed++;
    return expandMatch(fmt, m);
  };
  req.headers = req.headers.map((h) => {
    if (h.name.toLowerCase() !== name) return h;
    if (w.op === 'replace-header') return { name: h.name, value: replace(h.value.trim()) ?? h.value };
    let out = '';
    let at = 0;
    for (const { raw, value } of valueSpans(h.value)) {
      const by = replace(h.value.slice(value[0], value[1]));
      if (by === null) continue;
      out += h.value.slice(at, raw[0]) + by;
      at = raw[1];
    }
    return { name: h.name, value: out + h.value.slice(at) };
  });
  return changed > 0 ? `${w.name}: ${req.headers.filter((h) => h.name.toLowerCase() === name).map((h) => h.value).join(', ')}` : null;
}

/** Where each comma-separated value of a header line lies, with and without the spaces around it (quoted commas do not split). */
function valueSpans(v: string): { raw: [number, number]; value: [number, number] }[] {
  const spans: { raw: [number, number]; value: [number, number] }[] = [];
  let start = 0;
  let quoted = false;
  const push = (end: number) => {
    let a = start;
    let b = end;
    while (a < b && (v[a] === ' ' || v[a] === '\t')) a++;
    while (b > a && (v[b - 1] === ' ' || v[b - 1] === '\t')) b--;
    spans.push({ raw: [start, end], value: [a, b] });
  };
  for (let i = 0; i < v.length; i++) {
    if (v[i] === '"') quoted = !quoted;
    else if (v[i] === ',' && !quoted) {
      push(i);
      start = i + 1;
    }
  }
  push(v.length);
  return spans;
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
