/**
 * Reading `balance` and `hash-type` lines as HAProxy 2.6 reads them (backend_parse_balance,
 * backend.c of v2.6.0; hash-type at cfgparse-listen.c:2632-2698): the algorithms the simulation
 * runs with their arguments, the real ones it replaces by roundrobin (a warning), and HAProxy's
 * refusals as errors. Pure.
 */
import { HASH_FUNCTIONS, type Balance, type BalanceArgs, type HashFunction, type HashType } from '../../model/config';
import type { NodeOf, Word } from '../ast';
import { parseSampleExpr } from '../routing/sampleExpr';
import { suggest } from '../suggest';
import { arity, list, spanOfWords, type Report } from './report';
import { leadingInt } from './values';

export const BALANCE_MODELLED = ['roundrobin', 'static-rr', 'first', 'leastconn', 'random', 'sticky', 'source', 'uri', 'url_param', 'hdr', 'hash'] as const;
/** Real algorithms the simulation replaces by roundrobin (with a warning). */
export const BALANCE_IGNORED = ['rdp-cookie'] as const;
/** What completion offers after `balance` (hdr with its parenthesis). */
export const BALANCE_WORDS = ['roundrobin', 'static-rr', 'first', 'leastconn', 'random', 'sticky', 'source', 'uri', 'url_param', 'hdr(host)', 'hash'] as const;
const URI_WORDS = ['len', 'depth', 'whole', 'path-only'];

const isIn = <T extends string>(xs: readonly T[], v: string): v is T => (xs as readonly string[]).includes(v);


/** A `balance` line's node; null (with an error) when HAProxy refuses it. */
export function readBalance(ws: readonly Word[], r: Report): NodeOf<'balance'> | null {
  const algos = list([...BALANCE_WORDS]);
  if (ws.length < 2) return void arity(r, ws, 2, algos), null;
  const v = ws[1]!.text;
  const rest = ws.slice(2);
  if (v === 'uri') return readUri(ws, r);
  if (v === 'url_param') {
    const name = ws[2];
    if (!name) {
      r.error('missing-argument', ws[1]!.span, `balance url_param requires a URL parameter name; expected balance url_param NAME`, 'balance url_param NAME');
      return null;
    }
    if (ws[3] && ws[3].text !== 'check_post') {
      r.error('invalid-value', ws[3].span, `url_param only accepts the 'check_post' modifier (got '${ws[3].text}'); expected check_post`, 'check_post');
      return null;
    }
    if (ws[3]) {
      // check_post reads the body of a POST: the simulated requests carry none.
      r.warn('not-modelled', spanOfWords(ws.slice(3)), `check_post is not modelled: simulated requests have no body, so a POST without the parameter in its URI goes round the servers`);
      return { kind: 'balance', algorithm: 'url_param', args: { name: name.text }, written: ws.slice(1).map((w) => w.text).join(' ') };
    }
    return { kind: 'balance', algorithm: 'url_param', args: { name: name.text } };
  }
  if (v === 'hash') return readHash(ws, r);
  if (v.startsWith('random')) return readRandom(ws, r);
  if (v.startsWith('hdr(')) {
    const close = v.indexOf(')');
    if (close <= 4) {
      r.error('invalid-value', ws[1]!.span, `balance hdr requires a header field name; expected hdr(NAME), such as hdr(host)`, 'hdr(NAME)');
      return null;
    }
    const name = v.slice(4, close);
    if (ws[2] && ws[2].text !== 'use_domain_only') {
      r.error('invalid-value', ws[2].span, `hdr only accepts the 'use_domain_only' modifier (got '${ws[2].text}'); expected use_domain_only`, 'use_domain_only');
      return null;
    }
    return { kind: 'balance', algorithm: 'hdr', args: ws[2] ? { name, domainOnly: true } : { name } };
  }
  if (isIn(BALANCE_MODELLED, v) && v !== 'hdr' && v !== 'hash') {
    // backend_parse_balance reads no word after these: HAProxy starts without a word about them.
    if (rest.length > 0) r.warn('ignored-argument', spanOfWords(rest), `'${rest.map((w) => w.text).join(' ')}' after balance ${v} is ignored, as HAProxy ignores it`);
    return { kind: 'balance', algorithm: v };
  }
  const base = v.replace(/\(.*$/, '');
  if (isIn(BALANCE_IGNORED, base)) {
    r.warn('not-modelled', spanOfWords(ws.slice(1)), `balance ${base} is not modelled; the simulation uses roundrobin`);
    return { kind: 'balance', algorithm: 'roundrobin' satisfies Balance, written: ws.slice(1).map((w) => w.text).join(' ') };
  }
  r.error('invalid-value', ws[1]!.span, `unknown balance algorithm '${v}'; expected ${algos}`, algos, suggest(v, [...BALANCE_MODELLED, ...BALANCE_IGNORED]));
  return null;
}

/**
 * `balance random` or `random(N)` (backend_parse_balance, backend.c:2661-2685 of v2.6.0): the word
 * starts with `random`; `(N)` right after it sets the draws (strtol: at least 1, a closing
 * parenthesis after the number); other words after it are not read.
 */
function readRandom(ws: readonly Word[], r: Report): NodeOf<'balance'> | null {
  const w = ws[1]!;
  const v = w.text;
  const rest = ws.slice(2);
  if (rest.length > 0) r.warn('ignored-argument', spanOfWords(rest), `'${rest.map((x) => x.text).join(' ')}' after balance random is ignored, as HAProxy ignores it`);
  if (v[6] !== '(' || v[7] === ')') {
    // `randomX`: HAProxy compares the first six letters only (strncmp), and takes it as `random`.
    if (v.length > 6 && v[6] !== '(') r.warn('not-modelled', w.span, `HAProxy reads '${v}' as balance random (it compares the first six letters), as the simulation does`);
    return { kind: 'balance', algorithm: 'random' };
  }
  const m = /^\s*([+-]?(?:0x[0-9a-f]+|0[0-7]*|[1-9]\d*))/i.exec(v.slice(7));
  const num = m ? m[1]! : '';
  const end = v.slice(7 + (m ? m[0].length : 0));
  const draws = num === '' ? 0 : Number.parseInt(num, /^[+-]?0x/i.test(num) ? 16 : /^[+-]?0\d/.test(num) ? 8 : 10);
  const expected = 'balance random(N), N at least 1';
  if (end[0] !== ')') {
    r.error('invalid-value', w.span, end === '' ? 'random : missing closing parenthesis; expected ' + expected : `random : unexpected character '${end[0]}' after argument; expected ${expected}`, expected);
    return null;
  }
  if (draws < 1) {
    r.error('out-of-range', w.span, `random : number of draws must be at least 1; expected ${expected}`, expected);
    return null;
  }
  return { kind: 'balance', algorithm: 'random', args: { draws } };
}

/** `balance hash EXPR` (backend.c: "requires a sample expression", "takes no other argument"). */
function readHash(ws: readonly Word[], r: Report): NodeOf<'balance'> | null {
  const e = ws[2];
  if (!e) {
    r.error('missing-argument', ws[1]!.span, `balance hash requires a sample expression; expected balance hash EXPR, such as req.cookie(sid)`, 'a sample expression such as req.cookie(sid)');
    return null;
  }
  if (ws[3]) {
    r.error('unexpected-argument', spanOfWords(ws.slice(3)), `balance hash takes no other argument (got '${ws[3].text}'); expected the end of the line`, 'the end of the line');
    return null;
  }
  const p = parseSampleExpr(e.text);
  if (!p.expr) {
    r.error('invalid-value', e.span, p.error ?? `cannot read the sample expression '${e.text}'`, 'a sample expression such as req.cookie(sid)');
    return null;
  }
  if (p.unmodelled) {
    r.warn('not-modelled', e.span, `balance hash: the ${p.unmodelled} is not modelled; the simulation uses roundrobin`);
    return { kind: 'balance', algorithm: 'roundrobin' satisfies Balance, written: ws.slice(1).map((w) => w.text).join(' ') };
  }
  return { kind: 'balance', algorithm: 'hash', args: { expr: p.expr } };
}

/** `balance uri [len N] [depth N] [whole] [path-only]`, in any order (the last len or depth wins). */
function readUri(ws: readonly Word[], r: Report): NodeOf<'balance'> | null {
  const args: { -readonly [K in keyof BalanceArgs]: BalanceArgs[K] } = {};
  for (let i = 2; i < ws.length; ) {
    const w = ws[i]!;
    if (w.text === 'len' || w.text === 'depth') {
      const n = leadingInt(ws[i + 1]?.text);
      if (n <= 0) {
        r.error('expected-number', (ws[i + 1] ?? w).span, `uri: '${w.text}' expects a positive integer (got '${ws[i + 1]?.text ?? ''}'); expected ${w.text} N, N at least 1`, 'a positive integer');
        return null;
      }
      if (w.text === 'len') args.len = n;
      else args.depth = n;
      i += 2;
    } else if (w.text === 'whole') {
      args.whole = true;
      i++;
    } else if (w.text === 'path-only') {
      args.pathOnly = true;
      i++;
    } else {
      r.error('invalid-value', w.span, `uri only accepts the parameters 'len', 'depth', 'path-only' and 'whole' (got '${w.text}'); expected one of them`, list(URI_WORDS), suggest(w.text, URI_WORDS));
      return null;
    }
  }
  return Object.keys(args).length > 0 ? { kind: 'balance', algorithm: 'uri', args } : { kind: 'balance', algorithm: 'uri' };
}

/** The line of a balance node (its words when they say more than the node: an ignored algorithm, check_post). */
export function printBalance(n: NodeOf<'balance'>): string {
  if (n.written) return `balance ${n.written}`;
  const a = n.args ?? {};
  switch (n.algorithm) {
    case 'uri':
      return ['balance uri', a.len ? `len ${a.len}` : '', a.depth ? `depth ${a.depth}` : '', a.whole ? 'whole' : '', a.pathOnly ? 'path-only' : ''].filter(Boolean).join(' ');
    case 'url_param':
      return `balance url_param ${a.name}`;
    case 'hdr':
      return `balance hdr(${a.name})${a.domainOnly ? ' use_domain_only' : ''}`;
    case 'hash':
      return `balance hash ${a.expr!.text}`;
    case 'random':
      return a.draws !== undefined ? `balance random(${a.draws})` : 'balance random';
    default:
      return `balance ${n.algorithm}`;
  }
}

/** A `hash-type` line's node; null (with an error) when HAProxy refuses it. */
export function readHashType(ws: readonly Word[], r: Report): NodeOf<'hash-type'> | null {
  const kinds = 'map-based or consistent';
  if (ws.length < 2) return void arity(r, ws, 2, kinds), null;
  const t = ws[1]!.text;
  if (t === 'avalanche') {
    r.error('invalid-value', ws[1]!.span, `'hash-type avalanche' is not supported anymore; expected hash-type map-based sdbm avalanche`, 'hash-type map-based sdbm avalanche');
    return null;
  }
  if (t !== 'map-based' && t !== 'consistent') {
    r.error('invalid-value', ws[1]!.span, `hash-type only supports 'consistent' and 'map-based' (got '${t}'); expected ${kinds}`, kinds, suggest(t, ['map-based', 'consistent']));
    return null;
  }
  const consistent = t === 'consistent';
  const fnWord = ws[2];
  // No function: sdbm, with avalanche for consistent hashing.
  if (!fnWord) return { kind: 'hash-type', type: { consistent, fn: 'sdbm', avalanche: consistent } };
  const fn = fnWord.text;
  if (!isIn(HASH_FUNCTIONS, fn)) {
    const fns = list([...HASH_FUNCTIONS]);
    r.error('invalid-value', fnWord.span, `hash-type only supports the hash functions sdbm, djb2, crc32, wt6 and (HAProxy 3.0+) none (got '${fn}'); expected ${fns}`, fns, suggest(fn, HASH_FUNCTIONS));
    return null;
  }
  const mod = ws[3];
  if (mod && mod.text !== 'avalanche') {
    r.error('invalid-value', mod.span, `hash-type only supports 'avalanche' as a modifier (got '${mod.text}'); expected avalanche`, 'avalanche');
    return null;
  }
  return { kind: 'hash-type', type: { consistent, fn: fn as HashFunction, avalanche: mod !== undefined } };
}

export function printHashType(n: NodeOf<'hash-type'>): string {
  const t: HashType = n.type;
  return `hash-type ${t.consistent ? 'consistent' : 'map-based'} ${t.fn}${t.avalanche ? ' avalanche' : ''}`;
}
