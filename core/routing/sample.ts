/**
 * Sample fetches the simulation models, with the type of what they return (which gives the
 * default match method of an ACL, acl.c:348-383), and how they read a request. Fetch names
 * and semantics follow HAProxy 2.6.0's src/http_fetch.c (table at 2110-2240).
 */
import type { MatchMethod, Sample, Userlist } from '../model/routing';
import { authenticatedUser, basicCredentials as basicCredentialsOf } from './auth';
import { KNOWN_METHODS } from './pattern';
import { fullHeaderValues, headerValues, varsOf, pathOf, pathq, queryOf, urlParam, type RequestView } from './request';

export type { Sample } from '../model/routing';


export type SampleType = Sample['type'];

/**
 * A fetch: `iterate` is true where HAProxy evaluates an ACL over every value (headers), and the
 * function then returns them all; as a single value (a log-format) the last one counts.
 */
interface Fetch {
  readonly type: SampleType;
  /** Arguments: 'name' = one required (`hdr(host)`), 'opt' = optional, 'none'. */
  readonly args: 'name' | 'opt' | 'none';
  readonly read: (req: RequestView, args: readonly string[], userlist?: Userlist) => Sample[];
}

const str = (v: string | null): Sample[] => (v === null ? [] : [{ type: 'str', v }]);

/**
 * The optional second argument of `hdr(name,occ)` and `req.fhdr(name,occ)` (http_fetch.c:892-944,
 * http_htx.c:779-840): 0 or absent keeps every value (an ACL iterates them; a single fetch takes
 * the last), N > 0 the Nth from the first, N < 0 the Nth from the last, with at most the last 10
 * remembered (MAX_HDR_HISTORY); no such occurrence gives no value.
 */
export function occurrence(values: string[], occ: string | undefined): string[] {
  const n = occ === undefined ? 0 : Number.parseInt(occ, 10);
  if (!Number.isFinite(n) || n === 0) return values;
  if (n > 0) return n <= values.length ? [values[n - 1]!] : [];
  if (-n > 10 || -n > values.length) return [];
  return [values[values.length + n]!];
}

const hdr: Fetch = {
  type: 'str', args: 'opt',
  read: (r, a) => occurrence(a[0] === undefined ? r.headers.map((h) => h.value) : headerValues(r, a[0]), a[1]).map((v) => ({ type: 'str', v })),
};
const fhdr: Fetch = { type: 'str', args: 'name', read: (r, a) => occurrence(fullHeaderValues(r, a[0] ?? ''), a[1]).map((v) => ({ type: 'str', v })) };
const hdrCnt: Fetch = { type: 'int', args: 'opt', read: (r, a) => [{ type: 'int', v: a[0] === undefined ? r.headers.length : headerValues(r, a[0]).length }] };
const path: Fetch = { type: 'str', args: 'none', read: (r) => str(r.uri.startsWith('/') || /^\w+:\/\//.test(r.uri) ? pathOf(r.uri) : null) };
const pathqF: Fetch = { type: 'str', args: 'none', read: (r) => str(r.uri.startsWith('/') || /^\w+:\/\//.test(r.uri) ? pathq(r.uri) : null) };
/** base: first Host value then the path if it starts with '/' (http_fetch.c:1083-1125). */
const base: Fetch = {
  type: 'str', args: 'none',
  read: (r) => {
    const host = headerValues(r, 'host')[0];
    const p = pathOf(r.uri);
    if (!host) return str(p);
    return str(host + (p.startsWith('/') ? p : ''));
  },
};
const urlp: Fetch = { type: 'str', args: 'name', read: (r, a) => str(urlParam(r.uri, a[0] ?? '')) };
/**
 * req.cook(NAME) (smp_fetch_cookie, http_fetch.c:1648-1735 of v2.6.0): the value of every cookie
 * NAME in the Cookie headers, in order (an ACL tries each; a sample takes the last); without a
 * name, the first cookie's value.
 */
const cook: Fetch = {
  type: 'str', args: 'opt',
  read: (r, a) => {
    const out: Sample[] = [];
    for (const line of headerValues(r, 'cookie')) {
      for (const part of line.split(';')) {
        const eq = part.indexOf('=');
        if (eq < 0) continue;
        const name = part.slice(0, eq).trim();
        if (a[0] !== undefined && a[0] !== '' && name !== a[0]) continue;
        out.push({ type: 'str', v: part.slice(eq + 1).trim() });
        if (a[0] === undefined || a[0] === '') return out;
      }
    }
    return out;
  },
};
/**
 * req.hdr_ip([NAME[,OCC]]) (smp_fetch_hdr_ip, http_fetch.c:1007-1040 of v2.6.0): the header's
 * values that read as an address — an IPv4 one, alone or followed by `:PORT`, or an IPv6 one —
 * as addresses; HAProxy passes over a value that is neither and takes the next occurrence. (A
 * single fetch reads the last occurrence only: when that one is no address HAProxy gives none,
 * where this gives the last that is.)
 */
const hdrIp: Fetch = {
  type: 'ip', args: 'opt',
  read: (r, a) => {
    const out: Sample[] = [];
    for (const v of hdr.read(r, a)) {
      const ip = addressIn(String(v.v));
      if (ip !== null) out.push({ type: 'ip', v: ip });
    }
    return out;
  },
};

/**
 * The address a value holds (url2ipv4, with an optional port when `port`, else inet_pton
 * AF_INET6), or null.
 */
export function addressIn(value: string, port = true): string | null {
  const v4 = (port ? /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d{1,5}))?$/ : /^(\d{1,3}(?:\.\d{1,3}){3})()$/).exec(value);
  if (v4) {
    if (v4[1]!.split('.').some((p) => Number(p) > 255)) return null;
    if (v4[2] !== undefined && v4[2] !== '' && Number(v4[2]) > 65535) return null;
    return v4[1]!;
  }
  return isIpv6(value) ? value : null;
}

/** inet_pton's IPv6 text forms: eight groups of up to four hex digits, one `::`, an IPv4 tail. */
function isIpv6(s: string): boolean {
  if (!s.includes(':') || !/^[0-9A-Fa-f:.]+$/.test(s)) return false;
  let body = s;
  const tail = /:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (tail) {
    // An IPv4 tail stands for two groups.
    if (tail[1]!.split('.').some((p) => Number(p) > 255)) return false;
    body = `${s.slice(0, tail.index + 1)}0:0`;
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const all = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (all.some((g) => !/^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? all.length <= 7 : all.length === 8;
}

const sni: Fetch = { type: 'str', args: 'none', read: (r) => str(r.ssl ? r.sni : null) };
const ver: Fetch = { type: 'str', args: 'none', read: (r) => str(r.version) };

export const FETCHES: Readonly<Record<string, Fetch>> = {
  hdr, 'req.hdr': hdr, 'req.fhdr': fhdr,
  hdr_cnt: hdrCnt, 'req.hdr_cnt': hdrCnt,
  hdr_ip: hdrIp, 'req.hdr_ip': hdrIp,
  path, pathq: pathqF,
  url: { type: 'str', args: 'none', read: (r) => str(r.uri) },
  base,
  query: { type: 'str', args: 'none', read: (r) => str(queryOf(r.uri)) },
  url_param: urlp, urlp,
  'req.cook': cook, cook, cookie: cook,
  // The transaction's method, parsed with the request: `set-method` changes the start line only,
  // which the fetch reads when the method was none of the known ones (http_fetch.c:333-365).
  method: { type: 'meth', args: 'none', read: (r) => [methodSample(r)] },
  src: { type: 'ip', args: 'none', read: (r) => [{ type: 'ip', v: r.src }] },
  dst_port: { type: 'int', args: 'none', read: (r) => [{ type: 'int', v: r.dstPort }] },
  ssl_fc: { type: 'bool', args: 'none', read: (r) => [{ type: 'bool', v: r.ssl }] },
  ssl_fc_sni: sni, 'req.ssl_sni': sni, req_ssl_sni: sni,
  'req.ver': ver, req_ver: ver,
  'req.proto_http': { type: 'bool', args: 'none', read: () => [{ type: 'bool', v: true }] },
  // Constants (sample.c smp_fetch_const_str/int/bool of v2.6.0): `str(yes)`, `int(3)`, `bool(1)`.
  str: { type: 'str', args: 'name', read: (_r, a) => [{ type: 'str', v: a[0] ?? '' }] },
  int: { type: 'int', args: 'name', read: (_r, a) => { const n = Number.parseInt(a[0] ?? '', 10); return Number.isFinite(n) ? [{ type: 'int', v: n }] : []; } },
  bool: { type: 'bool', args: 'name', read: (_r, a) => [{ type: 'bool', v: a[0] === 'true' || a[0] === '1' }] },
  // var(SCOPE.NAME): what set-var stored (vars.c smp_fetch_var); the type is the stored sample's.
  var: { type: 'str', args: 'name', read: (r, a) => { const name = a[0] ?? ''; const v = varsOf(r, name)?.get(name); return v ? [v] : []; } },
  // smp_fetch_http_auth (http_fetch.c:1406-1423): true when the credentials are a user's of the list; no value without basic credentials.
  http_auth: { type: 'bool', args: 'name', read: (r, _a, l) => (l && basicCredentialsOf(r) ? [{ type: 'bool', v: authenticatedUser(l, r) !== null }] : []) },
  // smp_fetch_http_auth_grp (http_fetch.c:1425-1456) with pat_match_auth: the user's groups, matched against the ACL's group names.
  http_auth_group: { type: 'str', args: 'name', read: (r, _a, l) => (l ? (authenticatedUser(l, r)?.groups ?? []).map((g) => ({ type: 'str' as const, v: g })) : []) },
  always_true: { type: 'bool', args: 'none', read: () => [{ type: 'bool', v: true }] },
  always_false: { type: 'bool', args: 'none', read: () => [{ type: 'bool', v: false }] },
};

/** The default match method of a fetch's type when no ACL keyword or `-m` gives one (acl.c:348-383). */
export function defaultMethod(type: SampleType): MatchMethod {
  switch (type) {
    case 'bool': return 'bool';
    case 'int': return 'int';
    case 'ip': return 'ip';
    case 'meth': return 'meth';
    default: return 'str';
  }
}

/**
 * ACL keywords that name a fetch with a match method (http_acl.c:91-173, ssl_sample.c): `hdr_beg`
 * is `req.hdr` matched with `beg`. The `_cnt` form of hdr is a fetch of its own.
 */
const SUFFIXES: Readonly<Record<string, MatchMethod>> = {
  beg: 'beg', end: 'end', sub: 'sub', reg: 'reg', dom: 'dom', dir: 'dir', len: 'len',
};
const ACL_BASES: Readonly<Record<string, string>> = {
  hdr: 'req.hdr', path: 'path', url: 'url', base: 'base', urlp: 'urlp', ssl_fc_sni: 'ssl_fc_sni', req_ssl_sni: 'req.ssl_sni', 'req.ssl_sni': 'req.ssl_sni',
};

/** An ACL keyword or fetch name: the fetch it reads and the match method it implies (null: the type's default). */
export function aclKeyword(name: string): { fetch: string; method: MatchMethod | null } | null {
  if (name === 'method') return { fetch: 'method', method: 'meth' };
  if (FETCHES[name]) return { fetch: name, method: null };
  const us = name.lastIndexOf('_');
  if (us > 0) {
    const b = ACL_BASES[name.slice(0, us)];
    const m = SUFFIXES[name.slice(us + 1)];
    if (b && m) return { fetch: b, method: m };
  }
  return null;
}

/** The values a fetch gives for a request (empty: the fetch failed, e.g. an absent header). */
export function readFetch(name: string, args: readonly string[], req: RequestView, userlist?: Userlist): Sample[] {
  const f = FETCHES[name];
  return f ? f.read(req, args, userlist) : [];
}

export function fetchType(name: string): SampleType | null {
  return FETCHES[name]?.type ?? null;
}

export function fetchArgs(name: string): Fetch['args'] | null {
  return FETCHES[name]?.args ?? null;
}

/**
 * The `method` fetch: the transaction's method, known by number when HAProxy knows it; else
 * (HTTP_METH_OTHER) the start line's text, which `http-request set-method` may have changed
 * (http_fetch.c:333-365 of v2.6.0: set-method changes the start line, not txn->meth).
 */
function methodSample(r: RequestView): Sample {
  const parsed = r.parsedMethod ?? r.method;
  return KNOWN_METHODS.has(parsed) ? { type: 'meth', v: parsed } : { type: 'meth', v: r.method, other: true };
}
