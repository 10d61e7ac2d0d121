/**
 * The bridge between the script's requests and core/routing: the request as routing reads it,
 * and the trace events of the decision (`route`, `answer`, the use-server target).
 */
import type { FrontendSide, SimConfig } from '../model/config';
import type { Routing, Sample } from '../model/routing';
import { entryFor, isEntryError, type Entry } from '../routing/entry';
import type { RequestView } from '../routing/request';
import { entryRouting, route, type RouteDecision } from '../routing/route';
import { headerField } from '../scenario/requestOptions';
import type { Condition } from '../trace/events';
import type { EventInput } from './writer/writer';
import type { Client, Request } from './types';

/** The port a client connects to when the configuration gives none (no routing, or no bind port). */
const FRONTEND_PORT = { plain: 80, tls: 443 } as const;

/** The frontend the client connection entered, and its port (compile checked `open … to`). */
export function entryOf(routing: Routing | undefined, c: Client): Entry {
  const fallback = { proxy: routing?.entry ?? null, port: c.tls ? FRONTEND_PORT.tls : FRONTEND_PORT.plain };
  if (!routing) return fallback;
  const e = entryFor(routing, { tls: c.tls !== null, to: c.to });
  return isEntryError(e) ? fallback : e;
}

/**
 * The listening socket a client connection enters when its bind line has a `maxconn` (null
 * otherwise: the frontend's and the process's limits apply alone). A port of a range is a socket
 * of its own (listener.c).
 */
export function listenerOf(config: SimConfig, c: Client): { readonly key: string; readonly maxconn: number } | null {
  if (!config.routing) return null;
  const e = entryOf(config.routing, c);
  const max = e.bind?.maxconn ?? 0;
  return max > 0 ? { key: `${e.proxy ?? ''}:${e.bind!.line}:${e.port}`, maxconn: max } : null;
}

/**
 * The client-side settings a new session reads: those of the frontend its client entered (the
 * listener's proxy becomes sess->fe), else the configuration's single set.
 */
export function frontendSideOf(config: SimConfig, c: Client, single: FrontendSide): FrontendSide {
  const sides = config.frontendSides;
  if (!sides) return single;
  const name = entryOf(config.routing, c).proxy;
  return (name !== null && sides[name]) || single;
}

/** The configuration's single set of client-side settings (the entry frontend's, or the defaults). */
export const singleFrontendSide = (config: SimConfig): FrontendSide =>
  ({
    mode: config.frontendMode, timeouts: config.timeouts, maxSessionSrvConns: config.maxSessionSrvConns,
    ...(config.frontendMaxconn ? { maxconn: config.frontendMaxconn } : {}),
    ...(config.frontendName !== undefined ? { name: config.frontendName } : {}),
    ...(config.frontendAbortOnClose ? { abortOnClose: true } : {}),
    ...(config.frontendTcp ? { tcp: true } : {}),
  });

/** A client without `from` gets a documentation address of its own (RFC 5737), stable per name. */
export function defaultSource(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `198.51.100.${1 + (h % 254)}`;
}

/** What a rule reads of a client connection before any request (tcp-request rules, mode tcp): its address, port and TLS name. */
export function connectionView(c: Client, port: number): RequestView {
  return { method: '', uri: '', headers: [], version: '1.1', src: c.from ?? defaultSource(c.name), dstPort: port, ssl: c.tls !== null, sni: c.tls?.sni ?? null };
}

export function requestView(req: Request, port?: number): RequestView {
  const spec = req.spec;
  const c = req.client;
  const headers: { name: string; value: string }[] = [];
  // h2's :authority becomes the Host header (h2_make_htx_request); h1 sends Host first.
  if (spec.host) headers.push({ name: 'host', value: spec.host.text.replace(/^["']|["']$/g, '') });
  for (const w of spec.headers ?? []) {
    const f = headerField(w);
    if (f) headers.push(f);
  }
  // The cookies the client keeps (set by HAProxy's `cookie … insert`) travel in a Cookie field of
  // their own after the script's, as a browser, and verify's clients, send them (./persistence.ts).
  if (c.cookies && c.cookies.size > 0) headers.push({ name: 'cookie', value: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') });
  return {
    method: spec.method, uri: spec.path, headers, version: c.proto === 'h2' ? '2.0' : '1.1',
    src: c.session?.src ?? c.from ?? defaultSource(c.name), dstPort: port ?? (c.tls ? FRONTEND_PORT.tls : FRONTEND_PORT.plain),
    ssl: c.tls !== null, sni: c.tls?.sni ?? null,
  };
}

/** Does this configuration have any rule that could route or answer differently per request? */
export function routingMatters(routing: Routing | undefined): boolean {
  if (!routing) return false;
  const entry = routing.entry !== null ? entryRouting(routing, routing.entry) : undefined;
  return [...Object.values(routing.proxies), ...Object.values(routing.frontendsByName ?? {})].some(
    (p) => p.switching.length > 0 || p.httpRequest.length > 0 || p.redirects.length > 0 || p.stats !== null || p.serverRules.length > 0 || p.sticking !== undefined || p.tcpContent !== undefined || !p.hasServers,
  ) || (entry !== undefined && !entry.defaultBackend && !entry.isBackend)
    || (routing.frontends?.length ?? 0) > 1;
}

/**
 * The decision, with the frontend that took the request when the configuration has several.
 * `procVars`: the run's `proc.` variables (the caller keeps them across requests).
 */
export function decide(config: SimConfig, req: Request, procVars?: Map<string, Sample>): (RouteDecision & { frontend?: string }) | null {
  const r = config.routing;
  if (!r) return null;
  const e = entryOf(r, req.client);
  const view = requestView(req, e.port);
  // `sess.` variables live with the client connection, `proc.` ones with the run (vars.c of v2.6.0).
  const sess = req.client.session;
  const scoped = setsScopedVars(r) && sess ? { ...view, sessionVars: (sess.vars ??= new Map()), ...(procVars ? { procVars } : {}) } : view;
  const d = route(r, scoped, config.defaultBackend, e.proxy);
  // 1.9's set-src changes the client connection's address (Session.src).
  const changed = 'request' in d ? d.request : undefined;
  if (config.engine !== 'modern' && sess && changed && changed.src !== view.src) sess.src = changed.src;
  return (r.frontends?.length ?? 0) > 1 && e.proxy !== null ? { ...d, frontend: e.proxy } : d;
}

type Input<K extends EventInput['kind']> = Extract<EventInput, { kind: K }>;

const SCOPED_VARS = new WeakMap<Routing, boolean>();
/** Does a rule set a `sess.` or `proc.` variable (so requests carry the connection's and the run's)? */
function setsScopedVars(routing: Routing): boolean {
  let v = SCOPED_VARS.get(routing);
  if (v === undefined) {
    const proxies = [...Object.values(routing.proxies), ...Object.values(routing.frontendsByName ?? {})];
    v = proxies.some((p) => p.httpRequest.some((rule) => rule.setVar !== undefined && /^(sess|proc)\./.test(rule.setVar.name)));
    SCOPED_VARS.set(routing, v);
  }
  return v;
}

const condsOf = (d: { cond: { terms: readonly Condition[] } | null }): Condition[] | undefined =>
  d.cond && d.cond.terms.length > 0 ? [...d.cond.terms] : undefined;

/** The `route` event of a request routed to a backend. */
export function routeEvent(d: Extract<RouteDecision, { kind: 'backend' }> & { frontend?: string }, req: Request): Input<'route'> {
  const c = d.choice;
  const decision = c.how === 'use_backend' ? 'B1' : c.how === 'only' ? 'B3' : 'B2';
  const conds = condsOf(c) ?? [];
  if (c.unresolved !== undefined) conds.push({ label: 'log-format backend name', value: `${c.unresolved} (no such backend)` });
  return {
    kind: 'route', decision, request: req.id, stream: req.stream?.id, backend: c.backend, ...(d.frontend ? { frontend: d.frontend } : {}),
    ...(c.rule ? { rule: c.rule.line, message: c.rule.text } : {}), ...(conds.length ? { conds } : {}),
  };
}

/** H8: a note per http-request rule that changed the request on its way (set-header, set-path…). */
export function rewriteEvents(d: RouteDecision, req: Request): Input<'note'>[] {
  return (d.rewrites ?? []).map((w) => ({
    kind: 'note', decision: 'H8', request: req.id, stream: req.stream?.id,
    message: `request ${req.id}: ${w.what} (line ${w.rule.line} of ${w.rule.defaults !== undefined ? `defaults ${w.rule.defaults}, for ${w.proxy}` : w.proxy}: ${w.rule.text})`,
    ...(condsOf(w) ? { conds: condsOf(w) } : {}),
  }));
}

/** The `answer` event of a request HAProxy answered itself. */
export function answerEvent(d: Extract<RouteDecision, { kind: 'answer' }> & { frontend?: string }, req: Request): Input<'answer'> {
  const decision = ({
    stats: 'H1', 'http-request deny': 'H2', 'http-request return': 'H3', 'http-request redirect': 'H4', redirect: 'H4',
    'http-request auth': 'H5', 'http-request tarpit': 'H6', 'http-request reject': 'H7', 'http-request use-service': 'H9', 'monitor-uri': 'H10', 'tcp-request content reject': 'H12', 'no backend': 'B4', 'no server': 'B5',
  } as const)[d.by];
  const text = d.rule?.text ?? (d.by === 'no backend' ? `no use_backend rule matched and '${d.proxy}' has no default_backend` : `backend '${d.backend ?? d.proxy}' has no server`);
  return {
    kind: 'answer', decision, request: req.id, stream: req.stream?.id, ...(d.status > 0 ? { status: d.status } : {}), answeredBy: d.by,
    ...(d.frontend ? { frontend: d.frontend } : {}), ...(d.backend ? { backend: d.backend } : {}), ...(d.rule ? { rule: d.rule.line } : {}),
    message: d.location ? `${text} → Location: ${d.location.replace(/^(location|prefix|scheme) /, '')}` : text,
    ...(condsOf(d) ? { conds: condsOf(d) } : {}),
  };
}

/**
 * Whether HAProxy closes the client connection after its own answer. The reading of
 * http_ana.c:584-586 (http_reply_and_close) suggests deny and 503 do; Debian's 2.6.12 keeps an
 * HTTP/1.1 client connection open after every one of them (deny, return, redirect, stats, 503
 * no server: curl reuses it), and the binary wins: none closes it.
 */
export function answerCloses(_d: Extract<RouteDecision, { kind: 'answer' }>): boolean {
  return false;
}
