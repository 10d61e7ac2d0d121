/**
 * What routing can read of a request: its start line, headers and the client connection it came
 * on. Built by the engine from the script (method, path, `host`, `header`, `open … from … tls sni`).
 */
import type { Sample } from '../model/routing';

export interface RequestView {
  readonly method: string;
  /** The request target as written: `/p?q=1` (origin form) or `*`. */
  readonly uri: string;
  /** Header fields in order; an h2 request's :authority arrives as Host (h2_make_htx_request). */
  readonly headers: readonly { readonly name: string; readonly value: string }[];
  readonly version: '1.1' | '2.0';
  /** The client's source address. */
  readonly src: string;
  /** The port the client connected to (the frontend's bind port). */
  readonly dstPort: number;
  readonly ssl: boolean;
  /** The TLS SNI the client sent, if any. */
  readonly sni: string | null;
  /**
   * The transaction's variables (`txn.` and `req.` scopes) set by `http-request set-var` so far;
   * route() gives each request its own when the configuration sets any.
   */
  readonly vars?: Map<string, Sample>;
  /**
   * `sess.` variables of the client connection (kept by the engine across its requests) and
   * `proc.` variables of the run; absent when the configuration sets none.
   */
  readonly sessionVars?: Map<string, Sample>;
  readonly procVars?: Map<string, Sample>;
  /** The method as the request came, once `http-request set-method` changed the start line (sample.ts `method`). */
  readonly parsedMethod?: string;
}

/** The path of the request URI without its query string (http_fetch.c:1046-1074, iststop at '?'). */
export function pathOf(uri: string): string {
  return stripQuery(pathq(uri));
}

/** The path with its query (`pathq`): absolute-form URIs lose their scheme and authority (http_parse_path). */
export function pathq(uri: string): string {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?]*/.exec(uri);
  if (!m) return uri;
  const rest = uri.slice(m[0].length);
  return rest === '' ? '/' : rest;
}

export function stripQuery(s: string): string {
  const q = s.indexOf('?');
  return q < 0 ? s : s.slice(0, q);
}

/** Everything after the first '?' of the URI, or null without one (http_fetch.c:1228-1250). */
export function queryOf(uri: string): string | null {
  const q = uri.indexOf('?');
  return q < 0 ? null : uri.slice(q + 1);
}

/**
 * The values of a header: every occurrence, each split on commas and trimmed, as the ACL fetch
 * `hdr()` iterates them (http_fetch.c:892-935 with http_find_header(full=0)). Names compare
 * case-insensitively.
 */
export function headerValues(req: RequestView, name: string): string[] {
  const out: string[] = [];
  const n = name.toLowerCase();
  for (const h of req.headers) {
    if (h.name.toLowerCase() !== n) continue;
    for (const v of splitCommas(h.value)) out.push(v);
  }
  return out;
}

/** Whole-line values (`req.fhdr`): one per occurrence, not split. */
export function fullHeaderValues(req: RequestView, name: string): string[] {
  const n = name.toLowerCase();
  return req.headers.filter((h) => h.name.toLowerCase() === n).map((h) => h.value.trim());
}

function splitCommas(v: string): string[] {
  // Commas inside double quotes do not split (http_find_header skips quoted strings).
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of v) {
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

/**
 * The first value of the named query parameter (`url_param`, http_fetch.c:1881-1924): parameters
 * are split on `&` and `;`, and the name must be followed by `=` (http.c:875-955); null when absent.
 */
export function urlParam(uri: string, name: string): string | null {
  const q = queryOf(uri);
  if (q === null) return null;
  for (const part of q.split(/[&;]/)) {
    const eq = part.indexOf('=');
    if (eq >= 0 && part.slice(0, eq) === name) return part.slice(eq + 1);
  }
  return null;
}

/** Where a variable lives by its scope (vars.c of v2.6.0): the connection's, the run's or the request's own. */
export function varsOf(req: RequestView, name: string): Map<string, Sample> | undefined {
  return name.startsWith('sess.') ? req.sessionVars : name.startsWith('proc.') ? req.procVars : req.vars;
}
