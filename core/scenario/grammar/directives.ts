/**
 * THE table of the haproxy.cfg directives the simulation models: one entry per keyword, with
 * where it may appear, its syntax, doc and values (editor hover and completion, via keywords.ts),
 * which engines have it, how its words become a typed node with its diagnostics (the parser), and
 * what the node sets (the compiler). Adding a modelled directive is adding one entry here (and its
 * node to ast.ts's ConfigNode: the table's type requires an entry for every node kind). Pure.
 */
import type { ConfigNodeKind, ConfigSectionKind, EngineName, ModelledOption, NodeOf, ServerOptions, TimeoutName, Word } from '../ast';
import { REUSE_MODES } from '../ast';
import { formatDuration, parseCount } from '../lexer';
import { refusedTimeValue } from '../haproxy-durations';
import { countValue, DURATION_WORDS, MAX_CONN_COUNT } from '../modern';
import { suggest } from '../suggest';
import type { ArgKind } from './args';
import { arity, extra, list, spanOfWords, type Report } from './report';
import { printBalance, printHashType, readBalance, readHashType, BALANCE_WORDS } from './balance';
export { BALANCE_IGNORED, BALANCE_MODELLED } from './balance';
import { printServerOptions } from './server-options';
import type { Settings } from './settings';
import { leadingInt, readDuration, readMaxconn, readSource } from './values';
import { applyHttpCheck, HTTP_CHECK_ACTIONS, HTTP_CHECK_DOC, HTTP_CHECK_SYNTAX, parseHttpCheck } from './http-check';

export const MAX_H2_STREAMS = 1_000_000;

/** Flag words of `cookie` (cfgparse-listen.c:726-891 of v2.6.0) and those followed by a value. */
const COOKIE_FLAGS = ['insert', 'rewrite', 'prefix', 'indirect', 'nocache', 'postonly', 'preserve', 'httponly', 'secure', 'dynamic'] as const;
const COOKIE_WITH_VALUE = ['domain', 'maxidle', 'maxlife', 'attr'] as const;


/** What a directive's parse function may use besides its words. */
export interface DirectiveContext {
  readonly r: Report;
  /** The section the line is in. */
  readonly sec: ConfigSectionKind;
  /**
   * Warns that `what` has no effect when the line's section is one of `where` (HAProxy ignores it
   * there); `where` defaults to the directive's own noEffectIn.
   */
  noEffect(what: string, where?: readonly ConfigSectionKind[]): void;
  /** The keyword table's entry of a word after `option` / `timeout` (modelled or not). */
  known(context: 'option' | 'timeout', name: string): { readonly modelled: boolean } | undefined;
  /** Every name the keyword table knows in that context (for "did you mean"). */
  names(context: 'option' | 'timeout'): readonly string[];
  /** The options of a server or default-server line from ws[start]; `quiet`: read without a word. */
  serverOptions(ws: readonly Word[], start: number, defaults: boolean, quiet?: boolean): ServerOptions;
}

/** Settings of the `global` section. */
export interface GlobalSettings {
  h2MaxStreams: number;
  /** `maxconn N`: client connections of the process at once (0: not set, no limit). */
  maxconn: number;
  /** `maxconn` was given (HAProxy keeps the first and alerts on another). */
  maxconnSet: boolean;
}

interface Targets {
  readonly global: GlobalSettings;
  readonly proxy: Settings;
}

/** A word after `option` or `timeout` that the simulation models. */
export interface SubKeyword<N extends string = string> {
  readonly name: N;
  readonly doc: string;
  /** Sections where HAProxy ignores it (a warning). */
  readonly noEffectIn?: readonly ConfigSectionKind[];
}

export interface DirectiveSpec<K extends ConfigNodeKind = ConfigNodeKind, C extends keyof Targets = keyof Targets> {
  readonly name: K;
  /** The word in haproxy.cfg when it is not the node's kind (`maxconn` is a global and a proxy keyword). */
  readonly keyword?: string;
  /** `global`: in the global section; `proxy`: in defaults, backend, listen or frontend. */
  readonly context: C;
  /** The proxy sections where it may appear; elsewhere it is an error. Absent: every proxy section. */
  readonly allowed?: readonly ConfigSectionKind[];
  /** Sections where HAProxy accepts and ignores it (a warning). */
  readonly noEffectIn?: readonly ConfigSectionKind[];
  /** The engines that have it; absent: every engine. The others warn and ignore it. */
  readonly engines?: readonly EngineName[];
  readonly syntax: string;
  /** What each word after the keyword is (the editor's completion). */
  readonly args: readonly ArgKind[];
  readonly doc: string;
  /** Values offered after the keyword (completion). */
  readonly values?: readonly string[];
  /** The modelled words after it (`option NAME`, `timeout NAME`), with their own docs. */
  readonly sub?: { readonly context: 'option' | 'timeout'; readonly entries: readonly SubKeyword[] };
  /** Checks the line (diagnostics on c.r) and returns its typed node, or null when it has none. */
  readonly parse: (ws: readonly Word[], c: DirectiveContext) => NodeOf<K> | null;
  /** The node as a canonical line: parsing it gives the node back (spans aside). */
  readonly print: (node: NodeOf<K>) => string;
  /** What the node sets (inherited from `defaults` for proxies). */
  readonly apply?: (target: Targets[C], node: NodeOf<K>, ws: readonly Word[]) => void;
}

const RETRY_ON_STATUSES = ['401', '403', '404', '408', '425', '500', '501', '502', '503', '504'] as const;
const RETRY_ON_WORDS = ['none', 'conn-failure', 'empty-response', 'junk-response', 'response-timeout', '0rtt-rejected', ...RETRY_ON_STATUSES, 'all-retryable-errors'] as const;
const RETRY_ON_HINT = 'conn-failure, empty-response, response-timeout, a status such as 503, all-retryable-errors or none';

const OPTIONS: readonly (SubKeyword<ModelledOption> & { readonly set: (s: Settings, ws: readonly Word[]) => void })[] = [
  { name: 'http-keep-alive', doc: 'Keep client and server connections open between requests (default connection mode).', set: (s) => { s.httpMode = 'keep-alive'; } },
  { name: 'http-server-close', doc: 'Close the server connection after each response; keep the client connection.', set: (s) => { s.httpMode = 'server-close'; } },
  { name: 'httpclose', doc: 'Close both connections after each response (connection mode `close`).', set: (s) => { s.httpMode = 'close'; } },
  { name: 'forceclose', doc: 'Old name of httpclose: close after each response.', set: (s) => { s.httpMode = 'close'; } },
  { name: 'prefer-last-server', doc: 'Prefer the server the client used last (keeps its connection).', noEffectIn: ['frontend'], set: (s) => { s.preferLastServer = true; } },
  {
    name: 'redispatch', noEffectIn: ['frontend'],
    doc: 'A connection attempt that failed may be retried on another server: on the last retry (or every N-th with `option redispatch N`), and at once on every retry when the request named no server, the balance is roundrobin and several servers are up (stream_choose_redispatch). Every engine.',
    set: (s, ws) => { s.redispatch = ws[2] ? leadingInt(ws[2].text) : -1; },
  },
  {
    name: 'allbackups', noEffectIn: ['frontend'],
    doc: 'When no other server is usable, load balancing takes every backup server in turn, not only the first one.',
    set: (s) => { s.allBackups = true; },
  },
  {
    name: 'abortonclose', noEffectIn: ['frontend'],
    doc:
      'A client that closes its connection aborts its request: out of the queue if it waits for a server slot, and its server connection closed at once if the request is at the server ' +
      '(an HTTP/2 server connection only loses that stream). Without it, the request goes on and the response is dropped (mD6). HAProxy sees the close of an HTTP/2 client; of an HTTP/1 one only when ' +
      'the frontend has the option too (from `defaults`, or a `listen`) — or, since 3.0, always (http_ana.c:1114-1123 and stream.c:2297-2302 of v2.6.0; stream.c:2286-2291 of v3.0.0). Modern engine.',
    set: (s) => { s.abortOnClose = true; },
  },
  {
    name: 'httpchk', noEffectIn: ['frontend'],
    doc: 'The health checks of the backend\'s servers (`check`) are HTTP requests (`OPTIONS /` by default; a method, a URI and a version may follow): a 2xx or 3xx answer passes, any other fails (an emulated server with `auth ntlm` answers 401; `status` in the servers section sets its answers), or as `http-check expect` says. Every engine.',
    set: (s, ws) => {
      s.httpCheck = true;
      s.httpChecks = [...s.httpChecks, { kind: 'option', span: spanOfWords(ws), inherited: false }];
    },
  },
  {
    name: 'transparent', noEffectIn: ['frontend'],
    doc: 'In a backend with no server: requests go to the address the client originally connected to, a target that is not a server (rule R6, like `dispatch`). Every engine.',
    set: (s, ws) => { s.transparent = { from: ws[0]!.span.from, to: ws[1]!.span.to }; },
  },
];

const TIMEOUTS: readonly (SubKeyword<TimeoutName> & { readonly field: keyof Settings['timeouts'] })[] = [
  { name: 'connect', field: 'connect', noEffectIn: ['frontend'], doc: 'Maximum time to connect to a server.' },
  { name: 'server', field: 'server', noEffectIn: ['frontend'], doc: 'Maximum inactivity time on the server side.' },
  { name: 'client', field: 'client', noEffectIn: ['backend'], doc: 'Maximum inactivity time on the client side.' },
  { name: 'http-keep-alive', field: 'httpKeepAlive', doc: 'Maximum time to wait for a new request on a kept-alive client connection.' },
  { name: 'http-request', field: 'httpRequest', doc: 'Maximum time to receive a complete request.' },
  { name: 'queue', field: 'queue', noEffectIn: ['frontend'], doc: 'Maximum time a request waits in a queue for a server slot (server maxconn), then 503; unset: the backend\'s `timeout connect`. Modern engine.' },
  {
    name: 'check', field: 'check', noEffectIn: ['frontend'],
    doc: 'Health checks (`check`): once connected, the answer may take this long; the connect then takes at most `timeout connect` (or `inter` if shorter). Unset: the whole check has `inter`. A check past it fails (Layer4 or Layer7 timeout). Every engine (tcpcheck.c:1271-1313 of v2.6.0).',
  },
  { name: 'tunnel', field: 'tunnel', noEffectIn: ['frontend'], doc: 'Inactivity time of a tunnel: in `mode tcp`, once the stream is connected, it replaces `timeout client` and `timeout server` (WebSocket tunnels in HTTP are not modelled).' },
];


const isIn = <T extends string>(xs: readonly T[], v: string | undefined): v is T => v !== undefined && (xs as readonly string[]).includes(v);

export type DirectiveTable = { readonly [K in ConfigNodeKind]: DirectiveSpec<K, 'global'> | DirectiveSpec<K, 'proxy'> };

/** Every modelled directive, in the order the editor lists them. */
export const DIRECTIVES: DirectiveTable = {
  'tune.h2.max-concurrent-streams': {
    name: 'tune.h2.max-concurrent-streams', context: 'global', args: ['count'],
    syntax: 'tune.h2.max-concurrent-streams N',
    doc: 'Maximum number of concurrent HTTP/2 streams per client connection (default 100).',
    parse(ws, { r }) {
      if (!arity(r, ws, 2, 'a number of streams such as 100')) return null;
      const n = parseCount(ws[1]!.text);
      if (n === null || n < 1 || n > MAX_H2_STREAMS) {
        r.error(n === null ? 'expected-number' : 'out-of-range', ws[1]!.span, `invalid stream limit '${ws[1]!.text}'; expected a whole number from 1 to ${MAX_H2_STREAMS}`, `a whole number from 1 to ${MAX_H2_STREAMS}`);
        return null;
      }
      return { kind: 'tune.h2.max-concurrent-streams', streams: n };
    },
    print: (n) => `tune.h2.max-concurrent-streams ${n.streams}`,
    apply: (g, n) => { g.h2MaxStreams = n.streams; },
  },
  'global-maxconn': {
    name: 'global-maxconn', keyword: 'maxconn', context: 'global', args: ['count'], syntax: 'maxconn N',
    doc:
      'The most client connections the process accepts at once, over every frontend: past it, listeners stop accepting and new connections wait ' +
      'in the system\'s listen backlog until one closes (listener.c:915-927 and 1202-1222 of v2.6.0; listener.c:534-537 and 681-698 of 7c6f8b146). ' +
      'Not set: HAProxy derives it from `ulimit -n` (2.x) or takes 2000 (1.9); the simulation then sets no limit.',
    parse(ws, c) {
      if (!arity(c.r, ws, 2, 'a number of connections such as 4096')) return null;
      return { kind: 'global-maxconn', count: readMaxconn(c.r, ws[1]!) };
    },
    print: (n) => `maxconn ${n.count}`,
    apply: (g, n) => {
      // cfgparse-global.c:596-600 of v2.6.0: a second `maxconn` is an alert and the first stays.
      if (g.maxconnSet) return;
      g.maxconnSet = true;
      g.maxconn = n.count;
    },
  },
  mode: {
    name: 'mode', context: 'proxy', args: ['value'], syntax: 'mode http|tcp', values: ['http', 'tcp'],
    doc: 'Protocol of the proxy. `mode tcp` forwards bytes: each client connection gets one server connection, chosen and connected when the client connects, closed with it; nothing is reused.',
    parse(ws, { r }) {
      if (!arity(r, ws, 2, 'http or tcp')) return null;
      const v = ws[1]!.text;
      if (v === 'health') r.warn('not-modelled', ws[1]!.span, `mode ${v} is not simulated: the simulation models mode http and mode tcp`);
      else if (v !== 'http' && v !== 'tcp') {
        r.error('invalid-value', ws[1]!.span, `unknown mode '${v}'; expected http or tcp`, 'http or tcp', suggest(v, ['http', 'tcp']));
        return null;
      }
      return { kind: 'mode', mode: v };
    },
    print: (n) => `mode ${n.mode}`,
    apply: (s, n) => { s.tcp = n.mode === 'tcp'; },
  },
  'http-reuse': {
    name: 'http-reuse', context: 'proxy', args: ['value'], noEffectIn: ['frontend'], syntax: 'http-reuse never|safe|aggressive|always', values: REUSE_MODES,
    doc: 'When idle server connections may be shared between client sessions. Default: never at seed and parent, safe at modern.',
    parse(ws, c) {
      const modes = list([...REUSE_MODES]);
      const v = ws[1]?.text;
      // A known mode is kept even when the line goes on (the extra words are an error).
      const node = isIn(REUSE_MODES, v) ? { kind: 'http-reuse' as const, mode: v } : null;
      if (!arity(c.r, ws, 2, modes)) return node;
      if (!node) c.r.error('invalid-value', ws[1]!.span, `unknown http-reuse mode '${v}'; expected ${modes}`, modes, suggest(v!, REUSE_MODES));
      else c.noEffect('http-reuse');
      return node;
    },
    print: (n) => `http-reuse ${n.mode}`,
    apply: (s, n) => { s.reuse = n.mode; },
  },
  balance: {
    name: 'balance', context: 'proxy', args: ['value'], noEffectIn: ['frontend'],
    syntax: 'balance roundrobin|static-rr|first|leastconn|random[(N)]|sticky|source|uri [len N] [depth N] [whole] [path-only]|url_param NAME|hdr(NAME) [use_domain_only]|hash EXPR', values: BALANCE_WORDS,
    doc: 'Load-balancing algorithm (roundrobin by default). `source`, `uri`, `url_param` and `hdr` hash a key of the request onto the servers (map-based, or a ring with `hash-type consistent`), so the same key goes to the same server; a request without the key goes round the servers. `sticky` (HAProxy 3.0+) sends every request to one server, the first usable one, until it goes down.',
    parse(ws, c) {
      const node = readBalance(ws, c.r);
      if (node && !node.written) c.noEffect('balance');
      return node;
    },
    print: printBalance,
    apply: (s, n) => {
      s.balance = n.algorithm;
      s.balanceArgs = n.args ?? null;
      s.balanceWritten = true;
    },
  },
  'hash-type': {
    name: 'hash-type', context: 'proxy', args: ['value', 'value', 'value'], noEffectIn: ['frontend'], syntax: 'hash-type map-based|consistent [sdbm|djb2|wt6|crc32|none [avalanche]]', values: ['map-based', 'consistent'],
    doc: 'How a hash balance (source, uri, url_param, hdr) turns a hash into a server: `map-based` (default) takes the hash modulo the servers\' total weight; `consistent` takes the nearest of 16 points per weight unit on a ring, so few keys move when a server comes or goes. The function defaults to sdbm (with avalanche for consistent); `none` (HAProxy 3.0+) takes the key, read as a number, as the hash.',
    parse(ws, c) {
      const node = readHashType(ws, c.r);
      if (node) c.noEffect('hash-type');
      return node;
    },
    print: printHashType,
    apply: (s, n) => { s.hashType = n.type; },
  },
  option: {
    name: 'option', context: 'proxy', args: ['value'], syntax: 'option NAME', values: OPTIONS.map((o) => o.name),
    doc: 'Turns an option on. Modelled: http-keep-alive, http-server-close, httpclose, forceclose, prefer-last-server, redispatch, allbackups, abortonclose, httpchk, transparent.',
    sub: { context: 'option', entries: OPTIONS },
    parse(ws, c) {
      const r = c.r;
      const opts = 'an option such as http-keep-alive, http-server-close, httpclose or prefer-last-server';
      if (ws.length < 2) return void arity(r, ws, 2, opts), null;
      const name = ws[1]!.text;
      // The real options the simulation ignores are in the keyword table.
      const info = c.known('option', name);
      if (!info) return r.error('unknown-option', ws[1]!.span, `unknown option '${name}'`, opts, suggest(name, c.names('option'))), null;
      const opt = OPTIONS.find((o) => o.name === name);
      if (!opt || !info.modelled) return r.warn('ignored-keyword', spanOfWords(ws), `'option ${name}' is ignored by the simulation`), null;
      // `option redispatch` takes an interval (cfgparse-listen.c:2060-2073 of v2.6.0, read with atol).
      // `option httpchk` takes a method, a URI and a version (cfgparse-listen.c, proxy_parse_httpchk_opt).
      const takes = opt.name === 'redispatch' ? 3 : opt.name === 'httpchk' ? 5 : 2;
      if (ws.length > takes) return extra(r, ws.slice(takes), ws.slice(0, takes)), null;
      c.noEffect(`option ${name}`, opt.noEffectIn ?? []);
      return opt.name === 'redispatch' && ws[2] ? { kind: 'option', name: opt.name, value: leadingInt(ws[2].text) } : { kind: 'option', name: opt.name };
    },
    print: (n) => `${n.negated ? 'no ' : ''}option ${n.name}${n.value !== undefined ? ` ${n.value}` : ''}`,
    // Within one section the last connection-mode option wins (one flag field in HAProxy).
    apply: (s, n, ws) => {
      if (n.negated) s.abortOnClose = false;
      else OPTIONS.find((o) => o.name === n.name)!.set(s, ws);
    },
  },
  timeout: {
    name: 'timeout', context: 'proxy', args: ['value', 'duration'], syntax: 'timeout connect|server|client|http-keep-alive|http-request|queue|tunnel|check TIME', values: TIMEOUTS.map((t) => t.name),
    doc: 'A timeout: `10s`, `250ms`, `2m`; a bare number is in milliseconds.',
    sub: { context: 'timeout', entries: TIMEOUTS },
    parse(ws, c) {
      const r = c.r;
      const names = list(TIMEOUTS.map((t) => t.name));
      if (ws.length < 2) return void arity(r, ws, 3, `a timeout name (${names})`), null;
      const name = ws[1]!.text;
      const info = c.known('timeout', name);
      if (!info) return r.error('unknown-timeout', ws[1]!.span, `unknown timeout '${name}'; expected ${names}`, names, suggest(name, c.names('timeout'))), null;
      const t = TIMEOUTS.find((x) => x.name === name);
      // A fraction is refused by HAProxy in every timeout, modelled or not (haproxy-durations.ts).
      const refused = ws[2] ? refusedTimeValue(ws[2].text, `timeout ${name}`) : null;
      if (refused) return r.error('expected-duration', ws[2]!.span, refused, 'a whole number with a unit such as 1500ms'), null;
      if (!info.modelled) return r.warn('ignored-keyword', spanOfWords(ws), `'timeout ${name}' is ignored by the simulation`), null;
      if (!arity(r, ws, 3, DURATION_WORDS)) return null;
      const us = readDuration(c.r, ws[2]!, `timeout ${name}`, true);
      // A timeout the routing reads itself (`tarpit`, routing/lines.ts): checked, no node.
      if (!t) return null;
      c.noEffect(`timeout ${t.name}`, t.noEffectIn ?? []);
      return us === null ? null : { kind: 'timeout', name: t.name, us };
    },
    print: (n) => `timeout ${n.name} ${formatDuration(n.us)}`,
    apply: (s, n) => { s.timeouts[TIMEOUTS.find((t) => t.name === n.name)!.field] = n.us; },
  },
  server: {
    name: 'server', context: 'proxy', args: ['name', 'address', 'server-options'], allowed: ['backend', 'listen'], syntax: 'server NAME ADDR[:PORT] [options]',
    doc: 'A server of the backend. Modelled options: send-proxy, send-proxy-v2, sni, source … usesrc, disabled; for the modern engine also proto, max-reuse, pool-max-conn, pool-low-conn, pool-purge-delay.',
    parse(ws, c) {
      if (ws.length < 2) return void arity(c.r, ws, 3, 'a server name and address, e.g. `server s1 192.0.2.10:80`'), null;
      if (ws.length < 3) return void arity(c.r, ws, 3, 'an address such as 192.0.2.10:80'), null;
      return { kind: 'server', name: ws[1]!, addr: ws[2]!.text, options: c.serverOptions(ws, 3, false) };
    },
    print: (n) => [`server ${n.name.text} ${n.addr}`, ...printServerOptions(n.options)].join(' '),
  },
  source: {
    name: 'source', context: 'proxy', args: ['address', 'source-options'], noEffectIn: ['frontend'], syntax: 'source ADDR [usesrc client|clientip|hdr_ip(HDR)]',
    doc: 'Source address of connections to the servers; `usesrc client|clientip|hdr_ip(...)` makes them per-client (transparent proxy).',
    parse(ws, c) {
      if (ws.length < 2) return void arity(c.r, ws, 2, 'a source address such as 0.0.0.0'), null;
      const { usesrc, next } = readSource(c.r, ws, 0);
      if (next < ws.length) extra(c.r, ws.slice(next), ws.slice(0, next));
      else c.noEffect('source');
      return { kind: 'source', addr: ws[1]!.text, usesrc };
    },
    print: (n) => `source ${n.addr}${n.usesrc === 'none' ? '' : ` usesrc ${n.usesrc === 'hdr_ip' ? 'hdr_ip(X-Forwarded-For)' : n.usesrc}`}`,
    apply: (s, n) => { s.usesrc = n.usesrc; },
  },
  default_backend: {
    name: 'default_backend', context: 'proxy', args: ['backend'], allowed: ['frontend', 'listen', 'defaults'], syntax: 'default_backend NAME',
    doc: 'The backend that receives requests no use_backend rule takes.',
    parse: (ws, { r }) => (arity(r, ws, 2, 'a backend name') ? { kind: 'default_backend', backend: ws[1]! } : null),
    print: (n) => `default_backend ${n.backend.text}`,
    apply: (s, n) => { s.defaultBackend = n.backend; },
  },
  use_backend: {
    name: 'use_backend', context: 'proxy', args: ['backend', 'condition'], allowed: ['frontend', 'listen'], syntax: 'use_backend NAME [if|unless COND]',
    doc: 'Sends the requests whose condition holds to a backend (rules in order, then default_backend, else 503). The name may be a log-format such as `b_%[req.hdr(host),lower]`.',
    parse(ws, { r }) {
      if (ws.length < 2) return void arity(r, ws, 2, 'a backend name'), null;
      const node = { kind: 'use_backend' as const, backend: ws[1]!, conditional: ws.length > 2 };
      if (ws.length === 2) return node;
      const k = ws[2]!;
      if (k.text !== 'if' && k.text !== 'unless') {
        r.error('expected-condition', k.span, `unexpected '${k.text}' after the backend name; expected 'if' or 'unless' and a condition such as { path_beg /api }`, "'if' or 'unless'");
        return node;
      }
      if (ws.length === 3) {
        r.error('missing-argument', k.span, `missing condition after '${k.text}'; expected a condition such as { path_beg /api }`, 'a condition such as { path_beg /api }');
        return node;
      }
      let depth = 0;
      let open: Word | null = null;
      for (const w of ws.slice(3)) {
        // `!{` opens a negated anonymous ACL (acl.c skips the `!` before the brace).
        if (/^!*\{$/.test(w.text)) {
          depth++;
          open = w;
        } else if (w.text === '}') {
          depth--;
          if (depth < 0) {
            r.error('unbalanced-brace', w.span, `unexpected '}' in the condition; expected a matching '{' before it`, "a '{' before it");
            return node;
          }
        }
      }
      if (depth > 0 && open) r.error('unbalanced-brace', open.span, `'{' is never closed; expected '}' at the end of the condition`, "'}'");
      return node;
    },
    print: (n) => `use_backend ${n.backend.text}${n.conditional ? ' if { path_beg / }' : ''}`,
  },
  dispatch: {
    name: 'dispatch', context: 'proxy', args: ['address'], allowed: ['backend', 'listen'], syntax: 'dispatch ADDR:PORT',
    doc: 'A fixed destination that is not a server: requests go there without load balancing and the server lists are skipped (rule R6). A backend may then have no server line.',
    parse: (ws, { r }) => (arity(r, ws, 2, 'an address such as 192.0.2.20:80') ? { kind: 'dispatch', addr: ws[1]!.text } : null),
    print: (n) => `dispatch ${n.addr}`,
  },
  acl: {
    name: 'acl', context: 'proxy', args: ['name', 'condition'], syntax: 'acl NAME CRITERION [-i] [-m METHOD] PATTERN...',
    doc: 'A named condition used by use_backend, use-server, http-request and redirect rules: a fetch (hdr(host), path_beg, method, src, ssl_fc_sni…), flags (-i, -m) and patterns. Lines of one name are OR-ed. A fetch or `-m` method the simulation does not model makes a condition that uses it false (warning).',
    parse(ws, { r }) {
      if (ws.length < 3) return void arity(r, ws, 3, ws.length < 2 ? 'an ACL name' : 'a criterion such as path_beg'), null;
      return { kind: 'acl', name: ws[1]! };
    },
    print: (n) => `acl ${n.name.text} path_beg /`,
  },
  'default-server': {
    name: 'default-server', context: 'proxy', args: ['server-options'], noEffectIn: ['frontend'], syntax: 'default-server [options]',
    doc: 'Default options of the server lines that follow (a `defaults` section\'s apply to the sections after it). The simulation reads the modern engine\'s options from it (proto, max-reuse, pool-max-conn, pool-low-conn, pool-purge-delay); the others are ignored (warning).',
    parse(ws, c) {
      // HAProxy warns and ignores it outside backend capability (a frontend).
      const ignored = c.sec === 'frontend';
      if (ignored) c.noEffect('default-server');
      return { kind: 'default-server', options: c.serverOptions(ws, 1, true, ignored) };
    },
    // Later lines add to (and override) earlier ones, as HAProxy updates the proxy's defsrv.
    print: (n) => ['default-server', ...printServerOptions(n.options)].join(' '),
    apply: (s, n) => {
      s.defaultServer.push(...n.options.modern);
      s.defaultHealth.push(...n.options.health);
      s.defaultClassic.push(...n.options.classic);
    },
  },
  'max-session-srv-conns': {
    name: 'max-session-srv-conns', context: 'proxy', args: ['count'], noEffectIn: ['backend'], engines: ['modern'], syntax: 'max-session-srv-conns N',
    doc: 'Modern engine (HAProxy 2.x): how many idle private server connections a client session keeps, in a frontend, listen or defaults section (default 5). Did not exist at seed and parent: a warning there, and ignored.',
    parse(ws, c) {
      // A frontend setting (PR_CAP_FE); whether the engine models it is said by compile.
      if (!arity(c.r, ws, 2, 'a number of connections such as 5')) return null;
      const v = countValue(ws[1]!.text, 'max-session-srv-conns', false);
      if (!c.r.value(v, ws[1]!.span) || !v.ok) return null;
      c.noEffect('max-session-srv-conns');
      return { kind: 'max-session-srv-conns', count: v.value as number };
    },
    print: (n) => `max-session-srv-conns ${n.count}`,
    apply: (s, n) => { s.maxSessionSrvConns = n.count; },
  },
  maxconn: {
    name: 'maxconn', context: 'proxy', args: ['count'], noEffectIn: ['backend'], syntax: 'maxconn N',
    doc:
      'The most client connections a frontend (or listen) accepts at once: past it, its listeners stop accepting and new connections wait in ' +
      'the system\'s listen backlog, HAProxy reading nothing of them, until one of its connections closes; then the oldest is accepted ' +
      '(listener.c:901-913 and 1202-1222 of v2.6.0; listener.c:540-543 and 681-698 of 7c6f8b146). 0 or not set: the global `maxconn`. ' +
      'In a backend, HAProxy ignores it (a warning; `fullconn` and the servers\' `maxconn` are the backend\'s limits). Every engine.',
    parse(ws, c) {
      if (!arity(c.r, ws, 2, 'a number of connections such as 2000')) return null;
      const count = readMaxconn(c.r, ws[1]!);
      c.noEffect('maxconn');
      return { kind: 'maxconn', count };
    },
    print: (n) => `maxconn ${n.count}`,
    apply: (s, n) => { s.maxconn = n.count; },
  },
  retries: {
    name: 'retries', context: 'proxy', args: ['count'], noEffectIn: ['frontend'], syntax: 'retries N',
    doc: 'How many times a failed connection attempt to a server (refused) is retried before HAProxy answers 503 (default 3), each after a turn-around of one second or `timeout connect` if shorter. Every engine (cfgparse-listen.c:1212-1226 of v2.6.0).',
    parse(ws, c) {
      if (!arity(c.r, ws, 2, 'a number of retries such as 3')) return null;
      // HAProxy reads it with atol: what follows a leading number is dropped, no number is 0 (and below 0, none).
      const m = /^\s*[+-]?\d+/.exec(ws[1]!.text);
      const count = m ? Math.min(MAX_CONN_COUNT, Math.max(0, Number(m[0]))) : 0;
      if (!m || m[0].trim() !== ws[1]!.text) c.r.warn('not-modelled', ws[1]!.span, `HAProxy would read 'retries ${ws[1]!.text}' as retries ${count} (it takes the leading number), as the simulation does`);
      c.noEffect('retries');
      return { kind: 'retries', count };
    },
    print: (n) => `retries ${n.count}`,
    apply: (s, n) => { s.retries = n.count; },
  },
  'retry-on': {
    name: 'retry-on', context: 'proxy', args: ['value', 'value', 'value', 'value'], allowed: ['defaults', 'backend', 'listen'], engines: ['modern'],
    syntax: 'retry-on none|conn-failure|empty-response|junk-response|response-timeout|0rtt-rejected|401|403|404|408|425|500|501|502|503|504|all-retryable-errors …',
    values: [...RETRY_ON_WORDS],
    doc:
      'What HAProxy retries, up to `retries`: `conn-failure` (a connection that fails, the default) and, as L7 retries (do_l7_retry, http_ana.c:1233-1285 of v2.6.0), ' +
      '`empty-response` (the server connection closed before the response), `response-timeout` (no response within `timeout server`) and the listed statuses ' +
      '(`all-retryable-errors`: conn-failure empty-response response-timeout 500 502 503 504 junk-response 0rtt-rejected). An L7 retry counts with the failed connections ' +
      'and happens at once; with `option redispatch` it may go to another server. Without `conn-failure`, a failed connection is not retried. Engine modern ' +
      '(proxy.c:821-880 of v2.6.0).',
    parse(ws, c) {
      if (ws.length < 2) {
        c.r.error('missing-argument', ws[0]!.span, `'retry-on' needs at least one keyword to specify when to retry; expected ${RETRY_ON_HINT}`, RETRY_ON_HINT);
        return null;
      }
      const on = { connFailure: false, emptyResponse: false, responseTimeout: false, statuses: [] as number[], words: ws.slice(1).map((w) => w.text) };
      for (const [i, w] of ws.slice(1).entries()) {
        const t = w.text;
        if (t === 'none') {
          if (i !== 0 || ws.length > 2) {
            c.r.error('invalid-value', w.span, `'retry-on' 'none' keyword only usable alone; expected none alone, or the failures to retry`, 'none alone');
            return null;
          }
        } else if (t === 'conn-failure') on.connFailure = true;
        else if (t === 'empty-response') on.emptyResponse = true;
        else if (t === 'response-timeout') on.responseTimeout = true;
        else if (t === 'junk-response' || t === '0rtt-rejected') continue;
        else if (t === 'all-retryable-errors') {
          on.connFailure = on.emptyResponse = on.responseTimeout = true;
          on.statuses.push(500, 502, 503, 504);
        } else if ((RETRY_ON_STATUSES as readonly string[]).includes(t)) on.statuses.push(Number(t));
        else {
          c.r.error('invalid-value', w.span, `'retry-on': unknown keyword '${t}'; expected ${RETRY_ON_HINT}`, RETRY_ON_HINT, suggest(t, [...RETRY_ON_WORDS]));
          return null;
        }
      }
      return { kind: 'retry-on', on: { ...on, statuses: [...new Set(on.statuses)].sort((a, b) => a - b) } };
    },
    print: (n) => `retry-on ${n.on.words.join(' ')}`,
    apply: (s, n) => { s.retryOn = n.on; },
  },
  'hash-balance-factor': {
    name: 'hash-balance-factor', context: 'proxy', args: ['count'], noEffectIn: ['frontend'], syntax: 'hash-balance-factor N',
    doc:
      'Consistent hashing with bounded loads (`hash-type consistent`): a server may hold at most N % of its share of the requests in flight (the backend\'s, plus one), ' +
      'so a key whose server is past that goes on round the ring to the next one that is not. 0 (the default) turns it off; otherwise above 100. Modern engine (lb_chash.c:289-310 of v2.6.0).',
    parse(ws, c) {
      if (!arity(c.r, ws, 2, 'a factor such as 150')) return null;
      // cfgparse-listen.c:2700-2712 of v2.6.0: read with atol; 0 or above 100.
      const factor = leadingInt(ws[1]!.text);
      if (factor !== 0 && factor <= 100) {
        c.r.error('out-of-range', ws[1]!.span, `hash-balance-factor ${ws[1]!.text} must be 0 or greater than 100; expected 0, or a factor such as 150`, '0, or a factor such as 150');
        return null;
      }
      c.noEffect('hash-balance-factor');
      return { kind: 'hash-balance-factor', factor };
    },
    print: (n) => `hash-balance-factor ${n.factor}`,
    apply: (s, n) => { s.hashBalanceFactor = n.factor; },
  },
  fullconn: {
    name: 'fullconn', context: 'proxy', args: ['count'], noEffectIn: ['frontend'], syntax: 'fullconn N',
    doc:
      'The backend load (its requests in flight, queued ones included) at which servers with a `minconn` reach their `maxconn`; below it, ' +
      'such a server takes at most the greater of minconn and maxconn × load / fullconn (queue.c:103-124 of v2.6.0). ' +
      'Not set (or 0): 10 % of the sum of the maxconn of the frontends that can route to the backend (default_backend and use_backend rules naming it; ' +
      'a frontend without maxconn counts the global one), at least 1 (proxy.c:2518-2584 of v2.6.0). In a frontend, HAProxy ignores it (a warning). Modern engine.',
    parse(ws, c) {
      if (!arity(c.r, ws, 2, 'a number of requests such as 100')) return null;
      // cfgparse-listen.c:2576-2588 of v2.6.0: read with atol into an unsigned int.
      const n = leadingInt(ws[1]!.text);
      const count = n < 0 ? n + 2 ** 32 : Math.min(n, 2 ** 32 - 1);
      if (!/^\s*[+-]?\d+$/.test(ws[1]!.text) || n < 0) {
        c.r.warn('not-modelled', ws[1]!.span, `HAProxy would read 'fullconn ${ws[1]!.text}' as fullconn ${count}${n < 0 ? ' (an unsigned number)' : ' (it takes the leading number)'}, as the simulation does`);
      }
      c.noEffect('fullconn');
      return { kind: 'fullconn', count };
    },
    print: (n) => `fullconn ${n.count}`,
    apply: (s, n) => { s.fullconn = n.count; },
  },
  'http-check': {
    name: 'http-check', context: 'proxy', args: ['value'], noEffectIn: ['frontend'], syntax: HTTP_CHECK_SYNTAX, values: HTTP_CHECK_ACTIONS, doc: HTTP_CHECK_DOC,
    parse: (ws, c) => parseHttpCheck(ws, c.r, () => c.noEffect('http-check')),
    print: (n) => ['http-check', ...n.words].join(' '),
    apply: applyHttpCheck,
  },
  cookie: {
    name: 'cookie', context: 'proxy', args: ['name', 'value'], noEffectIn: ['frontend'], syntax: 'cookie NAME insert [indirect] [nocache] [postonly] …',
    values: [...COOKIE_FLAGS, ...COOKIE_WITH_VALUE],
    doc:
      'Cookie persistence (backend). With `insert`, HAProxy sets NAME to the `cookie VALUE` of the server that answered, on responses to requests that did not bring a valid one; ' +
      "a request that brings it goes to that server while it is up, instead of load balancing (`use-server` rules still come first; http_ana.c:3380-3404 of v2.6.0, the same at 1.9). The emulated clients keep cookies as browsers do. " +
      '`rewrite` and `prefix` only change a cookie the server sets, which the emulated servers never do.',
    parse(ws, c) {
      if (!ws[1]) {
        c.r.error('missing-argument', ws[0]!.span, `'cookie' expects a cookie name; expected cookie NAME insert`, 'cookie NAME insert');
        return null;
      }
      const modes: Word[] = [];
      let postonly = false;
      let indirect = false;
      let preserve = false;
      const words: string[] = [];
      for (let i = 2; i < ws.length; i++) {
        const w = ws[i]!;
        words.push(w.text);
        if (w.text === 'insert' || w.text === 'rewrite' || w.text === 'prefix') modes.push(w);
        else if (w.text === 'postonly') postonly = true;
        else if (w.text === 'indirect') indirect = true;
        else if (w.text === 'preserve') preserve = true;
        else if ((COOKIE_WITH_VALUE as readonly string[]).includes(w.text)) {
          const v = ws[i + 1];
          if (!v) {
            c.r.error('missing-argument', w.span, `'${w.text}' of 'cookie' expects a value; expected ${w.text} ${w.text === 'domain' ? 'DOMAIN' : w.text === 'attr' ? 'VALUE' : 'SECONDS'}`, `${w.text} VALUE`);
            return null;
          }
          words.push(v.text);
          if (w.text === 'maxidle' || w.text === 'maxlife') c.r.warn('not-modelled', spanOfWords([w, v]), `'${w.text}' is not modelled: HAProxy would stop honouring a cookie older than that; the simulation honours it for the whole run`);
          i++;
        } else if (w.text === 'dynamic') c.r.warn('not-modelled', w.span, `'dynamic' is not modelled: servers without a cookie value of their own set none in the simulation`);
        else if (!(COOKIE_FLAGS as readonly string[]).includes(w.text)) {
          c.r.error('unknown-option', w.span, `'cookie' has no option '${w.text}'`, "one of 'rewrite', 'insert', 'prefix', 'indirect', 'nocache', 'postonly', 'preserve', 'httponly', 'secure', 'domain', 'maxidle', 'maxlife', 'dynamic', 'attr'", suggest(w.text, [...COOKIE_FLAGS, ...COOKIE_WITH_VALUE]));
          return null;
        }
      }
      // The combinations HAProxy refuses to start with (cfgparse-listen.c:893-917 of v2.6.0).
      if (new Set(modes.map((m) => m.text)).size > 1) {
        c.r.error('bad-value', spanOfWords(modes), `cookie modes ${modes.map((m) => `'${m.text}'`).join(' and ')} cannot be combined; HAProxy refuses to start`, "one of 'insert', 'rewrite' or 'prefix'");
        return null;
      }
      const mode = (modes[0]?.text ?? 'passive') as 'insert' | 'rewrite' | 'prefix' | 'passive';
      if (mode === 'rewrite' && indirect) {
        c.r.error('bad-value', spanOfWords(ws.slice(2)), `cookie 'rewrite' and 'indirect' cannot be combined; HAProxy refuses to start`, "'insert indirect' or 'rewrite' alone");
        return null;
      }
      if (preserve && mode !== 'insert' && !indirect) {
        c.r.error('bad-value', spanOfWords(ws.slice(2)), `cookie 'preserve' needs 'insert' or 'indirect'; HAProxy refuses to start`, "'insert preserve'");
        return null;
      }
      // prefix and rewrite change the cookie a server sets (its effect, or its absence, is said once
      // the servers are known: backend-config.ts); passive mode needs the application to set the
      // server's own value, which the emulated servers do not.
      if (mode === 'passive')
        c.r.warn('not-modelled', spanOfWords(ws.slice(1)), `without 'insert', 'prefix' or 'rewrite' HAProxy only reads a cookie the application sets to the server's own value, which the emulated servers never do: no effect in the simulation`);
      c.noEffect('cookie');
      return { kind: 'cookie', name: ws[1]!.text, mode, postonly, words };
    },
    print: (n) => ['cookie', n.name, ...n.words].join(' '),
    apply: (s, n) => {
      s.cookie = n.mode === 'passive' ? null : { name: n.name, postonly: n.postonly, ...(n.mode !== 'insert' ? { mode: n.mode } : {}) };
    },
  },
};


export const DIRECTIVE_LIST: readonly DirectiveSpec[] = Object.values(DIRECTIVES) as DirectiveSpec[];

/** The word a directive is written with in haproxy.cfg. */
export const keywordOf = (d: DirectiveSpec): string => d.keyword ?? d.name;

/** The entry of a modelled directive, by its node kind. */
export function directiveSpec(name: string): DirectiveSpec | undefined {
  return Object.hasOwn(DIRECTIVES, name) ? (DIRECTIVES as Record<string, DirectiveSpec>)[name] : undefined;
}

/** The entry of the directive a line of a `global` or proxy section starts with (its keyword). */
export function directiveOf(context: 'global' | 'proxy', keyword: string): DirectiveSpec | undefined {
  return DIRECTIVE_LIST.find((d) => d.context === context && keywordOf(d) === keyword);
}

/** A typed node as its canonical line. */
export function printNode(node: NodeOf<ConfigNodeKind>): string {
  return (DIRECTIVES[node.kind] as DirectiveSpec).print(node);
}

/** Applies a node to what it sets (proxy settings or global settings). */
export function applyNode<C extends keyof Targets>(target: Targets[C], d: { readonly node?: NodeOf<ConfigNodeKind>; readonly words: readonly Word[] }): void {
  if (!d.node) return;
  const spec = DIRECTIVES[d.node.kind] as DirectiveSpec<ConfigNodeKind, keyof Targets>;
  spec.apply?.(target, d.node, d.words);
}
