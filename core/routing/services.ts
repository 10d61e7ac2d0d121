/**
 * `http-request use-service NAME`: an applet of HAProxy answers the request, no server is used.
 * The Prometheus exporter (addons/promex/service-prometheus.c of v2.6.0) answers every method
 * with 200, or 400 when its query string does not parse (promex_parse_uri, 1356-1463); a Lua
 * service runs a script the simulation cannot run (its answer is taken as 200, with a warning).
 */
import { queryOf, type RequestView } from './request';

/** The status the service answers this request with. */
export function serviceStatus(service: string, req: RequestView): number {
  if (service === 'prometheus-exporter') return promexQueryParses(queryOf(req.uri)) ? 200 : 400;
  return 200;
}

const PROMEX_SCOPES = new Set(['', '*', 'global', 'server', 'backend', 'frontend', 'listener', 'sticktable']);

/**
 * promex_parse_uri: `key[=value]` pairs split on `&` up to a `#`; a value holding another `=`,
 * a `scope` without a value or with an unknown one, or a %-escape that does not decode is an error.
 */
function promexQueryParses(query: string | null): boolean {
  if (query === null) return true;
  const hash = query.indexOf('#');
  for (const pair of (hash < 0 ? query : query.slice(0, hash)).split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = urlDecode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? null : pair.slice(eq + 1);
    if (key === null || (value !== null && value.includes('='))) return false;
    const decoded = value === null ? null : urlDecode(value);
    if (value !== null && decoded === null) return false;
    if (key === 'scope' && (decoded === null || !PROMEX_SCOPES.has(decoded))) return false;
  }
  return true;
}

/** url_decode (tools.c) with `+` as a space: null when a `%` is not followed by two hex digits. */
function urlDecode(s: string): string | null {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return null;
      out += String.fromCharCode(parseInt(hex, 16));
      i += 2;
    } else out += c === '+' ? ' ' : c;
  }
  return out;
}
