/**
 * HTTP basic authentication against a `userlist` (HAProxy 2.6.0): the credentials of the first
 * Authorization header (http_fetch.c:89-160 get_http_auth: scheme, blanks, base64 of
 * `user:pass`), checked as auth.c:229-280 check_user does. A hashed `password` needs crypt(3),
 * which the simulation does not have: such a user never matches (compiling says so).
 */
import type { Userlist } from '../model/routing';
import type { RequestView } from './request';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 (padding optional) to a latin-1 string; null on a character outside the alphabet. */
export function base64Decode(s: string): string | null {
  const t = s.replace(/=+$/, '');
  let out = '';
  let bits = 0;
  let acc = 0;
  for (const ch of t) {
    const v = B64.indexOf(ch);
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((acc >> bits) & 0xff);
    }
  }
  return out;
}

/** `Authorization: Basic …` of the request as user and password; null when absent or not basic. */
export function basicCredentials(req: RequestView): { user: string; pass: string } | null {
  const h = req.headers.find((x) => x.name.toLowerCase() === 'authorization');
  if (!h) return null;
  const m = /^([^ ]+) +(.*)$/.exec(h.value);
  // The scheme is compared case-insensitively over its own length (strncasecmp with the scheme's length).
  if (!m || !'basic'.startsWith(m[1]!.toLowerCase())) return null;
  const decoded = base64Decode(m[2]!.trim());
  const colon = decoded?.indexOf(':') ?? -1;
  if (decoded === null || decoded === undefined || colon < 0) return null;
  return { user: decoded.slice(0, colon), pass: decoded.slice(colon + 1) };
}

/** The user of `list` the request authenticates as, or null (unknown user, wrong or hashed password). */
export function authenticatedUser(list: Userlist, req: RequestView): Userlist['users'][number] | null {
  const c = basicCredentials(req);
  if (!c) return null;
  const u = list.users.find((x) => x.name === c.user);
  return u && u.insecure && u.pass === c.pass ? u : null;
}
