/**
 * THE table of the `script` section's words: one entry each, with its doc and syntax (editor
 * hover), and the roles that say where it may appear — what the parser accepts at each place and
 * what the editor completes there are both read from here. The statements themselves parse to the
 * typed Statement nodes of ast.ts by their entry's `parse`. Order matters: each role's words are
 * listed in table order (statements: open, close, wait …; request options: ->, to, close, takes …).
 * Pure.
 */
import type { ClientRef, Statement, Word } from '../ast';
import { isArrive, parseArrive } from '../arrive';
import { DURATION_WORDS } from '../modern';
import { suggest } from '../suggest';
import type { ArgKind } from './args';
import { arity, spanOfWords, type Report } from './report';
import { readDuration } from './values';

/** What a statement's parse function may use besides its words. */
export interface StatementContext {
  readonly r: Report;
  /** `A`, `web[1..50]` or `web[*]`; null after an error (reported on `r`). */
  clientRef(w: Word, r?: Report): ClientRef | null;
  /** `CLIENT METHOD PATH [options]`; null after an error (reported on `r`). */
  request(ws: readonly Word[], r: Report): Extract<Statement, { kind: 'request' }> | null;
}

export type ScriptRole =
  /** First word of a statement; `reserved`: it cannot name a client. */
  | 'statement'
  /** After `CLIENT METHOD PATH`. */
  | 'request-option'
  /** After `open CLIENT h1|h2`. */
  | 'open-option'
  /** After `SERVER close`. */
  | 'server-close'
  /** After `-> STATUS`. */
  | 'answer'
  /** After `arrive … METHOD PATH [options]`. */
  | 'arrive-option'
  /** A protocol after `open CLIENT` or in `arrive`. */
  | 'protocol';

export interface ScriptWord {
  readonly name: string;
  readonly doc: string;
  readonly syntax?: string;
  readonly values?: readonly string[];
  readonly roles: readonly ScriptRole[];
  /** A statement keyword that cannot name a client. */
  readonly reserved?: boolean;
  /** What each word after it is (the editor's completion); absent: nothing is offered after it. */
  readonly args?: readonly ArgKind[];
  /**
   * A statement's words (ws[0] is this word) → its typed statement, with diagnostics on c.r;
   * null after an error; undefined when the line is not this statement after all.
   */
  readonly parse?: (ws: readonly Word[], c: StatementContext) => Statement | null | undefined;
}

const ADDRESS_RE = /^(\d{1,3}(\.\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)$/;

/** `open CLIENT h1|h2 [from ADDR] [tls [sni NAME]] [to :PORT|FRONTEND]`: the connection options a route may read. */
function parseOpen(ws: readonly Word[], c: StatementContext): Statement | null {
  const r = c.r;
  if (ws.length <= 3 && !arity(r, ws, 3, ws.length < 2 ? 'a client name such as A' : 'h1 or h2')) return null;
  const ref = c.clientRef(ws[1]!);
  if (!ref) return null;
  if (ref.kind === 'all') return r.error('expected-client', ws[1]!.span, `cannot open '${ws[1]!.text}'; expected one client or a range such as web[1..50]`, 'a client name or a range such as web[1..50]'), null;
  const proto = ws[2]!.text;
  if (proto !== 'h1' && proto !== 'h2') return r.error('expected-protocol', ws[2]!.span, `unknown protocol '${proto}'; expected h1 or h2`, 'h1 or h2', suggest(proto, PROTOCOLS)), null;
  if (ws.length === 3) return { kind: 'open', clients: ref, proto, span: spanOfWords(ws) };
  let from: Word | null = null;
  let tls: { sni: Word | null } | null = null;
  let to: Word | null = null;
  const expected = "'from ADDRESS', 'tls [sni NAME]' or 'to :PORT|FRONTEND'";
  for (let i = 3; i < ws.length; i++) {
    const w = ws[i]!;
    if (w.text === 'from' && !from) {
      const a = ws[i + 1];
      if (!a || !ADDRESS_RE.test(a.text)) {
        r.error('invalid-value', (a ?? w).span, a ? `invalid source address '${a.text}'; expected an IPv4 or IPv6 address such as 203.0.113.7` : `missing address after 'from'; expected an address such as 203.0.113.7`, 'an address such as 203.0.113.7');
        return null;
      }
      from = a;
      i++;
    } else if (w.text === 'to' && !to) {
      // The frontend the client connects to (core/routing/entry.ts); compile checks it against the binds.
      const a = ws[i + 1];
      if (!a) return r.error('missing-argument', w.span, `missing port or frontend after 'to'; expected :PORT (a bind's port, e.g. :443) or a frontend name`, ':PORT or a frontend name'), null;
      to = a;
      i++;
    } else if (w.text === 'tls' && !tls) {
      tls = { sni: null };
      if (ws[i + 1]?.text === 'sni') {
        const n = ws[i + 2];
        if (!n) return r.error('missing-argument', ws[i + 1]!.span, `missing name after 'sni'; expected a server name such as example.com`, 'a name such as example.com'), null;
        tls = { sni: n };
        i += 2;
      }
    } else {
      r.error('unknown-option', w.span, `unexpected '${w.text}' after 'open ${ws[1]!.text} ${proto}'; expected ${expected}`, expected, suggest(w.text, OPEN_OPTIONS));
      return null;
    }
  }
  return { kind: 'open', clients: ref, proto, span: spanOfWords(ws), ...(from ? { from } : {}), ...(tls ? { tls } : {}), ...(to ? { to } : {}) };
}

export const SCRIPT_WORDS: readonly ScriptWord[] = [
  { name: 'open', roles: ['statement'], reserved: true, parse: parseOpen, args: ['name', 'protocol', 'open-options'], syntax: 'open CLIENT h1|h2', values: ['h1', 'h2'], doc: 'A client opens a connection to HAProxy speaking HTTP/1.1 or HTTP/2; `open web[1..50] h1` opens web1 … web50.' },
  { name: '->', roles: ['request-option'], syntax: '-> STATUS [ntlm|negotiate] [close]', doc: 'The server\'s answer to this request: status, `ntlm`/`negotiate` for a 401 with that WWW-Authenticate, `close` for Connection: close.' },
  { name: 'to', roles: ['request-option', 'open-option'], args: ['name'], syntax: 'to SERVER | open CLIENT h1 to :PORT|FRONTEND', doc: 'In a request: the request goes to this server, skipping load balancing. After `open CLIENT h1|h2`: the frontend the client connects to, by a bind\'s port (`to :8404`) or by name (`to https`).' },
  {
    name: 'close', roles: ['statement', 'request-option'], reserved: true, args: ['client'],
    parse(ws, c) {
      if (!arity(c.r, ws, 2, 'a client name such as A or a group such as web[*]')) return null;
      const ref = c.clientRef(ws[1]!);
      return ref ? { kind: 'close', clients: ref, span: spanOfWords(ws) } : null;
    },
    syntax: 'close CLIENT | SERVER close idle|all', doc: '`close CLIENT` (or `close web[*]`): the client closes its connection. `SERVER close idle|all`: the server closes its idle (or all) connections. As a request option: the request carries `Connection: close`.',
  },
  {
    name: 'wait', roles: ['statement'], reserved: true, args: ['duration'],
    parse(ws, { r }) {
      if (!arity(r, ws, 2, DURATION_WORDS)) return null;
      const us = readDuration(r, ws[1]!, 'wait');
      return us === null ? null : { kind: 'wait', us, span: spanOfWords(ws) };
    },
    syntax: 'wait TIME', doc: 'Time passes.',
  },
  { name: 'await', roles: ['statement'], reserved: true, args: [], parse: (ws, { r }) => (arity(r, ws, 1, '') ? { kind: 'await', span: spanOfWords(ws) } : null), syntax: 'await', doc: 'Waits until every request in flight has its response.' },
  { name: 'repeat', roles: ['statement'], reserved: true, args: ['count'], syntax: 'repeat N {', doc: 'Runs the statements of the block N times (blocks may nest).' },
  { name: 'takes', roles: ['request-option'], syntax: 'takes TIME', doc: 'The server\'s response time for this request.' },
  { name: 'host', roles: ['request-option'], syntax: 'host NAME', doc: 'The request\'s Host header (`:authority` in HTTP/2), for routing rules such as `hdr(host)`.' },
  { name: 'header', roles: ['request-option'], syntax: 'header "NAME: VALUE"', doc: 'A header the request carries, for routing rules such as `hdr(NAME)`; repeatable.' },
  { name: '&', roles: ['request-option'], syntax: '&', doc: 'Do not wait for the response: the next statement starts at once.' },
  { name: 'from', roles: ['open-option'], args: ['address'], syntax: 'from ADDR', doc: '`open CLIENT h1 from ADDR`: the client\'s source address (fetch `src`, `balance source`).' },
  { name: 'tls', roles: ['open-option'], args: [], syntax: 'tls [sni NAME]', doc: '`open CLIENT h1 tls`: the client connection uses TLS (`ssl_fc`).' },
  { name: 'sni', roles: ['open-option'], syntax: 'tls sni NAME', doc: '`open CLIENT h1 tls sni NAME`: the SNI the client sends (`ssl_fc_sni`).' },
  {
    name: 'arrive', roles: ['statement'], args: ['name'],
    // Not reserved: a line that is not an arrive statement is read as a request of client `arrive`.
    parse: (ws, c) => (isArrive(ws) ? parseArrive(ws, c.r, (words) => c.request(words, c.r)) : undefined),
    syntax: 'arrive NAME rate R/s for T [h1|h2] METHOD PATH [options] [requests K] [think T] [&]', doc: 'Open-loop load: clients NAME1, NAME2, … arrive as a Poisson process at rate R per second during T; each sends K requests (the next one T after the previous response) and closes. The script waits for the last one unless the line ends with `&`.',
  },
  { name: 'requests', roles: ['arrive-option'], syntax: 'requests K', doc: '`arrive … requests K`: each arriving client sends K requests (default 1).' },
  { name: 'think', roles: ['arrive-option'], syntax: 'think TIME', doc: '`arrive … think T`: an arriving client waits T after a response before its next request (default 0).' },
  { name: 'h1', roles: ['protocol'], doc: 'HTTP/1.1: one request at a time per client connection.' },
  { name: 'h2', roles: ['protocol'], doc: 'HTTP/2: each request is a stream; streams run concurrently with `&`.' },
  { name: 'idle', roles: ['server-close'], doc: '`SERVER close idle`: closes the server\'s idle connections.' },
  { name: 'all', roles: ['server-close'], doc: '`SERVER close all`: closes every connection of the server, busy ones included.' },
  { name: 'ntlm', roles: ['answer'], doc: '`-> 401 ntlm`: a 401 with `WWW-Authenticate: NTLM` (makes the connection private).' },
  { name: 'negotiate', roles: ['answer'], doc: '`-> 401 negotiate`: a 401 with `WWW-Authenticate: Negotiate` (makes the connection private).' },
];

/** The script words of one role, in table order. */
export function scriptWords(role: ScriptRole): string[] {
  return SCRIPT_WORDS.filter((w) => w.roles.includes(role)).map((w) => w.name);
}

/** Statement keywords that cannot name a client: open, close, wait, await, repeat. */
export const SCRIPT_KEYWORDS = SCRIPT_WORDS.filter((w) => w.reserved).map((w) => w.name);
/** Words a request line may carry after its path (`&` ends it), and after `-> STATUS`. */
export const REQUEST_OPTION_WORDS = [...scriptWords('request-option').filter((w) => w !== '&'), ...scriptWords('answer')];
export const PROTOCOLS = scriptWords('protocol') as ('h1' | 'h2')[];
export const OPEN_OPTIONS = scriptWords('open-option');
export const SERVER_CLOSE_WHAT = scriptWords('server-close') as ('idle' | 'all')[];

/** The entries that start a statement and parse it, by name. */
export const SCRIPT_STATEMENT_BY_NAME: ReadonlyMap<string, ScriptWord> = new Map(SCRIPT_WORDS.filter((w) => w.parse).map((w) => [w.name, w]));
