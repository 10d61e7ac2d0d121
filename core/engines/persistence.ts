/**
 * Cookie persistence (`cookie NAME insert` in a backend, `cookie VALUE` on its servers), as
 * HAProxy runs it at every modelled version (http_ana.c of v2.6.0; proto_http.c of 7c6f8b146
 * has the same rules):
 * - a request that brings the cookie goes to the first server of the backend whose value it is,
 *   if that server is up (http_ana.c:3380-3404; proto_http.c:6490-6515): the stream is then
 *   assigned and direct, so load balancing does not run. Cookies are read after the use-server
 *   rules (the analysers AN_REQ_SRV_RULES, then AN_REQ_HTTP_INNER: stream.c:1953-1954 of v2.6.0,
 *   1982-1983 of 7c6f8b146), and not for a stream a rule assigned: a rule wins;
 * - a response to a request that was not sent direct gets a Set-Cookie with its server's value, or
 *   one that deletes the cookie when the server has none; with `postonly`, only for a POST
 *   (http_ana.c:1883-1890 and 1898-1903; proto_http.c:5310-5317).
 * The emulated clients keep the cookies they are given, as browsers do. Pure.
 */
import type { BackendConfig, ServerConfig } from '../model/config';
import { headerField } from '../scenario/requestOptions';
import type { Request } from './types';

/**
 * The server the request's cookie for this backend names, if it is up (`usable`); else null. The
 * request's cookies are those of its `header "Cookie: …"` fields, then those the client keeps
 * (sent after them, as verify's clients send them); the first that names a server that is up wins.
 */
export function cookieServer(be: BackendConfig, req: Request, usable: readonly ServerConfig[]): ServerConfig | null {
  const name = be.cookie?.name;
  if (name === undefined) return null;
  const values: string[] = [];
  for (const w of req.spec.headers ?? []) {
    const f = headerField(w);
    if (f && f.name.toLowerCase() === 'cookie') values.push(...valuesOf(f.value, name));
  }
  const kept = req.client.cookies?.get(name);
  if (kept !== undefined) values.push(kept);
  for (const written of values) {
    // In prefix mode the server's value is what comes before `~` (COOKIE_DELIM, http_ana.c:3315-3318 of v2.6.0).
    const value = be.cookie?.mode === 'prefix' ? (written.includes('~') ? written.slice(0, written.indexOf('~')) : '') : written;
    // An empty value names no server (HAProxy ignores it so that nobody sticks to a cookie-less server).
    if (!value) continue;
    // The first server with that value that is up: servers may share a value (a backup beside its master).
    const s = be.servers.find((x) => x.cookie === value && usable.includes(x));
    if (s) return s;
  }
  return null;
}

/** The request carries cookie `name`: in a `header "Cookie: …"` field, or kept by its client. */
export function carriesCookie(req: Request, name: string): boolean {
  if (req.client.cookies?.has(name)) return true;
  return (req.spec.headers ?? []).some((w) => {
    const f = headerField(w);
    return f !== null && f !== undefined && f.name.toLowerCase() === 'cookie' && valuesOf(f.value, name).length > 0;
  });
}

/** The values of cookie `name` in a Cookie header's value (`a=1; b=2`), in order. */
function valuesOf(header: string, name: string): string[] {
  const out: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) out.push(part.slice(eq + 1).trim());
  }
  return out;
}

/**
 * What the response to `req` from `server` sets: the cookie's name and value (null: deleted),
 * or null when it sets nothing.
 */
export function cookieToSet(req: Request, server: ServerConfig): { readonly name: string; readonly value: string | null } | null {
  const ck = req.backend?.cookie;
  if (!ck || ck.mode || server.dispatch || req.direct) return null;
  if (ck.postonly && req.spec.method !== 'POST') return null;
  return { name: ck.name, value: server.cookie ?? null };
}

/**
 * prefix and rewrite (manage_server_side_cookies, http_ana.c:3727-3763 of v2.6.0): the value the
 * client gets of the cookie `name` the server set to `value` — prefixed with the server's own
 * value and `~`, or replaced by it; unchanged when the mode is another or the server has no value.
 */
export function serverCookieSeen(be: BackendConfig | null, server: ServerConfig, name: string, value: string): string {
  const ck = be?.cookie;
  if (!ck?.mode || ck.name !== name || server.cookie === undefined) return value;
  return ck.mode === 'prefix' ? `${server.cookie}~${value}` : server.cookie;
}
