/**
 * ACL expressions and named ACLs from haproxy.cfg words, as HAProxy 2.6.0 parses them
 * (src/acl.c:130-600 parse_acl_expr, 650-760 parse_acl, 750-780 the predefined ACLs).
 */
import type { Acl, AclExpr, MatchMethod, SampleExpr, Userlist } from '../../model/routing';
import { operatorRange } from '../../routing/pattern';
import { aclKeyword, defaultMethod, fetchType } from '../../routing/sample';
import type { Span, Word } from '../ast';
import { filePatterns, missingPatternFile, withMaps, type FileLines } from './files';
import { parseSampleExpr, unquote } from './sampleExpr';

export interface Problems {
  warn(span: Span, message: string): void;
  error(span: Span, message: string, expected: string): void;
  /** The scenario's `file PATH` sections (files.ts); absent: none. */
  readonly file?: FileLines;
  /** The configuration's userlists by name (userlists.ts); absent: none. */
  readonly userlist?: (name: string) => Userlist | undefined;
}

/** `-m` methods (pattern.c pat_match_names). `bin`, `regm` are not modelled: a warning. */
const METHODS: Readonly<Record<string, MatchMethod | null>> = {
  found: 'found', bool: 'bool', int: 'int', ip: 'ip', bin: null, len: 'len', str: 'str', sub: 'sub', reg: 'reg', regm: null,
  beg: 'beg', dom: 'dom', dir: 'dir', end: 'end',
};

const span = (a: Word, b: Word): Span => ({ from: a.span.from, to: b.span.to });

/** `CRITERION [-i] [-m M] [-f FILE] [--] PATTERN…` → an expression (null after an error). */
export function parseAclExpr(ws: readonly Word[], p: Problems): AclExpr | null {
  const crit = ws[0]!;
  const critText = unquote(crit.text);
  // An ACL keyword (`hdr_beg(host)`) or a sample expression with converters (`req.hdr(host),lower`).
  const head = /^([A-Za-z0-9_.]+)/.exec(critText)?.[1] ?? critText;
  const kw = aclKeyword(head);
  const parsed = parseSampleExpr(kw && kw.fetch !== head ? kw.fetch + critText.slice(head.length) : critText);
  if (!parsed.expr) {
    p.error(crit.span, parsed.error ?? `cannot read '${critText}'`, 'a fetch such as hdr(host) or path_beg');
    return null;
  }
  let sample: SampleExpr = withMaps({ ...parsed.expr, text: critText }, crit.span, p.file, p.warn);
  if (sample.fetch === 'http_auth' || sample.fetch === 'http_auth_group') {
    // HAProxy refuses a configuration whose http_auth names no userlist (arg.c: unable to find userlist).
    const name = sample.args[0] ?? '';
    const list = p.userlist?.(name);
    if (!list) {
      p.error(crit.span, `${sample.fetch}: unable to find userlist '${name}'`, 'the name of a userlist section of the configuration');
      return null;
    }
    sample = { ...sample, userlist: list };
  }
  let unmodelled = parsed.unmodelled;
  if (!kw && unmodelled) unmodelled = `fetch '${head}'`;
  let method: MatchMethod | null = kw?.method ?? null;
  let icase = false;
  // `-f FILE` patterns come first, as HAProxy loads them while it reads the options (acl.c parse_acl_expr).
  const patterns: string[] = [];
  let i = 1;
  for (; i < ws.length; i++) {
    const t = ws[i]!.text;
    if (!t.startsWith('-')) break;
    if (t === '--') {
      i++;
      break;
    }
    if (t === '-i') icase = true;
    else if (t === '-n' || t === '-M') continue;
    else if (t === '-u') i++;
    else if (t === '-m' || t === '-f') {
      const v = ws[i + 1];
      if (!v) {
        p.error(ws[i]!.span, `missing value after '${t}'`, t === '-m' ? 'a match method such as str, beg, sub or found' : 'a file name');
        return null;
      }
      i++;
      if (t === '-m') {
        const m = METHODS[v.text];
        if (m === undefined) {
          p.error(v.span, `unknown matching method '${v.text}' when parsing ACL expression`, 'a match method: found, bool, int, ip, len, str, sub, reg, beg, dom, dir, end');
          return null;
        }
        if (m === null) unmodelled ??= `match method '-m ${v.text}'`;
        else method = m;
      } else {
        const lines = p.file?.(unquote(v.text));
        if (lines) patterns.push(...filePatterns(lines));
        else p.warn(span(ws[i - 1]!, v), missingPatternFile(unquote(v.text)));
      }
    } else {
      p.error(ws[i]!.span, `'${t}' is not a valid ACL option; expected -i, -m, -f or '--' before a pattern beginning with '-'`, '-i, -m METHOD, -f FILE or --');
      return null;
    }
  }
  const type = fetchType(sample.fetch);
  const m = method ?? (type ? defaultMethod(type) : 'str');
  for (; i < ws.length; i++) {
    const t = unquote(ws[i]!.text);
    // `gt 0`, `le 5`: the integer operators of the compatibility layer.
    if ((m === 'int' || m === 'len') && /^(eq|le|lt|ge|gt)$/.test(t) && ws[i + 1]) {
      const r = operatorRange(t, unquote(ws[i + 1]!.text));
      if (r !== null) {
        patterns.push(r);
        i++;
        continue;
      }
    }
    patterns.push(t);
  }
  return { sample, method: m, icase, patterns, ...(unmodelled ? { unmodelled } : {}) };
}

/**
 * The predefined ACLs (acl.c:750-778) a condition may name without declaring them. Those whose
 * fetch is not modelled (HTTP_CONTENT, RDP_COOKIE, REQ_CONTENT, WAIT_END) are not evaluated.
 */
const PREDEFINED: Readonly<Record<string, readonly string[]>> = {
  TRUE: ['always_true'], FALSE: ['always_false'], LOCALHOST: ['src', '127.0.0.1/8', '::1'], HTTP: ['req.proto_http'],
  'HTTP_1.0': ['req.ver', '1.0'], 'HTTP_1.1': ['req.ver', '1.1'], 'HTTP_2.0': ['req.ver', '2.0'],
  METH_CONNECT: ['method', 'CONNECT'], METH_DELETE: ['method', 'DELETE'], METH_GET: ['method', 'GET', 'HEAD'],
  METH_HEAD: ['method', 'HEAD'], METH_OPTIONS: ['method', 'OPTIONS'], METH_POST: ['method', 'POST'], METH_PUT: ['method', 'PUT'],
  METH_TRACE: ['method', 'TRACE'], HTTP_URL_ABS: ['url_reg', '^[^/:]*://'], HTTP_URL_SLASH: ['url_beg', '/'], HTTP_URL_STAR: ['url', '*'],
  HTTP_CONTENT: ['req.hdr_val(content-length)', 'gt', '0'], RDP_COOKIE: ['req.rdp_cookie_cnt', 'gt', '0'], REQ_CONTENT: ['req.len', 'gt', '0'],
  WAIT_END: ['wait_end'],
};

export function predefinedAcl(name: string): Acl | null {
  const words = PREDEFINED[name];
  if (!words) return null;
  const ws = words.map((text) => ({ text, span: { from: 0, to: 0 } }));
  const none: Problems = { warn: () => {}, error: () => {} };
  const x = parseAclExpr(ws, none);
  return { name, exprs: x ? [x] : [] };
}

export function isPredefinedAcl(name: string): boolean {
  return name in PREDEFINED;
}
