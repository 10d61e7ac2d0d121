/**
 * The haproxy.cfg keywords the routing reads that are not directives of the grammar table
 * (grammar/directives.ts): which of their forms the simulation models, and the hover doc that says
 * so. One place for both: the parser asks `isModelledRoutingLine` whether a line is read (else it
 * warns "ignored"), the keyword table (keywords.ts) takes its docs from here. Pure.
 */
import type { Word } from '../ast';
import { isRewriteAction, REWRITE_ACTIONS } from './rewrite';

/** `http-request` actions the router evaluates (http_act.c / http_rules.c at v2.6.0); the others are ignored. */
export const HTTP_REQUEST_ACTIONS = ['deny', 'return', 'redirect', 'auth', 'allow', 'tarpit', 'reject', 'use-service'] as const;
/** `tcp-request` forms the router evaluates (tcp_rules.c of v2.6.0); the others (track-sc, set-var…) are ignored. */
export const TCP_REQUEST_FORMS = ['connection accept', 'connection reject', 'content accept', 'content reject', 'inspect-delay'] as const;
const tcpRequestForm = (ws: readonly Word[]) => (ws[1]?.text === 'inspect-delay' ? 'inspect-delay' : `${ws[1]?.text ?? ''} ${ws[2]?.text ?? ''}`);
/** `stats` forms that make the proxy answer its statistics URI (uri_auth); the others are ignored. */
export const STATS_FORMS = ['enable', 'uri', 'auth', 'realm'] as const;

/**
 * `set-var(SCOPE.NAME)` of a scope the router keeps: `txn` and `req` (one request), `sess` (the
 * client connection: its later requests see it) and `proc` (the whole run). `check` is not kept.
 */
export function isTxnSetVar(action: string | undefined): boolean {
  return action !== undefined && /^set-var(-fmt)?\((txn|req|sess|proc)\.[A-Za-z0-9_.-]+\)$/.test(action);
}

export interface RoutedKeyword {
  readonly name: string;
  /** `proxy`: a line's first word in a proxy section; `timeout`: the word after `timeout`. */
  readonly context: 'proxy' | 'timeout';
  readonly syntax: string;
  /** What the simulation does with the line, and which forms it ignores. */
  readonly doc: string;
  /** Whether a line (its words from the keyword on) is one the routing reads. */
  readonly reads: (ws: readonly Word[]) => boolean;
  /** Where only some second words are read: those (the "ignored" warning of the others lists them). */
  readonly forms?: readonly string[];
}

const has = (xs: readonly string[], v: string | undefined) => v !== undefined && xs.includes(v);
const list = (xs: readonly string[]) => xs.join(', ');

export const ROUTED_KEYWORDS: readonly RoutedKeyword[] = [
  {
    name: 'bind', context: 'proxy', syntax: 'bind [ADDR]:PORT[-PORT][,…] [ssl] [options]',
    doc: 'The ports a frontend or listen listens on. Modelled: its ports and `ssl` choose the frontend a client connection enters (`open A h1 to :443`, or by TLS without `to`); `maxconn N` limits the client connections each of its listening sockets accepts at once (the others wait in the listen backlog). Not modelled: the address itself and the other bind options (crt, alpn, accept-proxy…).',
    reads: () => true,
  },
  {
    name: 'stats', context: 'proxy', syntax: 'stats enable | stats uri PREFIX | stats auth USER:PASS | stats realm REALM',
    doc: `Statistics page. Modelled: ${list(STATS_FORMS.map((f) => `stats ${f}`))} make HAProxy answer requests whose path starts with the URI (default /haproxy?stats) itself: 200, or 401 when \`stats auth\` is set and the request's basic credentials are none of its USER:PASS pairs. Other stats lines (refresh, hide-version, admin…) are ignored by the simulation (warning).`,
    reads: (ws) => has(STATS_FORMS, ws[1]?.text),
    forms: STATS_FORMS,
  },
  {
    name: 'http-request', context: 'proxy', syntax: 'http-request ACTION [options] [if|unless COND]',
    doc: `HTTP request rules, in order, with their conditions. Modelled actions: ${list(HTTP_REQUEST_ACTIONS)} (HAProxy answers itself: deny 403 or deny_status, return 200 or status, redirect, auth 401, tarpit waits \`timeout tarpit\` then 500, reject closes the connection; use-service prometheus-exporter answers 200, or 400 for a query it cannot parse, a Lua service is taken as answering 200; allow stops the rules), set-var(txn.NAME|req.NAME|sess.NAME|proc.NAME) EXPR and set-var-fmt(…) FMT (2.5+: a log-format string), which later rules read with var() (sess: the client connection's later requests too; proc: every request after it), and the actions that change the request the later rules and use_backend read: ${list(Object.keys(REWRITE_ACTIONS))} (a format may use %[…] sample expressions). Other actions (set-var of the check scope, track-sc…) are ignored by the simulation (warning).`,
    reads: (ws) => has(HTTP_REQUEST_ACTIONS, ws[1]?.text) || isTxnSetVar(ws[1]?.text) || isRewriteAction(ws[1]?.text),
    forms: [...HTTP_REQUEST_ACTIONS, ...Object.keys(REWRITE_ACTIONS)],
  },
  {
    name: 'tcp-request', context: 'proxy', syntax: 'tcp-request connection|content accept|reject [if|unless COND] | tcp-request inspect-delay TIME',
    doc: 'Rules on a client connection before any HTTP, in order: the first whose condition holds decides. `connection` rules (a frontend or listen) run when a connection is accepted: `reject` closes it at once (a reset; no session, no request read). `content` rules run when a stream starts — in mode http with each request, in mode tcp when the client connects — `reject` closes the client connection without an answer; `accept` ends the rules. A condition reads the connection (`src`, `dst_port`, the TLS name) and, in mode http, the request. `inspect-delay` is read as letting the client’s first bytes arrive (its TLS hello: `req.ssl_sni`). Other actions (track-sc, set-var, expect-proxy…) are ignored by the simulation (warning).',
    reads: (ws) => has(TCP_REQUEST_FORMS, tcpRequestForm(ws)),
    forms: TCP_REQUEST_FORMS,
  },
  {
    name: 'redirect', context: 'proxy', syntax: 'redirect location|prefix|scheme TARGET [code N] [if|unless COND]',
    doc: 'An HTTP redirection HAProxy answers itself (302 unless `code` 301, 303, 307 or 308), when its condition holds. Not modelled: the options that change the Location or add a cookie (drop-query, append-slash, set-cookie…).',
    reads: () => true,
  },
  {
    name: 'stick', context: 'proxy', syntax: 'stick on|match|store-request|store-response PATTERN [table NAME] [if|unless COND]',
    doc: 'Stickiness on a stick table of the backend (stream.c process_sticking_rules, process_store_rules of v2.6.0): `match` sends a request whose key (the pattern\'s value: `src`, `req.cook(sid)`…) is in the table to the server stored for it, if up, before load balancing (after use-server rules and a persistence cookie); `store-request` stores the key with the server that answered, when the response comes (the first rule per table); `on` does both. `table NAME` uses another proxy\'s table (a backend that only holds one, say), shared by every rule that names it: an entry names its server as written, and each backend finds its own server of that name. `store-response res.cook(NAME)` stores the value of the cookie the server\'s response sets (a `servers` line `S set-cookie NAME` makes the emulated server start one), for `match req.cook(NAME)` to find. Every engine. Not modelled: other response fetches, and a condition on `store-response`.',
    reads: (ws) => ['on', 'match', 'store-request', 'store-response'].includes(ws[1]?.text ?? ''),
    forms: ['on', 'match', 'store-request', 'store-response'],
  },
  {
    name: 'stick-table', context: 'proxy', syntax: 'stick-table type ip|ipv6|integer|string|binary [len N] size N [expire T] [store …]',
    doc: 'The proxy\'s stick table, for its `stick` rules. Modelled: `expire T` (an entry neither matched nor stored for T is gone; none: entries stay). Not modelled: `size` (no entry is ever pushed out), the stored counters (`store …`) and `peers`.',
    reads: () => true,
  },
  {
    name: 'use-server', context: 'proxy', syntax: 'use-server NAME if|unless COND',
    doc: 'Sends the request to server NAME of this backend when its condition holds, before load balancing (as `to SERVER` does in the script). A line without a condition or naming no server of the section is refused by HAProxy and ignored by the simulation (warning).',
    reads: () => true,
  },
  {
    name: 'monitor-uri', context: 'proxy', syntax: 'monitor-uri URI',
    doc: 'In a frontend or listen (or defaults): HAProxy answers requests for this URI itself, before any http-request rule, with 200 — or 503 when a `monitor fail` condition holds. A URI starting with / is compared with the request\'s path, any other with the whole request URI.',
    reads: () => true,
  },
  {
    name: 'monitor', context: 'proxy', syntax: 'monitor fail if|unless COND',
    doc: 'Makes the `monitor-uri` answer 503 instead of 200 when the condition holds (several lines: any of them). Not allowed in defaults.',
    reads: (ws) => ws[1]?.text === 'fail',
    forms: ['fail'],
  },
  {
    name: 'tarpit', context: 'timeout', syntax: 'timeout tarpit TIME',
    doc: 'How long `http-request tarpit` holds a request before answering (the rule\'s proxy\'s own value, else its defaults\', else its `timeout connect`). Nothing else reads it.',
    reads: () => true,
  },
];

/** The routed keyword of a context, or undefined. */
export function routedKeyword(context: RoutedKeyword['context'], name: string): RoutedKeyword | undefined {
  return ROUTED_KEYWORDS.find((k) => k.context === context && k.name === name);
}

/** A proxy-section line the routing reads (the parser does not call it ignored). */
export function isModelledRoutingLine(ws: readonly Word[]): boolean {
  const k = ws[0]?.text;
  return k !== undefined && routedKeyword('proxy', k)?.reads(ws) === true;
}

/**
 * The warning for a proxy line of a routed keyword in a form the routing does not read
 * (`http-request set-header …`): what is ignored and which forms are modelled. Null for other lines.
 */
export function unreadFormMessage(ws: readonly Word[]): string | null {
  const k = routedKeyword('proxy', ws[0]?.text ?? '');
  if (!k?.forms || k.reads(ws)) return null;
  // Forms of two words (`tcp-request content reject`): the line's first two after the keyword.
  const two = k.forms.some((f) => f.startsWith(`${ws[1]?.text} `)) && ws[2];
  const what = ws[1] ? `${k.name} ${ws[1].text}${two ? ` ${ws[2]!.text}` : ''}` : k.name;
  return `'${what}' is ignored by the simulation (it models ${k.name} ${k.forms.join(', ')})`;
}
